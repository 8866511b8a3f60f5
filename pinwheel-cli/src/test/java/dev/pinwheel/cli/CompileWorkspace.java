package dev.pinwheel.cli;

import dev.pinwheel.testkit.TestIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A directory where {@code pinwheel compile} runs against a test index for a fixed target
 * (CPython 3.11.7 on manylinux x86_64), with its own cache and no pip configuration: writes the
 * inputs, runs compile, and renders a run with the files it wrote for golden files.
 */
final class CompileWorkspace {

    private final Path dir;
    private final TestIndex index;

    CompileWorkspace(Path dir, TestIndex index) {
        this.dir = dir;
        this.index = index;
    }

    CliRunner.Result compile(String... args) {
        List<String> all = new ArrayList<>(List.of("compile", "--python-version", "3.11.7", "--python-platform",
                "x86_64-manylinux_2_28", "-i", index.url().toString()));
        all.addAll(Arrays.asList(args));
        return new CliRunner(dir).env("PINWHEEL_CACHE_DIR", dir.resolve(".cache").toString())
                .env("PIP_CONFIG_FILE", "/dev/null").run(all.toArray(String[]::new));
    }

    void write(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve(name).toAbsolutePath().getParent());
        Files.writeString(dir.resolve(name), text);
    }

    /** The run and the files named, with the index's URL and the directory normalized. */
    String render(CliRunner.Result result, String... files) throws Exception {
        StringBuilder text = new StringBuilder(result.render(dir));
        for (String file : files) {
            text.append("--- ").append(file).append(" ---\n");
            text.append(Files.exists(dir.resolve(file)) ? Files.readString(dir.resolve(file)) : "(not written)\n");
        }
        return text.toString().replace(index.url().toString().replaceAll("/$", ""), "http://[INDEX]/simple")
                .replace(dir.toString(), "[TMP]");
    }
}
