package dev.pinwheel.cli;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.scan.TargetEnvironment;
import dev.pinwheel.scan.TargetEnvironments;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The environment whose versions {@code reqs} pins: {@code --python} when given (any
 * interpreter), else the active {@code $VIRTUAL_ENV} or the project's {@code .venv}. Without
 * one, reqs still works: no pins, bundled lists, and a note saying so.
 */
final class ReqsTargets {

    private ReqsTargets() {
    }

    static Optional<TargetEnvironment> find(Context context, Path root, Optional<String> python, Console console) {
        return interpreter(context, root, python, console).map(TargetEnvironments::inspect);
    }

    /**
     * Like {@link #find}, but only the interpreter is looked up now (a wrong {@code --python}
     * fails at once); its environment (site-packages' RECORD files, the stdlib list the
     * interpreter gives) is read on a thread of its own while the project is scanned, and the
     * supplier waits for it.
     */
    static Supplier<Optional<TargetEnvironment>> findInBackground(Context context, Path root, Optional<String> python,
            Console console) {
        Optional<Interpreter> interpreter = interpreter(context, root, python, console);
        if (interpreter.isEmpty()) {
            return Optional::empty;
        }
        FutureTask<TargetEnvironment> task = new FutureTask<>(() -> TargetEnvironments.inspect(interpreter.get()));
        Thread thread = new Thread(task, "pinwheel-target");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                return Optional.of(task.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PinwheelException(PinwheelException.Category.ENVIRONMENT,
                        "interrupted while reading " + interpreter.get().prefix(), null);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new PinwheelException(PinwheelException.Category.INTERNAL,
                        "reading " + interpreter.get().prefix() + " failed", null, e.getCause());
            }
        };
    }

    private static Optional<Interpreter> interpreter(Context context, Path root, Optional<String> python, Console console) {
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
        return Optional.of(interpreter);
    }
}
