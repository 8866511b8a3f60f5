package dev.pinwheel.cli;

import dev.pinwheel.cli.compile.Suggestions;
import dev.pinwheel.migrate.Dialects;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** The entry point of the {@code pinwheel} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String database = System.getProperty("pinwheel.warmUp"); // the launcher's guess, for db commands
        if (database != null) {
            Dialects.warmUp(database);
        }
        Context context = Context.ofSystem();
        int status = run(args, context);
        context.out().flush();
        context.err().flush();
        System.exit(status);
    }

    /** The command nearest to a mistyped one ({@code snyc} → {@code sync}), or picocli's own guess for an option. */
    private static Optional<String> suggestion(CommandLine.UnmatchedArgumentException ex) {
        List<String> unmatched = ex.getUnmatched();
        Map<String, CommandLine> commands = ex.getCommandLine().getSubcommands();
        if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-") && !commands.isEmpty()) {
            return Suggestions.nearest(unmatched.get(0), commands.keySet());
        }
        return ex.getSuggestions().stream().findFirst();
    }

    /** Runs one command line in-process and returns its exit status; never throws. */
    public static int run(String[] args, Context context) {
        return run(args, new Console(context, new GlobalOptions()));
    }

    /** {@link #run(String[], Context)} with the run's console, whose global options the arguments set. */
    static int run(String[] args, Console console) {
        Context context = console.context();
        try {
            CommandLine cli = CommandTree.build(args, console);
            cli.setOut(new PrintWriter(context.out(), true));
            cli.setErr(new PrintWriter(context.err(), true));
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            cli.setExecutionExceptionHandler((ex, cmd, parsed) -> ErrorBoundary.handle(ex, console));
            cli.setParameterExceptionHandler((ex, argv) -> {
                if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                        && ex.getCommandLine().getCommandSpec().qualifiedName().equals("pinwheel sync")) {
                    Optional<dev.pinwheel.packaging.PinwheelException> refused = SyncCommand.refusal(unmatched.getUnmatched());
                    if (refused.isPresent()) {
                        return ErrorBoundary.handle(refused.get(), console);
                    }
                }
                console.printError("error", ex.getMessage());
                if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                    suggestion(unmatched).ifPresent(name -> console.printHint("did you mean '" + name + "'?"));
                }
                console.printHint("for more information, try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help'");
                return ExitCodes.BAD_INPUT;
            });
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            return ErrorBoundary.handle(e, console);
        }
    }
}
