package dev.pinwheel.env;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One package a lock file wants in the environment: an exact version from the index, or a URL
 * or path (possibly editable), with the hashes the file must match and where it was written.
 */
public record Pin(ProjectName name, Optional<Version> version, Optional<String> url, boolean editable,
                  List<String> hashes, String file, int line, boolean requested) {

    public Pin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(file, "file");
        if (version.isEmpty() && url.isEmpty()) {
            throw new IllegalArgumentException("a pin needs a version or a URL");
        }
    }

    /** {@code file:line}, for messages. */
    public String where() {
        return file + ":" + line;
    }

    /** Whether two pins ask for the same thing (the same version, or the same URL and mode). */
    boolean sameTarget(Pin other) {
        return version.equals(other.version) && url.equals(other.url) && editable == other.editable;
    }

    /** {@code name==version}, {@code name @ url} or {@code -e url}, as the plan shows it. */
    public String display() {
        if (editable) {
            return name + " @ " + url.orElseThrow() + " (editable)";
        }
        return url.map(u -> name + " @ " + u).orElseGet(() -> name + "==" + version.orElseThrow());
    }
}
