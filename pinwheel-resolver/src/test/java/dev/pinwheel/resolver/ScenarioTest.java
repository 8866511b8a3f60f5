package dev.pinwheel.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One dynamic test per file in {@code src/test/resources/scenarios}; see {@link Scenario} for the format. */
class ScenarioTest {

    /** {@code -Dpinwheel.updateGolden=true} rewrites the outcome sections of the source files (review the diff). */
    private static final boolean UPDATE = Boolean.getBoolean("pinwheel.updateGolden");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static void run(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Scenario s = Scenario.parse(file.getFileName().toString(), text);
        Resolver resolver = new Resolver(s.source);
        if (s.error != null) {
            ResolutionException e = catchThrowableOfType(ResolutionException.class, () -> resolver.resolve(s.request()));
            assertThat(e).as("expected no solution").isNotNull();
            if (UPDATE) {
                rewrite(file, text, "[error]", e.getMessage());
                return;
            }
            assertThat(e.getMessage()).isEqualTo(s.error);
            return;
        }
        Resolution r = resolver.resolve(s.request());
        if (UPDATE) {
            rewrite(file, text, "[expect]", Scenario.render(r));
            return;
        }
        assertThat(Scenario.render(r)).isEqualTo(s.expect);
        if (s.warnings != null) {
            assertThat(String.join("\n", r.warnings())).isEqualTo(s.warnings);
        }
    }

    /** Replaces the body of {@code section} in the scenario's source file (run from the module directory). */
    private static void rewrite(Path file, String text, String section, String body) {
        int start = text.indexOf(section + "\n");
        int next = text.indexOf("\n[", start + section.length());
        String updated = text.substring(0, start) + section + "\n" + body + "\n"
                + (next < 0 ? "" : "\n" + text.substring(next + 1));
        Path source = Path.of("src/test/resources/scenarios").resolve(file.getFileName().toString());
        try {
            Files.writeString(source, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
