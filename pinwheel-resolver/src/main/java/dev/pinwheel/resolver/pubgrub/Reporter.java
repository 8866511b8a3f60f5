package dev.pinwheel.resolver.pubgrub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link DerivationTree} as numbered English lines, the way pubgrub-rs and uv do:
 * "Because A and B, C." chains, with "And because ..." continuations, and a number "(1)" after
 * a line whose conclusion is used again further down.
 */
public final class Reporter<P, V extends Comparable<V>> {

    /** How one adapter spells facts and conclusions. */
    public interface Formatter<P, V extends Comparable<V>> {
        /** An external fact, e.g. "foo==1.0 depends on bar>=2". */
        String external(DerivationTree.External<P, V> fact);

        /** The statement of an incompatibility's terms, e.g. "foo==1.0 cannot be used". */
        String terms(Map<P, Term<V>> terms);

        /** A conclusion after "Because ...,"; by default just {@link #terms}. */
        default String conclusion(Map<P, Term<V>> terms) {
            return terms(terms);
        }
    }

    private final Formatter<P, V> f;
    private final List<String> lines = new ArrayList<>();
    private final Map<Integer, Integer> refs = new HashMap<>();
    private int refCount;

    private Reporter(Formatter<P, V> formatter) {
        this.f = formatter;
    }

    public static <P, V extends Comparable<V>> String report(DerivationTree<P, V> tree, Formatter<P, V> formatter) {
        if (tree instanceof DerivationTree.External<P, V> e) {
            return formatter.external(e);
        }
        Reporter<P, V> r = new Reporter<>(formatter);
        DerivationTree<P, V> collapsed = tree.collapseNoVersions();
        if (collapsed instanceof DerivationTree.External<P, V> e) {
            return formatter.external(e);
        }
        r.build((DerivationTree.Derived<P, V>) collapsed);
        return String.join("\n", r.lines);
    }

    private void build(DerivationTree.Derived<P, V> d) {
        buildHelper(d);
        if (d.sharedId() >= 0 && !refs.containsKey(d.sharedId())) {
            addLineRef();
            refs.put(d.sharedId(), refCount);
        }
    }

    private void addLineRef() {
        refCount++;
        if (!lines.isEmpty()) {
            int last = lines.size() - 1;
            lines.set(last, lines.get(last) + " (" + refCount + ")");
        }
    }

    private Integer ref(DerivationTree.Derived<P, V> d) {
        return d.sharedId() < 0 ? null : refs.get(d.sharedId());
    }

    private void buildHelper(DerivationTree.Derived<P, V> current) {
        DerivationTree<P, V> c1 = current.cause1();
        DerivationTree<P, V> c2 = current.cause2();
        if (c1 instanceof DerivationTree.External<P, V> e1 && c2 instanceof DerivationTree.External<P, V> e2) {
            lines.add("Because " + f.external(e1) + " and " + f.external(e2) + ", " + f.conclusion(current.terms()) + ".");
        } else if (c1 instanceof DerivationTree.Derived<P, V> d && c2 instanceof DerivationTree.External<P, V> e) {
            oneEach(d, e, current);
        } else if (c1 instanceof DerivationTree.External<P, V> e && c2 instanceof DerivationTree.Derived<P, V> d) {
            oneEach(d, e, current);
        } else {
            DerivationTree.Derived<P, V> d1 = (DerivationTree.Derived<P, V>) c1;
            DerivationTree.Derived<P, V> d2 = (DerivationTree.Derived<P, V>) c2;
            Integer r1 = ref(d1);
            Integer r2 = ref(d2);
            if (r1 != null && r2 != null) {
                lines.add("Because " + f.terms(d1.terms()) + " (" + r1 + ") and " + f.terms(d2.terms()) + " (" + r2 + "), "
                        + f.conclusion(current.terms()) + ".");
            } else if (r1 != null) {
                build(d2);
                lines.add(andRef(r1, d1, current));
            } else if (r2 != null) {
                build(d1);
                lines.add(andRef(r2, d2, current));
            } else {
                build(d1);
                if (d1.sharedId() >= 0) {
                    lines.add("");
                    build(current);
                } else {
                    addLineRef();
                    int ref1 = refCount;
                    lines.add("");
                    build(d2);
                    lines.add(andRef(ref1, d1, current));
                }
            }
        }
    }

    private String andRef(int ref, DerivationTree.Derived<P, V> d, DerivationTree.Derived<P, V> current) {
        return "And because " + f.terms(d.terms()) + " (" + ref + "), " + f.conclusion(current.terms()) + ".";
    }

    private void oneEach(DerivationTree.Derived<P, V> derived, DerivationTree.External<P, V> external,
            DerivationTree.Derived<P, V> current) {
        Integer r = ref(derived);
        if (r != null) {
            lines.add("Because " + f.terms(derived.terms()) + " (" + r + ") and " + f.external(external) + ", "
                    + f.conclusion(current.terms()) + ".");
            return;
        }
        DerivationTree<P, V> p1 = derived.cause1();
        DerivationTree<P, V> p2 = derived.cause2();
        if (p1 instanceof DerivationTree.Derived<P, V> pd && p2 instanceof DerivationTree.External<P, V> pe
                && pd.sharedId() < 0) {
            build(pd);
            lines.add(andPrior(pe, external, current));
        } else if (p1 instanceof DerivationTree.External<P, V> pe && p2 instanceof DerivationTree.Derived<P, V> pd
                && pd.sharedId() < 0) {
            build(pd);
            lines.add(andPrior(pe, external, current));
        } else {
            build(derived);
            lines.add("And because " + f.external(external) + ", " + f.conclusion(current.terms()) + ".");
        }
    }

    private String andPrior(DerivationTree.External<P, V> prior, DerivationTree.External<P, V> external,
            DerivationTree.Derived<P, V> current) {
        return "And because " + f.external(prior) + " and " + f.external(external) + ", " + f.conclusion(current.terms()) + ".";
    }

    /** Spells packages and sets with {@code toString()}; good enough for tests and debugging. */
    public static <P, V extends Comparable<V>> Formatter<P, V> plainFormatter() {
        return new Formatter<>() {
            @Override
            public String external(DerivationTree.External<P, V> fact) {
                if (fact instanceof DerivationTree.NotRoot<P, V> n) {
                    return "we are solving dependencies of " + n.root() + " " + n.version();
                }
                if (fact instanceof DerivationTree.NoVersions<P, V> n) {
                    return n.set().isFull() ? "there is no available version for " + n.pkg()
                            : "there is no version of " + n.pkg() + " in " + n.set();
                }
                if (fact instanceof DerivationTree.Unavailable<P, V> u) {
                    return u.pkg() + " " + u.set() + " is unavailable: " + u.reason();
                }
                if (fact instanceof DerivationTree.Dependency<P, V> d) {
                    return d.pkg() + " " + d.set() + " depends on " + d.dependency() + " " + d.dependencySet();
                }
                DerivationTree.Constraint<P, V> c = (DerivationTree.Constraint<P, V>) fact;
                return c.pkg() + " " + c.set() + " constrains " + c.dependency() + " to " + c.allowed();
            }

            @Override
            public String terms(Map<P, Term<V>> terms) {
                List<Map.Entry<P, Term<V>>> es = new ArrayList<>(terms.entrySet());
                if (es.isEmpty()) {
                    return "version solving failed";
                }
                if (es.size() == 1) {
                    Map.Entry<P, Term<V>> e = es.get(0);
                    return e.getKey() + " " + e.getValue().set() + (e.getValue().positive() ? " is forbidden" : " is mandatory");
                }
                if (es.size() == 2 && es.get(0).getValue().positive() != es.get(1).getValue().positive()) {
                    Map.Entry<P, Term<V>> pos = es.get(0).getValue().positive() ? es.get(0) : es.get(1);
                    Map.Entry<P, Term<V>> neg = pos == es.get(0) ? es.get(1) : es.get(0);
                    return pos.getKey() + " " + pos.getValue().set() + " depends on " + neg.getKey() + " " + neg.getValue().set();
                }
                List<String> parts = new ArrayList<>();
                for (Map.Entry<P, Term<V>> e : es) {
                    parts.add(e.getKey() + " " + e.getValue());
                }
                return String.join(", ", parts) + " are incompatible";
            }
        };
    }
}
