package dev.pinwheel.env;

import dev.pinwheel.support.Subprocess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers around the machine's CPython. */
final class Python {

    private Python() {
    }

    /** The machine's python3, as the finder would pick it from PATH. */
    static Path python3() {
        return new EnvironmentFinder(new Interpreters(null), Path.of("/"), System.getenv())
                .findInterpreterPath(Optional.of("python3"));
    }

    /** Runs {@code python -c code} and returns stdout; fails the test on a non-zero exit. */
    static String run(Path python, String code) {
        return exec(List.of(python.toString(), "-c", code), Map.of());
    }

    static String exec(List<String> command, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(System.getenv());
        all.putAll(env);
        Subprocess.Result r = Subprocess.run(command, null, all, null, java.time.Duration.ofMinutes(5));
        if (r.exitCode() != 0) {
            throw new AssertionError(command + " failed with " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
        }
        return r.stdout();
    }
}
