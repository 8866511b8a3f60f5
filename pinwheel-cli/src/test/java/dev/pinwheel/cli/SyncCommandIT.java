package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandIT {

    @TempDir
    Path tmp;

    private TestIndex index;

    @BeforeEach
    void setUp() {
        index = TestIndex.start()
                .add(WheelBuilder.of("fastish", "1.0").module("fastish/__init__.py", "V = 1\n").build())
                .add(WheelBuilder.of("fastish", "1.1").module("fastish/__init__.py", "V = 2\n").build())
                .add(WheelBuilder.of("helper", "0.3").module("helper.py", "").consoleScript("helper", "helper:main").build());
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private CliRunner cli() {
        return new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString());
    }

    private String render(CliRunner.Result r) {
        return r.render(tmp).replaceAll("in \\d+(\\.\\d+)?m?s\\b", "in [TIME]");
    }

    @Test
    void syncsTheDefaultLockAndReportsLikePipSync() throws Exception {
        assertThat(cli().run("venv").status()).isZero();
        Files.writeString(tmp.resolve("requirements.txt"), "fastish==1.0\n    # via -r requirements.in\nhelper==0.3\n");
        String url = index.url().toString();

        Golden.assertMatches("sync/first.txt", render(cli().run("sync", "-i", url)));
        Golden.assertMatches("sync/nothing-to-do.txt", render(cli().run("sync", "-i", url)));

        Files.writeString(tmp.resolve("requirements.txt"), "fastish==1.1\n");
        Golden.assertMatches("sync/dry-run-drift.txt", render(cli().run("sync", "-n", "-i", url)));
        Golden.assertMatches("sync/ask-declined.txt", render(cli().stdin("n\n").run("sync", "--ask", "-i", url)));
        Golden.assertMatches("sync/upgrade.txt", render(cli().run("sync", "-i", url)));
        assertThat(tmp.resolve(".venv/bin/helper")).doesNotExist();
    }

    @Test
    void aWarmSyncAsksNoIndexUnlessRefreshedAndNoCacheLeavesNoCache() throws Exception {
        assertThat(cli().run("venv").status()).isZero();
        String url = index.url().toString();
        Path lock = tmp.resolve("requirements.txt");
        Files.writeString(lock, "fastish==1.0\n");
        assertThat(cli().run("sync", "-i", url).status()).isZero();
        Path module;
        try (var files = Files.walk(tmp.resolve(".venv/lib"))) {
            module = files.filter(p -> p.endsWith("site-packages/fastish/__init__.py")).findFirst().orElseThrow();
        }

        Files.writeString(lock, "# nothing\n");
        assertThat(cli().run("sync", "-i", url).status()).isZero();
        assertThat(module).doesNotExist();
        Files.writeString(lock, "fastish==1.0\n");
        index.clearRequests();
        assertThat(cli().run("sync", "-i", url).status()).isZero();
        assertThat(module).exists();
        assertThat(index.requestCount()).isZero();

        Files.writeString(lock, "# nothing\n");
        assertThat(cli().run("sync", "-i", url).status()).isZero();
        Files.writeString(lock, "fastish==1.0\n");
        index.clearRequests();
        assertThat(cli().run("sync", "--refresh", "-i", url).status()).isZero();
        assertThat(index.requestCount("/simple/fastish/")).isEqualTo(1);
        assertThat(index.requestCount("/files/")).isZero();

        Files.writeString(lock, "# nothing\n");
        assertThat(cli().run("sync", "-i", url).status()).isZero();
        Files.writeString(lock, "fastish==1.0\n");
        Path otherCache = tmp.resolve("other-cache");
        index.clearRequests();
        CliRunner.Result noCache = cli().env("PINWHEEL_CACHE_DIR", otherCache.toString()).run("sync", "--no-cache", "-i", url);
        assertThat(noCache.status()).isZero();
        assertThat(module).hasContent("V = 1\n");
        assertThat(index.requestCount("/files/")).isEqualTo(1);
        assertThat(otherCache).doesNotExist();

        CliRunner.Result symlinks = cli().run("sync", "--no-cache", "--link-mode", "symlink", "-i", url);
        assertThat(symlinks.status()).isEqualTo(2);
        assertThat(symlinks.stderr()).contains("--link-mode symlink needs the cache");
    }

    @Test
    void certNamesTheCaBundleTheDownloadsTrust() throws Exception {
        assertThat(cli().run("venv").status()).isZero();
        Files.writeString(tmp.resolve("requirements.txt"), "fastish==1.0\n");
        // https to the test index's port: the bundle is read for the first TLS connection
        String https = index.url().toString().replace("http://", "https://");
        CliRunner.Result r = cli().env("PIP_CONFIG_FILE", "/dev/null").run("sync", "-i", https, "--cert", "corp.pem");
        assertThat(r.status()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).contains("error: cannot use the CA bundle " + tmp.resolve("corp.pem")
                + ": no such file");
    }

    @Test
    void aPipSyncCommandLineWorksWithPinwheelInItsPlace() throws Exception {
        assertThat(cli().run("venv", "env").status()).isZero();
        Files.writeString(tmp.resolve("requirements.txt"), "fastish==1.1\n");
        String url = index.url().toString();
        Path syncCache = tmp.resolve("sync-cache");
        CliRunner.Result r = cli().env("PIP_CONFIG_FILE", "/dev/null").env("PINWHEEL_CACHE_DIR", syncCache.toString())
                .run("sync", "--python-executable",
                "env/bin/python", "--pip-args", "--index-url " + url + " --no-cache-dir --timeout 20",
                "--trusted-host", index.url().getHost(), "requirements.txt");
        assertThat(r.status()).as(r.stderr()).isZero();
        try (var files = Files.walk(tmp.resolve("env/lib"))) {
            assertThat(files.filter(p -> p.endsWith("site-packages/fastish/__init__.py")).findFirst().orElseThrow())
                    .hasContent("V = 2\n");
        }
        assertThat(syncCache).as("--no-cache-dir in --pip-args").doesNotExist();

        CliRunner.Result refused = cli().run("sync", "--python-executable", "env/bin/python", "--pip-args",
                "--no-binary :all: --pre", "-i", url);
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.stderr()).contains("error: --pip-args: pip option --no-binary, --pre has no pinwheel sync equivalent");
        CliRunner.Result unknown = cli().run("sync", "--python-executable", "env/bin/python", "--pip-args", "--user", "-i", url);
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("pip option --user has no pinwheel equivalent");
    }

    @Test
    void withoutAnEnvironmentItSaysHowToMakeOne() {
        Golden.assertMatches("sync/no-venv.txt", render(cli().run("sync")));
    }

    @Test
    void anEditableDotInstallsTheProjectInTheWorkingDirectoryAndAMissingPathIsExit2() throws Exception {
        assertThat(cli().run("venv").status()).isZero();
        // A project whose static name says what `-e .` is; its tiny in-tree backend needs no index.
        Files.createDirectories(tmp.resolve("_build"));
        Files.writeString(tmp.resolve("pyproject.toml"), """
                [build-system]
                requires = []
                build-backend = "tiny"
                backend-path = ["_build"]

                [project]
                name = "Demo_App"
                version = "0.1"
                """);
        Files.writeString(tmp.resolve("_build/tiny.py"), """
                import os, zipfile
                def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
                    d = "demo_app-0.1.dist-info/"
                    name = "demo_app-0.1-py3-none-any.whl"
                    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as z:
                        z.writestr(d + "METADATA", "Metadata-Version: 2.1\\nName: Demo_App\\nVersion: 0.1\\n")
                        z.writestr(d + "WHEEL", "Wheel-Version: 1.0\\nGenerator: tiny\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
                        z.writestr("demo_app.pth", os.path.abspath(".") + "\\n")
                        z.writestr(d + "RECORD", "")
                    return name
                """);
        Files.writeString(tmp.resolve("requirements.txt"), "-e .\n    # via -r requirements.in\nhelper==0.3\n");
        String url = index.url().toString();
        Golden.assertMatches("sync/editable-dot.txt", render(cli().run("sync", "-i", url)));
        assertThat(cli().run("sync", "-i", url).stderr()).contains("the environment matches the lock files");

        Files.writeString(tmp.resolve("requirements.txt"), "helper==0.3\n-e ./missing\n");
        Golden.assertMatches("sync/unnamed-path-missing.txt", render(cli().run("sync", "-i", url)));
    }
}
