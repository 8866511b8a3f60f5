package dev.pinwheel.env;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.support.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The names build backends gave to unnamed local projects ({@code -e .} without a static
 * {@code [project] name}), kept in the cache so that a sync does not run the backend again while
 * the project's build files are unchanged (it took a second or more on every sync). The key is the
 * directory, editable or not, and the bytes of {@code pyproject.toml}, {@code setup.py} and
 * {@code setup.cfg}; a name that a build computes from anything else is not seen to change.
 */
final class LocalProjectNames {

    static final List<String> BUILD_FILES = List.of("pyproject.toml", "setup.py", "setup.cfg");
    private static final String BUCKET = "local-project-names-v1";

    private final Path dir;

    LocalProjectNames(Path cacheDir) {
        this.dir = cacheDir.resolve(BUCKET);
    }

    /** The key of a project directory as it is now (reads its build files). */
    static String key(Path project, boolean editable) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes((project.toAbsolutePath().normalize() + "\n" + (editable ? "editable" : "wheel") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (String name : BUILD_FILES) {
            Path file = project.resolve(name);
            all.writeBytes((name + "\n").getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(file)) {
                byte[] bytes = Files.readAllBytes(file);
                all.writeBytes((bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
                all.writeBytes(bytes);
            } else {
                all.writeBytes("-\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return Hashing.sha256Hex(all.toByteArray());
    }

    /** The name recorded for this key; empty when none is, or the entry is damaged. */
    Optional<ProjectName> get(String key) {
        try {
            String text = Files.readString(dir.resolve(key), StandardCharsets.UTF_8).strip();
            return Optional.of(ProjectName.parse(text));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records a name; a cache that cannot be written only costs the next sync a backend run. */
    void put(String key, ProjectName name) {
        try {
            Files.createDirectories(dir);
            Fs.writeAtomically(dir.resolve(key), (name + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // not cached
        }
    }
}
