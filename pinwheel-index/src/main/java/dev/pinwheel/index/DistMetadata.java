package dev.pinwheel.index;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The core metadata of one distribution: a wheel's {@code METADATA}, or an sdist's
 * {@code PKG-INFO} (check {@link SdistMetadata#isTrustworthy(String)} before resolving with it).
 *
 * @param file   the file it was read for (for a version, the one chosen)
 * @param bytes  the metadata file's bytes (RFC 822 style headers, UTF-8)
 * @param source where it came from
 */
public record DistMetadata(DistFile file, byte[] bytes, MetadataSource source) {

    public DistMetadata {
        Objects.requireNonNull(file, "file");
        bytes = bytes.clone();
        Objects.requireNonNull(source, "source");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The metadata as text (UTF-8; invalid bytes replaced). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether this is an sdist's PKG-INFO rather than a wheel's METADATA. */
    public boolean fromSdist() {
        return file.isSdist();
    }
}
