package dev.pinwheel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code pinwheel}: the root of the command tree and home of the global options. */
@Command(name = "pinwheel",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reproducible Python projects: locked dependencies and versioned database migrations.",
        usageHelpAutoWidth = true,
        sortOptions = false)
final class RootCommand implements Callable<Integer> {

    private final Console console;

    @Spec
    CommandSpec spec;

    RootCommand(Console console) {
        this.console = console;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, order = 100,
            description = "Print only data and errors; no progress or messages.")
    void quiet(boolean quiet) {
        if (quiet) {
            console.options().setQuiet();
        }
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, order = 101,
            description = "Print more: every request and step, and stack traces of errors. Repeat for more.")
    void verbose(boolean[] verbose) {
        console.options().addVerbose(verbose.length);
    }

    @Option(names = "--color", scope = ScopeType.INHERIT, paramLabel = "WHEN", order = 102,
            description = "Colour the output: auto (default; off in pipes and with NO_COLOR), always, never.")
    void color(GlobalOptions.ColorChoice when) {
        console.options().setColor(when);
    }

    @Override
    public Integer call() {
        // `pinwheel` alone: show what there is to do, like git and uv, and signal bad usage.
        spec.commandLine().usage(console.context().err());
        return ExitCodes.BAD_INPUT;
    }
}
