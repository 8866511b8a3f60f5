package dev.pinwheel.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of pinwheel sees of the outside: working directory, environment, standard
 * streams and whether they are terminals. Commands read these from here, never from
 * {@link System}, so the whole CLI runs in-process in tests.
 */
public record Context(Path cwd, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
                      boolean interactive, Optional<String> account) {

    public Context {
        cwd = cwd.toAbsolutePath().normalize();
        env = Map.copyOf(env);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(account, "account");
    }

    /** A context without a known account name (tests). */
    public Context(Path cwd, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
                   boolean interactive) {
        this(cwd, env, in, out, err, interactive, Optional.empty());
    }

    /**
     * The context of a real process. The account is the JVM's {@code user.name}, which it reads
     * from the system, so it is known where no $USER or $LOGNAME is set (containers, CI).
     */
    public static Context ofSystem() {
        boolean interactive = System.console() != null;
        return new Context(Path.of(""), System.getenv(), System.in, System.out, System.err, interactive,
                Optional.ofNullable(System.getProperty("user.name")).filter(n -> !n.isBlank() && !n.equals("?")));
    }

    public Optional<String> getenv(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** Resolves a user-given path against the working directory. */
    public Path resolve(String path) {
        return cwd.resolve(path).normalize();
    }
}
