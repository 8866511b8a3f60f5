package dev.pinwheel.resolver.pubgrub;

/**
 * A statement about one package: positive "a version in {@code set} is selected", or negative
 * "no version in {@code set} is selected" (which also holds when the package is not selected at
 * all).
 *
 * @param positive whether this is a positive term
 * @param set the versions it speaks about
 */
public record Term<V extends Comparable<V>>(boolean positive, Ranges<V> set) {

    public static <V extends Comparable<V>> Term<V> positive(Ranges<V> set) {
        return new Term<>(true, set);
    }

    public static <V extends Comparable<V>> Term<V> negative(Ranges<V> set) {
        return new Term<>(false, set);
    }

    /** The term every state satisfies: "not in ∅". */
    public static <V extends Comparable<V>> Term<V> any() {
        return new Term<>(false, Ranges.<V>empty());
    }

    public static <V extends Comparable<V>> Term<V> exact(V v) {
        return new Term<>(true, Ranges.singleton(v));
    }

    public Term<V> negate() {
        return new Term<>(!positive, set);
    }

    public boolean isAny() {
        return !positive && set.isEmpty();
    }

    /** The versions a positive term allows; for a negative term, those it rules out are the complement. */
    public Ranges<V> allowed() {
        return positive ? set : set.complement();
    }

    public boolean contains(V v) {
        return positive == set.contains(v);
    }

    public Term<V> intersection(Term<V> other) {
        if (positive && other.positive) {
            return positive(set.intersection(other.set));
        }
        if (positive) {
            return positive(set.intersection(other.set.complement()));
        }
        if (other.positive) {
            return positive(other.set.intersection(set.complement()));
        }
        return negative(set.union(other.set));
    }

    public Term<V> union(Term<V> other) {
        return negate().intersection(other.negate()).negate();
    }

    /** Whether every state satisfying this term satisfies {@code other}. */
    public boolean isSubsetOf(Term<V> other) {
        if (positive) {
            return other.positive ? set.isSubsetOf(other.set) : set.isDisjoint(other.set);
        }
        // A negative term allows "not selected", which only a negative term allows too.
        return !other.positive && other.set.isSubsetOf(set);
    }

    /** Whether no state satisfies both terms. */
    public boolean isDisjoint(Term<V> other) {
        if (positive && other.positive) {
            return set.isDisjoint(other.set);
        }
        if (positive) {
            return set.isSubsetOf(other.set);
        }
        if (other.positive) {
            return other.set.isSubsetOf(set);
        }
        return false;
    }

    @Override
    public String toString() {
        return (positive ? "" : "not ") + set;
    }
}
