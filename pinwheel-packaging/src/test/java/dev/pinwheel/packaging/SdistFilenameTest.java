package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdistFilenameTest {

    @Test
    void parsesStandardName() {
        SdistFilename sdist = SdistFilename.parse("typing_extensions-4.9.0.tar.gz");
        assertThat(sdist.name().toString()).isEqualTo("typing-extensions");
        assertThat(sdist.version()).isEqualTo(Version.parse("4.9.0"));
        assertThat(sdist.extension()).isEqualTo(".tar.gz");
        assertThat(sdist.isStandard()).isTrue();
    }

    @Test
    void legacyNamesWithDashesAndOtherArchivesParse() {
        SdistFilename sdist = SdistFilename.parse("python-dateutil-2.8.2.zip");
        assertThat(sdist.name().toString()).isEqualTo("python-dateutil");
        assertThat(sdist.version()).isEqualTo(Version.parse("2.8.2"));
        assertThat(sdist.isStandard()).isFalse();
        assertThat(SdistFilename.parse("Foo-1.0.tar.bz2").extension()).isEqualTo(".tar.bz2");
        assertThat(SdistFilename.parse("foo-1.0.tgz").version()).isEqualTo(Version.parse("1.0"));
        assertThat(SdistFilename.parse("Foo-1.0.ZIP").extension()).isEqualTo(".ZIP");
    }

    @Test
    void withoutTheProjectTheFirstSplitGivingAVersionWins() {
        SdistFilename sdist = SdistFilename.parse("foo-1.0-1.tar.gz");
        assertThat(sdist.name().toString()).isEqualTo("foo");
        assertThat(sdist.version()).isEqualTo(Version.parse("1.0.post1"));
        assertThat(SdistFilename.parse("abc-2fa-1.0.tar.gz").name().toString()).isEqualTo("abc-2fa");
    }

    @Test
    void withTheProjectTheSplitFollowsItsName() {
        SdistFilename sdist = SdistFilename.parse("foo-2-1.tar.gz", ProjectName.parse("Foo_2"));
        assertThat(sdist.name().toString()).isEqualTo("foo-2");
        assertThat(sdist.version()).isEqualTo(Version.parse("1"));
        SdistFilename guessed = SdistFilename.parse("foo-2-1.tar.gz");
        assertThat(guessed.name().toString()).isEqualTo("foo");
        assertThat(guessed.version()).isEqualTo(Version.parse("2.post1"));
    }

    @Test
    void anotherProjectsFileIsAnErrorWhenTheProjectIsGiven() {
        assertThatThrownBy(() -> SdistFilename.parse("bar-1.0.tar.gz", ProjectName.parse("foo")))
                .isInstanceOf(ParseException.class).hasMessageContaining("project name 'foo'");
    }

    @Test
    void unknownExtensionIsAnError() {
        assertThatThrownBy(() -> SdistFilename.parse("foo-1.0.rpm")).isInstanceOf(ParseException.class)
                .hasMessage("a source distribution name ends in .tar.gz or .zip (or a legacy .tar.bz2, .tar.xz, "
                        + ".tgz, .tbz, .txz, .tar)\n  foo-1.0.rpm\n         ^^^^");
    }

    @Test
    void missingVersionIsAnError() {
        assertThatThrownBy(() -> SdistFilename.parse("foo.tar.gz")).isInstanceOf(ParseException.class)
                .hasMessageContaining("no '-' found");
        assertThatThrownBy(() -> SdistFilename.parse("foo-bar.tar.gz")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("invalid version");
    }
}
