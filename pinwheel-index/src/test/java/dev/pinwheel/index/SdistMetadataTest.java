package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Dist;
import dev.pinwheel.testkit.SdistBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdistMetadataTest {

    @TempDir
    Path dir;

    @Test
    void pkgInfoIsReadFromTarGzAndZip() {
        for (SdistBuilder.Format format : SdistBuilder.Format.values()) {
            Dist sdist = SdistBuilder.of("My.Package", "1.0").format(format).requiresDist("six").module("my_package/__init__.py", "").build();
            byte[] pkgInfo = SdistMetadata.readPkgInfo(sdist.writeTo(dir)).orElseThrow();
            assertThat(new String(pkgInfo, StandardCharsets.UTF_8)).isEqualTo(sdist.metadata());
        }
    }

    @Test
    void longPathsInTheArchiveAreHandled() {
        Dist sdist = SdistBuilder.of("deep", "1.0")
                .module("a/very/long/directory/name/that/goes/on/and/on/beyond/one/hundred/characters/for/sure/module.py", "")
                .build();
        assertThat(SdistMetadata.readPkgInfo(sdist.writeTo(dir))).isPresent();
    }

    @Test
    void missingPkgInfoIsEmpty() {
        Dist sdist = SdistBuilder.of("broken", "1.0").withoutPkgInfo().build();
        assertThat(SdistMetadata.readPkgInfo(sdist.writeTo(dir))).isEmpty();
    }

    @Test
    void onlyStaticMetadata22AndNewerIsTrustworthy() {
        assertThat(SdistMetadata.isTrustworthy("Metadata-Version: 2.2\nName: a\nVersion: 1\n\n")).isTrue();
        assertThat(SdistMetadata.isTrustworthy("Metadata-Version: 2.4\nName: a\nDynamic: Summary\n")).isTrue();
        assertThat(SdistMetadata.isTrustworthy("Metadata-Version: 2.3\nDynamic: requires-dist\n")).isFalse();
        assertThat(SdistMetadata.isTrustworthy("Metadata-Version: 2.1\nName: a\n")).isFalse();
        assertThat(SdistMetadata.isTrustworthy("Metadata-Version: 2.2\n\nDynamic: Requires-Dist (in the description)\n")).isTrue();
        assertThat(SdistMetadata.isTrustworthy("Name: a\n")).isFalse();
    }
}
