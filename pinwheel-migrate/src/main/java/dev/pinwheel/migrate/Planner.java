package dev.pinwheel.migrate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a current state (the version table's rows) and a target into {@link Step}s. Pure, and
 * linear in the number of revisions. The version table always holds the heads of the applied
 * set: applying a revision replaces those of its parents that are rows; removing one brings back
 * each parent that no other applied revision builds on.
 */
final class Planner {

    private Planner() {
    }

    static List<Step> upgrade(RevisionGraph g, List<Revision> current, List<Revision> destination) {
        BitSet applied = g.ancestorsOf(current);
        BitSet needed = g.ancestorsOf(destination);
        needed.andNot(applied);
        Set<String> rows = ids(current);
        List<Step> steps = new ArrayList<>();
        for (Revision r : g.ordered(needed, false)) {
            List<String> removed = new ArrayList<>();
            for (String p : r.downRevisions()) {
                if (rows.remove(p)) {
                    removed.add(p);
                }
            }
            rows.add(r.id());
            steps.add(new Step(r, Direction.UPGRADE, removed, List.of(r.id())));
        }
        return steps;
    }

    static List<Step> downgrade(RevisionGraph g, List<Revision> current, BitSet removal) {
        BitSet applied = g.ancestorsOf(current);
        BitSet remove = (BitSet) removal.clone();
        remove.and(applied);
        Set<String> rows = ids(current);
        List<Step> steps = new ArrayList<>();
        for (Revision r : g.ordered(remove, true)) {
            applied.clear(g.indexOf(r.id()));
            rows.remove(r.id());
            List<String> added = new ArrayList<>();
            for (Revision p : g.parents(r)) {
                if (!applied.get(g.indexOf(p.id())) || rows.contains(p.id())) {
                    continue;
                }
                boolean stillBuiltOn = false;
                for (Revision c : g.children(p)) {
                    if (applied.get(g.indexOf(c.id()))) {
                        stillBuiltOn = true;
                        break;
                    }
                }
                if (!stillBuiltOn) {
                    rows.add(p.id());
                    added.add(p.id());
                }
            }
            steps.add(new Step(r, Direction.DOWNGRADE, List.of(r.id()), added));
        }
        return steps;
    }

    /**
     * The rows after stamping {@code destination}: rows on the same line as a destination
     * (its ancestors or descendants) give way to it; with {@code purge}, every row does.
     */
    static List<String> stampRows(RevisionGraph g, List<String> currentRows, List<Revision> destination, boolean purge) {
        Set<String> rows = new LinkedHashSet<>();
        if (!purge) {
            BitSet related = g.ancestorsOf(destination);
            related.or(g.descendantsOf(destination));
            for (String row : currentRows) {
                if (g.get(row).isEmpty() || !related.get(g.indexOf(row))) {
                    rows.add(row);
                }
            }
            if (destination.isEmpty()) {
                rows.clear();
            }
        }
        for (Revision d : destination) {
            rows.add(d.id());
        }
        return List.copyOf(rows);
    }

    private static Set<String> ids(List<Revision> revisions) {
        Set<String> out = new LinkedHashSet<>();
        for (Revision r : revisions) {
            out.add(r.id());
        }
        return out;
    }
}
