package dev.pinwheel.resolver.pubgrub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of versions: a union of disjoint intervals over a totally ordered version type, closed
 * under complement, intersection and union. Immutable.
 *
 * <p>Bounds are inclusive, exclusive or unbounded. A version type may contain values that only
 * separate versions and never are versions themselves (see {@link Cut}); such a bound is always
 * stored as exclusive, so that an interval "from just above every 1.0+local to just above every
 * 1.0+local" is recognised as empty instead of being a phantom point.
 *
 * @param <V> the version type
 */
public final class Ranges<V extends Comparable<V>> {

    /**
     * Implemented by version types that contain boundary-only values: a value for which
     * {@link #isCut()} is true is never the version of a candidate, so an interval bound on it
     * can be treated as exclusive without changing the set.
     */
    public interface Cut {
        boolean isCut();
    }

    private static final Ranges<?> EMPTY = new Ranges<>(new Object[0], new byte[0]);
    private static final Ranges<?> FULL = new Ranges<>(new Object[] {null, null}, new byte[] {0, 0});

    // Segment i is (values[2i], values[2i+1]) with flags[k] = 1 when that bound is inclusive.
    // A null value is unbounded (only first lower / last upper).
    private final Object[] values;
    private final byte[] flags;
    private int hash;

    private Ranges(Object[] values, byte[] flags) {
        this.values = values;
        this.flags = flags;
    }

    @SuppressWarnings("unchecked")
    public static <V extends Comparable<V>> Ranges<V> empty() {
        return (Ranges<V>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    public static <V extends Comparable<V>> Ranges<V> full() {
        return (Ranges<V>) FULL;
    }

    /** Exactly {@code v}. */
    public static <V extends Comparable<V>> Ranges<V> singleton(V v) {
        return interval(v, true, v, true);
    }

    /** {@code >= v}. */
    public static <V extends Comparable<V>> Ranges<V> atLeast(V v) {
        return interval(v, true, null, false);
    }

    /** {@code > v}. */
    public static <V extends Comparable<V>> Ranges<V> above(V v) {
        return interval(v, false, null, false);
    }

    /** {@code <= v}. */
    public static <V extends Comparable<V>> Ranges<V> atMost(V v) {
        return interval(null, false, v, true);
    }

    /** {@code < v}. */
    public static <V extends Comparable<V>> Ranges<V> below(V v) {
        return interval(null, false, v, false);
    }

    /** {@code [low, high)}: the half-open interval. */
    public static <V extends Comparable<V>> Ranges<V> between(V low, V high) {
        return interval(low, true, high, false);
    }

    /**
     * One interval; a null bound is unbounded. Empty when the bounds do not enclose anything.
     */
    public static <V extends Comparable<V>> Ranges<V> interval(V low, boolean lowInclusive, V high, boolean highInclusive) {
        Builder<V> b = new Builder<>(1);
        b.add(low, lowInclusive && low != null, high, highInclusive && high != null);
        return b.build();
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public boolean isFull() {
        return values.length == 2 && values[0] == null && values[1] == null;
    }

    /** The number of disjoint intervals. */
    public int segmentCount() {
        return values.length / 2;
    }

    /** Lower bound of segment {@code i}, or null when unbounded. */
    @SuppressWarnings("unchecked")
    public V lower(int i) {
        return (V) values[2 * i];
    }

    /** Upper bound of segment {@code i}, or null when unbounded. */
    @SuppressWarnings("unchecked")
    public V upper(int i) {
        return (V) values[2 * i + 1];
    }

    public boolean lowerInclusive(int i) {
        return flags[2 * i] == 1;
    }

    public boolean upperInclusive(int i) {
        return flags[2 * i + 1] == 1;
    }

    /** The single version this set holds, or null when it is not a singleton. */
    public V singletonValue() {
        if (values.length == 2 && values[0] != null && flags[0] == 1 && flags[1] == 1
                && lower(0).compareTo(upper(0)) == 0) {
            return lower(0);
        }
        return null;
    }

    public boolean contains(V v) {
        // Binary search over segments: find the last segment whose lower bound admits v.
        int lo = 0;
        int hi = segmentCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            V low = lower(mid);
            boolean aboveLow = low == null || (lowerInclusive(mid) ? v.compareTo(low) >= 0 : v.compareTo(low) > 0);
            if (!aboveLow) {
                hi = mid - 1;
                continue;
            }
            V high = upper(mid);
            boolean belowHigh = high == null || (upperInclusive(mid) ? v.compareTo(high) <= 0 : v.compareTo(high) < 0);
            if (belowHigh) {
                return true;
            }
            lo = mid + 1;
        }
        return false;
    }

    public Ranges<V> complement() {
        if (isEmpty()) {
            return full();
        }
        if (isFull()) {
            return empty();
        }
        int n = segmentCount();
        Builder<V> b = new Builder<>(n + 1);
        if (lower(0) != null) {
            b.add(null, false, lower(0), !lowerInclusive(0));
        }
        for (int i = 0; i < n - 1; i++) {
            b.add(upper(i), !upperInclusive(i), lower(i + 1), !lowerInclusive(i + 1));
        }
        if (upper(n - 1) != null) {
            b.add(upper(n - 1), !upperInclusive(n - 1), null, false);
        }
        return b.build();
    }

    public Ranges<V> intersection(Ranges<V> other) {
        if (isEmpty() || other.isFull()) {
            return this;
        }
        if (other.isEmpty() || isFull()) {
            return other;
        }
        int n = segmentCount();
        int m = other.segmentCount();
        Builder<V> b = new Builder<>(n + m);
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            // The larger lower bound and the smaller upper bound.
            V lowA = lower(i);
            V lowB = other.lower(j);
            V low;
            boolean lowInc;
            if (compareLower(lowA, lowerInclusive(i), lowB, other.lowerInclusive(j)) >= 0) {
                low = lowA;
                lowInc = lowerInclusive(i);
            } else {
                low = lowB;
                lowInc = other.lowerInclusive(j);
            }
            V highA = upper(i);
            V highB = other.upper(j);
            V high;
            boolean highInc;
            int c = compareUpper(highA, upperInclusive(i), highB, other.upperInclusive(j));
            if (c <= 0) {
                high = highA;
                highInc = upperInclusive(i);
            } else {
                high = highB;
                highInc = other.upperInclusive(j);
            }
            b.add(low, lowInc, high, highInc);
            if (c <= 0) {
                i++;
            } else {
                j++;
            }
        }
        Ranges<V> r = b.build();
        return r.equals(this) ? this : r.equals(other) ? other : r;
    }

    public Ranges<V> union(Ranges<V> other) {
        if (isEmpty() || other.isFull()) {
            return other;
        }
        if (other.isEmpty() || isFull()) {
            return this;
        }
        // Merge both segment lists by lower bound, extending the current segment while the next
        // one overlaps or touches it.
        int n = segmentCount();
        int m = other.segmentCount();
        Builder<V> b = new Builder<>(n + m);
        int i = 0;
        int j = 0;
        V curLo = null;
        boolean curLoInc = false;
        V curHi = null;
        boolean curHiInc = false;
        boolean open = false;
        while (i < n || j < m) {
            Ranges<V> src;
            int k;
            if (j >= m || (i < n && compareLower(lower(i), lowerInclusive(i), other.lower(j), other.lowerInclusive(j)) <= 0)) {
                src = this;
                k = i++;
            } else {
                src = other;
                k = j++;
            }
            V lo = src.lower(k);
            boolean loInc = src.lowerInclusive(k);
            V hi = src.upper(k);
            boolean hiInc = src.upperInclusive(k);
            if (open && reaches(curHi, curHiInc, lo, loInc)) {
                if (compareUpper(hi, hiInc, curHi, curHiInc) > 0) {
                    curHi = hi;
                    curHiInc = hiInc;
                }
                continue;
            }
            if (open) {
                b.add(curLo, curLoInc, curHi, curHiInc);
            }
            curLo = lo;
            curLoInc = loInc;
            curHi = hi;
            curHiInc = hiInc;
            open = true;
        }
        b.add(curLo, curLoInc, curHi, curHiInc);
        return b.build();
    }

    /** Whether a segment ending at {@code hi} overlaps or touches one starting at {@code lo} (lo after the start). */
    private static <V extends Comparable<V>> boolean reaches(V hi, boolean hiInc, V lo, boolean loInc) {
        if (hi == null || lo == null) {
            return true;
        }
        int c = hi.compareTo(lo);
        return c > 0 || (c == 0 && (hiInc || loInc || isCut(lo)));
    }

    private static boolean isCut(Object v) {
        return v instanceof Cut c && c.isCut();
    }

    /** True when every version of this set is also in {@code other}. */
    public boolean isSubsetOf(Ranges<V> other) {
        if (isEmpty() || other.isFull() || this == other) {
            return true;
        }
        if (other.isEmpty()) {
            return false;
        }
        // Each segment must lie inside one segment of other (other's segments never touch).
        int m = other.segmentCount();
        int j = 0;
        for (int i = 0; i < segmentCount(); i++) {
            while (j < m && compareUpper(other.upper(j), other.upperInclusive(j), upper(i), upperInclusive(i)) < 0) {
                j++;
            }
            if (j >= m || compareLower(other.lower(j), other.lowerInclusive(j), lower(i), lowerInclusive(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isDisjoint(Ranges<V> other) {
        if (isEmpty() || other.isEmpty()) {
            return true;
        }
        int n = segmentCount();
        int m = other.segmentCount();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            V lo;
            boolean loInc;
            if (compareLower(lower(i), lowerInclusive(i), other.lower(j), other.lowerInclusive(j)) >= 0) {
                lo = lower(i);
                loInc = lowerInclusive(i);
            } else {
                lo = other.lower(j);
                loInc = other.lowerInclusive(j);
            }
            int c = compareUpper(upper(i), upperInclusive(i), other.upper(j), other.upperInclusive(j));
            V hi = c <= 0 ? upper(i) : other.upper(j);
            boolean hiInc = c <= 0 ? upperInclusive(i) : other.upperInclusive(j);
            if (encloses(lo, loInc, hi, hiInc)) {
                return false;
            }
            if (c <= 0) {
                i++;
            } else {
                j++;
            }
        }
        return true;
    }

    /** Whether the interval between these bounds holds anything. */
    private static <V extends Comparable<V>> boolean encloses(V low, boolean lowInc, V high, boolean highInc) {
        if (low == null || high == null) {
            return true;
        }
        int c = low.compareTo(high);
        return c < 0 || (c == 0 && lowInc && highInc && !isCut(low));
    }

    // Lower bounds: unbounded first; at equal values inclusive before exclusive.
    private static <V extends Comparable<V>> int compareLower(V a, boolean aInc, V b, boolean bInc) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int c = a.compareTo(b);
        if (c != 0 || aInc == bInc) {
            return c;
        }
        return aInc ? -1 : 1;
    }

    // Upper bounds: unbounded last; at equal values exclusive before inclusive.
    private static <V extends Comparable<V>> int compareUpper(V a, boolean aInc, V b, boolean bInc) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = a.compareTo(b);
        if (c != 0 || aInc == bInc) {
            return c;
        }
        return aInc ? 1 : -1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Ranges<?> r) || r.values.length != values.length || !Arrays.equals(flags, r.flags)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object a = values[i];
            Object b = r.values[i];
            if (a == null ? b != null : b == null || !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(values) * 31 + Arrays.hashCode(flags);
            hash = h;
        }
        return h;
    }

    /** Mathematical notation, e.g. {@code [1, 2) ∪ (3, ∞)}; adapters render their own syntax. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "∅";
        }
        if (isFull()) {
            return "∗";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < segmentCount(); i++) {
            V lo = lower(i);
            V hi = upper(i);
            if (lo != null && hi != null && lo.compareTo(hi) == 0) {
                parts.add(String.valueOf(lo));
                continue;
            }
            parts.add((lo == null ? "(-∞" : (lowerInclusive(i) ? "[" : "(") + lo) + ", "
                    + (hi == null ? "∞)" : hi + (upperInclusive(i) ? "]" : ")")));
        }
        return String.join(" ∪ ", parts);
    }

    /** Collects segments in ascending order, dropping empty ones and merging touching ones. */
    private static final class Builder<V extends Comparable<V>> {
        private Object[] values;
        private byte[] flags;
        private int size;

        Builder(int capacity) {
            values = new Object[2 * capacity];
            flags = new byte[2 * capacity];
        }

        void add(V low, boolean lowInc, V high, boolean highInc) {
            if (isCut(low)) {
                lowInc = false;
            }
            if (isCut(high)) {
                highInc = false;
            }
            if (!encloses(low, lowInc, high, highInc)) {
                return;
            }
            if (size > 0) {
                @SuppressWarnings("unchecked")
                V prevHigh = (V) values[2 * size - 1];
                boolean prevInc = flags[2 * size - 1] == 1;
                // Touching: [a, x) + [x, b), [a, x] + (x, b), or across a cut; merge into one segment.
                if (prevHigh != null && low != null && prevHigh.compareTo(low) == 0 && (prevInc || lowInc || isCut(low))) {
                    values[2 * size - 1] = high;
                    flags[2 * size - 1] = (byte) (highInc ? 1 : 0);
                    return;
                }
            }
            if (2 * size + 2 > values.length) {
                values = Arrays.copyOf(values, 2 * size + 4);
                flags = Arrays.copyOf(flags, 2 * size + 4);
            }
            values[2 * size] = low;
            flags[2 * size] = (byte) (lowInc ? 1 : 0);
            values[2 * size + 1] = high;
            flags[2 * size + 1] = (byte) (highInc ? 1 : 0);
            size++;
        }

        Ranges<V> build() {
            if (size == 0) {
                return empty();
            }
            if (size == 1 && values[0] == null && values[1] == null) {
                return full();
            }
            return new Ranges<>(Arrays.copyOf(values, 2 * size), Arrays.copyOf(flags, 2 * size));
        }
    }
}
