package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FilenamePropertiesTest {

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcxyzABC019").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> separator = Arbitraries.of("-", "_", ".", "");
        return Combinators.combine(word, separator, word).as((a, s, b) -> a + s + b);
    }

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<String> release = Arbitraries.integers().between(0, 30).list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> suffix = Arbitraries.of("", "a1", "b2", "rc3", ".post1", ".dev0", "rc1.post2.dev3", "+local.7");
        return Combinators.combine(release, suffix).as(String::concat);
    }

    @Provide
    Arbitrary<String> tagSets() {
        Arbitrary<List<String>> interpreters = Arbitraries.of("py2", "py3", "cp311", "cp312", "pp310").list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> abis = Arbitraries.of("none", "abi3", "cp311", "cp312t").list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<List<String>> platforms = Arbitraries.of("any", "win_amd64", "manylinux_2_17_x86_64",
                "manylinux2014_x86_64", "macosx_11_0_arm64").list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(interpreters, abis, platforms).as((i, a, p) ->
                String.join(".", i) + "-" + String.join(".", a) + "-" + String.join(".", p));
    }

    @Property(tries = 300)
    void wheelFilenameRoundTrips(@ForAll("names") String name, @ForAll("versions") String version,
            @ForAll("tagSets") String tags, @ForAll Optional<@net.jqwik.api.constraints.IntRange(max = 99) Integer> build) {
        String filename = name.replace('-', '_') + "-" + version + build.map(b -> "-" + b + "x").orElse("") + "-" + tags + ".whl";
        WheelFilename wheel = WheelFilename.parse(filename);
        assertThat(wheel.name()).isEqualTo(ProjectName.parse(name));
        assertThat(wheel.version()).isEqualTo(Version.parse(version));
        assertThat(wheel.buildTag().map(BuildTag::toString)).isEqualTo(build.map(b -> b + "x"));
        assertThat(wheel.tags()).isEqualTo(Tag.parseSet(tags));
        assertThat(wheel.filename()).isEqualTo(filename);
        WheelFilename canonical = WheelFilename.of(wheel.name(), wheel.version(), wheel.buildTag(), wheel.tags());
        assertThat(WheelFilename.parse(canonical.filename())).isEqualTo(wheel);
    }

    @Property(tries = 300)
    void standardSdistFilenameRoundTrips(@ForAll("names") String name, @ForAll("versions") String version) {
        ProjectName project = ProjectName.parse(name);
        Version parsedVersion = Version.parse(version);
        String filename = project.toString().replace('-', '_') + "-" + parsedVersion + ".tar.gz";
        SdistFilename sdist = SdistFilename.parse(filename);
        assertThat(sdist.name()).isEqualTo(project);
        assertThat(sdist.version()).isEqualTo(parsedVersion);
        assertThat(sdist.isStandard()).isTrue();
        assertThat(SdistFilename.parse(filename, project)).isEqualTo(sdist);
    }

    @Property(tries = 300)
    void legacySdistFilenameWithKnownProjectRoundTrips(@ForAll("names") String name, @ForAll("versions") String version) {
        String filename = name + "-" + version + ".zip";
        SdistFilename sdist = SdistFilename.parse(filename, ProjectName.parse(name));
        assertThat(sdist.name()).isEqualTo(ProjectName.parse(name));
        assertThat(sdist.version()).isEqualTo(Version.parse(version));
    }

    private static final List<String> WHEEL_SEEDS = List.of(
            "requests-2.31.0-py3-none-any.whl",
            "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
            "foo-1.0-1b-py2.py3-none-any.whl",
            "torch-2.1.0+cu118-cp311-cp311-linux_x86_64.whl",
            "a-1!2.0rc1.post3.dev4-123-cp37-cp37m-win32.whl");

    private static final String ALPHABET = "abzAZ019-_.+!~ \t\n#@%:/\\=<>,;[]()'\"é中\u0000";

    @Test
    void wheelFilenameParserOnlyThrowsParseException() {
        List<String> inputs = Fuzz.strings(WHEEL_SEEDS, ALPHABET, 10_000, 1);
        int parsed = Fuzz.assertParsesOrThrowsParseException(inputs, WheelFilename::parse);
        assertThat(parsed).isGreaterThan(WHEEL_SEEDS.size());
    }

    @Test
    void sdistFilenameParserOnlyThrowsParseException() {
        List<String> seeds = List.of("foo-1.0.tar.gz", "python-dateutil-2.8.2.zip", "Foo_Bar-1!2.0.post1.tar.bz2",
                "x-1.0-1.tgz", "zope.interface-6.1.tar");
        List<String> inputs = Fuzz.strings(seeds, ALPHABET, 10_000, 2);
        int parsed = Fuzz.assertParsesOrThrowsParseException(inputs, SdistFilename::parse);
        ProjectName foo = ProjectName.parse("foo");
        Fuzz.assertParsesOrThrowsParseException(inputs.subList(0, 2_000), s -> DistFilename.parse(s, foo));
        assertThat(parsed).isGreaterThan(seeds.size());
    }

    @Test
    void tagAndPlatformParsersOnlyThrowParseException() {
        List<String> seeds = List.of("py2.py3-none-any", "cp311-cp311-manylinux_2_17_x86_64", "manylinux_2_28_x86_64",
                "macosx_14_0_arm64", "win32", "musllinux_1_2_aarch64", "manylinux2014_aarch64");
        List<String> inputs = Fuzz.strings(seeds, ALPHABET, 2_000, 3);
        Fuzz.assertParsesOrThrowsParseException(inputs, Tag::parseSet);
        Fuzz.assertParsesOrThrowsParseException(inputs, Tag::parse);
        Fuzz.assertParsesOrThrowsParseException(inputs, Platform::parse);
    }
}
