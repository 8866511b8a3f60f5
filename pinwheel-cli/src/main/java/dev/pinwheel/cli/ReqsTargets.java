package dev.pinwheel.cli;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.scan.TargetEnvironment;
import dev.pinwheel.scan.TargetEnvironments;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The environment whose versions {@code reqs} pins: {@code --python} when given (any
 * interpreter), else the active {@code $VIRTUAL_ENV} or the project's {@code .venv}. Without
 * one, reqs still works: no pins, bundled lists, and a note saying so.
 */
final class ReqsTargets {

    private ReqsTargets() {
    }

    static Optional<TargetEnvironment> find(Context context, Path root, Optional<String> python, Console console) {
        Interpreters interpreters = new Interpreters(EnvSettings.cacheDir(context));
        EnvironmentFinder finder = new EnvironmentFinder(interpreters, root, context.env());
        Interpreter interpreter;
        if (python.isPresent()) {
            interpreter = new EnvironmentFinder(interpreters, context.cwd(), context.env()).findInterpreter(python);
        } else {
            try {
                interpreter = finder.findTarget(Optional.empty()).interpreter();
            } catch (PinwheelException e) {
                console.debug("no target environment: " + e.getMessage());
                return Optional.empty();
            }
        }
        console.debug("target environment: " + interpreter);
        return Optional.of(TargetEnvironments.inspect(interpreter));
    }
}
