package dev.pinwheel.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole CLI in-process, as a user would from a shell, and captures what it printed. */
final class CliRunner {

    private final Path cwd;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private boolean interactive;

    CliRunner(Path cwd) {
        this.cwd = cwd;
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRunner stdin(String text) {
        stdin = text;
        return this;
    }

    CliRunner interactive(boolean value) {
        interactive = value;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Context context = new Context(cwd, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                outStream, errStream, interactive);
        int status = Main.run(args, context);
        outStream.flush();
        errStream.flush();
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What one run produced. */
    record Result(int status, String stdout, String stderr) {

        /** The whole result as one text for golden files, with the given path shown as {@code [TMP]}. */
        String render(Path tmp) {
            String text = "exit: " + status + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
            return tmp == null ? text : text.replace(tmp.toString(), "[TMP]");
        }
    }
}
