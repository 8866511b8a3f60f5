package dev.pinwheel.index;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file listed for a project by an index page or a find-links location. An immutable value
 * with record-style accessors. (Not a record: a page can list 15,000 files, of which a resolve
 * or a sync uses a handful. A file read from a JSON page keeps its name, Requires-Python, yanked
 * reason and upload time, which are asked for every file, and reads its URL, hashes, size and
 * metadata flag from its slice of the page on first use; {@link #url()} parses the URL on first use.)
 */
public final class DistFile {

    private final String filename;
    private final Optional<String> requiresPython;
    private final Optional<String> yanked;
    private final Optional<Instant> uploadTime;
    private final String source;
    private final byte kind; // computed once: resolvers ask isWheel() for thousands of files
    /** The rest, or null until first asked for when {@link #lazy} is set. */
    private volatile Detail detail;
    /** Where the rest is read from on first use (a JSON file object), or null. */
    private final LazySlice lazy;

    /** The fields most files of a big page never need: read on first use for JSON pages. */
    private static final class Detail {
        final String rawUrl;
        volatile URI url;
        final Map<String, String> hashes;
        final OptionalLong size;
        final Optional<Map<String, String>> coreMetadata;

        Detail(String rawUrl, URI url, Map<String, String> hashes, OptionalLong size, Optional<Map<String, String>> coreMetadata) {
            this.rawUrl = Objects.requireNonNull(rawUrl, "url");
            this.url = url;
            this.hashes = Map.copyOf(hashes);
            this.size = Objects.requireNonNull(size, "size");
            this.coreMetadata = coreMetadata.map(Map::copyOf);
        }
    }

    /**
     * A PEP 691 file object, {@code bytes[from, to)}, that {@link PageParser#jsonFile} turns into
     * this same file (its URL absolute and plain, so reading it later cannot fail).
     */
    record LazySlice(byte[] bytes, int from, int to) {
    }

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
        this(filename, new Detail(url.toString(), url, hashes, size, coreMetadata), null, requiresPython, yanked, uploadTime, source);
    }

    /** For parsers: {@code rawUrl} must be an absolute URL without fragment or user info. */
    static DistFile ofRawUrl(String filename, String rawUrl, Map<String, String> hashes, Optional<String> requiresPython,
                             Optional<String> yanked, Optional<Instant> uploadTime, OptionalLong size,
                             Optional<Map<String, String>> coreMetadata, String source) {
        return new DistFile(filename, new Detail(rawUrl, null, hashes, size, coreMetadata), null, requiresPython, yanked,
                uploadTime, source);
    }

    /**
     * For parsers: a file whose URL, hashes, size and metadata flag are read from {@code slice}
     * on first use ({@link PageParser#jsonFile} must give this very file name, Requires-Python,
     * yanked reason and upload time for it).
     */
    static DistFile lazy(String filename, LazySlice slice, Optional<String> requiresPython, Optional<String> yanked,
                         Optional<Instant> uploadTime, String source) {
        return new DistFile(filename, null, Objects.requireNonNull(slice, "slice"), requiresPython, yanked, uploadTime, source);
    }

    private DistFile(String filename, Detail detail, LazySlice lazy, Optional<String> requiresPython,
                     Optional<String> yanked, Optional<Instant> uploadTime, String source) {
        this.filename = Objects.requireNonNull(filename, "filename");
        this.detail = detail;
        this.lazy = lazy;
        this.requiresPython = Objects.requireNonNull(requiresPython, "requiresPython");
        this.yanked = Objects.requireNonNull(yanked, "yanked");
        this.uploadTime = Objects.requireNonNull(uploadTime, "uploadTime");
        this.source = Objects.requireNonNull(source, "source");
        this.kind = kindOf(filename);
    }

    private Detail detail() {
        Detail d = detail;
        if (d == null) {
            d = PageParser.jsonFile(lazy, source).detail();
            detail = d;
        }
        return d;
    }

    /** The JSON file object this file is read from on first use, or null (for the compact cache). */
    LazySlice lazySlice() {
        return lazy;
    }

    private static final byte OTHER = 0;
    private static final byte WHEEL = 1;
    private static final byte SDIST = 2;

    private static final String[] SDIST_SUFFIXES = {".tar.gz", ".zip", ".tgz", ".tar.bz2", ".tar"};

    private static byte kindOf(String f) {
        if (endsWithIgnoreCase(f, ".whl")) {
            return WHEEL;
        }
        for (String ext : SDIST_SUFFIXES) {
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
        Detail d = detail();
        URI u = d.url;
        if (u == null) {
            u = URI.create(d.rawUrl);
            d.url = u;
        }
        return u;
    }

    /** The URL as text (no parsing). */
    public String urlString() {
        return detail().rawUrl;
    }

    public Map<String, String> hashes() {
        return detail().hashes;
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
        return detail().size;
    }

    public Optional<Map<String, String>> coreMetadata() {
        return detail().coreMetadata;
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
        return Optional.ofNullable(hashes().get("sha256"));
    }

    public boolean hasMetadataFile() {
        return coreMetadata().isPresent();
    }

    /** Where the PEP 658 metadata file is (whether or not the index offers one). */
    public URI metadataUrl() {
        return URI.create(urlString() + ".metadata");
    }

    /** Whether the file lives on the local file system ({@code file:} URL). */
    public boolean isLocal() {
        return urlString().regionMatches(true, 0, "file:", 0, 5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistFile d && filename.equals(d.filename) && urlString().equals(d.urlString())
                && hashes().equals(d.hashes()) && requiresPython.equals(d.requiresPython) && yanked.equals(d.yanked)
                && uploadTime.equals(d.uploadTime) && size().equals(d.size()) && coreMetadata().equals(d.coreMetadata())
                && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return filename.hashCode(); // equal files share the name; hashing the rest would read lazy files
    }

    @Override
    public String toString() {
        return "DistFile[" + filename + " " + urlString() + (yanked.isPresent() ? " yanked" : "") + "]";
    }
}
