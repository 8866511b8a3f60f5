package dev.pinwheel.resolver.pubgrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void complementOfAnIntervalIsTheTwoOutsides() {
        Ranges<Integer> r = Ranges.between(2, 5).complement();
        assertThat(r.contains(1)).isTrue();
        assertThat(r.contains(2)).isFalse();
        assertThat(r.contains(4)).isFalse();
        assertThat(r.contains(5)).isTrue();
        assertThat(r.toString()).isEqualTo("(-∞, 2) ∪ [5, ∞)");
    }

    @Test
    void unionMergesTouchingIntervals() {
        Ranges<Integer> r = Ranges.between(1, 3).union(Ranges.between(3, 6));
        assertThat(r).isEqualTo(Ranges.between(1, 6));
        assertThat(r.segmentCount()).isEqualTo(1);
    }

    @Test
    void singletonIsRecognised() {
        assertThat(Ranges.singleton(4).singletonValue()).isEqualTo(4);
        assertThat(Ranges.atLeast(4).singletonValue()).isNull();
        assertThat(Ranges.atLeast(4).intersection(Ranges.atMost(4))).isEqualTo(Ranges.singleton(4));
    }

    @Test
    void boundaryOnlyValuesNeverFormAPoint() {
        Cut c = new Cut(5, true);
        Ranges<Cut> upTo = Ranges.atMost(c);
        Ranges<Cut> from = Ranges.atLeast(c);
        assertThat(upTo.intersection(from).isEmpty()).isTrue();
        assertThat(Ranges.below(c).union(Ranges.above(c)).isFull()).isTrue();
        assertThat(Ranges.below(c).complement().union(Ranges.below(c))).isEqualTo(Ranges.full());
        assertThat(Ranges.atMost(c).isSubsetOf(Ranges.below(c))).isTrue();
    }

    /** An integer, or a boundary just above it. */
    record Cut(int n, boolean after) implements Comparable<Cut>, Ranges.Cut {
        @Override
        public int compareTo(Cut o) {
            return n != o.n ? Integer.compare(n, o.n) : Boolean.compare(after, o.after);
        }

        @Override
        public boolean isCut() {
            return after;
        }
    }

    @Property(tries = 500)
    void setOperationsAgreeWithMembership(@ForAll("ranges") Ranges<Double> a, @ForAll("ranges") Ranges<Double> b) {
        boolean subset = true;
        boolean disjoint = true;
        // Bounds are whole numbers, so halves probe the inside of every interval.
        for (double v = -2; v <= 12; v += 0.5) {
            assertThat(a.complement().contains(v)).isEqualTo(!a.contains(v));
            assertThat(a.intersection(b).contains(v)).isEqualTo(a.contains(v) && b.contains(v));
            assertThat(a.union(b).contains(v)).isEqualTo(a.contains(v) || b.contains(v));
            subset &= !a.contains(v) || b.contains(v);
            disjoint &= !(a.contains(v) && b.contains(v));
        }
        assertThat(a.isSubsetOf(b)).as("%s ⊆ %s", a, b).isEqualTo(subset);
        assertThat(a.isDisjoint(b)).as("%s ∩ %s = ∅", a, b).isEqualTo(disjoint);
        assertThat(a.complement().complement()).isEqualTo(a);
        assertThat(a.union(b)).isEqualTo(a.complement().intersection(b.complement()).complement());
        assertThat(a.intersection(b).isSubsetOf(a)).isTrue();
        assertThat(a.isSubsetOf(a.union(b))).isTrue();
    }

    @Provide
    Arbitrary<Ranges<Double>> ranges() {
        Arbitrary<Ranges<Double>> one = Combinators.combine(
                Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 10),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 5))
                .as((xi, yi, li, hi, shape) -> {
                    double x = xi;
                    double y = yi;
                    return switch (shape) {
                        case 0 -> Ranges.<Double>full();
                        case 1 -> Ranges.singleton(x);
                        case 2 -> li ? Ranges.atLeast(x) : Ranges.above(x);
                        case 3 -> hi ? Ranges.atMost(y) : Ranges.below(y);
                        default -> Ranges.interval(Math.min(x, y), li, Math.max(x, y), hi);
                    };
                });
        return one.list().ofMinSize(0).ofMaxSize(3).map(RangesTest::unionAll);
    }

    private static Ranges<Double> unionAll(List<Ranges<Double>> parts) {
        Ranges<Double> r = Ranges.empty();
        for (Ranges<Double> p : parts) {
            r = r.union(p);
        }
        return r;
    }
}
