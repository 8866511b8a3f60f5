package dev.pinwheel.cli;

/**
 * The options every command accepts ({@code -q}, {@code -v}, {@code --color}), shared by the
 * whole command tree of one run. Values only ever move away from their defaults, because picocli
 * resets inherited options when it enters a subcommand and {@code pinwheel -v db upgrade} must
 * stay verbose.
 */
public final class GlobalOptions {

    /** When to colour the output. */
    public enum ColorChoice { AUTO, ALWAYS, NEVER }

    private int verbosity;
    private boolean quiet;
    private ColorChoice color = ColorChoice.AUTO;

    /** picocli hands a repeated flag over as all its occurrences so far: {@code -vv} is 1, then 2. */
    void raiseVerbosity(int level) {
        verbosity = Math.max(verbosity, level);
    }

    void setQuiet() {
        quiet = true;
    }

    void setColor(ColorChoice value) {
        if (value != null) {
            color = value;
        }
    }

    public int verbosity() {
        return verbosity;
    }

    public boolean verbose() {
        return verbosity > 0;
    }

    public boolean quiet() {
        return quiet && verbosity == 0;
    }

    public ColorChoice color() {
        return color;
    }
}
