package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VenvCreatorIT {

    @TempDir
    Path tmp;

    private final Interpreters interpreters = new Interpreters(null);

    private PythonEnvironment create(Path dir, boolean clear) {
        Interpreter base = interpreters.inspect(Python.python3());
        return new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(dir, base, clear, null));
    }

    @Test
    void theInterpreterTakesTheDirectoryForItsPrefix() throws Exception {
        Path dir = tmp.resolve("my env");
        PythonEnvironment env = create(dir, false);
        assertThat(env.interpreter().isVirtualEnv()).isTrue();
        assertThat(env.interpreter().prefix()).isEqualTo(dir);
        String sp = env.paths().purelib().toString();
        assertThat(sp).isEqualTo(dir.resolve("lib/python" + env.interpreter().majorMinor() + "/site-packages").toString());
        assertThat(Python.run(env.python(), "import sys, site; print(sys.prefix); print(site.getsitepackages()[0])"))
                .isEqualTo(dir + "\n" + sp + "\n");
        assertThat(Files.readString(dir.resolve("pyvenv.cfg"))).contains("include-system-site-packages = false")
                .contains("home = ").contains("version = " + env.interpreter().version());
        assertThat(Files.isSymbolicLink(dir.resolve("bin/python3"))).isTrue();
        assertThat(dir.resolve("lib64")).exists();
        // No pip unless asked for.
        assertThat(dir.resolve("bin/pip")).doesNotExist();
    }

    @Test
    void bashActivationPutsTheVenvFirstAndDeactivateRestores() {
        Path dir = tmp.resolve("v'quoted");
        create(dir, false);
        String out = Python.exec(List.of("bash", "-c", "PS1='$ '; OLD=\"$PATH\"; source \"$1/bin/activate\";"
                + " echo \"$VIRTUAL_ENV\"; command -v python; echo \"$PS1\"; deactivate;"
                + " [ \"$PATH\" = \"$OLD\" ] && echo restored; echo \"${VIRTUAL_ENV-unset}\"; echo \"$PS1\"", "bash", dir.toString()),
                Map.of());
        assertThat(out).isEqualTo(dir + "\n" + dir + "/bin/python\n(v'quoted) $ \nrestored\nunset\n$ \n");
        assertThat(dir.resolve("bin/activate.fish")).content().contains("set -gx VIRTUAL_ENV '" + dir.toString().replace("'", "\\'") + "'");
        assertThat(dir.resolve("bin/activate.csh")).content().contains("setenv VIRTUAL_ENV");
    }

    @Test
    void anExistingVenvIsReplacedOnlyWithClear() throws Exception {
        Path dir = tmp.resolve("venv");
        create(dir, false);
        Files.writeString(dir.resolve("lib/marker"), "x");
        assertThatThrownBy(() -> create(dir, false)).isInstanceOf(EnvException.class)
                .hasMessageContaining("already exists")
                .satisfies(e -> assertThat(((EnvException) e).hint()).hasValueSatisfying(h -> assertThat(h).contains("--clear")));
        create(dir, true);
        assertThat(dir.resolve("lib/marker")).doesNotExist();
    }

    @Test
    void aNonEmptyDirectoryThatIsNoVenvIsNeverCleared() throws Exception {
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.py"), "print()");
        assertThatThrownBy(() -> create(dir, true)).hasMessageContaining("is not a virtual environment");
        assertThat(dir.resolve("main.py")).exists();
    }

    @Test
    void answersAreCachedPerInterpreter() throws Exception {
        Path cache = tmp.resolve("cache");
        Interpreter first = new Interpreters(cache).inspect(Python.python3());
        try (var files = Files.list(cache.resolve("interpreters-v2"))) {
            assertThat(files.count()).isEqualTo(1);
        }
        Interpreter again = new Interpreters(cache).inspect(Python.python3());
        assertThat(again).isEqualTo(first);
        assertThat(again.markers()).containsEntry("implementation_name", "cpython").containsKey("python_full_version");
    }

    @Test
    void aCachedAnswerFiledUnderTheSameNameForAnotherKeyIsNotUsed() throws Exception {
        Path cache = tmp.resolve("cache");
        Interpreter first = new Interpreters(cache).inspect(Python.python3());
        Path file;
        try (var files = Files.list(cache.resolve("interpreters-v2"))) {
            file = files.findFirst().orElseThrow();
        }
        String text = Files.readString(file);
        String key = text.substring(0, text.indexOf('\n'));
        String answer = text.substring(text.indexOf('\n') + 1);
        Files.writeString(file, "another interpreter\n" + answer.replace("cpython", "pypy"));

        assertThat(new Interpreters(cache).inspect(Python.python3())).isEqualTo(first);
        assertThat(Files.readString(file)).startsWith(key + "\n").doesNotContain("pypy");
    }

    @Test
    void aVenvRecreatedAlikeKeepsItsCachedAnswerAndAChangedPyvenvCfgAsksAgain() throws Exception {
        Path cache = tmp.resolve("cache");
        Path dir = tmp.resolve("venv");
        create(dir, false);
        Interpreter first = new Interpreters(cache).inspect(dir.resolve("bin/python"));
        create(dir, true);
        assertThat(new Interpreters(cache).inspect(dir.resolve("bin/python"))).isEqualTo(first);
        try (var files = Files.list(cache.resolve("interpreters-v2"))) {
            assertThat(files.count()).isEqualTo(1);
        }
        Path cfg = dir.resolve("pyvenv.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("include-system-site-packages = false",
                "include-system-site-packages = true"));
        new Interpreters(cache).inspect(dir.resolve("bin/python"));
        try (var files = Files.list(cache.resolve("interpreters-v2"))) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    @Test
    void theFinderPrefersVirtualEnvThenProjectVenv() throws Exception {
        Path project = tmp.resolve("proj");
        Files.createDirectories(project.resolve("src/pkg"));
        Files.writeString(project.resolve("pyproject.toml"), "");
        create(project.resolve(".venv"), false);
        Path other = tmp.resolve("other");
        create(other, false);

        var fromSubdir = new EnvironmentFinder(interpreters, project.resolve("src/pkg"), Map.of());
        assertThat(fromSubdir.findTarget(java.util.Optional.empty()).root()).isEqualTo(project.resolve(".venv"));
        // A .venv created in any directory the search passed would have been found instead; where
        // it found one, only that .venv decided (not the project directory's other entries).
        assertThat(fromSubdir.consulted()).contains(List.of(project.resolve("src/pkg"), project.resolve("src"),
                project.resolve(".venv")));
        var active = new EnvironmentFinder(interpreters, project, Map.of("VIRTUAL_ENV", other.toString()));
        assertThat(active.findTarget(java.util.Optional.empty()).root()).isEqualTo(other);
        assertThat(active.consulted()).contains(List.of()); // $VIRTUAL_ENV decided
        assertThat(active.findTarget(java.util.Optional.of(other.toString())).root()).isEqualTo(other);
        assertThat(active.consulted()).contains(List.of());
        var byName = new EnvironmentFinder(interpreters, tmp, Map.of("PATH", other.resolve("bin").toString()));
        assertThat(byName.findTarget(java.util.Optional.of("python")).root()).isEqualTo(other);
        assertThat(byName.consulted()).as("what a search of PATH found is not captured by directories").isEmpty();
        var nowhere = new EnvironmentFinder(interpreters, tmp, Map.of());
        assertThatThrownBy(() -> nowhere.findTarget(java.util.Optional.empty())).isInstanceOf(EnvException.class)
                .hasMessageContaining("no virtual environment found");
        var base = new EnvironmentFinder(interpreters, tmp, System.getenv());
        assertThatThrownBy(() -> base.findTarget(java.util.Optional.of(Python.python3().toString())))
                .hasMessageContaining("is not in a virtual environment");
    }
}
