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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pinwheel upgrade}: move pins on purpose, in every lock, then sync. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Move pins on purpose in every lock file, then sync.",
                "compile -P NAME for each name (without names: compile -U) over every lock in dependency order,",
                "then sync the environment. When anything fails, every file stays as it was."})
final class UpgradeCommand implements Callable<Integer> {

    private final Console console;

    @Parameters(arity = "0..*", paramLabel = "NAME[SPEC]", description = "Packages to upgrade (default: all).")
    List<String> packages = new ArrayList<>();

    @Mixin
    RelockOptions relock;

    UpgradeCommand(Console console) {
        this.console = console;
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
