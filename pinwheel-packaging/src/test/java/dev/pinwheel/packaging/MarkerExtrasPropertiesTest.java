package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link Marker#comparedExtras()}: extras a marker does not name all give it the same value. */
class MarkerExtrasPropertiesTest {

    private static final MarkerEnvironment LINUX = MarkerEnvironment.forTarget("3.11.7", "linux");
    private static final Set<String> EXTRAS = Set.of("doc", "test", "Dev_Tools", "", "socks");

    @Provide
    Arbitrary<String> markers() {
        Arbitrary<String> extra = Arbitraries.of(EXTRAS);
        Arbitrary<String> op = Arbitraries.of("==", "!=", "<", "in", "not in");
        Arbitrary<String> extraCompare = Combinators.combine(op, extra, Arbitraries.of(true, false))
                .as((o, x, reversed) -> reversed ? "'" + x + "' " + o + " extra" : "extra " + o + " '" + x + "'");
        Arbitrary<String> environment = Arbitraries.of("python_version >= '3.8'", "sys_platform == 'win32'",
                "os_name != 'nt'", "platform_machine in 'x86_64 aarch64'", "python_version < '3'");
        Arbitrary<String> atom = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, extraCompare), net.jqwik.api.Tuple.of(2, environment),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("extra == os_name")));
        return Arbitraries.recursive(() -> atom, inner -> Combinators.combine(inner, Arbitraries.of(" and ", " or "), inner)
                .as((a, joiner, b) -> "(" + a + joiner + b + ")"), 0, 3);
    }

    @Property(tries = 500)
    void anyTwoUnnamedExtrasGiveTheSameValue(@ForAll("markers") String text,
                                             @ForAll("unnamed") String first, @ForAll("unnamed") String second) {
        Marker marker = Marker.parse(text);
        Optional<Set<String>> named = marker.comparedExtras();
        if (named.isEmpty()) {
            return; // not analysable: callers evaluate every extra
        }
        Set<String> names = named.get();
        ExtraName a = ExtraName.parse(first);
        ExtraName b = ExtraName.parse(second);
        if (names.contains(a.toString()) || names.contains(b.toString())) {
            return;
        }
        assertThat(marker.evaluate(LINUX, Set.of(a))).as(text).isEqualTo(marker.evaluate(LINUX, Set.of(b)));
    }

    @Provide
    Arbitrary<String> unnamed() {
        return Arbitraries.of("doc", "test", "dev-tools", "socks", "zzz", "other", "Test");
    }

    @Test
    void namedExtrasAreNormalizedAndVariablesOtherThanExtraAreNotAnalysed() {
        assertThat(Marker.parse("python_version >= '3.8' and (extra == 'Dev_Tools' or extra != \"docs.x\")").comparedExtras())
                .contains(Set.of("dev-tools", "docs-x"));
        assertThat(Marker.parse("sys_platform == 'linux'").comparedExtras()).contains(Set.of());
        assertThat(Marker.parse("extra == os_name").comparedExtras()).isEmpty();
        assertThat(Marker.parse("'a' in extras").comparedExtras()).isEmpty();
    }
}
