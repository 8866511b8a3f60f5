package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VenvCommandIT {

    @TempDir
    Path tmp;

    private CliRunner cli() {
        return new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString());
    }

    @Test
    void createsDotVenvAndRefusesToOverwriteIt() {
        CliRunner.Result created = cli().run("venv");
        assertThat(created.status()).isZero();
        assertThat(created.stderr()).contains("Creating virtual environment at: .venv")
                .endsWith("Activate with: source .venv/bin/activate\n");
        assertThat(tmp.resolve(".venv/pyvenv.cfg")).exists();

        CliRunner.Result again = cli().run("venv");
        Golden.assertMatches("venv/exists.txt", again.render(tmp).replaceAll("interpreter at: .*\n", "interpreter at: [PYTHON]\n")
                .replaceAll("CPython 3\\.\\d+\\.\\d+", "CPython [VERSION]"));

        assertThat(cli().run("venv", "--clear", "--prompt", "demo").status()).isZero();
        assertThat(tmp.resolve(".venv/bin/activate")).content().contains("VIRTUAL_ENV_PROMPT='demo'");
    }

    @Test
    void seedInstallsAWorkingPip() throws Exception {
        CliRunner.Result r = cli().run("venv", "seeded", "--seed");
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).contains("Seeded pip ");
        var pip = dev.pinwheel.support.Subprocess.run(java.util.List.of(tmp.resolve("seeded/bin/pip").toString(), "list",
                "--format=freeze", "--disable-pip-version-check"), null, null, null, java.time.Duration.ofMinutes(2));
        assertThat(pip.exitCode()).as(pip.stderr()).isZero();
        assertThat(pip.stdout()).startsWith("pip==");
        var check = dev.pinwheel.support.Subprocess.run(java.util.List.of(tmp.resolve("seeded/bin/python").toString(), "-m",
                "pip", "check", "--disable-pip-version-check"), null, null, null, java.time.Duration.ofMinutes(2));
        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    }
}
