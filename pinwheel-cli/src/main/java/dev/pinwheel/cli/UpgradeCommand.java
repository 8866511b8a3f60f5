package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.IntentFile;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.support.FileLock;
import dev.pinwheel.cli.deps.LockDiff;
import dev.pinwheel.packaging.ProjectName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel upgrade}: move pins on purpose, in every lock, then sync. */
final class UpgradeCommand implements Callable<Integer> {

    private final Console console;

    List<String> packages = new ArrayList<>();
    RelockOptions relock = new RelockOptions();

    UpgradeCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "upgrade",
                "Move pins on purpose in every lock file, then sync.",
                "compile -P NAME for each name (without names: compile -U) over every lock in",
                "dependency order, then sync the environment. When anything fails, every file",
                "stays as it was.");
        b.positionals("0..*", "NAME[SPEC]", "Packages to upgrade (default: all).", () -> packages, v -> packages = v);
        relock.declare(b);
        return b.build();
    }

    @Override
    public Integer call() {
        Layout layout = Layout.find(console.context().cwd());
        List<String> args = new ArrayList<>();
        if (packages.isEmpty()) {
            args.add("--upgrade");
        }
        Map<Path, String> locks = LockDiff.snapshot(layout);
        for (String p : packages) {
            ProjectName name = IntentFile.parseRequirement(p).name(); // a typo fails here, before anything is compiled
            if (!LockDiff.pins(locks, name)) {
                console.warn(name + " is not pinned in any lock file; pinwheel add " + name + " declares it");
            }
            args.add("--upgrade-package=" + p.strip());
        }
        try (FileLock lock = RelockOptions.lock(console, layout)) {
            relock.run(console, layout, Map.of(), List.of(), true, args);
        }
        return ExitCodes.OK;
    }
}
