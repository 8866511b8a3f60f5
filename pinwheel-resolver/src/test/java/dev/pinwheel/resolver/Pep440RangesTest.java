package dev.pinwheel.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.VersionSpecifier;
import dev.pinwheel.resolver.pubgrub.Ranges;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pep440RangesTest {

    static final List<String> VERSIONS = List.of(
            "0.9", "1.0.dev0", "1.0.dev1", "1.0a1", "1.0a1.post1", "1.0a2.dev0", "1.0b1", "1.0rc1", "1.0",
            "1.0+local", "1.0+local.2", "1.0.post1.dev0", "1.0.post1", "1.0.post1+x", "1.0.post2", "1.0.0.1",
            "1.0.1.dev0", "1.0.1", "1.1.dev0", "1.1a1", "1.1", "1.1.post1", "1.2", "1.4.5", "1.4.9", "1.5.dev0",
            "1.5", "2.0", "2.0+cpu", "1!0.5", "1!1.0");

    static final List<String> CLAUSES = List.of(
            "==1.0", "==1.0+local", "!=1.0", "==1.0.*", "!=1.0.*", "==1.*", "<=1.0", ">=1.0", "<1.0", ">1.0",
            "<1.0.post1", ">1.0.post1", ">1.0a1", "<1.0rc1", ">1.0.dev0", "~=1.0", "~=1.4.5", "~=1.0a1", "===1.0",
            ">=1.0a1", "<2", ">1!0.1", "==1.1.post1", "<=1.0.post1", ">=1.0.0.1");

    @Property(tries = 500)
    void membershipAgreesWithTheSpecifier(@ForAll("specifiers") String spec) {
        SpecifierSet set = SpecifierSet.parse(spec);
        Ranges<VersionPoint> r = Pep440Ranges.of(set);
        for (String text : VERSIONS) {
            Version v = Version.parse(text);
            assertThat(r.contains(VersionPoint.of(v))).as("%s in %s (%s)", v, spec, r).isEqualTo(set.contains(v, true));
        }
    }

    @Provide
    Arbitrary<String> specifiers() {
        return Arbitraries.of(CLAUSES).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ">=1.0,<2.0 | >=1.0,<2.0",
        "==1.5      | ==1.5",
        "!=1.3      | !=1.3",
        "<2,!=1.5,>=1 | >=1,!=1.5,<2",
        "<=1.4      | <=1.4",
        ">1.4       | >1.4",
        "==1.4.*    | >=1.4.dev0,<1.5",
    })
    void rendersSetsAsSpecifiers(String spec, String expected) {
        assertThat(Pep440Ranges.format(Pep440Ranges.of(SpecifierSet.parse(spec)))).isEqualTo(expected.strip());
    }

    @Property(tries = 200)
    void complementOfAClauseIsItsNegation(@ForAll("specifiers") String spec) {
        Ranges<VersionPoint> r = Pep440Ranges.of(SpecifierSet.parse(spec));
        for (String text : VERSIONS) {
            VersionPoint p = VersionPoint.of(Version.parse(text));
            assertThat(r.complement().contains(p)).isEqualTo(!r.contains(p));
        }
        assertThat(Pep440Ranges.of(VersionSpecifier.parse("==1.0")).intersection(Pep440Ranges.of(VersionSpecifier.parse("!=1.0"))).isEmpty())
                .isTrue();
    }
}
