package dev.pinwheel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/** {@code pinwheel}: the root of the command tree and home of the global options. */
final class RootCommand implements Callable<Integer> {

    private final Console console;
    private CommandSpec spec;

    RootCommand(Console console) {
        this.console = console;
    }

    /** The root's model (see {@link SpecBuilder} for why by hand): the global options every command inherits. */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "pinwheel",
                "Reproducible Python projects: locked dependencies and versioned database migrations.").autoWidth();
        b.callback(boolean.class, "-q, --quiet", null, "Print only data and errors; no progress or messages.", this::quiet)
                .scopeType(ScopeType.INHERIT).order(100);
        b.callback(boolean[].class, "-v, --verbose", null,
                "Print more: every request and step, and stack traces of errors.", this::verbose)
                .arity("0").scopeType(ScopeType.INHERIT).order(101);
        b.callback(GlobalOptions.ColorChoice.class, "--color", "WHEN",
                "Colour the output: auto (default; off in pipes and with NO_COLOR), always, never.", this::color)
                .scopeType(ScopeType.INHERIT).order(102);
        spec = b.build();
        return spec;
    }

    private void quiet(boolean quiet) {
        if (quiet) {
            console.options().setQuiet();
        }
    }

    private void verbose(boolean[] verbose) {
        console.options().raiseVerbosity(verbose.length);
    }

    private void color(GlobalOptions.ColorChoice when) {
        console.options().setColor(when);
    }

    @Override
    public Integer call() {
        // `pinwheel` alone: show what there is to do, like git and uv, and signal bad usage.
        spec.commandLine().usage(console.context().err());
        return ExitCodes.BAD_INPUT;
    }
}
