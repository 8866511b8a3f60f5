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
        return Optional.empty();
    }

    /**
     * The candidate nearest to {@code name} (normalized) within {@code max(1, min(3, length / 4))}
     * edits; ties go to the first in {@code candidates}' order. Candidates are normalized first;
     * invalid ones and the name itself are skipped.
     */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        String want = normalize(name);
        String wantBare = want.replace("-", "");
        int limit = Math.max(1, Math.min(3, want.length() / 4));
        String best = null;
        int bestDistance = limit + 1;
        for (String raw : candidates) {
            String candidate = normalize(raw);
            if (candidate.isEmpty() || candidate.equals(want) || Math.abs(candidate.length() - want.length()) > limit + 1) {
                continue;
            }
            String bare = candidate.replace("-", "");
            // separators only: as near as a name can be without being the same
            int d = bare.equals(wantBare) ? 0 : distance(want, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
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
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
