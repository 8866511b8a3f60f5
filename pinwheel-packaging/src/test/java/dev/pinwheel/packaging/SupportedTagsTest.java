package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SupportedTagsTest {

    /** Targets whose full tag lists were produced by packaging 26.4 (see tags/generate.py). */
    private static final Map<String, TargetPython> GOLDEN = Map.ofEntries(
            Map.entry("cp311-manylinux_2_28_x86_64", TargetPython.cpython(3, 11, Platform.manylinux(2, 28, "x86_64"))),
            Map.entry("cp312-manylinux_2_17_aarch64", TargetPython.cpython(3, 12, Platform.manylinux(2, 17, "aarch64"))),
            Map.entry("cp39-manylinux_2_5_i686", TargetPython.cpython(3, 9, Platform.manylinux(2, 5, "i686"))),
            Map.entry("cp311-musllinux_1_2_x86_64", TargetPython.cpython(3, 11, Platform.musllinux(1, 2, "x86_64"))),
            Map.entry("cp311-linux_x86_64", TargetPython.cpython(3, 11, Platform.linux("x86_64"))),
            Map.entry("cp311-macosx_14_0_arm64", TargetPython.cpython(3, 11, Platform.macos(14, 0, "arm64"))),
            Map.entry("cp310-macosx_12_0_x86_64", TargetPython.cpython(3, 10, Platform.macos(12, 0, "x86_64"))),
            Map.entry("cp38-macosx_10_9_x86_64", TargetPython.cpython(3, 8, Platform.macos(10, 9, "x86_64"))),
            Map.entry("cp311-win_amd64", TargetPython.cpython(3, 11, Platform.windows("amd64"))),
            Map.entry("cp37-win32", TargetPython.cpython(3, 7, Platform.windows("x86"))),
            Map.entry("cp312-win_arm64", TargetPython.cpython(3, 12, Platform.windows("arm64"))),
            Map.entry("cp311d-win_amd64", TargetPython.cpython(3, 11, Platform.windows("amd64")).withDebug(true)),
            Map.entry("cp313t-manylinux_2_35_x86_64",
                    TargetPython.cpython(3, 13, Platform.manylinux(2, 35, "x86_64")).withFreeThreaded(true)),
            Map.entry("cp312-macosx_15_0_x86_64", TargetPython.cpython(3, 12, Platform.macos(15, 0, "x86_64"))),
            Map.entry("cp36-macosx_10_6_i386", TargetPython.cpython(3, 6, Platform.macos(10, 6, "i386"))),
            Map.entry("cp311-manylinux_2_31_armv8l", TargetPython.cpython(3, 11, Platform.manylinux(2, 31, "armv8l"))),
            Map.entry("cp310-musllinux_1_1_aarch64", TargetPython.cpython(3, 10, Platform.musllinux(1, 1, "aarch64"))),
            Map.entry("cp38-manylinux_2_17_ppc64le", TargetPython.cpython(3, 8, Platform.manylinux(2, 17, "ppc64le"))),
            Map.entry("cp314-win32", TargetPython.cpython(3, 14, Platform.windows("x86"))),
            Map.entry("pp310-manylinux_2_28_x86_64", TargetPython.pypy(3, 10, 7, 3, Platform.manylinux(2, 28, "x86_64"))));

    @TestFactory
    Stream<DynamicTest> tagListsMatchPackagingSysTagsOrder() {
        return GOLDEN.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey(), () -> {
                    List<String> expected = golden(e.getKey());
                    List<String> actual = SupportedTags.of(e.getValue()).tags().stream().map(Tag::toString).toList();
                    assertThat(actual).containsExactlyElementsOf(expected);
                }));
    }

    private static List<String> golden(String name) throws IOException {
        try (InputStream in = SupportedTagsTest.class.getResourceAsStream("tags/" + name + ".txt")) {
            assertThat(in).as("resource tags/%s.txt", name).isNotNull();
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
    }

    private static final SupportedTags CP311_LINUX =
            SupportedTags.of(TargetPython.cpython(3, 11, Platform.manylinux(2, 28, "x86_64")));

    @Test
    void nativeAbiComesBeforeStableAbiBeforeNone() {
        int cp311 = CP311_LINUX.priority(Tag.parse("cp311-cp311-manylinux_2_17_x86_64")).getAsInt();
        int abi3 = CP311_LINUX.priority(Tag.parse("cp311-abi3-manylinux_2_17_x86_64")).getAsInt();
        int none = CP311_LINUX.priority(Tag.parse("cp311-none-manylinux_2_17_x86_64")).getAsInt();
        int olderAbi3 = CP311_LINUX.priority(Tag.parse("cp37-abi3-manylinux_2_17_x86_64")).getAsInt();
        assertThat(cp311).isLessThan(abi3);
        assertThat(abi3).isLessThan(none);
        assertThat(none).isLessThan(olderAbi3);
    }

    @Test
    void newerGlibcIsPreferredAndLegacyAliasesSitAtTheirGlibc() {
        List<String> platforms = Platform.manylinux(2, 28, "x86_64").tags();
        assertThat(platforms.indexOf("manylinux2014_x86_64")).isEqualTo(platforms.indexOf("manylinux_2_17_x86_64") + 1);
        assertThat(platforms.indexOf("manylinux2010_x86_64")).isEqualTo(platforms.indexOf("manylinux_2_12_x86_64") + 1);
        assertThat(platforms).endsWith("manylinux_2_5_x86_64", "manylinux1_x86_64");
        assertThat(platforms.indexOf("manylinux_2_28_x86_64")).isLessThan(platforms.indexOf("manylinux_2_17_x86_64"));
    }

    @Test
    void glibcNewerThanTheTargetIsNotSupported() {
        assertThat(CP311_LINUX.priority(Tag.parse("cp311-cp311-manylinux_2_31_x86_64"))).isEmpty();
    }

    @Test
    void nonX86LinuxStopsAtGlibc217() {
        assertThat(Platform.manylinux(2, 28, "aarch64").tags())
                .endsWith("manylinux_2_17_aarch64", "manylinux2014_aarch64")
                .doesNotContain("manylinux_2_16_aarch64", "manylinux2010_aarch64", "manylinux1_aarch64");
    }

    @Test
    void armv8lAlsoRunsArmv7l() {
        assertThat(Platform.manylinux(2, 17, "armv8l").tags())
                .startsWith("linux_armv8l", "linux_armv7l", "manylinux_2_17_armv8l")
                .contains("manylinux2014_armv7l");
    }

    @Test
    void musllinuxListsEveryMinorDownToZeroAndNoManylinux() {
        assertThat(Platform.musllinux(1, 2, "aarch64").tags()).containsExactly(
                "linux_aarch64", "musllinux_1_2_aarch64", "musllinux_1_1_aarch64", "musllinux_1_0_aarch64");
    }

    @Test
    void macosArmAcceptsUniversal2FromOlderTenReleasesButNotIntel() {
        List<String> tags = Platform.macos(14, 0, "arm64").tags();
        assertThat(tags).startsWith("macosx_14_0_arm64", "macosx_14_0_universal2", "macosx_13_0_arm64");
        assertThat(tags).contains("macosx_10_9_universal2").doesNotContain("macosx_10_9_x86_64", "macosx_10_9_arm64");
    }

    @Test
    void macosElevenAndLaterUseMajorVersionsWithMinorZero() {
        assertThat(Platform.macos(14, 5, "arm64").tags()).contains("macosx_14_0_arm64").doesNotContain("macosx_14_5_arm64");
    }

    @Test
    void macosIntelHasFatAndUniversalGroupings() {
        assertThat(Platform.macos(10, 9, "x86_64").tags()).startsWith("macosx_10_9_x86_64", "macosx_10_9_intel",
                "macosx_10_9_fat64", "macosx_10_9_fat3", "macosx_10_9_universal2", "macosx_10_9_universal");
    }

    @Test
    void windowsHasExactlyOnePlatformTag() {
        assertThat(Platform.windows("amd64").tags()).containsExactly("win_amd64");
        assertThat(Platform.windows("x86").tags()).containsExactly("win32");
        assertThat(Platform.windows("arm64").tags()).containsExactly("win_arm64");
    }

    @Test
    void freeThreadedBuildUsesAbi3tAndNeverAbi3() {
        SupportedTags tags = SupportedTags.of(
                TargetPython.cpython(3, 13, Platform.windows("amd64")).withFreeThreaded(true));
        assertThat(tags.tags()).startsWith(Tag.parse("cp313-cp313t-win_amd64"), Tag.parse("cp313-abi3t-win_amd64"));
        assertThat(tags.priority(Tag.parse("cp313-abi3-win_amd64"))).isEmpty();
        assertThat(tags.priority(Tag.parse("cp313-cp313-win_amd64"))).isEmpty();
    }

    @Test
    void debugBuildPrefersDebugAbiThenLoadsNormalExtensions() {
        assertThat(TargetPython.cpython(3, 11, Platform.windows("amd64")).withDebug(true).abis())
                .containsExactly("cp311d", "cp311");
        assertThat(TargetPython.cpython(3, 7, Platform.windows("amd64")).withDebug(true).abis())
                .containsExactly("cp37dm");
    }

    @Test
    void pureWheelsRankLastAndOlderPythonsAfterNewer() {
        List<Tag> tags = CP311_LINUX.tags();
        assertThat(tags.subList(tags.size() - 14, tags.size()).stream().map(Tag::toString))
                .startsWith("cp311-none-any", "py311-none-any", "py3-none-any", "py310-none-any")
                .endsWith("py30-none-any");
    }

    @Test
    void unsupportedTagHasNoPriority() {
        assertThat(CP311_LINUX.priority(Tag.parse("cp312-cp312-manylinux_2_17_x86_64"))).isEmpty();
        assertThat(CP311_LINUX.priority(Tag.parse("py2-none-any"))).isEmpty();
        assertThat(CP311_LINUX.priority(Tag.parse("cp311-cp311-win_amd64"))).isEmpty();
    }

    @Test
    void bestWheelIsTheOneWithTheBestRankedTag() {
        List<WheelFilename> wheels = Stream.of(
                "numpy-1.26.4-cp311-cp311-win_amd64.whl",
                "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "numpy-1.26.4-cp311-cp311-musllinux_1_1_x86_64.whl",
                "numpy-1.26.4-cp311-cp311-manylinux_2_27_x86_64.whl",
                "numpy-1.26.4-py3-none-any.whl").map(WheelFilename::parse).toList();
        assertThat(CP311_LINUX.best(wheels).map(WheelFilename::filename))
                .contains("numpy-1.26.4-cp311-cp311-manylinux_2_27_x86_64.whl");
    }

    @Test
    void bestWheelPrefersHigherBuildTagOnEqualTags() {
        List<WheelFilename> wheels = Stream.of("foo-1.0-1-py3-none-any.whl", "foo-1.0-10-py3-none-any.whl",
                "foo-1.0-py3-none-any.whl", "foo-1.0-9-py3-none-any.whl").map(WheelFilename::parse).toList();
        assertThat(CP311_LINUX.best(wheels).map(WheelFilename::filename)).contains("foo-1.0-10-py3-none-any.whl");
    }

    @Test
    void bestWheelIsEmptyWhenNothingFits() {
        List<WheelFilename> wheels = List.of(WheelFilename.parse("foo-1.0-cp311-cp311-win_amd64.whl"));
        assertThat(CP311_LINUX.best(wheels)).isEqualTo(Optional.empty());
        assertThat(CP311_LINUX.isCompatible(wheels.get(0))).isFalse();
    }

    @Test
    void platformParsesTagsAsMinimumTargets() {
        assertThat(Platform.parse("manylinux_2_28_x86_64")).isEqualTo(Platform.manylinux(2, 28, "x86_64"));
        assertThat(Platform.parse("manylinux2014_aarch64")).isEqualTo(Platform.manylinux(2, 17, "aarch64"));
        assertThat(Platform.parse("manylinux1_x86_64")).isEqualTo(Platform.manylinux(2, 5, "x86_64"));
        assertThat(Platform.parse("musllinux_1_2_x86_64")).isEqualTo(Platform.musllinux(1, 2, "x86_64"));
        assertThat(Platform.parse("macosx_14_0_arm64")).isEqualTo(Platform.macos(14, 0, "arm64"));
        assertThat(Platform.parse("win32")).isEqualTo(Platform.windows("x86"));
        assertThat(Platform.parse("WIN_AMD64")).isEqualTo(Platform.windows("amd64"));
        assertThat(Platform.parse("linux_x86_64")).isEqualTo(Platform.linux("x86_64"));
    }

    @Test
    void platformParseRejectsUnknownAndImpossiblePlatforms() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.parse("solaris_sparc"))
                .isInstanceOf(ParseException.class).hasMessageContaining("unknown platform");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.parse("manylinux_3_0_x86_64"))
                .isInstanceOf(ParseException.class).hasMessageContaining("glibc major version must be 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.parse("macosx_9_0_x86_64"))
                .isInstanceOf(ParseException.class);
    }
}
