package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.cli.deps.Relocker;
import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.env.PythonEnvironment;
import dev.pinwheel.env.SyncPlan;
import dev.pinwheel.env.Syncer;
import dev.pinwheel.env.WheelInstaller;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project's environment and sync's engine as {@code add}, {@code upgrade} and {@code check}
 * use them: found from the project root the way {@code pinwheel sync} finds it, synced (or
 * planned, for a dry run) with the lock files given as paths from the root.
 */
final class EnvSync implements Relocker.Sync {

    private final Console console;
    private final Layout layout;
    private final PythonEnvironment env;
    private final IndexOptions index;

    private EnvSync(Console console, Layout layout, PythonEnvironment env, IndexOptions index) {
        this.console = console;
        this.layout = layout;
        this.env = env;
        this.index = index;
    }

    /** Finds the environment now, so that a missing one fails before any file is touched. */
    static EnvSync find(Console console, Layout layout, Optional<String> python, IndexOptions index) {
        Context context = console.context();
        Interpreters interpreters = new Interpreters(EnvSettings.cacheDir(context));
        PythonEnvironment env = new EnvironmentFinder(interpreters, layout.root(), context.env()).findTarget(python);
        console.debug("Using environment " + env.root() + " (" + env.interpreter() + ")");
        return new EnvSync(console, layout, env, index);
    }

    PythonEnvironment environment() {
        return env;
    }

    @Override
    public void sync(List<Path> lockFiles) {
        SyncPlan plan = run(lockFiles, false);
        if (plan.changes()) {
            SyncCommand.printPlan(console, plan, console::info);
        } else {
            console.info("Audited " + SyncCommand.count(plan.actions().size()) + ": the environment matches the lock files");
        }
    }

    /** What a sync would change, changing nothing. */
    SyncPlan plan(List<Path> lockFiles) {
        return run(lockFiles, true);
    }

    private SyncPlan run(List<Path> lockFiles, boolean dryRun) {
        Context context = console.context();
        Path cache = EnvSettings.cacheDir(context);
        var request = new Syncer.SyncRequest(lockFiles.stream().map(layout::show).toList(), layout.root(),
                name -> context.env().get(name), false, Set.of(), dryRun, false, WheelInstaller.LinkMode.HARDLINK, cache,
                index.settings(context, cache));
        try (Progress progress = console.progress("Syncing")) {
            return new Syncer(new SyncCommand.PhaseListener(console, progress, verb -> !dryRun && !verb.equals("Resolved")))
                    .sync(env, request).plan();
        }
    }
}
