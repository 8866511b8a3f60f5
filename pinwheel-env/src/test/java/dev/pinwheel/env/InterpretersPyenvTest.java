package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pyenv shim never changes when pyenv's selection does: the cached answer must follow the selection. */
class InterpretersPyenvTest {

    @TempDir
    Path tmp;

    @Test
    void aShimIsAskedAgainWhenPyenvWouldSelectAnotherVersion() throws Exception {
        String real = Python.run(Python.python3(), "import sys; print(sys.executable)").strip();
        Path root = tmp.resolve("pyenv");
        Path shim = script(root.resolve("shims/python3"), String.join("\n", "#!/usr/bin/env bash", "set -e",
                "program=\"${0##*/}\"", "export PYENV_ROOT=\"" + root + "\"",
                "exec \"" + root + "/libexec/pyenv\" exec \"$program\" \"$@\"", ""));
        script(root.resolve("libexec/pyenv"), String.join("\n", "#!/usr/bin/env bash",
                "echo asked >> \"" + root + "/calls\"", "shift 2", "exec \"" + real + "\" \"$@\"", ""));
        Files.writeString(root.resolve("version"), "3.11.7\n");
        Path project = Files.createDirectories(tmp.resolve("project/src"));
        Path cache = tmp.resolve("cache");

        Interpreter first = new Interpreters(cache, Map.of(), project).inspect(shim);
        new Interpreters(cache, Map.of(), project).inspect(shim);
        assertThat(calls(root)).as("cached under an unchanged selection").isEqualTo(1);

        Files.writeString(root.resolve("version"), "3.12.1\n"); // pyenv global
        assertThat(new Interpreters(cache, Map.of(), project).inspect(shim)).isEqualTo(first);
        assertThat(calls(root)).isEqualTo(2);

        Files.writeString(tmp.resolve("project/.python-version"), "3.13.0\n"); // pyenv local, in a parent
        new Interpreters(cache, Map.of(), project).inspect(shim);
        new Interpreters(cache, Map.of(), project).inspect(shim);
        assertThat(calls(root)).isEqualTo(3);

        new Interpreters(cache, Map.of("PYENV_VERSION", "system"), project).inspect(shim); // pyenv shell
        assertThat(calls(root)).isEqualTo(4);
    }

    @Test
    void aPlainSelectionRunsTheChosenInterpreterWithoutTheShim() throws Exception {
        Path real = Path.of(Python.run(Python.python3(), "import sys; print(sys.executable)").strip());
        Path root = tmp.resolve("pyenv");
        Path chosen = Files.createDirectories(root.resolve("versions/3.11.7/bin")).resolve("python3");
        Files.createSymbolicLink(chosen, real);
        Path shim = fakePyenv(root, chosen); // as pyenv runs it
        Files.writeString(root.resolve("version"), "# the global one\n\n3.11.7 extra words\n3.12.1\n");
        Path project = Files.createDirectories(tmp.resolve("project"));

        Interpreter direct = new Interpreters(null, Map.of(), project).inspect(shim);
        assertThat(calls(root)).as("pyenv's choice made without pyenv").isZero();
        Interpreter viaShim = new Interpreters(null, Map.of("PYENV_VERSION", "system"), project).inspect(shim);
        assertThat(calls(root)).as("system is left to pyenv").isEqualTo(1);
        assertThat(direct).isEqualTo(viaShim);

        new Interpreters(null, Map.of("PYENV_VERSION", "3.11"), project).inspect(shim);
        assertThat(calls(root)).as("a prefix pyenv resolves to the latest installed").isEqualTo(2);
        new Interpreters(null, Map.of("PYENV_VERSION", "3.11.7:3.12.1"), project).inspect(shim);
        assertThat(calls(root)).as("the first of several installed").isEqualTo(2);

        Files.writeString(project.resolve(".python-version"), "3.12.1\n"); // installed without python3
        Files.createDirectories(root.resolve("versions/3.12.1/bin"));
        new Interpreters(null, Map.of(), project).inspect(shim);
        assertThat(calls(root)).as("pyenv looks further when the version lacks the program").isEqualTo(3);
        Files.writeString(project.resolve(".python-version"), "3.11.7\n");
        new Interpreters(null, Map.of(), project).inspect(shim);
        assertThat(calls(root)).isEqualTo(3);

        script(root.resolve("plugins/mine/etc/pyenv.d/which/choose.bash"), "PYENV_COMMAND_PATH=/elsewhere\n");
        new Interpreters(null, Map.of(), project).inspect(shim);
        assertThat(calls(root)).as("a hook that may choose otherwise").isEqualTo(4);
    }

    private Path fakePyenv(Path root, Path real) throws Exception {
        Path shim = script(root.resolve("shims/python3"), String.join("\n", "#!/usr/bin/env bash", "set -e",
                "program=\"${0##*/}\"", "export PYENV_ROOT=\"" + root + "\"",
                "exec \"" + root + "/libexec/pyenv\" exec \"$program\" \"$@\"", ""));
        script(root.resolve("libexec/pyenv"), String.join("\n", "#!/usr/bin/env bash",
                "echo asked >> \"" + root + "/calls\"", "shift 2", "exec \"" + real + "\" \"$@\"", ""));
        return shim;
    }

    private static Path script(Path path, String text) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private static int calls(Path root) throws Exception {
        Path calls = root.resolve("calls");
        return Files.exists(calls) ? List.copyOf(Files.readAllLines(calls)).size() : 0;
    }
}
