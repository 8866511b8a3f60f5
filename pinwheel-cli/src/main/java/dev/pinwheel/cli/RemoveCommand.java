package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.IntentEdit;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.support.FileLock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pinwheel remove}: undo an add: drop the requirement, recompile, sync. */
@Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Undo an add: remove requirements, recompile the locks and sync.",
                "Removes them from the requirements/*.in files that declare them, recompiles the locks that include",
                "them, then syncs the environment. When anything fails, every file stays as it was."})
final class RemoveCommand implements Callable<Integer> {

    private final Console console;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The distributions to remove.")
    List<String> names = new ArrayList<>();

    @Mixin
    RelockOptions relock;

    RemoveCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Layout layout = Layout.find(console.context().cwd());
        try (FileLock lock = RelockOptions.lock(console, layout)) {
            IntentEdit edit = IntentEdit.remove(layout, names);
            relock.run(console, layout, edit.intents(), edit.notes(), false, List.of());
        }
        return ExitCodes.OK;
    }
}
