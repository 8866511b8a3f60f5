package dev.pinwheel.index;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;

import dev.pinwheel.support.NativeCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

/**
 * The package index client: project pages from every configured index and find-links
 * location, core metadata with the fewest bytes possible, and verified downloads into the
 * content-addressed cache. Thread-safe; every page, metadata and download is fetched at most
 * once per client (concurrent callers share one future). The HTTP client is created on the
 * first real request, so a run answered entirely from the cache never pays for it.
 *
 * <pre>{@code
 * IndexSettings settings = IndexSettings.fromEnvironment(env, home, cwd).toBuilder()
 *         .cachePolicy(CachePolicy.NORMAL).build();
 * try (IndexClient client = IndexClient.create(settings, listener)) {
 *     ProjectPage page = client.page(ProjectName.parse("six"));
 *     DistMetadata meta = client.metadata(filesOfOneVersion);   // one fetch per version
 *     Path wheel = client.download(file);                        // verified by its sha256
 * }
 * }</pre>
 */
public final class IndexClient implements AutoCloseable {

    private static final String ACCEPT =
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

    /** Where a project's files may come from. */
    private sealed interface Source permits IndexSource, LinksDir, LinksPage {
    }

    private record IndexSource(URI base, String shown) implements Source {
    }

    private record LinksDir(Path dir, String shown) implements Source {
    }

    private record LinksPage(URI url, String shown) implements Source {
    }

    private final IndexSettings settings;
    private final RequestListener listener;
    private final CacheStore cache;
    private final Path temporaryCache;
    private final Credentials credentials;
    private final Redactor redactor;
    private final Transport transport;
    private final List<Source> sources;
    private final Map<ProjectName, CompletableFuture<ProjectPage>> pages = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<DistMetadata>> metadata = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<String>>> projectNames = new ConcurrentHashMap<>();
    private final Map<Source, CompletableFuture<List<DistFile>>> linkListings = new ConcurrentHashMap<>();
    /** Per host: how many probed metadata files were found [0] and missing [1]. */
    private final Map<String, AtomicInteger[]> probes = new ConcurrentHashMap<>();
    private volatile ExecutorService executor;
    private final java.util.Queue<FutureTask<Void>> pendingWrites = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private IndexClient(IndexSettings settings, RequestListener listener) {
        this.settings = settings;
        this.listener = listener;
        Netrc netrc = settings.netrc().map(Netrc::read).orElseGet(Netrc::empty);
        this.credentials = new Credentials(netrc);
        if (!settings.noIndex()) {
            credentials.learn(settings.indexUrl());
            settings.extraIndexUrls().forEach(credentials::learn);
        }
        settings.findLinks().forEach(credentials::learn);
        this.redactor = Redactor.of(credentials.secrets());
        if (settings.cachePolicy() == CachePolicy.DISABLED) {
            try {
                this.temporaryCache = Files.createTempDirectory("pinwheel-cache");
            } catch (IOException e) {
                throw new IndexException("cannot create a temporary cache directory: " + e.getMessage(), null, e);
            }
            this.cache = new CacheStore(temporaryCache);
        } else {
            this.temporaryCache = null;
            this.cache = new CacheStore(settings.cacheDir());
        }
        this.transport = new Transport(settings, credentials, redactor, listener);
        this.sources = List.copyOf(sources(settings));
    }

    /** A client for these settings; {@code listener} hears about every request (use {@link RequestListener#NONE} for silence). */
    public static IndexClient create(IndexSettings settings, RequestListener listener) {
        return new IndexClient(settings, listener);
    }

    /** Masks this client's credentials (URL passwords, netrc passwords) in any text. */
    public Redactor redactor() {
        return redactor;
    }

    public IndexSettings settings() {
        return settings;
    }

    /** Whether any HTTP request was made so far (false for a run answered from the cache). */
    public boolean networkUsed() {
        return transport.started();
    }

    // ---------------------------------------------------------------- pages

    /** The project's files from every source; see {@link ProjectPage#exists()} for unknown projects. */
    public ProjectPage page(ProjectName name) {
        return once(pages, name, () -> fetchProject(name));
    }

    /** Like {@link #page}, in the background (for prefetching); one fetch per project per client. */
    public CompletableFuture<ProjectPage> pageAsync(ProjectName name) {
        return async(pages, name, () -> fetchProject(name), PAGE);
    }

    private ProjectPage fetchProject(ProjectName name) {
        List<DistFile> files = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        boolean exists = false;
        for (Source source : sources) {
            if (source instanceof IndexSource index) {
                Optional<PageParser.Parsed> parsed = indexPage(index, name);
                if (parsed.isPresent()) {
                    exists = true;
                    parsed.get().files().stream().filter(f -> matches(f.filename(), name)).forEach(files::add);
                    parsed.get().versions().stream().filter(v -> !versions.contains(v)).forEach(versions::add);
                }
            } else {
                for (DistFile f : join(linkListing(source))) {
                    if (matches(f.filename(), name)) {
                        exists = true;
                        files.add(f);
                    }
                }
            }
        }
        listener.pageFetched(name.toString());
        return new ProjectPage(name, files, versions, exists);
    }

    private Optional<PageParser.Parsed> indexPage(IndexSource index, ProjectName name) {
        URI url = index.base().resolve(name + "/");
        if ("file".equalsIgnoreCase(url.getScheme())) {
            Path dir = Path.of(url);
            Path html = dir.resolve("index.html");
            try {
                if (Files.isRegularFile(html)) {
                    return Optional.of(PageParser.html(Files.readString(html, StandardCharsets.UTF_8), html.toUri(), index.shown()));
                }
                if (Files.isDirectory(dir)) {
                    return Optional.of(new PageParser.Parsed(listDirectory(dir, index.shown()), List.of()));
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new IndexException("cannot read " + html + ": " + e.getMessage(), null, e);
            }
        }
        return parsedPage(url, index.shown());
    }

    /**
     * A project page, parsed, through the compact cache, which is the page's only copy in the
     * cache: a fresh {@link CompactPage} answers without a request; a stale one is revalidated
     * with the validators it carries (a 304 keeps it as it is), and a new body is parsed unless it
     * is the very body the entry was made from (servers that send no validators).
     */
    private Optional<PageParser.Parsed> parsedPage(URI url, String shown) {
        Path entry = cache.parsedPagePath(url.toString());
        Optional<CompactPage> cached = cache.read(entry).flatMap(b -> CompactPage.decode(b, shown));
        if (cached.isPresent() && settings.cachePolicy() == CachePolicy.NORMAL
                && cached.get().freshAt(settings.clock().millis())) {
            listener.cacheHit(redactor.redact(url.toString()));
            return Optional.of(cached.get().parsed());
        }
        Optional<PageAnswer> answer = exchangePage(url, cached.map(CompactPage::etag).orElse(null),
                cached.map(CompactPage::lastModified).orElse(null), cached.isPresent());
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        PageAnswer a = answer.get();
        Freshness fresh = a.freshness();
        if (a.body() == null) { // 304: the entry is the page
            CompactPage page = cached.orElseThrow().revalidated(fresh.storedAtMillis(), fresh.maxAgeSeconds(), a.etag(),
                    a.lastModified());
            if (!fresh.noStore()) {
                store(entry, page, 0);
            }
            return Optional.of(page.parsed());
        }
        String digest = CompactPage.digest(a.body());
        PageParser.Parsed parsed = cached.filter(c -> c.bodyDigest().equals(digest) && c.url().equals(a.url()))
                .map(CompactPage::parsed)
                .orElseGet(() -> PageParser.parse(a.contentType(), a.body(), URI.create(a.url()), shown));
        if (!fresh.noStore()) {
            storeLater(entry, new CompactPage(a.url(), a.etag(), a.lastModified(), fresh.storedAtMillis(),
                    fresh.maxAgeSeconds(), digest, parsed), a.body().length);
        }
        return Optional.of(parsed);
    }

    /** Writes a page's entry straight from its encoding buffer, sized from the body it was parsed from. */
    private void store(Path entry, CompactPage page, int bodyLength) {
        CompactPage.Encoded encoded = page.encode(bodyLength);
        cache.write(entry, encoded.buffer(), encoded.length());
    }

    /**
     * Like {@link #store}, after the page has gone to whoever waits for it: encoding and writing
     * PyPI's largest entries takes 15–25 ms each on a cold run, and a resolve's longest chain
     * (pydantic → pydantic-core) waits for two of them. Queued behind every fetch; {@link #close()}
     * writes whatever is still pending, and a failed write fails the close as it failed the fetch.
     */
    private void storeLater(Path entry, CompactPage page, int bodyLength) {
        FutureTask<Void> write = new FutureTask<>(() -> store(entry, page, bodyLength), null);
        pendingWrites.add(write);
        executor().execute(new Ranked(WRITE, queued.getAndIncrement(), write));
    }

    /** Runs the pending entry writes nobody has started, waits for the others, and rethrows the first failure. */
    private void finishWrites() {
        RuntimeException failure = null;
        for (FutureTask<Void> write; (write = pendingWrites.poll()) != null; ) {
            write.run(); // nothing when it ran or is running already
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IndexException("cannot write the cache: " + e.getCause(), null, e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A page's answer: its body, final URL and content type (all null for a 304), validators and freshness. */
    private record PageAnswer(byte[] body, String url, String contentType, String etag, String lastModified,
                              Freshness freshness) {
    }

    /**
     * Every project name the indexes list on their root pages (for "did you mean" on the error
     * path; PyPI's list is large, so call it only there). Cached like any page. Find-links
     * locations contribute nothing. Names as the index spells them, each once, in index order.
     */
    public List<String> projectNames() {
        return projectNames(false);
    }

    /**
     * Like {@link #projectNames()}, but only from the indexes whose list is cheap to get: local
     * ones, root pages already in the cache (however old: this is for suggestions), and indexes
     * other than PyPI's (whose list has hundreds of thousands of names and tens of megabytes).
     */
    public List<String> cheapProjectNames() {
        return projectNames(true);
    }

    /**
     * The names {@link #projectNames()} gives whose length is between {@code min} and {@code max},
     * for the nearest name to a misspelt one: names of other lengths never become strings (PyPI's
     * root page lists 700,000 projects in 40 MB). Not memoized; only for the error path.
     */
    public List<String> projectNames(int min, int max) {
        return projectNames(false, min, max);
    }

    /** {@link #cheapProjectNames()} of a length between {@code min} and {@code max}. */
    public List<String> cheapProjectNames(int min, int max) {
        return projectNames(true, min, max);
    }

    private static final java.util.Set<String> HUGE_INDEX_HOSTS = java.util.Set.of("pypi.org", "pypi.python.org",
            "test.pypi.org");

    private List<String> projectNames(boolean cheapOnly) {
        return once(projectNames, cheapOnly ? "cheap" : "all", () -> projectNames(cheapOnly, 0, Integer.MAX_VALUE));
    }

    private List<String> projectNames(boolean cheapOnly, int min, int max) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Source source : sources) {
            if (!(source instanceof IndexSource index)) {
                continue;
            }
            if (cheapOnly && !"file".equalsIgnoreCase(index.base().getScheme())) {
                Optional<CacheStore.Page> cached = cache.read(cache.pagePath(index.base().toString()))
                        .flatMap(CacheStore.Page::deserialize);
                String host = index.base().getHost() == null ? "" : index.base().getHost().toLowerCase(Locale.ROOT);
                if (cached.isPresent()) {
                    out.addAll(PageParser.projectNames(cached.get().contentType(), cached.get().body(), index.shown(), min, max));
                    continue;
                }
                if (HUGE_INDEX_HOSTS.contains(host)) {
                    continue;
                }
            }
            if ("file".equalsIgnoreCase(index.base().getScheme())) {
                try (Stream<Path> dirs = Files.list(Path.of(index.base()))) {
                    dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                            .filter(n -> n.length() >= min && n.length() <= max).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new IndexException("cannot list " + index.shown() + ": " + e.getMessage(), null, e);
                }
            } else {
                fetchPage(index.base()).ifPresent(p -> out.addAll(PageParser.projectNames(p.contentType(), p.body(), index.shown(), min, max)));
            }
        }
        return List.copyOf(out);
    }

    private CompletableFuture<List<DistFile>> linkListing(Source source) {
        return linkListings.computeIfAbsent(source, s -> {
            try {
                if (s instanceof LinksDir dir) {
                    return CompletableFuture.completedFuture(listDirectory(dir.dir(), dir.shown()));
                }
                LinksPage page = (LinksPage) s;
                if ("file".equalsIgnoreCase(page.url().getScheme())) {
                    String html = Files.readString(Path.of(page.url()), StandardCharsets.UTF_8);
                    return CompletableFuture.completedFuture(PageParser.html(html, page.url(), page.shown()).files());
                }
                List<DistFile> files = fetchPage(page.url())
                        .map(p -> PageParser.parse(p.contentType(), p.body(), URI.create(p.url()), page.shown()).files())
                        .orElseGet(() -> {
                            listener.warning("find-links page " + page.shown() + " was not found (HTTP 404); ignored");
                            return List.of();
                        });
                return CompletableFuture.completedFuture(files);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new IndexException("cannot read find-links location "
                        + redactor.redact(s.toString()) + ": " + e.getMessage(), null, e));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private List<DistFile> listDirectory(Path dir, String shown) throws IOException {
        List<DistFile> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isRegularFile).sorted().forEach(p -> {
                DistFile f = new DistFile(p.getFileName().toString(), p.toUri(), Map.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), sizeOf(p), Optional.empty(), shown);
                if (f.isWheel() || f.isSdist()) {
                    out.add(f);
                }
            });
        }
        return out;
    }

    private static java.util.OptionalLong sizeOf(Path p) {
        try {
            return java.util.OptionalLong.of(Files.size(p));
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * Whether a distribution file name belongs to the project (pip's check): a wheel's first
     * dash-separated part, an sdist's prefix up to one of its dashes, normalized, equals the name.
     */
    static boolean matches(String filename, ProjectName name) {
        String want = name.toString();
        if (endsWithIgnoreCase(filename, ".whl")) {
            int dash = filename.indexOf('-');
            return dash > 0 && normalizedEquals(filename, dash, want);
        }
        String stem = null;
        for (String ext : SDIST_SUFFIXES) {
            if (endsWithIgnoreCase(filename, ext)) {
                stem = filename.substring(0, filename.length() - ext.length());
                break;
            }
        }
        if (stem == null) {
            return false;
        }
        for (int i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
            if (normalizedEquals(stem, i, want)) {
                return i + 1 < stem.length();
            }
        }
        return false;
    }

    private static final List<String> SDIST_SUFFIXES = List.of(".tar.gz", ".tar.bz2", ".tgz", ".zip", ".tar");

    /**
     * {@code s.toLowerCase(Locale.ROOT).endsWith(suffix)} for a lower-case ASCII suffix, without a
     * copy (runs for every file): only ASCII letters fold (no other character lower-cases to one
     * of the suffixes' letters).
     */
    static boolean endsWithIgnoreCase(String s, String suffix) {
        int offset = s.length() - suffix.length();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            char c = s.charAt(offset + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[0, end)} normalizes to {@code want}, without allocating (runs for every file of every page). */
    static boolean normalizedEquals(String s, int end, String want) {
        int j = 0;
        boolean separator = false;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                separator = true;
                continue;
            }
            if (separator) {
                if (j >= want.length() || want.charAt(j) != '-') {
                    return false;
                }
                j++;
                separator = false;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c);
            if (j >= want.length() || want.charAt(j) != lower) {
                return false;
            }
            j++;
        }
        if (separator) {
            if (j >= want.length() || want.charAt(j) != '-') {
                return false;
            }
            j++;
        }
        return j == want.length();
    }


    /**
     * A page over HTTP through the cache: fresh entries answer without a request (unless
     * refreshing), stale ones are revalidated with If-None-Match / If-Modified-Since. Empty on 404.
     */
    private Optional<CacheStore.Page> fetchPage(URI url) {
        Path entry = cache.pagePath(url.toString());
        Optional<CacheStore.Page> cached = cache.read(entry).flatMap(CacheStore.Page::deserialize);
        if (cached.isPresent() && settings.cachePolicy() == CachePolicy.NORMAL
                && cached.get().freshAt(settings.clock().millis())) {
            listener.cacheHit(redactor.redact(url.toString()));
            return cached;
        }
        Optional<PageAnswer> answer = exchangePage(url, cached.map(CacheStore.Page::etag).orElse(null),
                cached.map(CacheStore.Page::lastModified).orElse(null), cached.isPresent());
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        PageAnswer a = answer.get();
        Freshness fresh = a.freshness();
        CacheStore.Page page = a.body() == null // 304: the cached copy is the page
                ? cached.orElseThrow().revalidated(fresh.storedAtMillis(), fresh.maxAgeSeconds(), a.etag(), a.lastModified())
                : new CacheStore.Page(a.url(), a.contentType(), a.etag(), a.lastModified(), fresh.storedAtMillis(),
                        fresh.maxAgeSeconds(), a.body());
        if (!fresh.noStore()) {
            cache.write(entry, page.serialize());
        }
        return Optional.of(page);
    }

    /**
     * One request for a page, conditional on the validators of a cached copy (if {@code haveCopy}).
     * The response is only read in the transport's callback (which holds a request slot); parsing
     * and writing cache entries are the caller's, after it. Empty on 404 and 410; a body of null
     * for a 304.
     */
    private Optional<PageAnswer> exchangePage(URI url, String etag, String lastModified, boolean haveCopy) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        headers.put("Accept-Encoding", "gzip");
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        String shown = redactor.redact(url.toString());
        return transport.get(url, headers, (status, response, body) -> {
            var h = response.headers();
            Freshness fresh = Freshness.of(h, settings.clock().millis());
            if (status == 304 && haveCopy) {
                return Optional.of(new PageAnswer(null, null, null, h.firstValue("ETag").orElse(null),
                        h.firstValue("Last-Modified").orElse(null), fresh));
            }
            if (status == 404 || status == 410) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new IndexException(shown + " answered HTTP " + status, null, null);
            }
            return Optional.of(new PageAnswer(readBody(h, body), response.uri().toString(),
                    h.firstValue("Content-Type").orElse("text/html"), h.firstValue("ETag").orElse(null),
                    h.firstValue("Last-Modified").orElse(null), fresh));
        });
    }

    /** Above this, a declared length is not trusted with one allocation up front. */
    private static final long PRESIZED_BODY_LIMIT = 64L << 20;

    /**
     * A page's body. With a Content-Length (PyPI sends one; its pages are not compressed), read
     * into one array of that length: {@code readAllBytes} collects 8–16 KiB chunks and copies them
     * into a final array, 2.5 times the body in allocation (35 MB for a cold seed compile's 13 MB
     * of pages).
     */
    static byte[] readBody(ResponseHeaders h, InputStream body) throws IOException {
        if (h.firstValue("Content-Encoding").filter(e -> e.equalsIgnoreCase("gzip")).isPresent()) {
            return new GZIPInputStream(body).readAllBytes();
        }
        long declared = h.firstValueAsLong("Content-Length").orElse(-1);
        if (declared < 0 || declared > PRESIZED_BODY_LIMIT) {
            return body.readAllBytes();
        }
        byte[] bytes = new byte[(int) declared];
        int read = body.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw new IOException("the body ended after " + read + " of its " + declared + " bytes");
        }
        byte[] more = body.readAllBytes();
        if (more.length > 0) { // longer than declared: keep what came (the client would have refused it)
            byte[] all = Arrays.copyOf(bytes, bytes.length + more.length);
            System.arraycopy(more, 0, all, bytes.length, more.length);
            return all;
        }
        return bytes;
    }

    /**
     * A response's freshness: when it was generated (now minus its Age), how long it stays
     * fresh ({@link CacheStore#maxAge}), and whether it may be stored at all.
     */
    private record Freshness(long storedAtMillis, long maxAgeSeconds, boolean noStore) {
        static Freshness of(ResponseHeaders h, long nowMillis) {
            String cacheControl = h.firstValue("Cache-Control").orElse(null);
            long age = h.firstValue("Age").map(IndexClient::parseLongOrZero).orElse(0L);
            boolean noStore = cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
            return new Freshness(nowMillis - age * 1000, CacheStore.maxAge(cacheControl), noStore);
        }
    }

    private static long parseLongOrZero(String s) {
        try {
            return Math.max(0, Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- metadata

    /**
     * The metadata of one version, read from the cheapest of its files: all files of a version
     * share their metadata, so one fetch serves them all. Preference: a local wheel, a wheel with
     * a PEP 658 metadata file, any wheel (range reads), a local sdist, an sdist (download and read
     * PKG-INFO). Pass the files of one version only.
     */
    public DistMetadata metadata(List<DistFile> filesOfOneVersion) {
        if (filesOfOneVersion.isEmpty()) {
            throw new IllegalArgumentException("no files given");
        }
        return metadata(choose(filesOfOneVersion));
    }

    /** Like {@link #metadata(List)}, in the background. */
    public CompletableFuture<DistMetadata> metadataAsync(List<DistFile> filesOfOneVersion) {
        if (filesOfOneVersion.isEmpty()) {
            throw new IllegalArgumentException("no files given");
        }
        return metadataAsync(choose(filesOfOneVersion));
    }

    /** The metadata of this one file. */
    public DistMetadata metadata(DistFile file) {
        return once(metadata, file.urlString(), () -> fetchMetadata(file));
    }

    public CompletableFuture<DistMetadata> metadataAsync(DistFile file) {
        return async(metadata, file.urlString(), () -> fetchMetadata(file), METADATA);
    }

    static DistFile choose(List<DistFile> files) {
        Comparator<DistFile> order = Comparator.comparingInt(IndexClient::rank).thenComparing(DistFile::isYanked);
        return files.stream().min(order).orElseThrow();
    }

    private static int rank(DistFile f) {
        if (f.isWheel()) {
            return f.isLocal() ? 0 : f.hasMetadataFile() ? 1 : 2;
        }
        return f.isLocal() ? 3 : 4;
    }

    private DistMetadata fetchMetadata(DistFile file) {
        String shown = redactor.redact(file.urlString());
        if (file.isLocal()) {
            Path path = Path.of(file.url());
            byte[] bytes = file.isWheel() ? localWheelMetadata(path, file.filename()) : pkgInfo(path, shown);
            listener.metadataFetched(file.filename(), MetadataSource.LOCAL_FILE);
            return new DistMetadata(file, bytes, MetadataSource.LOCAL_FILE);
        }
        Path entry = cache.metadataPath(file);
        Optional<byte[]> cached = cache.read(entry);
        if (cached.isPresent()) {
            listener.cacheHit(shown + ".metadata");
            listener.metadataFetched(file.filename(), MetadataSource.CACHE);
            return new DistMetadata(file, cached.get(), MetadataSource.CACHE);
        }
        byte[] bytes = null;
        MetadataSource how = null;
        String host = file.url().getHost() + ":" + file.url().getPort();
        // One suffix range request usually holds a wheel's central directory and its METADATA, so
        // a probe for an unlisted metadata file only pays off for big wheels (whose directory
        // outgrows the suffix) or when the size is unknown; on mirrors that miss half the probes,
        // probing every wheel cost a slow 404 on the critical path of each dependency level.
        boolean probe = !file.hasMetadataFile() && file.isWheel() && worthProbing(file) && settings.probeMetadataFiles()
                && probeWorthwhile(host);
        if (file.hasMetadataFile() || probe) {
            bytes = transport.get(file.metadataUrl(), Map.of(), (status, response, body) -> {
                if (status == 200) {
                    return body.readAllBytes();
                }
                if (probe && status >= 400 && status < 500) {
                    return null;
                }
                if (status == 404 || status == 410) {
                    return null;
                }
                throw new IndexException(shown + ".metadata answered HTTP " + status, null, null);
            });
            if (probe) {
                boolean found = bytes != null && looksLikeCoreMetadata(bytes);
                probes.computeIfAbsent(host, h -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()})[found ? 0 : 1]
                        .incrementAndGet();
                if (!found) {
                    bytes = null;
                }
            }
            if (bytes != null) {
                HashCheck.verify(shown + ".metadata", file.coreMetadata().orElse(Map.of()), bytes);
                how = MetadataSource.METADATA_FILE;
            }
        }
        if (bytes == null && file.isWheel()) {
            try {
                bytes = ZipMetadataReader.readMetadata(new HttpRangeSource(file), file.filename());
                how = MetadataSource.RANGE_READ;
            } catch (HttpRangeSource.WholeFile whole) {
                bytes = localWheelMetadata(whole.path, file.filename());
                how = MetadataSource.DOWNLOAD;
            } catch (IOException e) {
                // no usable ranges (or a zip we cannot read piecewise): the last resort
                bytes = localWheelMetadata(download(file), file.filename());
                how = MetadataSource.DOWNLOAD;
            }
        }
        if (bytes == null) {
            bytes = pkgInfo(download(file), shown);
            how = MetadataSource.DOWNLOAD;
        }
        cache.write(entry, bytes);
        listener.metadataFetched(file.filename(), how);
        return new DistMetadata(file, bytes, how);
    }

    /** Wheels at least this big are probed for an unlisted metadata file before range reads. */
    static final long PROBE_MIN_SIZE = 4L * 1024 * 1024;

    private static boolean worthProbing(DistFile wheel) {
        return wheel.size().isEmpty() || wheel.size().getAsLong() >= PROBE_MIN_SIZE;
    }

    /**
     * Probing pays while a host has served some unlisted metadata files; one that missed twice
     * without ever serving one is not asked again (mirrors here serve some and not others).
     */
    private boolean probeWorthwhile(String host) {
        AtomicInteger[] counts = probes.get(host);
        return counts == null || counts[0].get() > 0 || counts[1].get() < 2;
    }

    /** A probed metadata file must be core metadata, not some catch-all HTML page. */
    static boolean looksLikeCoreMetadata(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        return head.regionMatches(true, 0, "Metadata-Version:", 0, 17);
    }

    private byte[] pkgInfo(Path sdist, String shown) {
        return SdistMetadata.readPkgInfo(sdist).orElseThrow(() -> new IndexException(PinwheelException.Category.BAD_INPUT,
                "the sdist " + shown + " has no PKG-INFO", "the sdist is malformed; its metadata must be built with PEP 517", null));
    }

    private static byte[] localWheelMetadata(Path wheel, String filename) {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            List<ZipMetadataReader.Entry> entries = new ArrayList<>();
            zip.stream().forEach(e -> entries.add(new ZipMetadataReader.Entry(e.getName(), e.getMethod(), e.getCrc(),
                    e.getCompressedSize(), e.getSize(), 0, 0)));
            ZipMetadataReader.Entry chosen = ZipMetadataReader.chooseMetadata(entries, filename);
            try (InputStream in = zip.getInputStream(zip.getEntry(chosen.name()))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IndexException("cannot read the wheel " + filename + ": " + e.getMessage(),
                    "the file may be damaged; try --refresh", e);
        }
    }

    /** Range requests over HTTP; a server that ignores ranges sends the whole file, which is kept. */
    private final class HttpRangeSource implements ZipMetadataReader.RangeSource {
        private final DistFile file;

        /** The server sent the whole file (no range support); it is already verified and cached. */
        static final class WholeFile extends IOException {
            final transient Path path;

            WholeFile(Path path) {
                super("the server ignores range requests");
                this.path = path;
            }
        }

        HttpRangeSource(DistFile file) {
            this.file = file;
        }

        @Override
        public ZipMetadataReader.Chunk suffix(int n) throws IOException {
            ZipMetadataReader.Chunk chunk = request("bytes=-" + n);
            if (chunk.offset() == 0 && chunk.bytes().length == chunk.totalLength()) {
                keepWholeFile(chunk.bytes());
            }
            return chunk;
        }

        /** The suffix was the whole (small) wheel: keep it if it verifies, so a later download is free. */
        private void keepWholeFile(byte[] bytes) {
            Optional<String> sha256 = file.sha256();
            if (sha256.isPresent() && HashCheck.sha256(bytes).equalsIgnoreCase(sha256.get())) {
                Path target = target(file);
                if (!Files.exists(target)) {
                    cache.write(target, bytes);
                }
            }
        }

        @Override
        public byte[] range(long start, long end) throws IOException {
            return request("bytes=" + start + "-" + (end - 1)).bytes();
        }

        private ZipMetadataReader.Chunk request(String range) throws IOException {
            Object result = transport.get(file.url(), Map.of("Range", range), (status, response, body) -> {
                if (status == 206) {
                    Optional<String> cr = response.headers().firstValue("Content-Range");
                    byte[] bytes = body.readAllBytes();
                    if (cr.isEmpty()) {
                        return new ZipMetadataReader.BadZipException("206 without Content-Range");
                    }
                    long[] parsed = parseContentRange(cr.get());
                    if (parsed == null) {
                        return new ZipMetadataReader.BadZipException("unreadable Content-Range " + cr.get());
                    }
                    return new ZipMetadataReader.Chunk(parsed[0], bytes, parsed[1]);
                }
                if (status == 200) {
                    return new WholeFile(store(file, body));
                }
                if (status == 404 || status == 410) {
                    throw new IndexException(redactor.redact(file.urlString()) + " was not found (HTTP " + status + ")",
                            "the index lists a file it does not serve; try --refresh", null);
                }
                return new ZipMetadataReader.BadZipException("range request answered HTTP " + status);
            });
            if (result instanceof IOException e) {
                throw e;
            }
            return (ZipMetadataReader.Chunk) result;
        }
    }

    /** {@code bytes START-END/TOTAL} to {start, total}; null when unreadable or the total is unknown. */
    static long[] parseContentRange(String value) {
        String v = value.strip();
        if (!v.startsWith("bytes ")) {
            return null;
        }
        int dash = v.indexOf('-');
        int slash = v.indexOf('/');
        if (dash < 0 || slash < dash) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(v.substring(6, dash).strip()), Long.parseLong(v.substring(slash + 1).strip())};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- downloads

    /**
     * The file on disk: a local file as it is, a remote one downloaded into the cache
     * ({@code files-v1/}, content-addressed by sha256) unless already there. Every hash the
     * index gave is checked; a mismatch throws {@link HashMismatchException} and nothing is kept.
     * With {@link CachePolicy#DISABLED} the path lives in a temporary cache removed by {@link #close()}.
     */
    public Path download(DistFile file) {
        return once(downloads, file.urlString(), () -> fetchFile(file));
    }

    private Path fetchFile(DistFile file) {
        String shown = redactor.redact(file.urlString());
        if (file.isLocal()) {
            Path path = Path.of(file.url());
            if (!Files.isRegularFile(path)) {
                throw new IndexException(path + " does not exist", null, null);
            }
            try {
                HashCheck.verify(shown, file.hashes(), path, null);
            } catch (IOException e) {
                throw new IndexException("cannot read " + path + ": " + e.getMessage(), null, e);
            }
            return path;
        }
        Path target = target(file);
        if (Files.isRegularFile(target)) {
            listener.cacheHit(shown);
            return target;
        }
        // Wheels and sdists are most of the bytes: decrypt and hash them natively where the
        // platform can (the connection that carries them picks its ciphers when it opens).
        NativeCrypto.loadBeforeBulkTransfer(2_000);
        return transport.get(file.url(), Map.of(), (status, response, body) -> {
            if (status != 200) {
                throw new IndexException(shown + " answered HTTP " + status,
                        status == 404 ? "the index lists a file it does not serve; try --refresh" : null, null);
            }
            return store(file, body);
        });
    }

    /** Reads a file's bytes once, as they arrive; see {@link #stream}. */
    @FunctionalInterface
    public interface StreamReader<T> {
        /**
         * Reads {@code body} to its end. Reading the end checks the file's hashes: a mismatch is
         * thrown from {@code read} as a {@link HashMismatchException}, so a reader keeps nothing
         * it made before it has seen the end. May be called again after an I/O failure (a retry),
         * with a fresh body: whatever an aborted call made is its own to clean up.
         */
        T read(InputStream body) throws IOException;
    }

    /** What a {@link StreamReader} made of a file, with the file's SHA-256 and size as read. */
    public record Streamed<T>(T value, String sha256, long size) {
    }

    /**
     * Hands the file's bytes to {@code reader} while they download, without keeping the file:
     * for a caller that unpacks it on the way (a wheel), which saves writing the archive and
     * reading it back. Every hash the index gave is checked when the reader reaches the end (see
     * {@link StreamReader#read}); the returned SHA-256 is what was read. A local file, or one
     * already in the download cache, is read from disk the same way.
     */
    public <T> Streamed<T> stream(DistFile file, StreamReader<T> reader) {
        String shown = redactor.redact(file.urlString());
        Path onDisk = file.isLocal() ? Path.of(file.url()) : target(file);
        if (file.isLocal() || Files.isRegularFile(onDisk)) {
            if (!Files.isRegularFile(onDisk)) {
                throw new IndexException(onDisk + " does not exist", null, null);
            }
            if (!file.isLocal()) {
                listener.cacheHit(shown);
            }
            try (InputStream in = Files.newInputStream(onDisk)) {
                return readChecked(file, shown, in, reader);
            } catch (IOException e) {
                throw new IndexException("cannot read " + onDisk + ": " + e.getMessage(), null, e);
            }
        }
        NativeCrypto.loadBeforeBulkTransfer(2_000);
        return transport.get(file.url(), Map.of(), (status, response, body) -> {
            if (status != 200) {
                throw new IndexException(shown + " answered HTTP " + status,
                        status == 404 ? "the index lists a file it does not serve; try --refresh" : null, null);
            }
            Streamed<T> streamed = readChecked(file, shown, body, reader);
            listener.downloaded(file.filename(), streamed.size());
            return streamed;
        });
    }

    private static <T> Streamed<T> readChecked(DistFile file, String shown, InputStream body, StreamReader<T> reader)
            throws IOException {
        CheckingStream in = new CheckingStream(body, file.hashes(), shown);
        T value = reader.read(in);
        if (!in.checked) {
            // The reader stopped early: the rest still counts towards the hashes.
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException e) {
                if (value instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
        return new Streamed<>(value, in.sha256, in.size);
    }

    /** Hashes what passes through; at the end, checks every known hash the index gave (throws from read). */
    private static final class CheckingStream extends java.io.FilterInputStream {
        private final Map<String, String> expected;
        private final String shown;
        private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
        boolean checked;
        String sha256;
        long size;

        CheckingStream(InputStream in, Map<String, String> expected, String shown) {
            super(in);
            this.expected = expected;
            this.shown = shown;
            digests.put("sha256", HashCheck.digest("sha256"));
            for (String algorithm : expected.keySet()) {
                if (HashCheck.isKnown(algorithm) && !digests.containsKey(algorithm)) {
                    digests.put(algorithm, HashCheck.digest(algorithm));
                }
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (checked) {
                return -1;
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                for (MessageDigest d : digests.values()) {
                    d.update(b, off, n);
                }
                size += n;
            } else if (n < 0) {
                end();
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        private void end() {
            checked = true;
            for (Map.Entry<String, MessageDigest> d : digests.entrySet()) {
                String actual = HexFormat.of().formatHex(d.getValue().digest());
                if (d.getKey().equals("sha256")) {
                    sha256 = actual;
                }
                String want = expected.get(d.getKey());
                if (want != null && !actual.equalsIgnoreCase(want)) {
                    throw new HashMismatchException(shown, d.getKey(), want, actual);
                }
            }
        }
    }

    private Path target(DistFile file) {
        return file.sha256().map(h -> cache.filePath(h, file.filename()))
                .orElseGet(() -> cache.urlFilePath(file.urlString(), file.filename()));
    }

    /** Streams a body into the cache, hashing as it goes; verified before it becomes visible. */
    private Path store(DistFile file, InputStream body) throws IOException {
        Path target = target(file);
        Path temp = cache.tempFor(target);
        try {
            MessageDigest sha = HashCheck.digest("sha256");
            long size;
            try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(temp)) {
                // 64 KiB at a time: transferTo's 8 KiB made a system call per 8 KiB of every wheel
                byte[] buffer = new byte[1 << 16];
                size = 0;
                for (int n; (n = in.read(buffer)) >= 0; size += n) {
                    out.write(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            HashCheck.verify(redactor.redact(file.urlString()), file.hashes(), temp, actual);
            cache.commit(temp, target);
            listener.downloaded(file.filename(), size);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private List<Source> sources(IndexSettings s) {
        List<Source> out = new ArrayList<>();
        if (!s.noIndex()) {
            List<String> indexes = new ArrayList<>();
            indexes.add(s.indexUrl());
            indexes.addAll(s.extraIndexUrls());
            for (String raw : indexes) {
                URI uri = parseUrl(raw);
                if (secure(uri, raw)) {
                    URI base = Urls.asDirectory(Urls.withoutUserinfo(uri));
                    out.add(new IndexSource(base, redactor.redact(raw)));
                }
            }
        }
        for (String raw : s.findLinks()) {
            String shown = redactor.redact(raw);
            boolean looksLikeUrl = raw.matches("(?i)^[a-z][a-z0-9+.-]*://.*") || raw.regionMatches(true, 0, "file:", 0, 5);
            if (looksLikeUrl) {
                URI uri = parseUrl(raw);
                if ("file".equalsIgnoreCase(uri.getScheme())) {
                    Path p = Path.of(uri);
                    if (Files.isDirectory(p)) {
                        out.add(new LinksDir(p, shown));
                    } else if (Files.isRegularFile(p)) {
                        out.add(new LinksPage(uri, shown));
                    } else {
                        listener.warning("find-links location " + shown + " does not exist; ignored");
                    }
                } else if (secure(uri, raw)) {
                    out.add(new LinksPage(Urls.withoutUserinfo(uri), shown));
                }
            } else {
                Path p = s.workingDirectory().resolve(raw).normalize();
                if (Files.isDirectory(p)) {
                    out.add(new LinksDir(p, shown));
                } else if (Files.isRegularFile(p)) {
                    out.add(new LinksPage(p.toUri(), shown));
                } else {
                    listener.warning("find-links location " + shown + " does not exist; ignored");
                }
            }
        }
        return out;
    }

    private URI parseUrl(String raw) {
        try {
            return URI.create(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new IndexException(PinwheelException.Category.BAD_INPUT, "not a valid URL: " + redactor.redact(raw),
                    "index URLs look like https://host/simple", e);
        }
    }

    /** pip's rule: plain http only for localhost or --trusted-host; otherwise the location is skipped with a warning. */
    private boolean secure(URI uri, String raw) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("file")) {
            return true;
        }
        if (scheme.equals("http")) {
            if (Urls.isLoopback(uri.getHost()) || transport.isTrusted(uri)) {
                return true;
            }
            listener.warning("the index " + redactor.redact(raw) + " is not a trusted or secure host and is ignored; "
                    + "use https or --trusted-host " + uri.getHost());
            return false;
        }
        throw new IndexException(PinwheelException.Category.BAD_INPUT, "unsupported URL scheme in " + redactor.redact(raw),
                "use an https://, http:// or file:// URL", null);
    }

    /**
     * Computes a value at most once per key, in the calling thread; concurrent callers wait for
     * the first. (Running it in the caller, not the pool, means pool tasks that need a download
     * never wait for a queued pool task: no starvation deadlock.)
     */
    private static <K, T> T once(Map<K, CompletableFuture<T>> memo, K key, java.util.function.Supplier<T> work) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> existing = memo.putIfAbsent(key, mine);
        if (existing != null) {
            return join(existing);
        }
        try {
            mine.complete(work.get());
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
        }
        return join(mine);
    }

    /** Queue ranks of background work: lower runs first. */
    static final int METADATA = 0;
    static final int PAGE = 1;
    static final int WRITE = 2;
    private final AtomicLong queued = new AtomicLong();

    /**
     * One background task of the pool, ranked: a version's metadata goes before pages still waiting.
     * A resolve asks for metadata of versions it is about to choose (or will most likely choose),
     * and a dependency is discovered only from metadata; pages are prefetched in bulk (every
     * top-level requirement at once). In arrival order a first choice's metadata waited behind
     * dozens of page fetches (dispatch: emails' page at 1.11 s, its metadata requested at 2.13 s,
     * and the sdist build it led to an idle second later); ranked, the chains start as soon as
     * their pages are in. Within a rank, first come first served (measured on dispatch, cold, two
     * runs of 6 alternating rounds: 6.86 s against 7.42 s, 6.66 s against 6.92 s; the seed the same).
     */
    record Ranked(int rank, long order, Runnable body) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Ranked other) {
            return rank != other.rank ? Integer.compare(rank, other.rank) : Long.compare(order, other.order);
        }
    }

    private <K, T> CompletableFuture<T> async(Map<K, CompletableFuture<T>> memo, K key,
                                              java.util.function.Supplier<T> work, int rank) {
        CompletableFuture<T> existing = memo.get(key);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        executor().execute(new Ranked(rank, queued.getAndIncrement(), () -> {
            try {
                result.complete(once(memo, key, work));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }));
        return result;
    }

    /** A fixed pool of daemon threads that runs queued {@link Ranked} tasks lowest rank first. */
    static ExecutorService rankedPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pinwheel-index-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                if (executor == null) {
                    executor = rankedPool(settings.parallelism());
                }
                e = executor;
            }
        }
        return e;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IndexException("unexpected failure: " + cause, null, cause);
        }
    }

    /** Stops the worker threads and removes the temporary cache of {@link CachePolicy#DISABLED}. */
    @Override
    public void close() {
        ExecutorService e = executor;
        try {
            finishWrites();
        } finally {
            stop(e);
        }
    }

    private void stop(ExecutorService e) {
        if (e != null) {
            e.shutdownNow();
            // Fetches still in flight (prefetches nobody waits for any more) must not go on
            // writing into the cache after the client is closed: callers delete or reuse it. A
            // socket read does not answer the interrupt; closing the connections ends it.
            transport.abort();
            try {
                e.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
        if (temporaryCache != null) {
            try (Stream<Path> walk = Files.walk(temporaryCache)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
