package dev.pinwheel.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: a test's whole output compared with a file under {@code src/test/resources}.
 * Run with {@code -Dpinwheel.updateGolden=true} (or {@code PINWHEEL_UPDATE_GOLDEN=1}) to rewrite
 * them, then review the diff like code.
 */
public final class Golden {

    private Golden() {
    }

    /** Whether this run rewrites golden files instead of comparing. */
    public static boolean updating() {
        return Boolean.getBoolean("pinwheel.updateGolden") || "1".equals(System.getenv("PINWHEEL_UPDATE_GOLDEN"));
    }

    /**
     * Compares {@code actual} with the golden file {@code name} in the module's
     * {@code src/test/resources/golden} directory.
     */
    public static void assertMatches(String name, String actual) {
        Path file = Path.of("src", "test", "resources", "golden").resolve(name);
        try {
            if (updating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("golden file " + file + " does not exist; run with -Dpinwheel.updateGolden=true to create it."
                        + "\n--- actual ---\n" + actual);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                throw new AssertionError("output differs from golden file " + file
                        + " (run with -Dpinwheel.updateGolden=true to accept)\n--- expected ---\n" + expected
                        + "\n--- actual ---\n" + actual);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
