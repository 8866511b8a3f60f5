package dev.pinwheel.cli;

import dev.pinwheel.cli.compile.CompileResult;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.cli.deps.LockDiff;
import dev.pinwheel.cli.deps.Relocker;
import dev.pinwheel.support.FileLock;
import dev.pinwheel.support.Hashing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code add}, {@code remove} and {@code upgrade} share: the environment to sync (or
 * {@code --no-sync}), index options, and the run of {@link Relocker} with its report.
 */
final class RelockOptions {

    boolean noSync;
    String python;
    IndexOptions index = new IndexOptions();

    /** Adds these options, then the index options, to a command's model. */
    void declare(SpecBuilder b) {
        b.flag("--no-sync", "Change the requirements files only; leave the environment alone (for CI).",
                () -> noSync, v -> noSync = v);
        b.option(String.class, "--python", "PYTHON",
                "The environment to sync: a venv directory or its interpreter (default: $VIRTUAL_ENV, else .venv).",
                () -> python, v -> python = v);
        index.declare(b);
    }

    /**
     * Holds off other {@code add}/{@code remove}/{@code upgrade} runs on this project from reading
     * the intents until this one has written them (else the later write loses the earlier edit).
     * The lock file lives in pinwheel's cache, keyed by the project's path, not in the project.
     */
    static FileLock lock(Console console, Layout layout) {
        Path file = EnvSettings.cacheDir(console.context()).resolve("locks").resolve("requirements-"
                + Hashing.sha256Hex(layout.root().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16)
                + ".lock");
        return FileLock.acquire(file, Duration.ofMinutes(10), "the requirements files of " + layout.root());
    }

    /**
     * Stages the intents, recompiles, writes, syncs; prints what changed. {@code notes} say what
     * was done to the intents; they are printed once the files are written, never for a failed run.
     */
    Relocker.RelockResult run(Console console, Layout layout, Map<Path, String> intents, List<String> notes, boolean all,
                              List<String> compileArgs) {
        // Find the environment first: without one, fail before anything is compiled or written.
        Optional<Relocker.Sync> sync = noSync ? Optional.empty()
                : Optional.of(EnvSync.find(console, layout, Optional.ofNullable(python), index));
        List<String> args = index.compileArgs();
        args.addAll(compileArgs);
        Map<Path, String> before = LockDiff.snapshot(layout);
        List<String> untold = new ArrayList<>(notes);
        Relocker.RelockResult result = Relocker.relock(new Relocker.RelockRequest(layout, intents, all, sync),
                new LockReplay(console, layout, args), new Relocker.Listener() {
                    @Override
                    public void locked(Layout.Pair pair, CompileResult result) {
                        untold.forEach(n -> console.info(Character.toUpperCase(n.charAt(0)) + n.substring(1)));
                        untold.clear();
                        List<String> changes = LockDiff.changes(before.get(pair.txt()), result.text());
                        boolean same = result.text().equals(before.get(pair.txt()));
                        console.info((same ? "Unchanged " : "Updated ") + layout.show(pair.txt()) + " ("
                                + SyncCommand.count(result.packages()) + ")");
                        changes.forEach(c -> console.info("  " + c));
                        result.warnings().forEach(console::warn);
                    }

                    @Override
                    public void restored(Path file) {
                        console.info("Restored " + layout.show(file));
                    }
                });
        untold.forEach(n -> console.info(Character.toUpperCase(n.charAt(0)) + n.substring(1)));
        return result;
    }
}
