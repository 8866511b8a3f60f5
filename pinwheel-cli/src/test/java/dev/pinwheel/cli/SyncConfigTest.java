package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinwheel sync}'s configuration errors, which stop it before it looks for an environment:
 * each names the file, line and column, shows the line with a caret under the key or the value,
 * and exits 2 like any bad input.
 */
class SyncConfigTest {

    @TempDir
    Path tmp;

    private String run(String config, String... args) throws Exception {
        Files.writeString(tmp.resolve(".pip-tools.toml"), config);
        String[] all = new String[args.length + 1];
        all[0] = "sync";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRunner.Result r = new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString()).run(all);
        assertThat(r.status()).as(r.stderr()).isEqualTo(2);
        return "$ pinwheel " + String.join(" ", all) + "\n" + config.lines().map(l -> "> " + l + "\n")
                .reduce("", String::concat) + r.render(tmp) + "\n";
    }

    @Test
    void badKeysAndValuesAreBadInputNamingTheFileLineAndColumn() throws Exception {
        String text = String.join("", List.of(
                run("[tool.pip-tools]\nindex-url = \"https://example.org/simple\"\n[tool.pip-tools.sync]\ndry-runn = true\n"),
                run("[tool.pip-tools]\nfrobnicate = 1\n"),
                run("[tool.pip-tools.sync]\ndry-run = \"maybe\"\n"),
                run("[tool.pip-tools.sync]\nlink-mode = \"reflink\"\n"),
                run("[tool.pip-tools]\nextra-index-url = \"https://example.org/simple\"\n"),
                run("[tool.pip-tools.sync]\nverbose = \"loud\"\n"),
                run("[tool.pip-tools.sync\nask = true\n"),
                run("", "--config", "missing.toml")));
        Golden.assertMatches("sync/config-errors.txt", text);
    }

    @Test
    void userIsRefusedByNameInTheConfigFileAndOnTheCommandLine() throws Exception {
        Golden.assertMatches("sync/config-user.txt", run("[tool.pip-tools.sync]\nuser = true\n")
                + run("[tool.pip-tools]\n", "--user"));
    }

    @Test
    void userFalseAndACompileOnlyKeyWithAnyValueStopNothing() throws Exception {
        Files.writeString(tmp.resolve(".pip-tools.toml"), "[tool.pip-tools]\nuser = false\ngenerate-hashes = 3\n");
        CliRunner.Result r = new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString())
                .env("VIRTUAL_ENV", tmp.resolve("no-venv").toString()).run("sync");
        // past the configuration: the search for the environment is what stops it
        assertThat(r.stderr()).doesNotContain(".pip-tools.toml");
        assertThat(r.status()).isEqualTo(3);
    }

    @Test
    void aPyprojectThatNeverNamesPipToolsIsNotParsedButOneThatDoesIs() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[project]\ndependencies = [\"requests\"\n");
        CliRunner runner = new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString())
                .env("VIRTUAL_ENV", tmp.resolve("no-venv").toString());
        CliRunner.Result unread = runner.run("sync");
        assertThat(unread.stderr()).doesNotContain("pyproject.toml");
        assertThat(unread.status()).isEqualTo(3);
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pip-tools]\nask = [true\n");
        CliRunner.Result read = runner.run("sync");
        assertThat(read.stderr()).startsWith("error: pyproject.toml:2:");
        assertThat(read.status()).isEqualTo(2);
    }
}
