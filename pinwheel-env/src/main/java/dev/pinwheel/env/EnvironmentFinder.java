package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the interpreter and environment a command acts on, the way users expect: an explicit
 * {@code --python} (an interpreter, a venv directory, a name on PATH or a version like
 * {@code 3.12}), else the active {@code $VIRTUAL_ENV}, else {@code .venv} in the working
 * directory or the nearest parent up to the project root.
 */
public final class EnvironmentFinder {

    /** Files that mark the root of a Python project: the search for {@code .venv} stops there. */
    private static final List<String> PROJECT_MARKERS = List.of("pyproject.toml", "setup.py", "setup.cfg",
            "requirements.txt", "requirements", ".git");
    private static final Pattern VERSION_REQUEST = Pattern.compile("\\d+(\\.\\d+){0,2}");

    private final Interpreters interpreters;
    private final Path cwd;
    private final Map<String, String> env;
    /** The directories whose entries decided the last lookup; {@code null} after a search of PATH. */
    private List<Path> consulted = new ArrayList<>();

    public EnvironmentFinder(Interpreters interpreters, Path cwd, Map<String, String> env) {
        this.interpreters = interpreters;
        this.cwd = cwd.toAbsolutePath().normalize();
        this.env = Map.copyOf(env);
    }

    /**
     * The virtualenv to install into. {@code python} is the user's {@code --python} value, if any.
     * A base interpreter (not a venv) is refused: pinwheel changes only virtualenvs.
     */
    public PythonEnvironment findTarget(Optional<String> python) {
        consulted = new ArrayList<>();
        Path exe = python.map(this::interpreterFor).or(this::activeOrProjectVenv).orElseThrow(() ->
                new EnvException(Category.ENVIRONMENT, "no virtual environment found (no --python, no $VIRTUAL_ENV, "
                        + "no .venv in " + cwd + " or its project root)",
                        "create one with `pinwheel venv`, activate one, or pass --python"));
        Interpreter interpreter = interpreters.inspect(exe);
        if (!interpreter.isVirtualEnv()) {
            throw new EnvException(Category.ENVIRONMENT, "the interpreter " + exe + " is not in a virtual environment"
                    + " (sys.prefix is " + interpreter.prefix() + ")",
                    "pinwheel installs only into virtualenvs; create one with `pinwheel venv --python " + exe + "`");
        }
        return new PythonEnvironment(interpreter.prefix(), exe, interpreter);
    }

    /**
     * The interpreter that describes the target for resolving when no environment is required:
     * {@code --python}, else {@code $VIRTUAL_ENV}, else a project {@code .venv}, else
     * {@code python3} on PATH.
     */
    public Interpreter findInterpreter(Optional<String> python) {
        return interpreters.inspect(findInterpreterPath(python));
    }

    /** Like {@link #findInterpreter} but only the path, without starting the interpreter. */
    public Path findInterpreterPath(Optional<String> python) {
        return python.map(this::interpreterFor).or(this::activeOrProjectVenv)
                .or(() -> onPath("python3")).orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                        "no Python interpreter found (no --python, no $VIRTUAL_ENV, no .venv, no python3 on PATH)",
                        "install Python 3 or pass --python"));
    }

    /**
     * The paths whose identity or entries decided the last {@link #findTarget}: the directories the
     * search for {@code .venv} passed (a {@code .venv} or a project marker created in one of them
     * would change the answer) and the {@code .venv} it found; empty when the answer came from a
     * search of PATH, whose outcome these do not capture. What else decided it is the
     * environment's own files and {@code $VIRTUAL_ENV}.
     */
    public Optional<List<Path>> consulted() {
        return Optional.ofNullable(consulted).map(List::copyOf);
    }

    private void consult(Path dir) {
        if (consulted != null) {
            consulted.add(dir);
        }
    }

    /** Resolves a {@code --python} value to an interpreter path. */
    public Path interpreterFor(String request) {
        if (!request.contains(File.separator) && !request.startsWith(".")) {
            consult(cwd); // a bare name is a path only while the working directory holds it
        }
        boolean looksLikePath = request.contains(File.separator) || request.startsWith(".")
                || Files.exists(cwd.resolve(request));
        if (looksLikePath) {
            Path p = cwd.resolve(request).normalize();
            if (Files.isDirectory(p)) {
                return venvPython(p).orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                        p + " is not a virtual environment (no bin/python)", "pass an interpreter or a venv directory"));
            }
            if (!Files.isExecutable(p)) {
                throw new EnvException(Category.ENVIRONMENT, "no Python interpreter at " + p,
                        "pass --python with an interpreter, a venv directory or a version such as 3.11");
            }
            return p;
        }
        String name = VERSION_REQUEST.matcher(request).matches() ? "python" + request : request;
        return onPath(name).orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                "no interpreter named " + name + " on PATH", "pass the interpreter's full path with --python"));
    }

    private Optional<Path> activeOrProjectVenv() {
        String active = env.get("VIRTUAL_ENV");
        if (active != null && !active.isEmpty()) {
            Path root = cwd.resolve(active).normalize();
            return Optional.of(venvPython(root).orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                    "$VIRTUAL_ENV points at " + root + ", which is not a virtual environment",
                    "deactivate it or recreate it with `pinwheel venv " + root + " --clear`")));
        }
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Optional<Path> found = venvPython(dir.resolve(".venv"));
            if (found.isPresent()) {
                // Here only the .venv itself decided (another one moved into its place would not be
                // the same directory); what else this directory holds does not matter.
                consult(dir.resolve(".venv"));
                return found;
            }
            consult(dir); // a .venv created here would be found first
            Path d = dir;
            if (PROJECT_MARKERS.stream().anyMatch(m -> Files.exists(d.resolve(m)))) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The interpreter link of a venv directory (POSIX {@code bin/} or Windows {@code Scripts/}). */
    static Optional<Path> venvPython(Path root) {
        for (String rel : List.of("bin/python", "bin/python3", "Scripts/python.exe")) {
            Path p = root.resolve(rel);
            if (Files.isExecutable(p) && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> onPath(String name) {
        consulted = null;
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = cwd.resolve(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
