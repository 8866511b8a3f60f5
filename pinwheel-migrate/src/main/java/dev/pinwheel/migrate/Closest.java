package dev.pinwheel.migrate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * "Did you mean" candidates for a misspelt key, revision id or label: the known names within a
 * small edit distance, or that the input is a prefix of (a shortened id). Only runs on the error
 * path, so a plain scan over every name is fine even for ten thousand revisions.
 */
final class Closest {

    private Closest() {
    }

    /** Up to {@code max} names closest to {@code input}, best first; empty when none is close. */
    static List<String> to(String input, Collection<String> names, int max) {
        if (input.isEmpty()) {
            return List.of();
        }
        int limit = Math.max(1, input.length() / 3);
        record Scored(String name, int score) {
        }
        List<Scored> found = new ArrayList<>();
        for (String name : names) {
            if (name.equals(input)) {
                continue;
            }
            int score = name.startsWith(input) || input.startsWith(name) ? 0 : distance(input, name, limit);
            if (score <= limit) {
                found.add(new Scored(name, score));
            }
        }
        found.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return found.stream().limit(max).map(Scored::name).toList();
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}. */
    static String quotedOr(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : i == names.size() - 1 ? " or " : ", ").append('\'').append(names.get(i)).append('\'');
        }
        return b.toString();
    }
}
