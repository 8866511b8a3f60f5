package dev.pinwheel.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point of the {@code pinwheel} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Context context = Context.ofSystem();
        int status = run(args, context);
        context.out().flush();
        context.err().flush();
        System.exit(status);
    }

    /** Runs one command line in-process and returns its exit status; never throws. */
    public static int run(String[] args, Context context) {
        Console console = new Console(context, new GlobalOptions());
        try {
            CommandLine cli = new CommandLine(RootCommand.class, new CommandFactory(console));
            cli.setOut(new PrintWriter(context.out(), true));
            cli.setErr(new PrintWriter(context.err(), true));
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            cli.setExecutionExceptionHandler((ex, cmd, parsed) -> ErrorBoundary.handle(ex, console));
            cli.setParameterExceptionHandler((ex, argv) -> {
                console.printError("error", ex.getMessage());
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
