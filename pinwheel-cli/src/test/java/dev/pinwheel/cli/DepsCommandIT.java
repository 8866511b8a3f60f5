package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code add}, {@code remove}, {@code upgrade} and {@code check} with a real virtual environment
 * made by {@code pinwheel venv}: the environment follows the locks, {@code check} sees drift, and
 * a failed sync puts every requirements file back.
 */
class DepsCommandIT {

    @TempDir
    Path tmp;

    private TestIndex index;

    @BeforeEach
    void setUp() throws Exception {
        index = TestIndex.start()
                .add(WheelBuilder.of("webkit", "1.0").module("webkit/__init__.py", "").requiresDist("corelib>=1").build())
                .add(WheelBuilder.of("corelib", "1.0").module("corelib/__init__.py", "").build())
                .add(WheelBuilder.of("corelib", "1.1").module("corelib/__init__.py", "").build())
                .add(WheelBuilder.of("httpish", "0.5").module("httpish/__init__.py", "").requiresDist("corelib").build())
                .add(WheelBuilder.of("brokenpkg", "1.0").module("brokenpkg/__init__.py", "").build())
                .add(WheelBuilder.of("pytest", "8.1.1").module("pytest/__init__.py", "").build());
        write("requirements/base.in", "# runtime\nwebkit\n");
        write("requirements/dev.in", "-r base.in\npytest\n");
        write("app/__init__.py", "");
        write("app/main.py", "import webkit\n");
        write("tests/test_app.py", "import pytest\nimport app.main\n");
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private CliRunner cli() {
        return new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve(".cache").toString())
                .env("PIP_CONFIG_FILE", "/dev/null");
    }

    private CliRunner.Result run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("-i", index.url().toString())).toArray(String[]::new);
        return cli().run(all);
    }

    private void write(String name, String text) {
        ProjectFiles.write(tmp, name, text);
    }

    private Map<String, String> requirementsFiles() {
        return ProjectFiles.requirements(tmp);
    }

    private String render(CliRunner.Result r) {
        return r.render(tmp).replaceAll("in \\d+(\\.\\d+)?m?s\\b", "in [TIME]")
                .replace(index.url().toString().replaceAll("/$", ""), "http://[INDEX]/simple")
                .replaceAll("http://127\\.0\\.0\\.1:\\d+/", "http://[INDEX]/");
    }

    private boolean installed(String module) throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve(".venv/lib"))) {
            return files.anyMatch(p -> p.endsWith(Path.of("site-packages", module, "__init__.py")));
        }
    }

    private void setUpEnvironment() {
        assertThat(cli().run("venv").status()).isZero();
        for (String name : List.of("base", "dev")) {
            CliRunner.Result r = run("compile", "--no-emit-index-url", "-o", "requirements/" + name + ".txt",
                    "requirements/" + name + ".in");
            assertThat(r.status()).as(r.stderr()).isZero();
        }
        CliRunner.Result synced = run("sync", "requirements/base.txt", "requirements/dev.txt");
        assertThat(synced.status()).as(synced.stderr()).isZero();
    }

    @Test
    void addSyncsTheEnvironmentAndCheckAgrees() throws Exception {
        setUpEnvironment();
        Golden.assertMatches("deps/it-check-ok.txt", render(run("check")));

        write("app/client.py", "import httpish\n");
        Golden.assertMatches("deps/it-check-undeclared.txt", render(run("check", "--no-env")));

        Golden.assertMatches("deps/it-add.txt", render(run("add", "httpish")));
        assertThat(installed("httpish")).isTrue();
        assertThat(run("check").status()).isZero();

        Files.delete(tmp.resolve("app/client.py"));
        CliRunner.Result removed = run("remove", "httpish", "--no-sync");
        assertThat(removed.status()).as(removed.stderr()).isZero();
        Golden.assertMatches("deps/it-check-env-drift.txt", render(run("check", "--no-imports")));

        Golden.assertMatches("deps/it-upgrade.txt", render(run("upgrade")));
        assertThat(installed("httpish")).isFalse();
        assertThat(run("check").status()).isZero();
    }

    @Test
    void initFromTheEnvironmentSplitsDevToolsOut() throws Exception {
        setUpEnvironment();
        CliRunner.Result result = cli().run("init", "--from", "env", "--force");
        assertThat(result.status()).as(result.stderr()).isZero();
        Golden.assertMatches("deps/it-init-env.txt", render(result) + "--- requirements/base.in ---\n"
                + Files.readString(tmp.resolve("requirements/base.in")) + "--- requirements/dev.in ---\n"
                + Files.readString(tmp.resolve("requirements/dev.in")));
    }

    @Test
    void aFailedSyncPutsEveryFileBack() throws Exception {
        setUpEnvironment();
        Map<String, String> before = requirementsFiles();
        index.failNext(1000, 404, path -> path.endsWith("brokenpkg-1.0-py3-none-any.whl"));
        CliRunner.Result result = run("add", "brokenpkg");
        assertThat(result.status()).as(result.stderr()).isEqualTo(3);
        Golden.assertMatches("deps/it-add-sync-fails.txt", render(result));
        assertThat(requirementsFiles()).isEqualTo(before);
        assertThat(installed("brokenpkg")).isFalse();
        assertThat(run("check", "--no-imports").status()).isZero();
    }

    @Test
    void withoutAnEnvironmentNothingIsTouched() throws Exception {
        for (String name : List.of("base", "dev")) {
            assertThat(run("compile", "-o", "requirements/" + name + ".txt", "requirements/" + name + ".in").status()).isZero();
        }
        Map<String, String> before = requirementsFiles();
        Golden.assertMatches("deps/it-add-no-venv.txt", render(run("add", "httpish")));
        assertThat(requirementsFiles()).isEqualTo(before);
    }
}
