package dev.pinwheel.resolver.pubgrub;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of terms that must not all be true at once, with where it came from: an external fact
 * or the resolution of two earlier incompatibilities.
 */
final class Incompatibility<P, V extends Comparable<V>> {

    final Object[] packages;
    final Term<V>[] terms;
    final DerivationTree.External<P, V> external;
    final Incompatibility<P, V> cause1;
    final Incompatibility<P, V> cause2;
    /** Decision level at which the partial solution contradicted it, or -1. */
    int contradictedAt = -1;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Incompatibility(List<P> pkgs, List<Term<V>> ts, DerivationTree.External<P, V> external,
            Incompatibility<P, V> cause1, Incompatibility<P, V> cause2) {
        this.packages = pkgs.toArray();
        this.terms = ts.toArray(new Term[0]);
        this.external = external;
        this.cause1 = cause1;
        this.cause2 = cause2;
    }

    static <P, V extends Comparable<V>> Incompatibility<P, V> external(DerivationTree.External<P, V> e) {
        List<P> pkgs = new ArrayList<>();
        List<Term<V>> ts = new ArrayList<>();
        e.terms().forEach((p, t) -> {
            if (!t.isAny()) {
                pkgs.add(p);
                ts.add(t);
            }
        });
        return new Incompatibility<>(pkgs, ts, e, null, null);
    }

    /** The resolution rule: combine this incompatibility with the satisfier's cause over {@code pkg}. */
    Incompatibility<P, V> priorCause(Incompatibility<P, V> satisfierCause, P pkg) {
        List<P> pkgs = new ArrayList<>();
        List<Term<V>> ts = new ArrayList<>();
        for (int i = 0; i < packages.length; i++) {
            if (!packages[i].equals(pkg)) {
                pkgs.add(pkg(i));
                ts.add(terms[i]);
            }
        }
        for (int i = 0; i < satisfierCause.packages.length; i++) {
            P p = satisfierCause.pkg(i);
            if (p.equals(pkg)) {
                continue;
            }
            int at = pkgs.indexOf(p);
            if (at >= 0) {
                ts.set(at, ts.get(at).intersection(satisfierCause.terms[i]));
            } else {
                pkgs.add(p);
                ts.add(satisfierCause.terms[i]);
            }
        }
        Term<V> merged = termOf(pkg).union(satisfierCause.termOf(pkg));
        if (!merged.isAny()) {
            pkgs.add(pkg);
            ts.add(merged);
        }
        return new Incompatibility<>(pkgs, ts, null, this, satisfierCause);
    }

    @SuppressWarnings("unchecked")
    P pkg(int i) {
        return (P) packages[i];
    }

    Term<V> termOf(P pkg) {
        for (int i = 0; i < packages.length; i++) {
            if (packages[i].equals(pkg)) {
                return terms[i];
            }
        }
        return null;
    }

    boolean isTerminal(P root, V rootVersion) {
        return packages.length == 0
                || (packages.length == 1 && packages[0].equals(root) && terms[0].positive()
                        && terms[0].set().contains(rootVersion));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < packages.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(packages[i]).append(' ').append(terms[i]);
        }
        return sb.append('}').toString();
    }
}
