package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chill against a real virtualenv whose site-packages holds dist-info directories. */
class ChillCommandIT {

    @TempDir
    Path tmp;

    private static void installed(Path site, String name, String version, boolean requested, String... requires) throws IOException {
        Path info = site.resolve(name.replace('-', '_') + "-" + version + ".dist-info");
        Files.createDirectories(info);
        StringBuilder m = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            m.append("Requires-Dist: ").append(r).append('\n');
        }
        Files.writeString(info.resolve("METADATA"), m.append('\n').toString());
        Files.writeString(info.resolve("RECORD"), info.getFileName() + "/METADATA,,\n");
        if (requested) {
            Files.writeString(info.resolve("REQUESTED"), "");
        }
    }

    @Test
    void listsWhatNothingElseRequires() throws Exception {
        Path venv = tmp.resolve(".venv");
        Process p = new ProcessBuilder("python3", "-m", "venv", "--without-pip", venv.toString()).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Path site;
        try (Stream<Path> s = Files.list(venv.resolve("lib"))) {
            site = s.findFirst().orElseThrow().resolve("site-packages");
        }
        installed(site, "httpx", "0.28.1", false, "anyio", "certifi", "httpcore==1.*", "idna");
        installed(site, "anyio", "4.6.2", false, "idna>=2.8", "sniffio>=1.1", "exceptiongroup>=1.0.2; python_version < \"3.11\"");
        installed(site, "certifi", "2024.8.30", false);
        installed(site, "httpcore", "1.0.7", false, "certifi", "h11<0.15,>=0.13");
        installed(site, "h11", "0.14.0", false);
        installed(site, "idna", "3.10", false);
        installed(site, "sniffio", "1.3.1", false);
        installed(site, "ruff", "0.8.1", false);
        CliRunner.Result r = new CliRunner(tmp).run("chill");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo("httpx==0.28.1\n# development tools (for dev.in):\nruff==0.8.1\n");
        CliRunner.Result v = new CliRunner(tmp).run("chill", "-v", "--no-version", "--python", venv.toString());
        assertThat(v.stdout()).contains("httpx\n").contains("# h11  # installed for: httpcore\n")
                .contains("# idna  # installed for: anyio, httpx\n");
    }
}
