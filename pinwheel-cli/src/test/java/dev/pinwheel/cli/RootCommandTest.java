package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {

    @TempDir
    Path tmp;

    @Test
    void versionPrintsTheBuildVersionAndSucceeds() {
        CliRunner.Result r = new CliRunner(tmp).run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).startsWith("pinwheel ").doesNotContain("unknown").doesNotContain("${");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void everyCommandsVersionOptionPrintsPinwheelsVersion() {
        String version = new CliRunner(tmp).run("--version").stdout();
        for (String[] args : new String[][] {{"-V"}, {"sync", "--version"}, {"db", "-V"}, {"db", "upgrade", "--version"}}) {
            CliRunner.Result r = new CliRunner(tmp).run(args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.stdout()).as(String.join(" ", args)).isEqualTo(version);
        }
        assertThat(new CliRunner(tmp).run("--version", "--help").stdout()).contains("Usage: pinwheel").contains("compile");
    }

    @Test
    void noArgumentsShowsUsageOnStderrAndExitsTwo() {
        CliRunner.Result r = new CliRunner(tmp).run();
        Golden.assertMatches("cli/no-arguments.txt", r.render(tmp));
    }

    @Test
    void unknownOptionIsBadUsageWithAHint() {
        CliRunner.Result r = new CliRunner(tmp).run("--frobnicate");
        Golden.assertMatches("cli/unknown-option.txt", r.render(tmp));
    }

    @Test
    void badColorValueNamesTheChoices() {
        CliRunner.Result r = new CliRunner(tmp).run("--color", "sometimes", "--version");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).contains("--color").contains("AUTO, ALWAYS, NEVER").contains("sometimes");
    }

    @Test
    void helpListsTheGlobalOptions() {
        CliRunner.Result r = new CliRunner(tmp).run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).contains("--quiet").contains("--verbose").contains("--color=WHEN");
    }

    @Test
    void helpListsEveryCommandAndDbListsItsOwn() {
        CliRunner.Result r = new CliRunner(tmp).run("--help");
        for (String name : CommandTree.COMMANDS) {
            assertThat(r.stdout()).containsPattern("(?m)^  " + name + " ");
        }
        CliRunner.Result db = new CliRunner(tmp).run("db");
        assertThat(db.status()).isEqualTo(2);
        for (String name : CommandTree.DB_COMMANDS) {
            assertThat(db.stderr()).containsPattern("(?m)^  " + name + " ");
        }
    }

    @Test
    void aMistypedCommandIsRefusedWithTheClosestName() {
        CliRunner.Result r = new CliRunner(tmp).run("-q", "snyc");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).contains("snyc").contains("sync");
        CliRunner.Result db = new CliRunner(tmp).run("db", "upgrad");
        assertThat(db.status()).isEqualTo(2);
        assertThat(db.stderr()).contains("upgrad").contains("upgrade");
    }

    @Test
    void globalOptionsBeforeTheCommandStillReachIt() {
        CliRunner.Result r = new CliRunner(tmp).run("--color", "never", "-q", "db", "--color", "never", "heads", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).contains("Usage: pinwheel db heads").contains("--quiet");
    }

    @Test
    void globalOptionsReachTheCommandWhereverTheyAreGiven() {
        assertThat(globals("-v", "db", "upgrade", "--help").verbose()).isTrue();
        assertThat(globals("db", "-v", "heads", "--help").verbose()).isTrue();
        assertThat(globals("chill", "--verbose", "--help").verbose()).isTrue();
        assertThat(globals("-q", "db", "heads", "--help").quiet()).isTrue();
        assertThat(globals("-q", "-v", "chill", "--help").quiet()).as("-v overrides -q").isFalse();
        assertThat(globals("db", "heads", "--help").verbose()).isFalse();
        assertThat(globals("--color", "never", "db", "--color", "always", "heads", "--help").color())
                .isEqualTo(GlobalOptions.ColorChoice.ALWAYS);
        assertThat(globals("--color=ALWAYS", "sync", "--help").color()).isEqualTo(GlobalOptions.ColorChoice.ALWAYS);
        assertThat(globals("-q", "db", "-v", "upgrade", "--color=never", "--help").color())
                .isEqualTo(GlobalOptions.ColorChoice.NEVER);
    }

    private GlobalOptions globals(String... args) {
        Console console = new Console(new Context(tmp, java.util.Map.of(), System.in,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false), new GlobalOptions());
        assertThat(Main.run(args, console)).as(String.join(" ", args)).isZero();
        return console.options();
    }

    @Test
    void theTreeNamesEachCommandAsItsModelDoes() {
        Console console = new Console(new Context(tmp, java.util.Map.of(), System.in, System.out, System.err, false),
                new GlobalOptions());
        CommandTree.COMMANDS.forEach(name -> assertThat(CommandTree.spec("pinwheel", name, console).name()).isEqualTo(name));
        CommandTree.DB_COMMANDS.forEach(name -> assertThat(CommandTree.spec("db", name, console).name()).isEqualTo(name));
    }
}
