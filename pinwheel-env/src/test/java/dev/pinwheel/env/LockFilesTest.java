package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.MarkerEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading lock files: hash-checking mode over named and unnamed lines. */
class LockFilesTest {

    @TempDir
    Path dir;

    private static final MarkerEnvironment LINUX = MarkerEnvironment.forTarget("3.11.7", "linux");
    private static final String HASH = " --hash=sha256:" + "a".repeat(64);

    @Test
    void inHashCheckingModeAnUnnamedLocalDirectoryIsRefusedLikeANamedOne() throws Exception {
        Files.createDirectories(dir.resolve("vendor/tool"));
        Files.writeString(dir.resolve("vendor/tool/pyproject.toml"), "[project]\nname = \"tool\"\nversion = \"1\"\n");
        Files.writeString(dir.resolve("unnamed.txt"), "six==1.16.0" + HASH + "\n./vendor/tool\n");
        assertThatThrownBy(() -> LockFiles.read(List.of("unnamed.txt"), dir, k -> null, LINUX, false))
                .isInstanceOf(EnvException.class)
                .hasMessageContaining("unnamed.txt:2: ./vendor/tool has no --hash, but hash-checking mode is on");
        Files.writeString(dir.resolve("named.txt"), "six==1.16.0" + HASH + "\ntool @ file://" + dir.resolve("vendor/tool") + "\n");
        assertThatThrownBy(() -> LockFiles.read(List.of("named.txt"), dir, k -> null, LINUX, false))
                .hasMessageContaining("named.txt:2: tool @ file://");
        // without hashes anywhere, both are fine
        Files.writeString(dir.resolve("plain.txt"), "six==1.16.0\n./vendor/tool\n");
        assertThat(LockFiles.read(List.of("plain.txt"), dir, k -> null, LINUX, false).pins()).hasSize(2);
    }
}
