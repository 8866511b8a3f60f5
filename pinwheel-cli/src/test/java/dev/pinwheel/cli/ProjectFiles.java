package dev.pinwheel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The sample projects of the dependency-command tests: writing their files, reading requirements/ back. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    static void write(Path root, String name, String text) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of {@code root/requirements} by name, to prove a failed run changed nothing. */
    static Map<String, String> requirements(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve("requirements"))) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
