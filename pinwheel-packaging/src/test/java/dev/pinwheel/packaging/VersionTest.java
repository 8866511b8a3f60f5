package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // leading v, any case, whitespace
        "v1.0|1.0", "V1.0|1.0", "'  1.0\t'|1.0", "1.0.0|1.0.0", "01.02.003|1.2.3",
        // epochs
        "1!2.0|1!2.0", "0!1.0|1.0", "v1!1.0|1!1.0",
        // pre-release spellings
        "1.0a1|1.0a1", "1.0alpha1|1.0a1", "1.0ALPHA1|1.0a1", "1.0b2|1.0b2", "1.0beta2|1.0b2",
        "1.0c3|1.0rc3", "1.0rc3|1.0rc3", "1.0pre3|1.0rc3", "1.0preview3|1.0rc3", "1.0RC3|1.0rc3",
        "1.0-a1|1.0a1", "1.0_a1|1.0a1", "1.0.a1|1.0a1", "1.0a.1|1.0a1", "1.0a-1|1.0a1", "1.0a_1|1.0a1",
        "1.0a|1.0a0", "1.0.rc|1.0rc0", "1.0a.|1.0a0",
        // post-release spellings
        "1.0.post1|1.0.post1", "1.0post1|1.0.post1", "1.0-post1|1.0.post1", "1.0_post1|1.0.post1",
        "1.0.rev1|1.0.post1", "1.0.r1|1.0.post1", "1.0r|1.0.post0", "1.0.post|1.0.post0",
        "1.0-1|1.0.post1", "1.0-post-1|1.0.post1", "1.0.POST.2|1.0.post2", "1.0a1-1|1.0a1.post1",
        // dev releases
        "1.0.dev1|1.0.dev1", "1.0dev1|1.0.dev1", "1.0-dev1|1.0.dev1", "1.0_dev|1.0.dev0",
        "1.0.DEV.3|1.0.dev3", "1.0a1.dev2|1.0a1.dev2", "1.0.post1.dev2|1.0.post1.dev2",
        "1.0rc1.post2.dev3|1.0rc1.post2.dev3", "1.0a.dev|1.0a0.dev0",
        // local versions
        "1.0+abc|1.0+abc", "1.0+ABC.5|1.0+abc.5", "1.0+ubuntu-1|1.0+ubuntu.1", "1.0+a_b.c|1.0+a.b.c",
        "1.0+007|1.0+7", "1.0+0|1.0+0", "1!1.0rc1.post2.dev3+Local.01|1!1.0rc1.post2.dev3+local.1",
    })
    void normalizesEveryPep440Spelling(String input, String normalized) {
        assertThat(Version.parse(input)).hasToString(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "v", "1.", ".1", "1..0", "1.0-", "1.0.", "1.0+", "1.0+a..b",
        "1.0+a.", "1.0+-a", "1.0+a#b", "a1.0", "1.0foo", "1.0ab", "1.0prev", "1!", "!1", "1.0 a1",
        "1.0.post1.post2", "1.0a1a2", "1.0.dev1.dev2", "1.0dev1a1", "1.0+a+b", "1.0.*",
        "99999999999999999999", "1.0\u017Fpost", "1.0 1", "1.0--1"})
    void rejectsInvalidVersions(String input) {
        assertThatThrownBy(() -> Version.parse(input)).isInstanceOf(ParseException.class);
    }

    @Test
    void sortsByThePep440TotalOrder() {
        // Each version is strictly greater than the one before it (the PEP's and packaging's order).
        List<String> ordered = List.of(
                "1.0.dev456", "1.0a1.dev1", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
                "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456",
                "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34",
                "1.0.post456", "1.0.15", "1.1.dev1", "1.1", "2!0.1");
        List<Version> versions = new ArrayList<>();
        for (String s : ordered) {
            versions.add(Version.parse(s));
        }
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i - 1)).as(ordered.get(i - 1) + " < " + ordered.get(i))
                    .isLessThan(versions.get(i));
        }
        List<Version> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(versions);
    }

    @Test
    void devReleaseSortsBeforeEveryPreReleaseOfTheSameRelease() {
        assertThat(Version.parse("1.0.dev0")).isLessThan(Version.parse("1.0a0"));
        assertThat(Version.parse("1.0.dev99")).isLessThan(Version.parse("1.0a0.dev0"));
    }

    @Test
    void postReleaseSortsAfterItsReleaseAndDevOfPostSortsBetween() {
        assertThat(Version.parse("1.0")).isLessThan(Version.parse("1.0.post0.dev0"));
        assertThat(Version.parse("1.0.post0.dev0")).isLessThan(Version.parse("1.0.post0"));
    }

    @Test
    void localVersionSortsAfterItsPublicVersion() {
        assertThat(Version.parse("1.0+local")).isGreaterThan(Version.parse("1.0"));
        assertThat(Version.parse("1.0+local")).isLessThan(Version.parse("1.0.post0"));
    }

    @Test
    void numericLocalSegmentsSortAfterAlphanumericOnesAndLongerLabelsWin() {
        assertThat(Version.parse("1.0+1")).isGreaterThan(Version.parse("1.0+zzz"));
        assertThat(Version.parse("1.0+abc.1")).isGreaterThan(Version.parse("1.0+abc"));
        assertThat(Version.parse("1.0+10")).isGreaterThan(Version.parse("1.0+9"));
        assertThat(Version.parse("1.0+123456789012345678901234567890"))
                .isGreaterThan(Version.parse("1.0+99999999999999999999999999999"));
    }

    @Test
    void trailingZerosDoNotChangeEqualityButStayInTheText() {
        Version short_ = Version.parse("1.0");
        Version long_ = Version.parse("1.0.0.0");
        assertThat(short_).isEqualTo(long_).hasSameHashCodeAs(long_);
        assertThat(short_.compareTo(long_)).isZero();
        assertThat(long_).hasToString("1.0.0.0");
        assertThat(Version.parse("1.0+1")).isEqualTo(Version.parse("1.0.0+01"));
    }

    @Test
    void epochOutranksTheRelease() {
        assertThat(Version.parse("1!0.1")).isGreaterThan(Version.parse("2024.1"));
    }

    @Test
    void accessorsExposeTheParts() {
        Version v = Version.parse("2!1.2.3rc4.post5.dev6+ab.7");
        assertThat(v.epoch()).isEqualTo(2);
        assertThat(v.release()).containsExactly(1L, 2L, 3L);
        assertThat(v.pre()).contains(new Version.Pre(Version.Phase.RC, 4));
        assertThat(v.post()).hasValue(5);
        assertThat(v.dev()).hasValue(6);
        assertThat(v.local()).contains("ab.7");
        assertThat(v.isPrerelease()).isTrue();
        assertThat(v.isPostRelease()).isTrue();
        assertThat(v.isDevRelease()).isTrue();
        assertThat(v.isLocal()).isTrue();
        assertThat(v.publicVersion()).hasToString("2!1.2.3rc4.post5.dev6");
        assertThat(v.baseVersion()).hasToString("2!1.2.3");
    }

    @Test
    void devReleaseCountsAsPrereleaseButPostReleaseDoesNot() {
        assertThat(Version.parse("1.0.dev1").isPrerelease()).isTrue();
        assertThat(Version.parse("1.0.post1").isPrerelease()).isFalse();
        assertThat(Version.parse("1.0.post1.dev1").isPrerelease()).isTrue();
        assertThat(Version.parse("1.0").isPrerelease()).isFalse();
    }

    @Test
    void surroundingWhitespaceIsTrimmedAsPythonSeesIt() {
        // no-break and em spaces and NEL count as whitespace in Python, not in Character.isWhitespace
        assertThat(Version.parse("\u00a01.0\u2003")).hasToString("1.0");
        assertThat(Version.parse("\u00851.0\n")).hasToString("1.0");
    }

    @Test
    void parseErrorPointsAtTheProblem() {
        assertThatThrownBy(() -> Version.parse("1.0foo"))
                .isInstanceOf(ParseException.class)
                .hasMessage("unexpected text after version '1.0'\n  1.0foo\n     ^^^");
    }
}
