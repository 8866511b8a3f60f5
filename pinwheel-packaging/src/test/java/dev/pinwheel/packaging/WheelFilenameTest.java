package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WheelFilenameTest {

    @Test
    void parsesNameVersionAndTags() {
        WheelFilename wheel = WheelFilename.parse("requests-2.31.0-py3-none-any.whl");
        assertThat(wheel.name()).isEqualTo(ProjectName.parse("requests"));
        assertThat(wheel.version()).isEqualTo(Version.parse("2.31.0"));
        assertThat(wheel.buildTag()).isEmpty();
        assertThat(wheel.tags()).containsExactly(Tag.parse("py3-none-any"));
        assertThat(wheel.filename()).isEqualTo("requests-2.31.0-py3-none-any.whl");
    }

    @Test
    void nameIsNormalized() {
        assertThat(WheelFilename.parse("Typing_Extensions-4.9.0-py3-none-any.whl").name().toString())
                .isEqualTo("typing-extensions");
        assertThat(WheelFilename.parse("zope.interface-6.1-cp311-cp311-win_amd64.whl").name().toString())
                .isEqualTo("zope-interface");
    }

    @Test
    void compressedTagSetsExpand() {
        WheelFilename wheel = WheelFilename.parse(
                "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        assertThat(wheel.tags()).containsExactly(Tag.parse("cp311-cp311-manylinux_2_17_x86_64"),
                Tag.parse("cp311-cp311-manylinux2014_x86_64"));
        assertThat(WheelFilename.parse("six-1.16.0-py2.py3-none-any.whl").tags()).hasSize(2);
    }

    @Test
    void buildTagStartsWithADigitAndSortsNumerically() {
        WheelFilename wheel = WheelFilename.parse("foo-1.0-10b_x-py3-none-any.whl");
        assertThat(wheel.buildTag()).contains(new BuildTag(BigInteger.TEN, "b_x"));
        assertThat(BuildTag.parse("10")).isGreaterThan(BuildTag.parse("9"));
        assertThat(BuildTag.parse("1a")).isGreaterThan(BuildTag.parse("1"));
        assertThatThrownBy(() -> WheelFilename.parse("foo-1.0-x1-py3-none-any.whl"))
                .isInstanceOf(ParseException.class)
                .hasMessage("invalid build tag: a build tag must start with a digit\n"
                        + "  foo-1.0-x1-py3-none-any.whl\n          ^");
    }

    @Test
    void localAndPreReleaseVersionsAreAllowed() {
        assertThat(WheelFilename.parse("torch-2.1.0+cpu-cp311-cp311-linux_x86_64.whl").version().isLocal()).isTrue();
        assertThat(WheelFilename.parse("foo-1.0rc1-py3-none-any.whl").version().isPrerelease()).isTrue();
    }

    @Test
    void wrongNumberOfPartsIsAnError() {
        assertThatThrownBy(() -> WheelFilename.parse("foo-1.0-py3-any.whl")).isInstanceOf(ParseException.class)
                .hasMessageContaining("5 or 6 parts");
        assertThatThrownBy(() -> WheelFilename.parse("foo-bar-1.0-1-py3-none-any.whl"))
                .isInstanceOf(ParseException.class).hasMessageContaining("found 7");
    }

    @Test
    void mustEndInWhl() {
        assertThatThrownBy(() -> WheelFilename.parse("foo-1.0-py3-none-any.zip")).isInstanceOf(ParseException.class)
                .hasMessageContaining("ends in '.whl'");
    }

    @Test
    void invalidVersionIsReportedAtItsPosition() {
        assertThatThrownBy(() -> WheelFilename.parse("foo-1.0.x-py3-none-any.whl"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isBetween(4, 8))
                .hasMessageStartingWith("invalid version: ");
    }

    @Test
    void doubledUnderscoreInNameIsRejected() {
        assertThatThrownBy(() -> WheelFilename.parse("foo__bar-1.0-py3-none-any.whl"))
                .isInstanceOf(ParseException.class).hasMessageContaining("no '__'");
    }

    @Test
    void equalityIgnoresSpellingButNotContent() {
        assertThat(WheelFilename.parse("Foo-1.0-py2.py3-none-any.whl"))
                .isEqualTo(WheelFilename.parse("foo-1.0.0-py3.py2-none-any.whl"));
        assertThat(WheelFilename.parse("foo-1.0-py3-none-any.whl"))
                .isNotEqualTo(WheelFilename.parse("foo-1.0-1-py3-none-any.whl"));
    }

    @Test
    void ofBuildsTheCanonicalFilename() {
        WheelFilename wheel = WheelFilename.of(ProjectName.parse("Foo.Bar"), Version.parse("1.0.0-1"),
                Optional.of(BuildTag.parse("2")), Tag.parseSet("py2.py3-none-any"));
        assertThat(wheel.filename()).isEqualTo("foo_bar-1.0.0.post1-2-py2.py3-none-any.whl");
        assertThat(WheelFilename.parse(wheel.filename())).isEqualTo(wheel);
        assertThatThrownBy(() -> WheelFilename.of(ProjectName.parse("x"), Version.parse("1"), Optional.empty(),
                Set.of(Tag.parse("py3-none-any"), Tag.parse("py2-abi3-any")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distFilenameDispatchesOnExtension() {
        assertThat(DistFilename.parse("foo-1.0-py3-none-any.whl")).isInstanceOf(WheelFilename.class);
        assertThat(DistFilename.parse("foo-1.0.tar.gz")).isInstanceOf(SdistFilename.class);
        assertThat(DistFilename.tryParse("foo-1.0.win32.exe")).isEmpty();
        assertThat(DistFilename.tryParse("foo-1.0-py2.7.egg")).isEmpty();
        ProjectName foo = ProjectName.parse("foo");
        assertThat(DistFilename.tryParse("foo-1.0-1.zip", foo).map(DistFilename::version)).contains(Version.parse("1.0.post1"));
        assertThat(DistFilename.tryParse("bar-1.0.zip", foo)).isEmpty();
        assertThatThrownBy(() -> DistFilename.parse("bar-1.0-py3-none-any.whl", ProjectName.parse("foo")))
                .isInstanceOf(ParseException.class).hasMessageContaining("not 'foo'");
    }
}
