package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.IntentFile;
import dev.pinwheel.cli.deps.Layout;
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
        for (String p : packages) {
            IntentFile.parseRequirement(p); // a typo fails here, before anything is compiled
            args.add("--upgrade-package=" + p.strip());
        }
        relock.run(console, layout, Map.of(), List.of(), true, args);
        return ExitCodes.OK;
    }
}
