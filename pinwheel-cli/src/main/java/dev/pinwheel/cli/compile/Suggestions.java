package dev.pinwheel.cli.compile;

import dev.pinwheel.index.IndexClient;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The closest existing name for a project no index knows, in three steps: (1) a name seen in
 * this run (inputs, old pins, pages fetched) within a small edit distance ({@code fastpi});
 * (2) the nearest name in the index's own project list when that list is cheap to get (a local
 * or private index, or a root page already cached; never PyPI's tens of megabytes); (3) the
 * usual spelling variants checked against the index ({@code dotenv} / {@code python-dotenv},
 * {@code jwt} / {@code pyjwt}). Distances are Damerau-Levenshtein over normalized names, and
 * names that differ only in separators ({@code psycopg2binary} / {@code psycopg2-binary}) are
 * nearest of all. Only runs on the error path.
 */
public final class Suggestions {

    private Suggestions() {
    }

    static Optional<ProjectName> closest(ProjectName missing, Collection<ProjectName> seen, IndexClient client) {
        Optional<String> near = nearest(missing.toString(), seen.stream().map(ProjectName::toString).toList());
        if (near.isEmpty()) {
            try {
                near = nearest(missing.toString(), client.cheapProjectNames());
            } catch (PinwheelException e) {
                // the list could not be had: the variants below may still find something
            }
        }
        if (near.isPresent()) {
            return Optional.of(ProjectName.parse(near.get()));
        }
        for (String variant : variants(missing.toString())) {
            try {
                ProjectName candidate = ProjectName.parse(variant);
                if (!candidate.equals(missing) && client.page(candidate).exists()) {
                    return Optional.of(candidate);
                }
            } catch (PinwheelException e) {
                // Not a valid name, or the index failed: no suggestion from this variant.
            }
        }
        try {
            int length = missing.toString().length();
            int limit = limit(length);
            return nearest(missing.toString(), client.projectNames(length - limit - 1, length + limit + 4))
                    .map(ProjectName::parse);
        } catch (PinwheelException e) {
            return Optional.empty();
        }
    }

    /**
     * The candidate nearest to {@code name} (normalized) within {@code max(1, min(3, length / 4))}
     * edits; ties go to the first in {@code candidates}' order. Candidates are normalized first;
     * invalid ones and the name itself are skipped.
     */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        String want = normalize(name);
        String wantBare = want.replace("-", "");
        int limit = limit(want.length());
        String best = null;
        int bestDistance = limit + 1;
        for (String raw : candidates) {
            // PyPI lists 700,000 names: skip by length before normalizing (which never lengthens a name)
            if (raw.length() < want.length() - limit - 1) {
                continue;
            }
            String candidate = fold(raw);
            if (candidate.isEmpty() || candidate.equals(want) || Math.abs(candidate.length() - want.length()) > limit + 1) {
                continue;
            }
            String bare = candidate.replace("-", "");
            // separators only: as near as a name can be without being the same
            int d = bare.equals(wantBare) ? 0 : distance(want, candidate, bestDistance - 1);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int limit(int length) {
        return Math.max(1, Math.min(3, length / 4));
    }

    /** PEP 503 normalization without validation: lower case, each run of {@code -_.} one {@code -}. */
    static String fold(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean separator = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                separator = true;
                continue;
            }
            if (separator && out.length() > 0) {
                out.append('-');
            }
            separator = false;
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    private static String normalize(String name) {
        try {
            return ProjectName.parse(name).toString();
        } catch (PinwheelException e) {
            return "";
        }
    }

    static List<String> variants(String name) {
        Set<String> out = new LinkedHashSet<>();
        if (name.startsWith("python-")) {
            out.add(name.substring(7));
        } else {
            out.add("python-" + name);
        }
        if (name.startsWith("py") && name.length() > 3) {
            out.add(name.substring(2).replaceFirst("^-", ""));
        } else {
            out.add("py" + name);
        }
        if (name.contains("-")) {
            out.add(name.replace("-", ""));
        }
        for (String suffix : List.of("binary", "client", "sdk", "api")) {
            if (name.endsWith(suffix) && !name.endsWith("-" + suffix) && name.length() > suffix.length()) {
                out.add(name.substring(0, name.length() - suffix.length()) + "-" + suffix);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
     * substitutions and swaps of two neighbours ({@code reqeusts}) each cost one.
     */
    public static int distance(String a, String b) {
        return distance(a, b, Integer.MAX_VALUE - 1);
    }

    /**
     * The optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions),
     * or {@code bound + 1} as soon as two consecutive rows exceed {@code bound} (no later row can
     * then come back under it): most of PyPI's names are given up after a few characters.
     */
    static int distance(String a, String b, int bound) {
        int n = b.length();
        int[] older = new int[n + 1];
        int[] prev = new int[n + 1];
        int[] row = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            prev[j] = j;
        }
        boolean prevOver = false;
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            int min = row[0];
            for (int j = 1; j <= n; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, row[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, older[j - 2] + 1);
                }
                row[j] = v;
                min = Math.min(min, v);
            }
            boolean over = min > bound;
            if (over && prevOver) {
                return bound + 1;
            }
            prevOver = over;
            int[] t = older;
            older = prev;
            prev = row;
            row = t;
        }
        return Math.min(prev[n], bound + 1);
    }
}
