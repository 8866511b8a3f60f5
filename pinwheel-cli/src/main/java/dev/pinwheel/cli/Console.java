package dev.pinwheel.cli;

import java.io.PrintStream;

/**
 * All printing goes through here. Data goes to stdout; messages, warnings, progress and
 * diagnostics go to stderr. {@code -q} silences messages and progress, {@code -v} adds debug
 * lines, and colour follows {@code --color}, {@code NO_COLOR} and whether we are on a terminal.
 */
public final class Console {

    private static final String RESET = "\u001b[0m";

    private final Context context;
    private final GlobalOptions options;

    Console(Context context, GlobalOptions options) {
        this.context = context;
        this.options = options;
    }

    public Context context() {
        return context;
    }

    public GlobalOptions options() {
        return options;
    }

    /** Standard output, for the command's data. */
    public PrintStream out() {
        return context.out();
    }

    /** Decided on use, not at construction: the options are parsed after the console exists. */
    public boolean colored() {
        return switch (options.color()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> context.interactive()
                    && context.getenv("NO_COLOR").isEmpty()
                    && !"dumb".equals(context.env().get("TERM"));
        };
    }

    /** A live progress display only where a person watches: a terminal, not CI. */
    private boolean live() {
        return context.interactive() && context.getenv("CI").isEmpty()
                && !"dumb".equals(context.env().get("TERM"));
    }

    /** A message for the user on stderr; silent with {@code -q}. */
    public void info(String message) {
        if (!options.quiet()) {
            context.err().println(message);
        }
    }

    /** A warning on stderr; silent with {@code -q}. */
    public void warn(String message) {
        if (!options.quiet()) {
            context.err().println(style(Style.YELLOW, "warning") + style(Style.BOLD, ":") + " " + message);
        }
    }

    /** A diagnostic line, shown only with {@code -v}. */
    public void debug(String message) {
        if (options.verbose()) {
            context.err().println(style(Style.DIM, message));
        }
    }

    /** Starts a live progress line on stderr, or a silent one in pipes, CI and with {@code -q}. */
    public Progress progress(String label) {
        if (live() && !options.quiet() && !options.verbose()) {
            return new Progress.Live(context.err(), label);
        }
        return Progress.SILENT;
    }

    void printError(String label, String message) {
        context.err().println(style(Style.RED, label) + style(Style.BOLD, ":") + " " + message);
    }

    void printCause(String message) {
        context.err().println("  " + style(Style.RED, "Caused by") + ": " + message);
    }

    void printHint(String message) {
        context.err().println(style(Style.CYAN, "hint") + style(Style.BOLD, ":") + " " + message);
    }

    /** Wraps text in an ANSI style when colour is on. */
    public String style(Style style, String text) {
        return colored() ? style.code + text + RESET : text;
    }

    /** The few styles pinwheel uses. */
    public enum Style {
        BOLD("\u001b[1m"), DIM("\u001b[2m"), RED("\u001b[1;31m"), GREEN("\u001b[32m"),
        YELLOW("\u001b[1;33m"), CYAN("\u001b[1;36m");

        final String code;

        Style(String code) {
            this.code = code;
        }
    }
}
