package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A PEP 508 environment marker such as {@code python_version < "3.11" and sys_platform == "linux"}.
 *
 * <p>Comparisons use PEP 440 when the operator and the right-hand value form a version specifier
 * and the left-hand value is a version (pre-releases included, as pip does), and compare strings
 * otherwise; {@code in} / {@code not in} test substrings; reversed operands
 * ({@code "3.8" <= python_version}) read the same way. {@code extra} compares PEP 685 normalized
 * names against the selected extras. A comparison that means nothing (say {@code ~=} on
 * non-versions) is false rather than an error, so a strange marker excludes a dependency instead
 * of aborting a resolution.
 *
 * <p>{@link #toString()} is the normalized text: canonical variable names, double quotes, single
 * spaces and only the parentheses the structure needs.
 */
public final class Marker {

    private final MarkerNode root;
    private final String text;

    private Marker(MarkerNode root) {
        this.root = root;
        this.text = root.toString();
    }

    /**
     * Parses a marker expression.
     *
     * @throws ParseException with the offending position
     */
    public static Marker parse(String text) {
        return parse(text, 0, text.length());
    }

    static Marker parse(String input, int start, int end) {
        return new Marker(new MarkerParser(input, start, end).parseWhole());
    }

    /** Evaluates with no extras selected ({@code extra == ""}). */
    public boolean evaluate(MarkerEnvironment env) {
        return root.evaluate(Objects.requireNonNull(env, "env"), Set.of());
    }

    /**
     * Evaluates with {@code extras} selected: {@code extra == "x"} is true when x is among them
     * and {@code extra != "x"} when it is not.
     */
    public boolean evaluate(MarkerEnvironment env, Set<ExtraName> extras) {
        return root.evaluate(Objects.requireNonNull(env, "env"), Objects.requireNonNull(extras, "extras"));
    }

    /** Both markers must hold. */
    public Marker and(Marker other) {
        return new Marker(combine(true, root, other.root));
    }

    /** Either marker may hold. */
    public Marker or(Marker other) {
        return new Marker(combine(false, root, other.root));
    }

    static MarkerNode combine(boolean and, MarkerNode left, MarkerNode right) {
        List<MarkerNode> parts = new ArrayList<>();
        for (MarkerNode n : List.of(left, right)) {
            if (and && n instanceof MarkerNode.And) {
                parts.addAll(((MarkerNode.And) n).parts());
            } else if (!and && n instanceof MarkerNode.Or) {
                parts.addAll(((MarkerNode.Or) n).parts());
            } else {
                parts.add(n);
            }
        }
        return and ? new MarkerNode.And(parts) : new MarkerNode.Or(parts);
    }

    /**
     * The marker with each comparison of {@code extra} with a literal decided for {@code extras}
     * ({@code extra == "x"} holds when x is among them, {@code !=} when it is not) and the
     * expression simplified: what a lock file must keep of a dependency's marker once the extras
     * are chosen (pip-tools' {@code drop_extras}, also inside {@code or}). Empty when what is left
     * holds everywhere, or nowhere ({@link #evaluate} tells which).
     */
    public Optional<Marker> withExtrasDecided(Set<ExtraName> extras) {
        Objects.requireNonNull(extras, "extras");
        Object decided = decide(root, extras);
        return decided instanceof MarkerNode n ? Optional.of(new Marker(n)) : Optional.empty();
    }

    /** Boolean.TRUE / Boolean.FALSE when the node is decided, else the simplified node. */
    private static Object decide(MarkerNode node, Set<ExtraName> extras) {
        if (node instanceof MarkerNode.Compare c) {
            if (c.extraLiteral() != null) {
                return c.decideExtra(extras);
            }
            return c;
        }
        boolean and = node instanceof MarkerNode.And;
        List<MarkerNode> parts = and ? ((MarkerNode.And) node).parts() : ((MarkerNode.Or) node).parts();
        List<MarkerNode> kept = new ArrayList<>();
        for (MarkerNode p : parts) {
            Object d = decide(p, extras);
            if (d instanceof Boolean b) {
                if (b != and) {
                    return b; // false in an and, true in an or: decides the whole
                }
            } else {
                kept.add((MarkerNode) d);
            }
        }
        if (kept.isEmpty()) {
            return and;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        MarkerNode out = kept.get(0);
        for (int i = 1; i < kept.size(); i++) {
            out = combine(and, out, kept.get(i));
        }
        return out;
    }

    /** Whether the marker mentions {@code extra} (such dependencies belong to an extra). */
    public boolean mentionsExtra() {
        return mentions(root, MarkerVariable.EXTRA);
    }

    /**
     * The extra names (normalized) that the marker compares {@code extra} with, when every such
     * comparison is against a literal and the marker does not look at {@code extras}; empty when
     * it does something else. With one extra selected that is not in
     * this set, every comparison of {@code extra} comes out the same whichever extra it is, so the
     * marker has one value for all of them.
     */
    public Optional<Set<String>> comparedExtras() {
        Set<String> names = new HashSet<>();
        return collectExtras(root, names) ? Optional.of(Set.copyOf(names)) : Optional.empty();
    }

    private static boolean collectExtras(MarkerNode node, Set<String> names) {
        if (node instanceof MarkerNode.Compare) {
            MarkerNode.Compare c = (MarkerNode.Compare) node;
            if (c.lhs().variable() == MarkerVariable.EXTRAS || c.rhs().variable() == MarkerVariable.EXTRAS) {
                return false;
            }
            if (c.lhs().variable() != MarkerVariable.EXTRA && c.rhs().variable() != MarkerVariable.EXTRA) {
                return true;
            }
            if (c.extraLiteral() == null) {
                return false; // extra compared with another variable
            }
            names.add(c.extraLiteral());
            return true;
        }
        List<MarkerNode> parts = node instanceof MarkerNode.And
                ? ((MarkerNode.And) node).parts() : ((MarkerNode.Or) node).parts();
        for (MarkerNode p : parts) {
            if (!collectExtras(p, names)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mentions(MarkerNode node, MarkerVariable variable) {
        if (node instanceof MarkerNode.Compare) {
            MarkerNode.Compare c = (MarkerNode.Compare) node;
            return c.lhs().variable() == variable || c.rhs().variable() == variable;
        }
        List<MarkerNode> parts = node instanceof MarkerNode.And
                ? ((MarkerNode.And) node).parts() : ((MarkerNode.Or) node).parts();
        for (MarkerNode p : parts) {
            if (mentions(p, variable)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker && ((Marker) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
