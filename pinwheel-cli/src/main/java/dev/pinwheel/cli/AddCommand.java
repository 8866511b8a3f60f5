package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.IntentEdit;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.support.FileLock;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pinwheel add}: declare, recompile, sync, in one step (workflow W5). */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Declare requirements, recompile the locks and sync, in one step.",
                "Writes them into requirements/base.in (--dev: dev.in), recompiles every lock that includes it",
                "(base before dev), then syncs the environment. When anything fails, every file stays as it was."})
final class AddCommand implements Callable<Integer> {

    private final Console console;

    @Parameters(arity = "1..*", paramLabel = "REQUIREMENT", description = "What to add: NAME, NAME>=1.2, NAME[extra].")
    List<String> requirements = new ArrayList<>();

    @Option(names = "--dev", description = "A development need: write it into requirements/dev.in.")
    boolean dev;

    @Mixin
    RelockOptions relock;

    AddCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Layout layout = Layout.find(console.context().cwd());
        String target = dev ? "dev" : "base";
        Layout.Pair pair = layout.pair(target).orElseThrow(() -> new PinwheelException(Category.BAD_INPUT,
                Layout.DIR + "/" + target + ".in does not exist in " + layout.root(),
                "pinwheel init creates requirements/base.in and requirements/dev.in"));
        try (FileLock lock = RelockOptions.lock(console, layout)) {
            IntentEdit edit = IntentEdit.add(layout, pair, requirements);
            relock.run(console, layout, edit.intents(), edit.notes(), false, List.of());
        }
        return ExitCodes.OK;
    }
}
