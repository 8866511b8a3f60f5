package dev.pinwheel.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local package index for tests: an HTTP server on 127.0.0.1 (port 0) serving the
 * {@link Dist}s added to it through the simple API, PEP 691 JSON and PEP 503 HTML (content
 * negotiation on {@code Accept}, or forced with {@link #format}), PEP 658/714 metadata files,
 * HTTP range requests on files, ETag revalidation and an optional {@code Cache-Control: max-age}.
 * It records every request so tests can assert, e.g., that a warm cache made none; it can fail
 * with 5xx answers or answer slowly.
 *
 * <pre>{@code
 * try (TestIndex index = TestIndex.start()) {
 *     index.add(WheelBuilder.of("foo", "1.0").requiresDist("bar").build());
 *     index.add(SdistBuilder.of("bar", "2.0").build(), TestIndex.FileOptions.DEFAULT.yanked("broken"));
 *     URI simple = index.url();            // http://127.0.0.1:PORT/simple/
 *     ... run the code under test against `simple` ...
 *     assertThat(index.requestCount()).isEqualTo(2);
 * }
 * }</pre>
 *
 * Layout: {@code /simple/} (root list), {@code /simple/<normalized-name>/} (a non-normalized name
 * is redirected there with 301, like PyPI), {@code /files/<filename>} and
 * {@code /files/<filename>.metadata}. HTML pages link files relatively ({@code ../../files/...})
 * to exercise URL resolution; JSON pages use absolute URLs.
 */
public final class TestIndex implements AutoCloseable {

    /** Which page format the server answers with. */
    public enum Format {
        /** Always PEP 691 JSON. */
        JSON,
        /** Always PEP 503 HTML (what an old index without PEP 691 sends). */
        HTML,
        /** Content negotiation on the request's {@code Accept} header (default, like PyPI). */
        NEGOTIATE
    }

    /**
     * How one file is listed.
     *
     * @param yanked         null when not yanked; else the reason ("" for yanked without one)
     * @param requiresPython the {@code requires-python} to list; null for none
     * @param uploadTime     the PEP 700 upload time; null for none
     */
    public record FileOptions(String yanked, String requiresPython, Instant uploadTime) {
        public static final FileOptions DEFAULT = new FileOptions(null, null, null);

        public FileOptions yanked(String reason) {
            return new FileOptions(Objects.requireNonNull(reason), requiresPython, uploadTime);
        }

        public FileOptions requiresPython(String spec) {
            return new FileOptions(yanked, spec, uploadTime);
        }

        public FileOptions uploadTime(Instant time) {
            return new FileOptions(yanked, requiresPython, time);
        }
    }

    /**
     * One request the server received.
     *
     * @param method  GET or HEAD
     * @param path    the raw request path, e.g. {@code /simple/foo/}
     * @param headers request headers, names lower-cased (first value each)
     * @param status  the status answered
     */
    public record Request(String method, String path, Map<String, String> headers, int status) {
        public Request {
            headers = Map.copyOf(headers);
        }

        /** A request header (name case-insensitive), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Whether this was a conditional request (If-None-Match / If-Modified-Since). */
        public boolean conditional() {
            return headers.containsKey("if-none-match") || headers.containsKey("if-modified-since");
        }
    }

    private record Entry(Dist dist, FileOptions options) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<Entry>> projects = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile Predicate<String> failurePaths = p -> true;
    private volatile Format format = Format.NEGOTIATE;
    private volatile boolean metadataFiles = true;
    private volatile boolean metadataListed = true;
    private volatile boolean rangeRequests = true;
    private volatile String cacheControl = "max-age=0, must-revalidate";
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile Duration stall = Duration.ZERO;

    private TestIndex(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 with a free port. Close it after the test. */
    public static TestIndex start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "test-index");
                t.setDaemon(true);
                return t;
            });
            TestIndex index = new TestIndex(server, executor);
            server.createContext("/", index::handle);
            server.setExecutor(executor);
            server.start();
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a file (its project is taken from the dist). */
    public TestIndex add(Dist dist) {
        return add(dist, FileOptions.DEFAULT);
    }

    /** Publishes a file with yanked / requires-python / upload-time options. */
    public TestIndex add(Dist dist, FileOptions options) {
        projects.computeIfAbsent(normalize(dist.project()), k -> new CopyOnWriteArrayList<>()).add(new Entry(dist, options));
        return this;
    }

    /** Forces the page format (default {@link Format#NEGOTIATE}). */
    public TestIndex format(Format format) {
        this.format = Objects.requireNonNull(format);
        return this;
    }

    /** Whether PEP 658/714 metadata files are listed and served (default true). */
    public TestIndex metadataFiles(boolean enabled) {
        this.metadataFiles = enabled;
        this.metadataListed = enabled;
        return this;
    }

    /** Metadata files are served but not listed on pages (like mirrors that strip the attributes). */
    public TestIndex unlistedMetadataFiles() {
        this.metadataFiles = true;
        this.metadataListed = false;
        return this;
    }

    /** Whether files honour {@code Range} requests (default true); if not, they answer 200 with the whole file. */
    public TestIndex rangeRequests(boolean enabled) {
        this.rangeRequests = enabled;
        return this;
    }

    /**
     * Sends {@code Cache-Control: max-age=N, public} on pages (like PyPI's 600 s). The default is
     * {@code max-age=0, must-revalidate}: every use revalidates (ETag), so tests see changes.
     */
    public TestIndex maxAge(Duration maxAge) {
        this.cacheControl = "max-age=" + maxAge.toSeconds() + ", public";
        return this;
    }

    /** Sends exactly this Cache-Control value on pages; null sends none (like mirrors that strip it). */
    public TestIndex cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** The next {@code count} requests answer {@code status} (e.g. 500, 503) with an empty body. */
    public TestIndex failNext(int count, int status) {
        return failNext(count, status, p -> true);
    }

    /** Like {@link #failNext(int, int)}, counting only requests whose path matches. */
    public TestIndex failNext(int count, int status, Predicate<String> paths) {
        this.failureStatus = status;
        this.failurePaths = paths;
        this.failuresLeft.set(count);
        return this;
    }

    /** Answers send their headers and half the body, then stall this long before the rest (for read-timeout tests). */
    public TestIndex stallBodies(Duration stall) {
        this.stall = Objects.requireNonNull(stall);
        return this;
    }

    /** Every answer waits this long first (for timeout tests). */
    public TestIndex delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    /** The simple API root, {@code http://127.0.0.1:PORT/simple/}. */
    public URI url() {
        return base().resolve("/simple/");
    }

    /** The page of one project. */
    public URI projectUrl(String project) {
        return base().resolve("/simple/" + normalize(project) + "/");
    }

    /** Where a file is served. */
    public URI fileUrl(String filename) {
        return base().resolve("/files/" + filename);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Every request so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    /** How many requests have reached the server so far, answered or still being answered (see {@link #delay}). */
    public int requestsArrived() {
        return arrived.get();
    }

    /** How many connections (distinct client addresses and ports) the requests so far came over. */
    public int connections() {
        return clients.size();
    }

    /** How many requests had a path starting with {@code prefix} (e.g. {@code "/files/"}). */
    public long requestCount(String prefix) {
        return requests.stream().filter(r -> r.path().startsWith(prefix)).count();
    }

    public void clearRequests() {
        requests.clear();
        clients.clear();
    }

    /**
     * Writes the index as a static file tree for {@code file://} tests: {@code <dir>/simple/<project>/index.html}
     * (PEP 503 HTML linking to {@code ../../files/...}), the files in {@code <dir>/files/} (with their
     * {@code .metadata} files when those are enabled). Returns the index root {@code <dir>/simple}.
     */
    public Path writeStaticIndex(Path dir) {
        try {
            for (Map.Entry<String, List<Entry>> p : new TreeMap<>(projects).entrySet()) {
                Path page = dir.resolve("simple").resolve(p.getKey()).resolve("index.html");
                Files.createDirectories(page.getParent());
                Files.writeString(page, html(p.getKey(), p.getValue()), StandardCharsets.UTF_8);
                for (Entry e : p.getValue()) {
                    e.dist().writeTo(dir.resolve("files"));
                    if (metadataFiles) {
                        Files.writeString(dir.resolve("files").resolve(e.dist().filename() + ".metadata"), e.dist().metadata());
                    }
                }
            }
            return dir.resolve("simple");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            arrived.incrementAndGet();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer(exchange, path, headers);
        }
    }

    private int answer(HttpExchange exchange, String path, Map<String, String> headers) throws IOException {
        if (failurePaths.test(path) && failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return send(exchange, failureStatus, null, new byte[0]);
        }
        if (path.equals("/simple/") || path.equals("/simple")) {
            StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
            new TreeMap<>(projects).keySet().forEach(p -> s.append("<a href=\"").append(p).append("/\">").append(p).append("</a>\n"));
            return send(exchange, 200, "text/html", s.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        if (path.startsWith("/simple/")) {
            String raw = path.substring("/simple/".length()).replaceAll("/$", "");
            String name = normalize(raw);
            List<Entry> entries = projects.get(name);
            if (entries == null) {
                return send(exchange, 404, "text/plain", "no such project\n".getBytes(StandardCharsets.UTF_8));
            }
            if (!raw.equals(name) || !path.endsWith("/")) {
                exchange.getResponseHeaders().set("Location", "/simple/" + name + "/");
                return send(exchange, 301, null, new byte[0]);
            }
            boolean json = switch (format) {
                case JSON -> true;
                case HTML -> false;
                case NEGOTIATE -> prefersJson(headers.getOrDefault("accept", ""));
            };
            byte[] body = (json ? json(name, entries) : html(name, entries)).getBytes(StandardCharsets.UTF_8);
            String etag = "\"" + Dist.sha256(body).substring(0, 16) + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Vary", "Accept");
            String cc = cacheControl;
            if (cc != null) {
                exchange.getResponseHeaders().set("Cache-Control", cc);
            }
            if (etag.equals(headers.get("if-none-match"))) {
                return send(exchange, 304, null, null);
            }
            return send(exchange, 200, json ? "application/vnd.pypi.simple.v1+json" : "text/html; charset=utf-8", body);
        }
        if (path.startsWith("/files/")) {
            String filename = path.substring("/files/".length());
            boolean metadata = filename.endsWith(".metadata");
            String distName = metadata ? filename.substring(0, filename.length() - ".metadata".length()) : filename;
            Dist dist = projects.values().stream().flatMap(List::stream).map(Entry::dist)
                    .filter(d -> d.filename().equals(distName)).findFirst().orElse(null);
            if (dist == null || (metadata && !metadataFiles)) {
                return send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
            if (metadata) {
                return send(exchange, 200, "application/octet-stream", dist.metadata().getBytes(StandardCharsets.UTF_8));
            }
            byte[] content = dist.content();
            String range = headers.get("range");
            if (rangeRequests) {
                exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
                if (range != null) {
                    return sendRange(exchange, content, range);
                }
            }
            return send(exchange, 200, "application/octet-stream", content);
        }
        return send(exchange, 404, "text/plain", new byte[0]);
    }

    private int sendRange(HttpExchange exchange, byte[] content, String range) throws IOException {
        String spec = range.trim();
        if (!spec.startsWith("bytes=")) {
            return send(exchange, 416, null, new byte[0]);
        }
        String first = spec.substring(6).split(",")[0].trim();
        int dash = first.indexOf('-');
        long start;
        long end;
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(first.substring(1));
                start = Math.max(0, content.length - suffix);
                end = content.length - 1L;
            } else {
                start = Long.parseLong(first.substring(0, dash));
                end = dash == first.length() - 1 ? content.length - 1L
                        : Math.min(Long.parseLong(first.substring(dash + 1)), content.length - 1L);
            }
        } catch (NumberFormatException e) {
            return send(exchange, 416, null, new byte[0]);
        }
        if (start >= content.length || start > end) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
            return send(exchange, 416, null, new byte[0]);
        }
        exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
        byte[] part = java.util.Arrays.copyOfRange(content, (int) start, (int) end + 1);
        return send(exchange, 206, "application/octet-stream", part);
    }

    private int send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        // recorded before answering, so a client that has its answer sees the request counted
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, status));
        clients.add(exchange.getRemoteAddress().toString());
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (body == null || body.length == 0 || head) {
            if (head && body != null) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            if (!stall.isZero() && body.length > 1) {
                exchange.getResponseBody().write(body, 0, body.length / 2);
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return status;
                }
                exchange.getResponseBody().write(body, body.length / 2, body.length - body.length / 2);
            } else {
                exchange.getResponseBody().write(body);
            }
        }
        return status;
    }

    /** A small Accept parser: JSON wins when its q-value is at least HTML's. */
    static boolean prefersJson(String accept) {
        double json = 0;
        double html = 0;
        for (String part : accept.split(",")) {
            String[] bits = part.trim().split(";");
            double q = 1;
            for (int i = 1; i < bits.length; i++) {
                String p = bits[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String type = bits[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/vnd.pypi.simple.v1+json") || type.equals("application/vnd.pypi.simple.latest+json")) {
                json = Math.max(json, q);
            } else if (type.equals("text/html") || type.endsWith("+html") || type.equals("*/*")) {
                html = Math.max(html, q);
            }
        }
        return json > 0 && json >= html;
    }

    private String html(String name, List<Entry> entries) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"1.1\">\n");
        s.append("    <title>Links for ").append(name).append("</title>\n  </head>\n  <body>\n    <h1>Links for ")
                .append(name).append("</h1>\n");
        for (Entry e : entries) {
            Dist d = e.dist();
            s.append("    <a href=\"../../files/").append(escape(d.filename())).append("#sha256=").append(d.sha256()).append('"');
            if (e.options().requiresPython() != null) {
                s.append(" data-requires-python=\"").append(escape(e.options().requiresPython())).append('"');
            }
            if (e.options().yanked() != null) {
                s.append(" data-yanked=\"").append(escape(e.options().yanked())).append('"');
            }
            if (metadataListed) {
                s.append(" data-dist-info-metadata=\"sha256=").append(d.metadataSha256()).append('"');
                s.append(" data-core-metadata=\"sha256=").append(d.metadataSha256()).append('"');
            }
            s.append('>').append(escape(d.filename())).append("</a><br />\n");
        }
        return s.append("  </body>\n</html>\n").toString();
    }

    private String json(String name, List<Entry> entries) {
        StringBuilder s = new StringBuilder();
        s.append("{\"meta\":{\"api-version\":\"1.1\",\"_last-serial\":1},\"name\":").append(quote(name)).append(",\"files\":[");
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Dist d = e.dist();
            if (!versions.contains(d.version())) {
                versions.add(d.version());
            }
            s.append(i == 0 ? "" : ",").append("{\"filename\":").append(quote(d.filename()));
            s.append(",\"url\":").append(quote(fileUrl(d.filename()).toString()));
            s.append(",\"hashes\":{\"sha256\":").append(quote(d.sha256())).append('}');
            s.append(",\"size\":").append(d.content().length);
            if (e.options().requiresPython() != null) {
                s.append(",\"requires-python\":").append(quote(e.options().requiresPython()));
            }
            String yanked = e.options().yanked();
            s.append(",\"yanked\":").append(yanked == null ? "false" : yanked.isEmpty() ? "true" : quote(yanked));
            if (e.options().uploadTime() != null) {
                s.append(",\"upload-time\":").append(quote(e.options().uploadTime().toString()));
            }
            String meta = metadataListed ? "{\"sha256\":" + quote(d.metadataSha256()) + "}" : "false";
            s.append(",\"core-metadata\":").append(meta).append(",\"dist-info-metadata\":").append(meta);
            s.append('}');
        }
        s.append("],\"versions\":[");
        Collections.sort(versions);
        for (int i = 0; i < versions.size(); i++) {
            s.append(i == 0 ? "" : ",").append(quote(versions.get(i)));
        }
        return s.append("]}").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String normalize(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }
}
