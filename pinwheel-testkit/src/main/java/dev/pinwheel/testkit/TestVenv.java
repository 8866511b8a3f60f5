package dev.pinwheel.testkit;

import dev.pinwheel.support.FileLock;
import dev.pinwheel.support.Subprocess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real virtualenv with packages from PyPI, made once per build directory and reused by every
 * test of the run (and later runs): creating one and pip-installing SQLAlchemy costs seconds.
 * A marker file written last holds the requirements, so a half-made or outdated venv is rebuilt.
 */
public final class TestVenv {

    private TestVenv() {
    }

    /**
     * The interpreter of a venv in {@code dir} holding {@code requirements} (pip requirement
     * strings), creating or rebuilding it when needed. Safe when several test JVMs ask at once.
     */
    public static Path python(Path dir, String... requirements) {
        String wanted = String.join("\n", requirements) + "\n";
        Path python = dir.resolve("bin/python");
        Path marker = dir.resolve("pinwheel-test-venv.txt");
        try {
            Files.createDirectories(dir.getParent());
            try (FileLock lock = FileLock.acquire(dir.resolveSibling(dir.getFileName() + ".lock"), Duration.ofMinutes(10),
                    "the test venv " + dir)) {
                if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(wanted)
                        && Files.isExecutable(python)) {
                    return python;
                }
                run(List.of("python3", "-m", "venv", "--clear", dir.toString()), dir.getParent());
                List<String> pip = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "-q",
                        "--disable-pip-version-check"));
                pip.addAll(List.of(requirements));
                run(pip, dir);
                Files.writeString(marker, wanted, StandardCharsets.UTF_8);
                return python;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Path cwd) {
        Subprocess.Result r = Subprocess.run(command, cwd, null, null, Duration.ofMinutes(10));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + r.exitCode() + "):\n"
                    + r.stdout() + r.stderr());
        }
    }
}
