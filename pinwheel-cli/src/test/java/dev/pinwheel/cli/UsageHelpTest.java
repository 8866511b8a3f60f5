package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole usage help of every command and the whole output of typical usage mistakes, byte for
 * byte: what users read first, and what must not move when the command declarations change.
 */
class UsageHelpTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCommandsHelp() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of());
        CommandTree.COMMANDS.forEach(name -> commands.add(List.of(name)));
        CommandTree.DB_COMMANDS.forEach(name -> commands.add(List.of("db", name)));
        return commands.stream().map(words -> DynamicTest.dynamicTest(String.join(" ", "pinwheel", String.join(" ", words)).strip(), () -> {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            CliRunner.Result r = new CliRunner(tmp).run(args.toArray(String[]::new));
            String name = words.isEmpty() ? "pinwheel" : String.join("-", words);
            Golden.assertMatches("cli/help/" + name + ".txt", r.render(tmp));
            args.set(args.size() - 1, "-h");
            assertThat(new CliRunner(tmp).run(args.toArray(String[]::new))).as("-h").isEqualTo(r);
        }));
    }

    @Test
    void globalOptionsBeforeACommandLeaveItsHelpAlone() {
        CliRunner.Result plain = new CliRunner(tmp).run("db", "upgrade", "--help");
        CliRunner.Result withGlobals = new CliRunner(tmp).run("-v", "--color", "never", "db", "-q", "upgrade", "--help");
        assertThat(withGlobals).isEqualTo(plain);
    }

    @Test
    void dbAloneShowsItsUsageOnStderrAndExitsTwo() {
        error("db-alone", "db");
    }

    @Test
    void unknownOptionOnACommand() {
        error("unknown-option-sync", "sync", "--frobnicate", "requirements.txt");
    }

    @Test
    void unknownOptionOnADbCommand() {
        error("unknown-option-db-heads", "db", "heads", "--url=sqlite:///x.db");
    }

    @Test
    void missingRequiredParameter() {
        error("missing-parameter-db-downgrade", "db", "downgrade");
    }

    @Test
    void missingRequiredParameters() {
        error("missing-parameter-add", "add", "--dev");
    }

    @Test
    void optionWithoutItsValue() {
        error("missing-value-chill", "chill", "--python");
    }

    @Test
    void badEnumValue() {
        error("bad-color", "chill", "--color", "sometimes");
    }

    @Test
    void badConvertedValue() {
        error("bad-mode-reqs", "reqs", "--mode", "exact");
    }

    @Test
    void badSourceValue() {
        error("bad-from-init", "init", "--from", "nowhere");
    }

    @Test
    void mistypedCommand() {
        error("mistyped-command", "-q", "snyc");
    }

    @Test
    void mistypedDbCommand() {
        error("mistyped-db-command", "db", "upgrad", "head");
    }

    @Test
    void tooManyParameters() {
        error("too-many-parameters-venv", "venv", "a", "b");
    }

    private void error(String golden, String... args) {
        CliRunner.Result r = new CliRunner(tmp).run(args);
        assertThat(r.status()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
        Golden.assertMatches("cli/errors/" + golden + ".txt", r.render(tmp));
    }
}
