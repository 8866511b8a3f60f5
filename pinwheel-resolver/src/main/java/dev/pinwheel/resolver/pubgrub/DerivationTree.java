package dev.pinwheel.resolver.pubgrub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why version solving failed: the incompatibility "the root cannot be selected", derived from
 * external facts (dependencies, missing versions) by the resolution rule. A derived node that is
 * used more than once carries a {@code sharedId} so reports can number it and refer back.
 */
public sealed interface DerivationTree<P, V extends Comparable<V>> {

    /** The terms of this node's incompatibility, in a stable order. */
    Map<P, Term<V>> terms();

    /** A fact from the outside world. */
    sealed interface External<P, V extends Comparable<V>> extends DerivationTree<P, V> {
    }

    /** Conclusion from two causes. {@code sharedId} is -1 unless other nodes also use it. */
    record Derived<P, V extends Comparable<V>>(Map<P, Term<V>> terms, int sharedId,
            DerivationTree<P, V> cause1, DerivationTree<P, V> cause2) implements DerivationTree<P, V> {
        public Derived {
            terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        }
    }

    /** The root package must be selected at its version. */
    record NotRoot<P, V extends Comparable<V>>(P root, V version) implements External<P, V> {
        @Override
        public Map<P, Term<V>> terms() {
            return Map.of(root, Term.negative(Ranges.singleton(version)));
        }
    }

    /** No version of {@code pkg} in {@code set} can be chosen. */
    record NoVersions<P, V extends Comparable<V>>(P pkg, Ranges<V> set) implements External<P, V> {
        @Override
        public Map<P, Term<V>> terms() {
            return Map.of(pkg, Term.positive(set));
        }
    }

    /** The versions {@code set} of {@code pkg} cannot be used, for {@code reason}. */
    record Unavailable<P, V extends Comparable<V>>(P pkg, Ranges<V> set, String reason) implements External<P, V> {
        @Override
        public Map<P, Term<V>> terms() {
            return Map.of(pkg, Term.positive(set));
        }
    }

    /**
     * {@code pkg} at a version in {@code set} depends on {@code dependency} in {@code dependencySet}.
     * {@code tag} is the provider's opaque label for the edge (for example where a requirement
     * was written); may be null.
     */
    record Dependency<P, V extends Comparable<V>>(P pkg, Ranges<V> set, P dependency, Ranges<V> dependencySet,
            Object tag) implements External<P, V> {
        @Override
        public Map<P, Term<V>> terms() {
            return ordered(pkg, Term.positive(set), dependency, Term.negative(dependencySet));
        }
    }

    /**
     * {@code pkg} at a version in {@code set} allows {@code dependency} only within {@code allowed}
     * when it is selected at all (a constraint, not a dependency).
     */
    record Constraint<P, V extends Comparable<V>>(P pkg, Ranges<V> set, P dependency, Ranges<V> allowed,
            Object tag) implements External<P, V> {
        @Override
        public Map<P, Term<V>> terms() {
            return ordered(pkg, Term.positive(set), dependency, Term.positive(allowed.complement()));
        }
    }

    private static <P, V extends Comparable<V>> Map<P, Term<V>> ordered(P a, Term<V> ta, P b, Term<V> tb) {
        Map<P, Term<V>> m = new LinkedHashMap<>();
        m.put(a, ta);
        m.put(b, tb);
        return Collections.unmodifiableMap(m);
    }

    /** All external facts below this node, in depth-first order (shared nodes once). */
    default List<External<P, V>> externals() {
        List<External<P, V>> out = new ArrayList<>();
        Set<DerivationTree<P, V>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<DerivationTree<P, V>> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            DerivationTree<P, V> t = stack.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof Derived<P, V> d) {
                stack.push(d.cause2());
                stack.push(d.cause1());
            } else {
                out.add((External<P, V>) t);
            }
        }
        return out;
    }

    /**
     * Folds "there is no version of p in S" facts into their sibling fact (as pubgrub-rs does):
     * "foo 1 depends on bar" plus "no foo in (1, 2)" reads better as "foo [1, 2) depends on bar".
     */
    default DerivationTree<P, V> collapseNoVersions() {
        return collapse(this, new IdentityHashMap<>());
    }

    private static <P, V extends Comparable<V>> DerivationTree<P, V> collapse(DerivationTree<P, V> t,
            Map<DerivationTree<P, V>, DerivationTree<P, V>> memo) {
        if (!(t instanceof Derived<P, V> d)) {
            return t;
        }
        DerivationTree<P, V> done = memo.get(t);
        if (done != null) {
            return done;
        }
        DerivationTree<P, V> result;
        if (d.cause1() instanceof NoVersions<P, V> nv) {
            result = merge(collapse(d.cause2(), memo), nv, d);
        } else if (d.cause2() instanceof NoVersions<P, V> nv) {
            result = merge(collapse(d.cause1(), memo), nv, d);
        } else {
            DerivationTree<P, V> c1 = collapse(d.cause1(), memo);
            DerivationTree<P, V> c2 = collapse(d.cause2(), memo);
            result = c1 == d.cause1() && c2 == d.cause2() ? d : new Derived<>(d.terms(), d.sharedId(), c1, c2);
        }
        memo.put(t, result);
        return result;
    }

    // Replaces the derived node by one fact only when that fact states exactly the node's terms.
    private static <P, V extends Comparable<V>> DerivationTree<P, V> merge(DerivationTree<P, V> other, NoVersions<P, V> nv,
            Derived<P, V> original) {
        External<P, V> merged = null;
        if (other instanceof NoVersions<P, V> o && o.pkg().equals(nv.pkg())) {
            merged = new NoVersions<>(nv.pkg(), nv.set().union(o.set()));
        } else if (other instanceof Unavailable<P, V> u && u.pkg().equals(nv.pkg())) {
            merged = new Unavailable<>(u.pkg(), u.set().union(nv.set()), u.reason());
        } else if (other instanceof Dependency<P, V> dep && dep.pkg().equals(nv.pkg())) {
            merged = new Dependency<>(dep.pkg(), dep.set().union(nv.set()), dep.dependency(), dep.dependencySet(), dep.tag());
        } else if (other instanceof Dependency<P, V> dep && dep.dependency().equals(nv.pkg())) {
            merged = new Dependency<>(dep.pkg(), dep.set(), dep.dependency(),
                    dep.dependencySet().intersection(nv.set().complement()), dep.tag());
        }
        if (merged != null && merged.terms().equals(original.terms())) {
            return merged;
        }
        if (other instanceof Derived<P, V> od) {
            // "X, so T'" and "no versions in S" give T; the missing versions add nothing to read,
            // so conclude T straight from X.
            return new Derived<>(original.terms(), original.sharedId(), od.cause1(), od.cause2());
        }
        if (other == original.cause1() || other == original.cause2()) {
            return original;
        }
        return new Derived<>(original.terms(), original.sharedId(), other, nv);
    }
}
