package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live suite: the seed project's {@code base.in} and {@code dev.in} compiled against the real
 * PyPI by pinwheel and by pip-compile (pip-tools from PyPI in a throwaway venv) one right after
 * the other, with the same Python, must pin the same packages to the same versions and give
 * them the same annotations.
 */
class CompileLiveIT {

    private static final Path SEED = shared().resolve("fixtures/seed-backend/requirements");

    private static Path pipCompile;

    @TempDir
    Path tmp;

    @BeforeAll
    static void installPipTools() throws Exception {
        assumeTrue(Files.isDirectory(SEED), "the shared seed fixtures are at " + SEED);
        // One venv per build directory: installing pip-tools is slow and not what is tested.
        Path venv = Path.of("target", "pip-tools-venv").toAbsolutePath();
        pipCompile = venv.resolve("bin/pip-compile");
        if (!Files.isExecutable(pipCompile)) {
            run(Path.of("."), List.of("python3", "-m", "venv", venv.toString()));
            run(Path.of("."), List.of(venv.resolve("bin/pip").toString(), "install", "-q", "pip-tools"));
        }
    }

    @Test
    void baseAndDevMatchPipCompilePinForPin() throws Exception {
        Path ours = Files.createDirectories(tmp.resolve("pinwheel/requirements"));
        Path theirs = Files.createDirectories(tmp.resolve("pip-tools/requirements"));
        for (Path dir : List.of(ours, theirs)) {
            Files.copy(SEED.resolve("base.in"), dir.resolve("base.in"));
            Files.copy(SEED.resolve("dev.in"), dir.resolve("dev.in"));
        }
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        for (String name : List.of("base", "dev")) {
            CliRunner runner = new CliRunner(ours.getParent()).env("PINWHEEL_CACHE_DIR", cache.toString());
            // The same pip configuration for both (this machine sets PIP_FIND_LINKS, for one).
            System.getenv().forEach((k, v) -> {
                if (k.startsWith("PIP_")) {
                    runner.env(k, v);
                }
            });
            CliRunner.Result result = runner.run("compile", "--no-header", "-o", "requirements/" + name + ".txt", "requirements/" + name + ".in");
            assertThat(result.status()).as(result.stderr()).isZero();
            run(theirs.getParent(), List.of(pipCompile.toString(), "-q", "--no-header", "--no-strip-extras", "-o",
                    "requirements/" + name + ".txt", "requirements/" + name + ".in"));
            String mine = Files.readString(ours.resolve(name + ".txt"));
            String reference = Files.readString(theirs.resolve(name + ".txt"));
            assertThat(pins(mine)).as(name + ".txt pins").isEqualTo(pins(reference));
            assertThat(mine).as(name + ".txt whole file").isEqualTo(reference);
        }
    }

    @Test
    void aMisspeltPopularProjectGetsPypisNearestName() throws Exception {
        Files.writeString(tmp.resolve("requirements.in"), "click\nreqests\n");
        CliRunner runner = new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", Files.createDirectories(tmp.resolve("cache")).toString());
        CliRunner.Result result = runner.run("compile", "-n", "requirements.in");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.stderr()).contains("reqests (requirements.in:2)")
                .contains("hint: did you mean requests instead of reqests?");
    }

    /** {@code ../shared} beside the repository (a worktree sits one level deeper, so look upwards). */
    private static Path shared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/fixtures"))) {
                return dir.resolve("shared");
            }
        }
        return Path.of("..", "shared").toAbsolutePath();
    }

    /** name -> the pinned requirement line, from a lock file's text. */
    private static Map<String, String> pins(String lock) {
        Map<String, String> pins = new TreeMap<>();
        for (String line : lock.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith(" ") && !line.startsWith("-")) {
                pins.put(line.split("[=\\[ ]")[0], line.strip());
            }
        }
        return pins;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
