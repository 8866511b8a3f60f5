package dev.pinwheel.index;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file listed for a project by an index page or a find-links location. An immutable value
 * with record-style accessors. (Not a record: a page can list 15,000 files, and parsing each URL
 * into a {@link URI} up front cost more than the rest of the page; {@link #url()} parses on first use.)
 */
public final class DistFile {

    private final String filename;
    private final String rawUrl;
    private volatile URI url;
    private final Map<String, String> hashes;
    private final Optional<String> requiresPython;
    private final Optional<String> yanked;
    private final Optional<Instant> uploadTime;
    private final OptionalLong size;
    private final Optional<Map<String, String>> coreMetadata;
    private final String source;
    private final byte kind; // computed once: resolvers ask isWheel() for thousands of files

    /**
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
    public DistFile(String filename, URI url, Map<String, String> hashes, Optional<String> requiresPython,
                    Optional<String> yanked, Optional<Instant> uploadTime, OptionalLong size,
                    Optional<Map<String, String>> coreMetadata, String source) {
        this(filename, url.toString(), url, hashes, requiresPython, yanked, uploadTime, size, coreMetadata, source);
    }

    /** For parsers: {@code rawUrl} must be an absolute URL without fragment or user info. */
    static DistFile ofRawUrl(String filename, String rawUrl, Map<String, String> hashes, Optional<String> requiresPython,
                             Optional<String> yanked, Optional<Instant> uploadTime, OptionalLong size,
                             Optional<Map<String, String>> coreMetadata, String source) {
        return new DistFile(filename, rawUrl, null, hashes, requiresPython, yanked, uploadTime, size, coreMetadata, source);
    }

    private DistFile(String filename, String rawUrl, URI url, Map<String, String> hashes, Optional<String> requiresPython,
                     Optional<String> yanked, Optional<Instant> uploadTime, OptionalLong size,
                     Optional<Map<String, String>> coreMetadata, String source) {
        this.filename = Objects.requireNonNull(filename, "filename");
        this.rawUrl = Objects.requireNonNull(rawUrl, "url");
        this.url = url;
        this.hashes = Map.copyOf(hashes);
        this.requiresPython = Objects.requireNonNull(requiresPython, "requiresPython");
        this.yanked = Objects.requireNonNull(yanked, "yanked");
        this.uploadTime = Objects.requireNonNull(uploadTime, "uploadTime");
        this.size = Objects.requireNonNull(size, "size");
        this.coreMetadata = coreMetadata.map(Map::copyOf);
        this.source = Objects.requireNonNull(source, "source");
        this.kind = kindOf(filename);
    }

    private static final byte OTHER = 0;
    private static final byte WHEEL = 1;
    private static final byte SDIST = 2;

    private static byte kindOf(String f) {
        if (endsWithIgnoreCase(f, ".whl")) {
            return WHEEL;
        }
        for (String ext : new String[] {".tar.gz", ".zip", ".tgz", ".tar.bz2", ".tar"}) {
            if (endsWithIgnoreCase(f, ext)) {
                return SDIST;
            }
        }
        return OTHER;
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    public String filename() {
        return filename;
    }

    /** Where to fetch it, without credentials and without the hash fragment. */
    public URI url() {
        URI u = url;
        if (u == null) {
            u = URI.create(rawUrl);
            url = u;
        }
        return u;
    }

    /** The URL as text (no parsing). */
    public String urlString() {
        return rawUrl;
    }

    public Map<String, String> hashes() {
        return hashes;
    }

    public Optional<String> requiresPython() {
        return requiresPython;
    }

    public Optional<String> yanked() {
        return yanked;
    }

    public Optional<Instant> uploadTime() {
        return uploadTime;
    }

    public OptionalLong size() {
        return size;
    }

    public Optional<Map<String, String>> coreMetadata() {
        return coreMetadata;
    }

    public String source() {
        return source;
    }

    /** Whether the file name ends in {@code .whl}. */
    public boolean isWheel() {
        return kind == WHEEL;
    }

    /** Whether it is a source distribution ({@code .tar.gz}, {@code .zip}, and the legacy {@code .tar.bz2}, {@code .tgz}, {@code .tar}). */
    public boolean isSdist() {
        return kind == SDIST;
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
        return URI.create(rawUrl + ".metadata");
    }

    /** Whether the file lives on the local file system ({@code file:} URL). */
    public boolean isLocal() {
        return rawUrl.regionMatches(true, 0, "file:", 0, 5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistFile d && filename.equals(d.filename) && rawUrl.equals(d.rawUrl) && hashes.equals(d.hashes)
                && requiresPython.equals(d.requiresPython) && yanked.equals(d.yanked) && uploadTime.equals(d.uploadTime)
                && size.equals(d.size) && coreMetadata.equals(d.coreMetadata) && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, rawUrl, hashes);
    }

    @Override
    public String toString() {
        return "DistFile[" + filename + " " + rawUrl + (yanked.isPresent() ? " yanked" : "") + "]";
    }
}
