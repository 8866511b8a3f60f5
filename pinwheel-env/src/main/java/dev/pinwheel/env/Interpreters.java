package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import dev.pinwheel.support.Hashing;
import dev.pinwheel.support.Subprocess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks interpreters about themselves: one run of a small shipped script per interpreter, its
 * answer cached on disk under the interpreter's path, the modification time and size of the
 * binary it resolves to (an upgrade of the interpreter changes them) and, for a venv, the content
 * of its {@code pyvenv.cfg}.
 */
public final class Interpreters {

    /** The shipped script, read from the jar only when an interpreter must be asked (a cache hit does not). */
    private static final class Script {
        static final String TEXT = loadScript();
    }

    private final Path cacheDir;
    private final Map<Path, Interpreter> memo = new ConcurrentHashMap<>();
    /** The environment and directory the interpreter runs in (what a pyenv shim decides by). */
    private final Map<String, String> env;
    private final Path cwd;

    /** {@code cacheDir} is pinwheel's cache root, or null to ask every time. */
    public Interpreters(Path cacheDir) {
        this(cacheDir, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** For tests: the environment and working directory a pyenv shim would see. */
    Interpreters(Path cacheDir, Map<String, String> env, Path cwd) {
        this.cacheDir = cacheDir == null ? null : cacheDir.resolve("interpreters-v2");
        this.env = env;
        this.cwd = cwd;
    }

    /** Describes the interpreter at {@code executable} (absolute path, not resolved). */
    public Interpreter inspect(Path executable) {
        Path exe = executable.toAbsolutePath().normalize();
        return memo.computeIfAbsent(exe, this::load);
    }

    private Interpreter load(Path exe) {
        if (!Files.isExecutable(exe)) {
            throw new EnvException(Category.ENVIRONMENT, "no Python interpreter at " + exe,
                    "pass --python with the path of an interpreter or a virtualenv directory");
        }
        Path cached = null;
        String key = null;
        try {
            if (cacheDir != null) {
                key = cacheKey(exe);
                cached = cacheDir.resolve(Hashing.cacheKey(key) + ".json");
                if (Files.isRegularFile(cached)) {
                    // The file's first line is the whole key: another key with the same name is a miss.
                    String text = Files.readString(cached);
                    int newline = text.indexOf('\n');
                    if (newline >= 0 && text.substring(0, newline).equals(escape(key))) {
                        try {
                            return Interpreter.fromJson(text.substring(newline + 1));
                        } catch (RuntimeException stale) {
                            // Truncated, or written by another pinwheel version: ask again.
                        }
                    }
                }
            }
            String answer = ask(exe);
            Interpreter interpreter = Interpreter.fromJson(answer);
            if (cached != null) {
                Files.createDirectories(cacheDir);
                Fs.writeAtomically(cached, (escape(key) + "\n" + answer).getBytes(StandardCharsets.UTF_8));
            }
            return interpreter;
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot query the Python interpreter " + exe, null, e);
        }
    }

    /** The key on one line (paths may hold line breaks). */
    private static String escape(String key) {
        return key.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private String cacheKey(Path exe) throws IOException {
        Path real = exe.toRealPath();
        StringBuilder key = new StringBuilder(exe.toString()).append('\0').append(real)
                .append('\0').append(Files.getLastModifiedTime(real).toMillis())
                .append('\0').append(Files.size(real));
        // A venv's identity is its pyvenv.cfg: one that says something else must ask again. Its
        // content, not its mtime: a venv recreated at the same path from the same interpreter
        // answers the same, and scripts and CI make fresh venvs all the time (the interpreter's
        // run was a tenth of a warm sync into a fresh venv).
        Path cfg = exe.getParent() == null || exe.getParent().getParent() == null ? null
                : exe.getParent().getParent().resolve("pyvenv.cfg");
        if (cfg != null && Files.isRegularFile(cfg)) {
            key.append('\0').append(Files.readString(cfg, StandardCharsets.UTF_8));
        }
        PyenvShim.detect(real, env).ifPresent(shim -> key.append('\0').append(shim.selectionKey(env, cwd)));
        return key.toString();
    }

    private String ask(Path exe) throws IOException {
        // A pyenv shim's choice, made without its dozen bash processes when pinwheel can.
        Path run = PyenvShim.detect(exe.toRealPath(), env)
                .flatMap(shim -> shim.resolve(exe.getFileName().toString(), env, cwd)).orElse(exe);
        // -I: ignore PYTHON* variables and the user site, which would change the answers. -S: run no
        // .pth file (the script applies only site's venv step itself), so the answer costs no
        // third-party import.
        Subprocess.Result r = Subprocess.run(List.of(run.toString(), "-I", "-S", "-c", Script.TEXT), null, null,
                null, Duration.ofSeconds(60));
        if (r.exitCode() != 0) {
            throw new EnvException(Category.ENVIRONMENT, "the Python interpreter " + exe + " failed to describe itself"
                    + " (exit " + r.exitCode() + "): " + r.stderr().strip(), "check that it is Python 3.8 or newer");
        }
        return r.stdout();
    }

    private static String loadScript() {
        try (InputStream in = Interpreters.class.getResourceAsStream("interpreter_info.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
