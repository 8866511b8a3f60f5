package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.IntentEdit;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.support.FileLock;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel add}: declare, recompile, sync, in one step (workflow W5). */
final class AddCommand implements Callable<Integer> {

    private final Console console;

    List<String> requirements = new ArrayList<>();
    boolean dev;
    RelockOptions relock = new RelockOptions();

    AddCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "add",
                "Declare requirements, recompile the locks and sync, in one step.",
                "Writes them into requirements/base.in (--dev: dev.in), recompiles every lock",
                "that includes it (base before dev), then syncs the environment.",
                "When anything fails, every file stays as it was.");
        b.positionals("1..*", "REQUIREMENT",
                "What to add: NAME, NAME>=1.2, NAME[extra].", () -> requirements, v -> requirements = v);
        b.flag("--dev", "A development need: write it into requirements/dev.in.", () -> dev, v -> dev = v);
        relock.declare(b);
        return b.build();
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
