package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.IntentEdit;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.support.FileLock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel remove}: undo an add: drop the requirement, recompile, sync. */
final class RemoveCommand implements Callable<Integer> {

    private final Console console;

    List<String> names = new ArrayList<>();
    RelockOptions relock = new RelockOptions();

    RemoveCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "remove",
                "Undo an add: remove requirements, recompile the locks and sync.",
                "Removes them from the requirements/*.in files that declare them, recompiles",
                "the locks that include them, then syncs the environment. When anything fails,",
                "every file stays as it was.");
        b.positionals("1..*", "NAME", "The distributions to remove.", () -> names, v -> names = v);
        relock.declare(b);
        return b.build();
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
