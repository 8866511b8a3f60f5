package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reqs against a real virtualenv: its RECORD files map imports, its versions pin, its interpreter names the stdlib. */
class ReqsCommandIT {

    @TempDir
    Path tmp;

    private void file(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    /** A distribution as an installer leaves it: METADATA and a RECORD listing its files. */
    private static void installed(Path site, String name, String version, String... files) throws IOException {
        Path info = site.resolve(name.replace('-', '_') + "-" + version + ".dist-info");
        Files.createDirectories(info);
        Files.writeString(info.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n\n");
        StringBuilder record = new StringBuilder();
        for (String f : files) {
            Path p = site.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
            record.append(f).append(",,\n");
        }
        record.append(info.getFileName()).append("/RECORD,,\n");
        Files.writeString(info.resolve("RECORD"), record.toString());
    }

    @Test
    void pinsFromTheProjectVenvAndMapsImportsByItsRecordFiles() throws Exception {
        Path project = tmp.resolve("proj");
        Path venv = project.resolve(".venv");
        Process p = new ProcessBuilder("python3", "-m", "venv", "--without-pip", venv.toString()).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        Path site;
        try (Stream<Path> s = Files.list(venv.resolve("lib"))) {
            site = s.findFirst().orElseThrow().resolve("site-packages");
        }
        installed(site, "PyYAML", "6.0.2", "yaml/__init__.py", "_yaml/__init__.py");
        installed(site, "beautifulsoup4", "4.12.3", "bs4/__init__.py");
        installed(site, "my-odd-name", "1.0", "oddmodule.py");
        file(project.resolve("app/main.py"), "import yaml\nimport bs4\nimport oddmodule\nimport tomllib\nimport requests\n");
        CliRunner.Result r = new CliRunner(project).run("reqs", "--print");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo("""
                beautifulsoup4==4.12.3
                my-odd-name==1.0
                pyyaml==6.0.2
                requests  # not installed
                """);
        CliRunner.Result compat = new CliRunner(project).run("reqs", "--print", "--mode", "compat", "--python", venv.toString());
        assertThat(compat.stdout()).startsWith("beautifulsoup4~=4.12.3\n");
    }
}
