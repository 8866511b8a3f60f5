package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter is asked with {@code -S} so that no {@code .pth} file runs; the script then
 * applies site's venv step itself. Its answer must equal what a normal start reports.
 */
class InterpreterScriptIT {

    @TempDir
    Path tmp;

    private static String script() throws Exception {
        try (InputStream in = Interpreters.class.getResourceAsStream("interpreter_info.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String answer(Path python, boolean noSite) throws Exception {
        List<String> command = noSite ? List.of(python.toString(), "-I", "-S", "-c", script())
                : List.of(python.toString(), "-I", "-c", script());
        return Python.exec(command, Map.of());
    }

    @Test
    void withoutSiteTheBaseInterpreterAnswersAsAfterANormalStart() throws Exception {
        Path python = Python.python3();
        assertThat(answer(python, true)).isEqualTo(answer(python, false));
    }

    @Test
    void withoutSiteAVenvStillReportsItselfAsThePrefix() throws Exception {
        Interpreters interpreters = new Interpreters(null);
        Interpreter base = interpreters.inspect(Python.python3());
        Path dir = tmp.resolve("venv");
        PythonEnvironment env = new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(dir, base, false, null));
        String json = answer(env.python(), true);
        assertThat(json).isEqualTo(answer(env.python(), false));
        Interpreter venv = Interpreter.fromJson(json);
        assertThat(venv.prefix()).isEqualTo(dir);
        assertThat(venv.isVirtualEnv()).isTrue();
        assertThat(venv.paths().purelib().toString()).startsWith(dir.toString());
    }
}
