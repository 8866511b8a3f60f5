package dev.pinwheel.migrate;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Alembic's target forms: {@code head}, {@code heads}, {@code base}, full or partial ids, branch
 * labels, {@code label@head}, {@code label@base}, {@code +N}, {@code -N}, {@code rev+N},
 * {@code rev-N}. Relative forms walk one revision at a time and refuse to guess at a branch or
 * merge point.
 */
final class Targets {

    private static final Pattern RELATIVE = Pattern.compile("(.*?)([+-])(\\d+)");

    private Targets() {
    }

    /** The revisions an upgrade must reach. Empty means base (nothing to apply). */
    static List<Revision> upgradeTo(RevisionGraph g, String target, List<Revision> current) {
        return resolve(g, target, current, true);
    }

    /** The revisions a downgrade must remove (the destination's strict descendants), before intersecting with what is applied. */
    static BitSet downgradeRemoval(RevisionGraph g, String target, List<Revision> current) {
        if (target.equals("base")) {
            BitSet all = new BitSet(g.size());
            all.set(0, g.size());
            return all;
        }
        if (target.endsWith("@base")) {
            Revision labelled = labelRevision(g, target.substring(0, target.length() - 5));
            return g.descendantsOf(List.of(labelled));
        }
        Matcher m = RELATIVE.matcher(target);
        if (m.matches() && g.get(target).isEmpty() && m.group(2).equals("-")) {
            String from = m.group(1);
            int steps = Integer.parseInt(m.group(3));
            Revision start = from.isEmpty() ? single(g, current, target, "current") : one(g, resolve(g, from, current, false), target);
            Optional<Revision> dest = back(g, start, steps, target);
            if (dest.isEmpty()) {
                // Stepped off a base: remove the whole line down to and including that base.
                Revision r = start;
                for (int i = 1; i < steps; i++) {
                    r = g.parents(r).get(0);
                }
                return g.descendantsOf(List.of(r));
            }
            return strictDescendants(g, dest.get());
        }
        List<Revision> dest = resolve(g, target, current, false);
        BitSet removal = new BitSet(g.size());
        removal.set(0, g.size());
        if (dest.isEmpty()) {
            return removal;
        }
        BitSet keep = g.ancestorsOf(dest);
        BitSet under = new BitSet(g.size());
        for (Revision d : dest) {
            under.or(strictDescendants(g, d));
        }
        under.andNot(keep);
        return under;
    }

    private static BitSet strictDescendants(RevisionGraph g, Revision r) {
        BitSet d = g.descendantsOf(List.of(r));
        d.clear(g.indexOf(r.id()));
        return d;
    }

    /**
     * Resolves a target to revisions ({@code heads} may give several; {@code base}, none).
     *
     * @param forward whether {@code +N} counts from the current revisions (upgrade) — {@code -N} always does
     */
    static List<Revision> resolve(RevisionGraph g, String target, List<Revision> current, boolean forward) {
        switch (target) {
            case "heads":
                return g.heads();
            case "head":
                // No scripts at all: "head" is base, as in Alembic.
                return g.isEmpty() ? List.of() : List.of(singleHead(g, g.heads(), "head"));
            case "base":
                return List.of();
            case "current":
                return current;
            default:
                break;
        }
        if (g.get(target).isPresent()) {
            return List.of(g.get(target).get());
        }
        if (target.endsWith("@head")) {
            Revision labelled = labelRevision(g, target.substring(0, target.length() - 5));
            return List.of(singleHead(g, g.headsFrom(labelled), target));
        }
        if (target.endsWith("@base")) {
            Revision labelled = labelRevision(g, target.substring(0, target.length() - 5));
            Optional<Revision> below = back(g, labelled, 1, target);
            return below.map(List::of).orElse(List.of());
        }
        Matcher m = RELATIVE.matcher(target);
        if (m.matches()) {
            String from = m.group(1);
            int steps = Integer.parseInt(m.group(3));
            boolean plus = m.group(2).equals("+");
            if (from.isEmpty()) {
                if (current.isEmpty()) {
                    if (!plus) {
                        throw DbException.badInput("cannot go " + target + " from base: nothing is applied");
                    }
                    List<Revision> bases = g.bases();
                    if (bases.size() != 1) {
                        throw DbException.badInput("'" + target + "' is ambiguous from base: there are " + bases.size()
                                + " bases (" + ids(bases) + ")", "name a revision or use label@+N");
                    }
                    return steps == 0 ? List.of() : List.of(forward(g, bases.get(0), steps - 1, target));
                }
                Revision start = single(g, current, target, "current");
                if (plus) {
                    return List.of(forward(g, start, steps, target));
                }
                return back(g, start, steps, target).map(List::of).orElse(List.of());
            }
            Revision start = one(g, resolve(g, from, current, forward), target);
            if (plus) {
                return List.of(forward(g, start, steps, target));
            }
            return back(g, start, steps, target).map(List::of).orElse(List.of());
        }
        return List.of(g.lookup(target));
    }

    private static Revision one(RevisionGraph g, List<Revision> revs, String target) {
        if (revs.size() != 1) {
            throw DbException.badInput("'" + target + "' does not name a single revision"
                    + (revs.isEmpty() ? "" : " (it names " + ids(revs) + ")"));
        }
        return revs.get(0);
    }

    static Revision singleHead(RevisionGraph g, List<Revision> heads, String target) {
        if (heads.isEmpty()) {
            throw DbException.badInput("there are no revisions yet", "create one with `pinwheel db revision -m MESSAGE`");
        }
        if (heads.size() > 1) {
            throw DbException.badInput("Multiple head revisions are present for given argument '" + target + "': "
                            + ids(heads),
                    "merge them with `pinwheel db merge -m \"merge heads\" " + heads.stream().map(Revision::id)
                            .collect(Collectors.joining(" ")) + "`, or name one head ('<branch>@head' or its id), or use 'heads' for all");
        }
        return heads.get(0);
    }

    private static Revision single(RevisionGraph g, List<Revision> current, String target, String what) {
        if (current.size() != 1) {
            throw DbException.badInput("'" + target + "' is relative to the " + what + " revision, but the database is at "
                    + current.size() + " revisions (" + ids(current) + ")", "name a revision instead, e.g. <id>" + target);
        }
        return current.get(0);
    }

    private static Revision labelRevision(RevisionGraph g, String label) {
        Revision r = g.branchLabels().get(label);
        return r != null ? r : g.lookup(label);
    }

    private static Revision forward(RevisionGraph g, Revision start, int steps, String target) {
        Revision r = start;
        for (int i = 0; i < steps; i++) {
            List<Revision> next = g.children(r);
            if (next.isEmpty()) {
                throw DbException.badInput("'" + target + "' goes past the head " + r.id()
                        + " (only " + i + " newer revision" + (i == 1 ? "" : "s") + ")");
            }
            if (next.size() > 1) {
                throw DbException.badInput("'" + target + "' is ambiguous: " + r.id() + " branches into " + ids(next),
                        "name the revision to go to");
            }
            r = next.get(0);
        }
        return r;
    }

    /** Walks back; empty means it reached base exactly. */
    private static Optional<Revision> back(RevisionGraph g, Revision start, int steps, String target) {
        Revision r = start;
        for (int i = 0; i < steps; i++) {
            List<Revision> ps = g.parents(r);
            if (ps.isEmpty()) {
                if (i == steps - 1) {
                    return Optional.empty();
                }
                throw DbException.badInput("'" + target + "' goes past base (only " + (i + 1) + " revision"
                        + (i == 0 ? "" : "s") + " down)");
            }
            if (ps.size() > 1) {
                throw DbException.badInput("'" + target + "' is ambiguous: " + r.id() + " merges " + ids(ps),
                        "name the revision to go to");
            }
            r = ps.get(0);
        }
        return Optional.of(r);
    }

    static String ids(List<Revision> revs) {
        return revs.stream().map(Revision::id).collect(Collectors.joining(", "));
    }
}
