package dev.pinwheel.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A distribution file built in memory by {@link WheelBuilder} or {@link SdistBuilder}: its file
 * name, its bytes and the core metadata it carries (the text of {@code METADATA} or
 * {@code PKG-INFO}, which {@link TestIndex} also serves as the PEP 658 metadata file).
 *
 * @param project  the project name as given to the builder (not normalized)
 * @param version  the version as given to the builder
 * @param filename e.g. {@code foo-1.0-py3-none-any.whl} or {@code foo-1.0.tar.gz}
 * @param content  the whole file
 * @param metadata the core metadata text inside the file
 */
public record Dist(String project, String version, String filename, byte[] content, String metadata) {

    public Dist {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(filename, "filename");
        content = content.clone();
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether this is a wheel (else an sdist). */
    public boolean isWheel() {
        return filename.endsWith(".whl");
    }

    /** The hex sha256 of the file. */
    public String sha256() {
        return sha256(content);
    }

    /** The hex sha256 of the metadata file (what PEP 658 {@code data-core-metadata} carries). */
    public String metadataSha256() {
        return sha256(metadata.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the file into {@code directory} (created if needed) and returns its path. */
    public Path writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(filename);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return dev.pinwheel.support.Hashing.sha256Hex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dist d && filename.equals(d.filename) && java.util.Arrays.equals(content, d.content);
    }

    @Override
    public int hashCode() {
        return filename.hashCode();
    }

    @Override
    public String toString() {
        return filename + " (" + content.length + " bytes)";
    }
}
