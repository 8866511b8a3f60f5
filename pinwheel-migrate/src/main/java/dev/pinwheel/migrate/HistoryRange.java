package dev.pinwheel.migrate;

import java.util.BitSet;
import java.util.List;

/** Which revisions {@code db history -r FROM:TO} and {@code db show} mean, newest first. */
public final class HistoryRange {

    private HistoryRange() {
    }

    /**
     * The revisions between {@code FROM} and {@code TO}, both included ({@code FROM} defaults to
     * base, {@code TO} to heads); {@code null} means all.
     *
     * @param current the database's revisions, for {@code current} and relative forms
     */
    public static List<Revision> select(RevisionGraph graph, String range, List<Revision> current) {
        String from = "base";
        String to = "heads";
        if (range != null && !range.isBlank()) {
            int colon = range.indexOf(':');
            if (colon < 0) {
                throw DbException.badInput("history range '" + range + "' needs a colon: FROM:TO, FROM: or :TO");
            }
            from = colon == 0 ? "base" : range.substring(0, colon);
            to = colon == range.length() - 1 ? "heads" : range.substring(colon + 1);
        }
        List<Revision> tops = Targets.resolve(graph, to, current, true);
        BitSet upper = graph.ancestorsOf(tops);
        List<Revision> lower = Targets.resolve(graph, from, current, false);
        if (!lower.isEmpty()) {
            upper.and(graph.descendantsOf(lower));
        }
        return graph.walkOrder(upper, tops);
    }

    /** The revisions one target names (a revision, {@code head}, {@code heads}, {@code current}, ...). */
    public static List<Revision> revisions(RevisionGraph graph, String target, List<Revision> current) {
        return Targets.resolve(graph, target, current, true);
    }
}
