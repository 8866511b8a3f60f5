package dev.pinwheel.cli.deps;

import dev.pinwheel.cli.compile.CompileResult;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code add}, {@code remove} and {@code upgrade} as one transaction over the requirements
 * files: the new intents are staged in memory, every affected lock is compiled in dependency
 * order against the staged files (a dev lock sees the new base intent and lock), and only when
 * every compile succeeded are the changed files written. The environment is then synced; if the
 * sync fails, every file is put back as it was.
 *
 * <p>Why restoring is safe: a sync downloads and unpacks every wheel before it removes or installs
 * anything, so the usual failures (network, a missing wheel, a build) leave the environment as it
 * was, and the restored files describe it again. A failure while installing leaves each package
 * either fully installed or not (sync's journal), and {@code pinwheel sync} with the restored locks
 * brings it back; the error says so.
 */
public final class Relocker {

    /** Compiles one pair without writing it, reading {@code staged} files instead of the disk. */
    @FunctionalInterface
    public interface Compile {
        CompileResult compile(Layout.Pair pair, Map<Path, String> staged);
    }

    /** Makes the environment equal to these lock files. */
    @FunctionalInterface
    public interface Sync {
        void sync(List<Path> lockFiles);
    }

    /** What the CLI hears. All methods do nothing by default. */
    public interface Listener {
        default void compiling(Layout.Pair pair) {
        }

        default void wrote(Path file) {
        }

        /** A lock compiled and, when it changed, written; called for every pair before the sync. */
        default void locked(Layout.Pair pair, CompileResult result) {
        }

        default void restored(Path file) {
        }
    }

    /**
     * What to do.
     *
     * @param layout   the project's intents and locks
     * @param intents  new contents of intent files (absolute paths); the others stay
     * @param all      recompile every lock (an upgrade), not only those the changed intents reach
     * @param sync     sync the environment afterwards (empty with {@code --no-sync})
     */
    public record RelockRequest(Layout layout, Map<Path, String> intents, boolean all, Optional<Sync> sync) {
        public RelockRequest {
            intents = Map.copyOf(intents);
        }
    }

    /**
     * What happened.
     *
     * @param compiled the pairs compiled, in order, with their results
     * @param changed  the files written (their content changed)
     * @param synced   whether the environment was synced
     */
    public record RelockResult(Map<Layout.Pair, CompileResult> compiled, List<Path> changed, boolean synced) {
        public RelockResult {
            compiled = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(compiled));
            changed = List.copyOf(changed);
        }
    }

    private Relocker() {
    }

    public static RelockResult relock(RelockRequest request, Compile compile, Listener listener) {
        Layout layout = request.layout();
        Map<Path, String> staged = new LinkedHashMap<>(request.intents());
        List<Layout.Pair> pairs = request.all() ? layout.pairs() : layout.affectedBy(Set.copyOf(staged.keySet()));
        Map<Layout.Pair, CompileResult> compiled = new LinkedHashMap<>();
        for (Layout.Pair pair : pairs) {
            listener.compiling(pair);
            CompileResult result = compile.compile(pair, Map.copyOf(staged));
            compiled.put(pair, result);
            staged.put(pair.txt(), result.text());
        }
        Map<Path, Optional<byte[]>> originals = new LinkedHashMap<>();
        List<Path> changed = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> e : staged.entrySet()) {
                Optional<byte[]> before = read(e.getKey());
                byte[] after = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (before.isPresent() && Arrays.equals(before.get(), after)) {
                    continue;
                }
                originals.put(e.getKey(), before);
                AtomicFiles.write(e.getKey(), after);
                changed.add(e.getKey());
                listener.wrote(e.getKey());
            }
        } catch (RuntimeException e) {
            restore(originals, listener, e);
            throw e;
        }
        compiled.forEach(listener::locked);
        if (request.sync().isEmpty()) {
            return new RelockResult(compiled, changed, false);
        }
        try {
            request.sync().get().sync(layout.syncFiles());
        } catch (RuntimeException e) {
            restore(originals, listener, e);
            if (originals.isEmpty()) {
                throw e;
            }
            PinwheelException.Category category = e instanceof PinwheelException p ? p.category()
                    : PinwheelException.Category.INTERNAL;
            String files = String.join(" ", layout.syncFiles().stream().map(layout::show).toList());
            throw new PinwheelException(category, "the environment could not be synced, so the requirements files were put back as they were",
                    "if it failed while installing, `pinwheel sync " + files + "` returns the environment to these locks", e);
        }
        return new RelockResult(compiled, changed, true);
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
    }

    private static void restore(Map<Path, Optional<byte[]>> originals, Listener listener, RuntimeException failure) {
        for (Map.Entry<Path, Optional<byte[]>> e : originals.entrySet()) {
            try {
                if (e.getValue().isPresent()) {
                    AtomicFiles.write(e.getKey(), e.getValue().get());
                } else {
                    Files.deleteIfExists(e.getKey());
                }
                listener.restored(e.getKey());
            } catch (IOException | RuntimeException again) {
                failure.addSuppressed(again);
            }
        }
    }
}
