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

    /** The line of a pyenv shim that names its root. */
    private static final java.util.regex.Pattern PYENV_ROOT_EXPORT = java.util.regex.Pattern.compile("export PYENV_ROOT=\"([^\"]+)\"");

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
        pyenvRoot(real).ifPresent(root -> key.append('\0').append(pyenvSelection(root)));
        return key.toString();
    }

    /**
     * The PYENV_ROOT of a pyenv shim, or empty for anything else. A shim is a small script that
     * runs whichever Python pyenv selects; the shim itself never changes when the selection does
     * ({@code pyenv local}, {@code pyenv global}, {@code PYENV_VERSION}), so what selects goes
     * into the key (as Pex does for the same reason).
     */
    private Optional<Path> pyenvRoot(Path real) throws IOException {
        if (Files.size(real) > 4096) {
            return Optional.empty();
        }
        byte[] head = Files.readAllBytes(real);
        if (head.length < 2 || head[0] != '#' || head[1] != '!') {
            return Optional.empty();
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (!text.contains("pyenv") || !text.contains(" exec ")) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = PYENV_ROOT_EXPORT.matcher(text);
        String root = m.find() ? m.group(1) : env.get("PYENV_ROOT");
        if (root == null || root.isBlank()) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            root = home + "/.pyenv";
        }
        return Optional.of(Path.of(root));
    }

    /** pyenv's inputs, in its order: PYENV_VERSION, the nearest .python-version, the global version file. */
    private String pyenvSelection(Path root) {
        StringBuilder s = new StringBuilder("pyenv\0").append(env.getOrDefault("PYENV_VERSION", "")).append('\0');
        String dir = env.get("PYENV_DIR");
        for (Path d = dir != null && !dir.isBlank() ? cwd.resolve(dir) : cwd; d != null; d = d.getParent()) {
            Path local = d.resolve(".python-version");
            if (Files.isRegularFile(local)) {
                s.append(local).append('=').append(readOrEmpty(local));
                break;
            }
        }
        return s.append('\0').append(readOrEmpty(root.resolve("version"))).toString();
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String ask(Path exe) throws IOException {
        // -I: ignore PYTHON* variables and the user site, which would change the answers.
        Subprocess.Result r = Subprocess.run(List.of(exe.toString(), "-I", "-c", Script.TEXT), null, null, null,
                Duration.ofSeconds(60));
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
