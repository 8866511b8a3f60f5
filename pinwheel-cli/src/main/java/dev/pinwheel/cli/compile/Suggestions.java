package dev.pinwheel.cli.compile;

import dev.pinwheel.index.IndexClient;
import dev.pinwheel.packaging.ProjectName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The closest existing name for a project no index knows: first a name seen in this run within a
 * small edit distance (typos: {@code fastpi}), then the usual spelling variants checked against
 * the index ({@code dotenv} / {@code python-dotenv}, {@code jwt} / {@code pyjwt},
 * {@code psycopg2binary} / {@code psycopg2-binary}). Only runs on the error path.
 */
final class Suggestions {

    private Suggestions() {
    }

    static Optional<ProjectName> closest(ProjectName missing, Collection<ProjectName> seen, IndexClient client) {
        String name = missing.toString();
        ProjectName best = null;
        int bestDistance = Math.max(1, Math.min(2, name.length() / 4));
        for (ProjectName candidate : seen) {
            int d = distance(name, candidate.toString());
            if (d > 0 && d <= bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        for (String variant : variants(name)) {
            try {
                ProjectName candidate = ProjectName.parse(variant);
                if (!candidate.equals(missing) && client.page(candidate).exists()) {
                    return Optional.of(candidate);
                }
            } catch (dev.pinwheel.packaging.PinwheelException e) {
                // Not a valid name, or the index failed: no suggestion from this variant.
            }
        }
        return Optional.empty();
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

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
