package dev.pinwheel.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pyenv shim: a small bash script that runs {@code pyenv exec}, which picks a Python by
 * {@code PYENV_VERSION}, the nearest {@code .python-version} or the global version file and then
 * runs it. That costs a dozen bash processes (~100 ms and as much CPU here) before Python starts.
 *
 * <p>pinwheel makes the same choice itself in the plain case (an installed version named exactly,
 * which has the program, and no hook that could choose otherwise) and runs that interpreter
 * directly. Anything else — {@code system}, a prefix such as {@code 3.11} that pyenv resolves to
 * the latest installed, a missing version, an unknown hook — goes through the shim, so the answer
 * is always the one pyenv gives.
 *
 * @param root    PYENV_ROOT
 * @param install the directory pyenv is installed in (the parent of its {@code libexec})
 */
record PyenvShim(Path root, Path install) {

    /** The line of a shim that names its root, and the line that runs pyenv. */
    private static final Pattern ROOT_EXPORT = Pattern.compile("export PYENV_ROOT=\"([^\"]+)\"");
    private static final Pattern EXEC = Pattern.compile("exec \"([^\"]+)/libexec/pyenv\" exec ");

    /**
     * Hooks that pyenv and pyenv-virtualenv ship, harmless here: the {@code which} ones act only
     * when the chosen version lacks the program (then pinwheel uses the shim anyway), pip-rehash
     * only for pip.
     */
    private static final Set<String> KNOWN_HOOKS = Set.of("which/conda.bash", "which/python-config.bash",
            "which/system-site-packages.bash", "exec/pip-rehash.bash");

    /** The shim at {@code real} (its resolved path), or empty when it is not one. */
    static Optional<PyenvShim> detect(Path real, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(real) || Files.size(real) > 4096) {
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
        Matcher m = ROOT_EXPORT.matcher(text);
        String root = m.find() ? m.group(1) : env.get("PYENV_ROOT");
        if (root == null || root.isBlank()) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            root = home + "/.pyenv";
        }
        Matcher exec = EXEC.matcher(text);
        Path rootPath = Path.of(root);
        return Optional.of(new PyenvShim(rootPath, exec.find() ? Path.of(exec.group(1)) : rootPath));
    }

    /** What pyenv decides by, in its order: PYENV_VERSION, the nearest .python-version, the global version file. */
    String selectionKey(Map<String, String> env, Path cwd) {
        StringBuilder s = new StringBuilder("pyenv\0").append(env.getOrDefault("PYENV_VERSION", "")).append('\0');
        versionFile(env, cwd).ifPresent(local -> s.append(local).append('=').append(readOrEmpty(local)));
        return s.append('\0').append(readOrEmpty(root.resolve("version"))).toString();
    }

    /**
     * The interpreter this shim runs as {@code program} from {@code cwd}, when pinwheel can tell
     * for certain without pyenv; empty otherwise.
     */
    Optional<Path> resolve(String program, Map<String, String> env, Path cwd) {
        if (hasUnknownHooks(env)) {
            return Optional.empty();
        }
        String selected = env.getOrDefault("PYENV_VERSION", "");
        if (selected.isEmpty()) {
            Optional<Path> file = versionFile(env, cwd);
            if (file.isEmpty()) {
                file = Optional.of(root.resolve("version"));
            }
            Optional<String> read = read(file.get());
            if (read.isEmpty()) {
                return Optional.empty();
            }
            selected = read.get();
        }
        String first = selected.split(":", -1)[0];
        if (first.isEmpty() || first.equals("system") || first.equals(".") || first.equals("..") || first.contains("/")) {
            return Optional.empty();
        }
        Path version = root.resolve("versions").resolve(first);
        Path exe = version.resolve("bin").resolve(program);
        if (!Files.isDirectory(version) || Files.isDirectory(version.resolve("conda-meta")) || !Files.isRegularFile(exe)
                || !Files.isExecutable(exe)) {
            return Optional.empty();
        }
        return Optional.of(exe);
    }

    /** The nearest {@code .python-version} from PYENV_DIR, then from the working directory. */
    private Optional<Path> versionFile(Map<String, String> env, Path cwd) {
        String dir = env.get("PYENV_DIR");
        Path start = dir != null && !dir.isBlank() ? cwd.resolve(dir).normalize() : cwd;
        Optional<Path> found = nearest(start);
        return found.isPresent() || start.equals(cwd) ? found : nearest(cwd);
    }

    private static Optional<Path> nearest(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            Path local = d.resolve(".python-version");
            if (Files.isRegularFile(local)) {
                return Optional.of(local);
            }
        }
        return Optional.empty();
    }

    /**
     * The versions a version file names, joined by {@code :} as pyenv joins them: the first word
     * of each line, blank lines and {@code #} comments skipped. Empty when the file says nothing,
     * or names something pinwheel leaves to pyenv (a path).
     */
    private static Optional<String> read(Path file) {
        String text = readOrEmpty(file);
        List<String> versions = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String word = line.strip().split("[\\s]+", 2)[0];
            if (word.isEmpty() || word.startsWith("#")) {
                continue;
            }
            if (word.equals("..") || word.contains("/")) {
                return Optional.empty();
            }
            versions.add(word);
        }
        return versions.isEmpty() ? Optional.empty() : Optional.of(String.join(":", versions));
    }

    /** Whether a version-name, which or exec hook could change pyenv's choice. */
    private boolean hasUnknownHooks(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        String configured = env.getOrDefault("PYENV_HOOK_PATH", "");
        for (String p : configured.split(":")) {
            if (!p.isBlank()) {
                dirs.add(Path.of(p));
            }
        }
        dirs.add(root.resolve("pyenv.d"));
        dirs.add(install.resolve("pyenv.d"));
        for (String p : List.of("/usr/etc/pyenv.d", "/usr/local/etc/pyenv.d", "/etc/pyenv.d", "/usr/lib/pyenv/hooks")) {
            dirs.add(Path.of(p));
        }
        Path plugins = root.resolve("plugins");
        if (Files.isDirectory(plugins)) {
            try (DirectoryStream<Path> each = Files.newDirectoryStream(plugins)) {
                each.forEach(plugin -> dirs.add(plugin.resolve("etc/pyenv.d")));
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        for (Path dir : dirs) {
            for (String command : List.of("version-name", "which", "exec")) {
                Path hooks = dir.resolve(command);
                if (!Files.isDirectory(hooks)) {
                    continue;
                }
                try (DirectoryStream<Path> each = Files.newDirectoryStream(hooks, "*.bash")) {
                    for (Path hook : each) {
                        if (!KNOWN_HOOKS.contains(command + "/" + hook.getFileName())) {
                            return true;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
