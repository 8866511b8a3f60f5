package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Dist;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinwheel sync} reading pip-tools' configuration file into a real virtual environment:
 * which tables and keys it takes, what wins over what. Each check installs from one local index
 * and names another, empty one where the configuration must not be read: a sync that used the
 * wrong one finds no {@code fastish} and fails.
 */
class SyncConfigIT {

    @TempDir
    Path tmp;

    private TestIndex index;
    private TestIndex empty;
    private String url;
    private String emptyUrl;

    @BeforeEach
    void setUp() throws Exception {
        index = TestIndex.start()
                .add(WheelBuilder.of("fastish", "1.0").module("fastish/__init__.py", "V = 1\n").build())
                .add(WheelBuilder.of("fastish", "1.1").module("fastish/__init__.py", "V = 2\n").build());
        empty = TestIndex.start();
        url = index.url().toString();
        emptyUrl = empty.url().toString();
        assertThat(cli().run("venv").status()).isZero();
        write("requirements.txt", "fastish==1.0\n");
    }

    @AfterEach
    void tearDown() {
        index.close();
        empty.close();
    }

    private CliRunner cli() {
        return new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString())
                .env("PIP_CONFIG_FILE", "/dev/null");
    }

    private CliRunner.Result sync(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "sync";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli().run(all);
    }

    private void write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The version of fastish in the environment, or "none". */
    private String installed() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve(".venv/lib"))) {
            return files.filter(p -> p.getFileName().toString().matches("fastish-.*\\.dist-info")).findFirst()
                    .map(p -> p.getFileName().toString().replaceAll("fastish-(.*)\\.dist-info", "$1")).orElse("none");
        }
    }

    private static void ok(CliRunner.Result r) {
        assertThat(r.status()).as(r.stderr()).isZero();
    }

    @Test
    void theIndexUrlAndFindLinksOfTheSharedTableAreUsed() throws Exception {
        write("pyproject.toml", "[project]\nname = \"app\"\n\n[tool.pip-tools]\nindex-url = \"" + url + "\"\n");
        ok(sync());
        assertThat(installed()).isEqualTo("1.0");

        Dist wheel = WheelBuilder.of("fastish", "1.1").module("fastish/__init__.py", "V = 2\n").build();
        Files.createDirectories(tmp.resolve("links"));
        Files.write(tmp.resolve("links").resolve(wheel.filename()), wheel.content());
        write("pyproject.toml", "[tool.pip-tools]\nno_index = true\nfind-links = [\"links\"]\n");
        write("requirements.txt", "fastish==1.1\n");
        index.clearRequests();
        ok(sync());
        assertThat(installed()).isEqualTo("1.1");
        assertThat(index.requestCount()).isZero();
    }

    @Test
    void theSyncTableOverridesTheSharedOneAndTheCompileTableIsNotRead() throws Exception {
        write(".pip-tools.toml", """
                [tool.pip-tools]
                index-url = "%s"
                dry-run = true
                [tool.pip-tools.compile]
                index-url = "%s"
                dry-run = false
                [tool.pip-tools.sync]
                index_url = "%s"
                """.formatted(emptyUrl, url, url));
        CliRunner.Result dryRun = sync();
        assertThat(dryRun.status()).as(dryRun.stderr()).isEqualTo(1);
        assertThat(dryRun.stdout()).contains("+ fastish==1.0");
        assertThat(installed()).isEqualTo("none");

        write(".pip-tools.toml", """
                [tool.pip-tools]
                index-url = "%s"
                dry-run = true
                [tool.pip-tools.sync]
                index-url = "%s"
                dry-run = false
                """.formatted(emptyUrl, url));
        ok(sync());
        assertThat(installed()).isEqualTo("1.0");
    }

    @Test
    void keysOnlyPipCompileKnowsAreIgnored() throws Exception {
        write(".pip-tools.toml", """
                [tool.pip-tools]
                src_files = ["requirements.in"]
                generate-hashes = true
                strip-extras = true
                no-emit-index-url = true
                output-file = "locked.txt"
                resolver = "backtracking"
                python-version = "3.11"
                index-url = "%s"
                [tool.pip-tools.sync]
                allow-unsafe = true
                """.formatted(url));
        CliRunner.Result r = cli().run("-v", "sync");
        ok(r);
        assertThat(installed()).isEqualTo("1.0");
        assertThat(r.stderr()).contains(".pip-tools.toml: generate-hashes is an option of pip-compile, not of pip-sync; ignored")
                .contains(".pip-tools.toml: src_files of [tool.pip-tools] are pip-compile's inputs");
    }

    @Test
    void theCommandLineWinsOverTheConfigFile() throws Exception {
        write(".pip-tools.toml", """
                [tool.pip-tools.sync]
                index-url = "%s"
                find-links = ["nowhere"]
                dry-run = true
                """.formatted(emptyUrl));
        Files.createDirectories(tmp.resolve("links"));
        CliRunner.Result dryRun = sync("-i", url, "--find-links", "links");
        assertThat(dryRun.status()).as(dryRun.stderr()).isEqualTo(1);
        assertThat(dryRun.stdout()).contains("+ fastish==1.0");
        write(".pip-tools.toml", "[tool.pip-tools.sync]\nindex-url = \"" + emptyUrl + "\"\nlink-mode = \"copy\"\n");
        ok(sync("--index-url", url, "--link-mode", "hardlink"));
        assertThat(installed()).isEqualTo("1.0");
    }

    @Test
    void noConfigReadsNoFileAndConfigReadsTheFileNamed() throws Exception {
        write("pyproject.toml", "[tool.pip-tools]\nindex-url = \"" + emptyUrl + "\"\nno-such-option = 1\n");
        assertThat(sync().status()).isEqualTo(2);
        write("conf/sync.toml", "[tool.pip-tools.sync]\nindex-url = \"" + url + "\"\n");
        CliRunner.Result named = sync("--config", "conf/sync.toml");
        ok(named);
        assertThat(installed()).isEqualTo("1.0");

        write("requirements.txt", "fastish==1.1\n");
        ok(sync("--no-config", "-i", url));
        assertThat(installed()).isEqualTo("1.1");
    }

    @Test
    void srcFilesOfTheSyncTableNameTheLockFilesUnlessTheCommandLineDoes() throws Exception {
        write("locks/app.txt", "fastish==1.1\n");
        write("pyproject.toml", """
                [tool.pip-tools]
                src-files = ["pyproject.toml"]
                index-url = "%s"
                [tool.pip-tools.sync]
                src_files = ["locks/app.txt"]
                """.formatted(url));
        ok(sync());
        assertThat(installed()).isEqualTo("1.1");
        ok(sync("requirements.txt"));
        assertThat(installed()).isEqualTo("1.0");
    }

    @Test
    void quietFromTheConfigFileSilencesTheSyncUnlessTheCommandLineSetsTheVerbosity() throws Exception {
        write(".pip-tools.toml", "[tool.pip-tools.sync]\nquiet = true\nindex-url = \"" + url + "\"\n");
        CliRunner.Result quiet = sync();
        ok(quiet);
        assertThat(quiet.stdout() + quiet.stderr()).isEmpty();
        CliRunner.Result verbose = cli().run("-v", "sync");
        ok(verbose);
        assertThat(verbose.stderr()).contains("the environment matches the lock files");
    }
}
