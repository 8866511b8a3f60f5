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

    @Property(tries = 300)
    void setOperationsAgreeWithMembership(@ForAll("ranges") Ranges<Integer> a, @ForAll("ranges") Ranges<Integer> b) {
        for (int v = -2; v <= 12; v++) {
            assertThat(a.complement().contains(v)).isEqualTo(!a.contains(v));
            assertThat(a.intersection(b).contains(v)).isEqualTo(a.contains(v) && b.contains(v));
            assertThat(a.union(b).contains(v)).isEqualTo(a.contains(v) || b.contains(v));
        }
        assertThat(a.complement().complement()).isEqualTo(a);
        assertThat(a.intersection(b).isSubsetOf(a)).isTrue();
        assertThat(a.isSubsetOf(a.union(b))).isTrue();
    }

    @Provide
    Arbitrary<Ranges<Integer>> ranges() {
        Arbitrary<Ranges<Integer>> one = Combinators.combine(
                Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 10),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 5))
                .as((x, y, li, hi, shape) -> switch (shape) {
                    case 0 -> Ranges.<Integer>full();
                    case 1 -> Ranges.singleton(x);
                    case 2 -> li ? Ranges.atLeast(x) : Ranges.above(x);
                    case 3 -> hi ? Ranges.atMost(y) : Ranges.below(y);
                    default -> Ranges.interval(Math.min(x, y), li, Math.max(x, y), hi);
                });
        return one.list().ofMinSize(0).ofMaxSize(3).map(RangesTest::unionAll);
    }

    private static Ranges<Integer> unionAll(List<Ranges<Integer>> parts) {
        Ranges<Integer> r = Ranges.empty();
        for (Ranges<Integer> p : parts) {
            r = r.union(p);
        }
        return r;
    }
}
