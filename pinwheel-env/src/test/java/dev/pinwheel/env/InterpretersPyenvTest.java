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
