package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierSetTest {

    private static boolean contains(String spec, String version) {
        return SpecifierSet.parse(spec).contains(Version.parse(version));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // == with zero padding and local rules
        "==1.0|1.0|true", "==1.0|1.0.0|true", "==1.0.0|1|true", "==1.0|1.0+local|true",
        "==1.0+local|1.0+local|true", "==1.0+local|1.0|false", "==1.0+a|1.0+b|false", "==1.0|1.0.post1|false",
        // != mirrors ==
        "!=1.0|1.0+local|false", "!=1.0|1.1|true", "!=1.0+a|1.0|true",
        // wildcards with zero padding
        "==1.0.*|1.0.5|true", "==1.0.*|1|true", "==1.0.*|1.1|false", "==1.*|1.9.9|true",
        "==1.0.0.*|1.0|true", "==1.0.*|1.0.post1|true", "==1.0.*|1.0+local|true", "==1!1.*|1.5|false",
        "!=1.0.*|1.0.3|false", "!=1.0.*|1.1|true", "==2.*|2.0a1|false",
        // ordered comparisons
        "<=1.0|1.0+local|true", ">=1.0|1.0+local|true", ">=1.0|0.9|false", "<=1.0|1.0.post1|false",
        "<2.0|1.9|true", "<2.0|2.0|false", "<2.0|2.0.post1|false",
        ">1.0|1.0.1|true", ">1.0|1.0|false",
        // <V excludes pre-releases of V unless V is one
        "<2.0|2.0a1|false", "<2.0|2.0.dev1|false", "<2.0rc1|2.0b1|true", "<2.0rc1|1.9rc1|true",
        // >V excludes post-releases and local versions of V unless V is a post-release
        ">1.0|1.0.post1|false", ">1.0|1.0+local|false", ">1.0.post1|1.0.post2|true", ">1.0.post1|1.0.post1+local|false",
        ">1.0|1.1.post1|true",
        // ~=
        "~=2.2|2.3|true", "~=2.2|3.0|false", "~=2.2|2.1|false", "~=1.4.5|1.4.9|true", "~=1.4.5|1.5.0|false",
        "~=2.2.post3|2.9|true", "~=2.2.post3|2.2.post2|false", "~=1.4.5a4|1.4.5|true", "~=1.4.5a4|1.5|false",
        "~=2.2.0|2.2.1|true", "~=2.2.0|2.3|false", "~=1.0|1.1+local|true",
        // ===
        "===1.0|1.0|true", "===1.0|1.0.0|false", "===1.0+ABC|1.0+abc|true",
        // sets
        ">=2,<3|2.5|true", ">=2,<3|3.0|false", "''|1.0|true", ">=1.0,!=1.5|1.5|false",
        ">=1.0,,<2| 1.5|true",
    })
    void matchesLikePep440(String spec, String version, boolean expected) {
        assertThat(contains(spec, version)).isEqualTo(expected);
    }

    @Test
    void preReleasesAreExcludedUnlessAskedFor() {
        SpecifierSet set = SpecifierSet.parse(">=1.0");
        assertThat(set.contains(Version.parse("2.0a1"))).isFalse();
        assertThat(set.contains(Version.parse("2.0a1"), true)).isTrue();
        assertThat(set.contains(Version.parse("2.0.dev1"))).isFalse();
        assertThat(SpecifierSet.any().contains(Version.parse("1.0rc1"))).isFalse();
        assertThat(SpecifierSet.any().contains(Version.parse("1.0rc1"), true)).isTrue();
    }

    @Test
    void clauseNamingAPreReleaseAllowsPreReleases() {
        SpecifierSet set = SpecifierSet.parse(">=1.0b1,<2");
        assertThat(set.allowsPrereleases()).isTrue();
        assertThat(set.contains(Version.parse("1.5a1"))).isTrue();
        assertThat(SpecifierSet.parse("==2.0rc1").contains(Version.parse("2.0rc1"))).isTrue();
        assertThat(SpecifierSet.parse("~=2.0rc1").allowsPrereleases()).isTrue();
        assertThat(SpecifierSet.parse("<2.0rc1").allowsPrereleases()).isTrue();
    }

    @Test
    void notEqualsPreReleaseDoesNotAllowPreReleases() {
        SpecifierSet set = SpecifierSet.parse("!=1.0a1");
        assertThat(set.allowsPrereleases()).isFalse();
        assertThat(set.contains(Version.parse("1.0a2"))).isFalse();
    }

    @Test
    void explicitFalseRejectsPreReleasesEvenWhenNamed() {
        assertThat(SpecifierSet.parse("==2.0rc1").contains(Version.parse("2.0rc1"), false)).isFalse();
    }

    @ParameterizedTest(name = "{0} contains {1} (pre-releases allowed): {2}")
    @CsvSource(delimiter = '|', value = {
        "<2.0|2.0rc1.post1|false", "<2.0|1.9.post1.dev1|true", "<2.0|2.0rc1+local|false",
        "<2.0.post1|2.0a1|true", "<2.0.post1|2.0.dev1|true", "<2.0.post1|2.0.post1.dev1|false",
        "<2.0rc1|2.0.dev1|true", "<2.0a1|2.0a1.dev1|true",
        ">2.0a1|2.0.post1|true", ">2.0a1|2.0a1.post1|false", ">2.0a1|2.0a1+local|false", ">2.0a1|2.0+local|true",
        ">2.0|2.0.post1.dev1|false", ">2.0.dev1|2.0.dev1+local|false", ">2.0.dev1|2.0.post1|true",
        ">2.0.post1.dev1|2.0.post1|true", ">2.0|2.0.1+local|true",
    })
    void exclusiveBoundsExcludeOnlyTheFamilyOfTheNamedVersion(String spec, String version, boolean expected) {
        assertThat(SpecifierSet.parse(spec).contains(Version.parse(version), true)).isEqualTo(expected);
    }

    @Test
    void wildcardPrefixDoesNotCountAsNamingAPreRelease() {
        assertThat(SpecifierSet.parse("==1.*").allowsPrereleases()).isFalse();
    }

    @Test
    void printsNormalizedSortedDeduplicatedClauses() {
        assertThat(SpecifierSet.parse(" >= 2.0-1 , < 3, <3 ,~=2.1,==2.*")).hasToString("<3,==2.*,>=2.0.post1,~=2.1");
        assertThat(SpecifierSet.parse("")).hasToString("");
        assertThat(SpecifierSet.parse("").isEmpty()).isTrue();
        assertThat(SpecifierSet.parse(">=2,<3").specifiers()).hasSize(2);
    }

    @Test
    void intersectJoinsTheClauses() {
        SpecifierSet both = SpecifierSet.parse(">=2").intersect(SpecifierSet.parse("<3"));
        assertThat(both).isEqualTo(SpecifierSet.parse("<3,>=2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "=1.0", "=>1.0", ">=", "==", "~=1", "~=1.0.*", ">=1.0.*", "<1.0+local",
        "==1.0a1.*", "==1.0+local.*", ">=1.0 2.0", "===", "=== a b", "===a)", "===a;b", ">=1.0;", "==1.*.0", "==*"})
    void rejectsMalformedClauses(String text) {
        assertThatThrownBy(() -> SpecifierSet.parse(text)).isInstanceOf(ParseException.class);
    }

    @Test
    void missingVersionErrorPointsAfterTheOperator() {
        assertThatThrownBy(() -> SpecifierSet.parse(">=1,=="))
                .isInstanceOf(ParseException.class)
                .hasMessage("expected a version after '=='\n  >=1,==\n        ^");
    }

    @Test
    void versionSpecifierExposesItsParts() {
        VersionSpecifier s = VersionSpecifier.parse(" ~= 1.4.5a4 ");
        assertThat(s.operator()).isEqualTo(VersionSpecifier.Operator.COMPATIBLE);
        assertThat(s.version()).contains(Version.parse("1.4.5a4"));
        assertThat(s.isWildcard()).isFalse();
        assertThat(s.allowsPrereleases()).isTrue();
        assertThat(s).hasToString("~=1.4.5a4");
        VersionSpecifier w = VersionSpecifier.parse("!=2.0.*");
        assertThat(w.isWildcard()).isTrue();
        assertThat(w.version()).contains(Version.parse("2.0"));
        assertThat(VersionSpecifier.of(VersionSpecifier.Operator.GREATER_EQUAL, Version.parse("1.0-1")))
                .isEqualTo(VersionSpecifier.parse(">=1.0.post1"));
    }

    @Test
    void arbitraryEqualityKeepsTextThatIsNoVersion() {
        VersionSpecifier s = VersionSpecifier.parse("===foobar");
        assertThat(s.version()).isEmpty();
        assertThat(s).hasToString("===foobar");
        assertThat(s.contains(Version.parse("1.0"))).isFalse();
    }

    @Test
    void compatibleReleaseNeedsTwoReleaseNumbers() {
        assertThatThrownBy(() -> SpecifierSet.parse("~=1"))
                .hasMessage("'~=' needs at least two release numbers, e.g. ~=1.4\n  ~=1\n    ^");
    }

    @Test
    void wildcardIsOnlyForEqualityOperators() {
        assertThatThrownBy(() -> SpecifierSet.parse(">=1.0.*"))
                .hasMessage("a '.*' wildcard is only allowed with == and !=\n  >=1.0.*\n       ^^");
    }

    @Test
    void localLabelIsOnlyForEqualityOperators() {
        assertThatThrownBy(() -> SpecifierSet.parse(">=1,<=1.0+abc"))
                .hasMessage("a local version label is only allowed with == and !=\n  >=1,<=1.0+abc\n           ^^^^");
    }
}
