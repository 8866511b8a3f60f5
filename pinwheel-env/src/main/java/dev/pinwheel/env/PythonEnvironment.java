package dev.pinwheel.env;

import java.nio.file.Path;
import java.util.Objects;

/** A virtualenv pinwheel acts on: its root directory, its interpreter link, and what that said. */
public record PythonEnvironment(Path root, Path python, Interpreter interpreter) {

    public PythonEnvironment {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(interpreter, "interpreter");
    }

    /** The install scheme of this environment. */
    public InstallPaths paths() {
        return interpreter.paths();
    }
}
