package dev.pinwheel.index;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file listed for a project by an index page or a find-links location.
 *
 * @param filename       the file name (the last path segment of the URL, percent-decoded)
 * @param url            where to fetch it, without credentials and without the hash fragment
 * @param hashes         algorithm (lower case, e.g. {@code sha256}) to lower-case hex digest; may be empty
 * @param requiresPython the raw {@code requires-python} text, unparsed (indexes carry invalid ones)
 * @param yanked         present when the file is yanked (PEP 592); the value is the reason, possibly empty
 * @param uploadTime     the PEP 700 upload time, when the index gives one
 * @param size           the size in bytes, when the index gives it
 * @param coreMetadata   present when a PEP 658/714 metadata file exists at {@link #metadataUrl()};
 *                       the value holds its hashes (possibly empty)
 * @param source         the index or find-links location it was listed by (redacted; for messages)
 */
public record DistFile(String filename, URI url, Map<String, String> hashes, Optional<String> requiresPython,
                       Optional<String> yanked, Optional<Instant> uploadTime, OptionalLong size,
                       Optional<Map<String, String>> coreMetadata, String source) {

    public DistFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(url, "url");
        hashes = Map.copyOf(hashes);
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(yanked, "yanked");
        Objects.requireNonNull(uploadTime, "uploadTime");
        Objects.requireNonNull(size, "size");
        coreMetadata = coreMetadata.map(Map::copyOf);
        Objects.requireNonNull(source, "source");
    }

    /** Whether the file name ends in {@code .whl}. */
    public boolean isWheel() {
        return filename.toLowerCase(Locale.ROOT).endsWith(".whl");
    }

    /** Whether it is a source distribution ({@code .tar.gz}, {@code .zip}, and the legacy {@code .tar.bz2}, {@code .tgz}, {@code .tar}). */
    public boolean isSdist() {
        String f = filename.toLowerCase(Locale.ROOT);
        return f.endsWith(".tar.gz") || f.endsWith(".zip") || f.endsWith(".tgz") || f.endsWith(".tar.bz2")
                || f.endsWith(".tar");
    }

    public boolean isYanked() {
        return yanked.isPresent();
    }

    /** The hex sha256 of the file, when the index gave it. */
    public Optional<String> sha256() {
        return Optional.ofNullable(hashes.get("sha256"));
    }

    public boolean hasMetadataFile() {
        return coreMetadata.isPresent();
    }

    /** Where the PEP 658 metadata file is (whether or not the index offers one). */
    public URI metadataUrl() {
        return URI.create(url + ".metadata");
    }

    /** Whether the file lives on the local file system ({@code file:} URL). */
    public boolean isLocal() {
        return "file".equalsIgnoreCase(url.getScheme());
    }
}
