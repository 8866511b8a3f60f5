package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExistingLockTest {

    @TempDir
    Path tmp;

    @Test
    void exactPinsArePreferredExceptUpgradedOnesAndUnchangedPinsKeepTheirHashes() throws Exception {
        Path lock = Files.writeString(tmp.resolve("a.txt"), """
                #
                --index-url https://example.invalid/simple
                anyio==4.3.0 \\
                    --hash=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \\
                    --hash=sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                    # via starlette
                idna>=3
                sniffio==1.*
                starlette==0.37.0
                    # via fastapi
                uvicorn[standard]==0.29.0 ; python_version >= "3.8"
                """);
        ExistingLock existing = ExistingLock.read(lock, tmp, List.of("starlette<1"));
        assertThat(existing.pins()).containsOnlyKeys(ProjectName.parse("anyio"), ProjectName.parse("uvicorn"));
        assertThat(existing.hashes(ProjectName.parse("anyio"), Version.parse("4.3.0")))
                .hasValueSatisfying(h -> assertThat(h).containsExactly("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
        assertThat(existing.hashes(ProjectName.parse("anyio"), Version.parse("4.4.0"))).isEmpty();
        assertThat(ExistingLock.read(tmp.resolve("missing.txt"), tmp, List.of()).pins()).isEmpty();
    }
}
