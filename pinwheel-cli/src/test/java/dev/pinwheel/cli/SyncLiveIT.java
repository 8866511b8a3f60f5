package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinwheel.support.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live suite's new-teammate workflow (W6): the seed project's lock files, compiled from its
 * {@code base.in} and {@code dev.in} against the real PyPI, synced into a fresh venv; the
 * backend's libraries then import, its tools run, and pip finds the environment consistent.
 */
class SyncLiveIT {

    /** ../shared beside the repository; a git worktree sits one level deeper. */
    private static final Path SEED = java.util.stream.Stream.of("../..", "../../..")
            .map(up -> Path.of(up, "shared", "fixtures", "seed-backend", "requirements").toAbsolutePath().normalize())
            .filter(Files::isDirectory).findFirst().orElse(Path.of("../../shared/fixtures/seed-backend/requirements"));

    @TempDir
    Path tmp;

    @Test
    void aNewTeammateSyncsBaseAndDevFromPyPI() throws Exception {
        assumeTrue(Files.isDirectory(SEED), "the shared seed fixtures are at " + SEED);
        Path requirements = Files.createDirectories(tmp.resolve("requirements"));
        Files.copy(SEED.resolve("base.in"), requirements.resolve("base.in"));
        Files.copy(SEED.resolve("dev.in"), requirements.resolve("dev.in"));
        CliRunner cli = new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString());
        for (String name : List.of("base", "dev")) {
            CliRunner.Result compiled = cli.run("compile", "-o", "requirements/" + name + ".txt", "requirements/" + name + ".in");
            assertThat(compiled.status()).as(compiled.stderr()).isZero();
        }
        assertThat(cli.run("venv", "--seed").status()).isZero();

        CliRunner.Result synced = cli.run("sync", "requirements/base.txt", "requirements/dev.txt");
        assertThat(synced.status()).as(synced.stderr()).isZero();
        assertThat(synced.stderr()).contains("Installed ");

        Path python = tmp.resolve(".venv/bin/python");
        Subprocess.Result imports = Subprocess.run(List.of(python.toString(), "-c",
                "import fastapi, sqlalchemy, uvicorn, alembic, asyncpg, psycopg2, pydantic_settings, jwt, passlib, httpx;"
                        + " print(sqlalchemy.__version__.split('.')[0])"), null, null, null, Duration.ofMinutes(2));
        assertThat(imports.exitCode()).as(imports.stderr()).isZero();
        assertThat(imports.stdout()).isEqualTo("2\n");
        for (String tool : List.of("alembic", "uvicorn", "pytest", "ruff")) {
            Subprocess.Result r = Subprocess.run(List.of(tmp.resolve(".venv/bin/" + tool).toString(), "--version"),
                    null, null, null, Duration.ofMinutes(2));
            assertThat(r.exitCode()).as(tool + ": " + r.stdout() + r.stderr()).isZero();
        }
        Subprocess.Result check = Subprocess.run(List.of(python.toString(), "-m", "pip", "check",
                "--disable-pip-version-check"), null, null, null, Duration.ofMinutes(2));
        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();

        CliRunner.Result again = cli.run("sync", "-n", "requirements/base.txt", "requirements/dev.txt");
        assertThat(again.status()).as(again.stdout() + again.stderr()).isZero();
    }
}
