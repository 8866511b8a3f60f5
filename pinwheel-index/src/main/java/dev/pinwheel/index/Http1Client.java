package dev.pinwheel.index;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 GETs over blocking sockets (JSSE's {@link SSLSocket} for https), with keep-alive
 * connections kept per origin. Written for pinwheel's one need, many parallel GETs of pages and
 * files, because the JDK's HTTP/2 client was the slowest part of a cold run: it multiplexes
 * every request to an origin over one connection, whose one thread decrypts and reassembles
 * all bodies (measured: ~27 MB/s, a 6.9 MB page in 250–300 ms, where a socket per request
 * decrypts on every core, faster per byte; the seed's 35 pages took 0.85–1.0 s instead of
 * 1.4–1.7 s).
 *
 * <p>Each origin has at most {@code perOrigin} connections; a request waits for a free one. A
 * connection is reused only after its response body was read to the end (small leftovers are
 * drained on close); a reused connection the server had already closed is replaced by a new one
 * without the caller seeing it. The timeout bounds connecting and every read, so a body that stops
 * flowing fails instead of blocking. No thread of its own: nothing keeps a JVM from exiting.
 */
final class Http1Client {

    /**
     * Where connections go: scheme, host, port, and whether certificates are checked. Not a
     * record: a record's equals and hashCode are linked through invokedynamic on first use, which
     * cost a cold JVM ~35 ms of CPU on the first request's path.
     */
    private static final class Origin {
        final boolean tls;
        final String host;
        final int port;
        final boolean verify;

        Origin(boolean tls, String host, int port, boolean verify) {
            this.tls = tls;
            this.host = host;
            this.port = port;
            this.verify = verify;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Origin other && tls == other.tls && port == other.port && verify == other.verify
                    && host.equals(other.host);
        }

        @Override
        public int hashCode() {
            return (host.hashCode() * 31 + port) * 4 + (tls ? 2 : 0) + (verify ? 1 : 0);
        }
    }

    /** The answer to one GET; closing the body gives its connection back. */
    record Response(int status, ResponseHeaders headers, InputStream body) {
        /** Closes the body: its connection goes back to the pool if the body was read (or is small). */
        void release() {
            try {
                body.close();
            } catch (IOException ignored) {
                // our bodies do not throw on close
            }
        }
    }

    /** What pinwheel calls itself in requests (and in CONNECT to a proxy). */
    static final String USER_AGENT = "pinwheel/0.1";

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_FIELDS = 256;
    private static final long DRAIN_LIMIT = 16 * 1024;

    private final Duration timeout;
    private final int perOrigin;
    private final Supplier<SSLSocketFactory> verifying;
    private final Supplier<SSLSocketFactory> insecure;
    private final String preferredSuite;
    private final Proxies proxies;
    private volatile SSLSocketFactory verifyingFactory;
    private volatile SSLSocketFactory insecureFactory;
    private final Map<Origin, Pool> pools = new ConcurrentHashMap<>();
    /** Connections lent out with a request, so that {@link #abort} can end blocked reads. */
    private final java.util.Set<Connection> busy = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param verifying    the TLS sockets that check certificates and host names (asked for lazily)
     * @param insecure     the TLS sockets for trusted hosts, which check nothing (asked for lazily)
     * @param preferredSuite a cipher suite to offer first where it is enabled (null: the JDK's order)
     * @param proxies      where requests go through a proxy: plain http in absolute form, https
     *                     through a {@code CONNECT} tunnel
     */
    Http1Client(Duration timeout, int perOrigin, Supplier<SSLSocketFactory> verifying,
                Supplier<SSLSocketFactory> insecure, String preferredSuite, Proxies proxies) {
        if (perOrigin < 1) {
            throw new IllegalArgumentException("perOrigin must be at least 1");
        }
        this.timeout = timeout;
        this.perOrigin = perOrigin;
        this.verifying = verifying;
        this.insecure = insecure;
        this.preferredSuite = preferredSuite;
        this.proxies = java.util.Objects.requireNonNull(proxies, "proxies");
    }

    /** Connections opened so far (for tests: keep-alive means fewer than requests). */
    int connectionsOpened() {
        return pools.values().stream().mapToInt(p -> p.opened).sum();
    }

    /**
     * Sends {@code GET uri} with {@code headers} (a Host header is added) and reads the status and
     * header fields. The caller must close the body. Interim 1xx answers are skipped.
     *
     * @param checkCertificates false for hosts the user trusts without a certificate check
     */
    Response get(URI uri, Map<String, String> headers, boolean checkCertificates) throws IOException {
        return get(uri, headers, checkCertificates, () -> { });
    }

    /** Like {@link #get(URI, Map, boolean)}; {@code connected} runs once a connection (new or reused) is ready. */
    Response get(URI uri, Map<String, String> headers, boolean checkCertificates, Runnable connected) throws IOException {
        if (closed) {
            throw new IOException("the HTTP client is closed");
        }
        Origin origin = origin(uri, checkCertificates);
        Pool pool = pools.computeIfAbsent(origin, o -> new Pool(o, perOrigin,
                proxies.forTarget(o.tls, o.host, o.port).orElse(null)));
        byte[] request = request(uri, origin, headers, pool.proxy != null && !origin.tls ? pool.proxy : null);
        try {
            pool.slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection");
        }
        boolean handedOver = false;
        try {
            while (true) {
                Connection c = pool.idle.pollFirst();
                boolean reused = c != null;
                if (c == null) {
                    c = connect(pool);
                }
                busy.add(c);
                connected.run();
                if (closed) { // aborted while this one connected: abort() may have missed it
                    busy.remove(c);
                    c.close();
                    throw new IOException("the HTTP client is closed");
                }
                try {
                    c.out.write(request);
                    c.out.flush();
                    Response r = readResponse(c, pool);
                    handedOver = true;
                    return r;
                } catch (IOException e) {
                    busy.remove(c);
                    c.close();
                    if (closed) {
                        throw e;
                    }
                    if (reused && !(e instanceof SocketTimeoutException)) {
                        continue; // the server had closed this idle connection: another one
                    }
                    throw e;
                }
            }
        } finally {
            if (!handedOver) {
                pool.slots.release();
            }
        }
    }

    /** Closes every idle connection; connections still reading close when their body is closed. */
    void close() {
        closed = true;
        for (Pool p : pools.values()) {
            for (Connection c; (c = p.idle.pollFirst()) != null; ) {
                c.close();
            }
        }
    }

    /**
     * Closes every connection, also those a request is reading from: a blocked read fails at once
     * with an IOException (a socket read does not answer a thread's interrupt). For a client
     * whose remaining requests nobody waits for.
     */
    void abort() {
        close();
        for (Connection c : busy) {
            c.close();
        }
    }

    private static Origin origin(URI uri, boolean checkCertificates) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls;
        switch (scheme) {
            case "https" -> tls = true;
            case "http" -> tls = false;
            default -> throw new IOException("not an http(s) URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IOException("the URL names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return new Origin(tls, host.toLowerCase(Locale.ROOT), port, tls && checkCertificates);
    }

    /** The request's bytes; through a proxy (plain http only) in absolute form, with the proxy's credentials. */
    private static byte[] request(URI uri, Origin origin, Map<String, String> headers, Proxies.Proxy viaProxy) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String authority = authority(origin);
        StringBuilder sb = new StringBuilder(256).append("GET ");
        if (viaProxy != null) {
            sb.append("http://").append(authority);
        }
        sb.append(path);
        if (uri.getRawQuery() != null) {
            sb.append('?').append(uri.getRawQuery());
        }
        sb.append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
        if (viaProxy != null && viaProxy.authorization() != null) {
            sb.append("Proxy-Authorization: ").append(viaProxy.authorization()).append("\r\n");
        }
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Host")) {
                return;
            }
            if (bad(name) || bad(value)) {
                throw new IllegalArgumentException("a header may not contain a line break: " + name);
            }
            sb.append(name).append(": ").append(value).append("\r\n");
        });
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** host[:port] as a Host header writes it (the port only when it is not the scheme's). */
    private static String authority(Origin origin) {
        return origin.port != (origin.tls ? 443 : 80) ? hostAndPort(origin) : bracketed(origin.host);
    }

    /** host:port, as CONNECT names its target. */
    private static String hostAndPort(Origin origin) {
        return bracketed(origin.host) + ":" + origin.port;
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host; // an IPv6 literal
    }

    private static boolean bad(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    private Connection connect(Pool pool) throws IOException {
        Origin o = pool.origin;
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        IOException failure = null;
        Socket socket = null;
        String host = pool.proxy != null ? pool.proxy.host() : o.host;
        int port = pool.proxy != null ? pool.proxy.port() : o.port;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            if (pool.proxy != null) {
                throw new java.net.ConnectException("the proxy " + pool.proxy + " does not resolve");
            }
            throw e;
        }
        for (InetAddress address : addresses) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(address, port), millis);
                socket = s;
                break;
            } catch (IOException e) {
                s.close();
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (socket == null) {
            if (pool.proxy != null && failure != null && !(failure instanceof SocketTimeoutException)) {
                throw new java.net.ConnectException("cannot connect to the proxy " + pool.proxy + ": " + failure.getMessage());
            }
            throw failure != null ? failure : new IOException("no address for " + host);
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis);
            if (o.tls && pool.proxy != null) {
                tunnel(socket, o, pool.proxy);
            }
            if (o.tls) {
                SSLSocket tls = (SSLSocket) factory(o.verify).createSocket(socket, o.host, o.port, true);
                SSLParameters params = tls.getSSLParameters();
                if (preferredSuite != null) {
                    params.setCipherSuites(preferring(preferredSuite, params.getCipherSuites()));
                }
                // The host name is checked here, after the handshake (HostnameCheck), not by the
                // JDK's endpoint identification, which parses its whole trust store on first use.
                tls.setSSLParameters(params);
                tls.startHandshake();
                socket = tls;
                if (o.verify) {
                    verifyHost(tls, o.host);
                }
            }
            synchronized (pool) {
                pool.opened++;
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Refuses a connection whose server certificate does not name {@code host}, as a failed handshake. */
    private static void verifyHost(SSLSocket tls, String host) throws IOException {
        java.security.cert.Certificate[] chain = tls.getSession().getPeerCertificates();
        try {
            if (chain.length == 0 || !(chain[0] instanceof java.security.cert.X509Certificate leaf)) {
                throw new HostnameCheck.Mismatch("the server sent no X.509 certificate");
            }
            HostnameCheck.verify(host, leaf);
        } catch (java.security.cert.CertificateException e) {
            javax.net.ssl.SSLHandshakeException refused = new javax.net.ssl.SSLHandshakeException(
                    "the certificate does not name " + host + ": " + e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }

    /**
     * Asks the proxy for a tunnel to the origin ({@code CONNECT host:port}) and reads its answer
     * byte by byte, so that nothing of the TLS stream that follows is read ahead.
     */
    private static void tunnel(Socket socket, Origin o, Proxies.Proxy proxy) throws IOException {
        String target = hostAndPort(o);
        StringBuilder sb = new StringBuilder("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ").append(target)
                .append("\r\nUser-Agent: ").append(USER_AGENT).append("\r\n");
        if (proxy.authorization() != null) {
            sb.append("Proxy-Authorization: ").append(proxy.authorization()).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        Connection raw = new Connection(socket, socket.getInputStream());
        String status = raw.line();
        while (!raw.line().isEmpty()) {
            // the proxy's header fields: nothing pinwheel needs
        }
        if (!status.startsWith("HTTP/1.") || status.length() < 12 || !status.substring(9, 12).equals("200")) {
            throw new java.net.ConnectException("the proxy " + proxy + " refused the tunnel to " + target + ": "
                    + abbreviate(status) + (status.contains(" 407") ? " (it wants credentials: http://user:password@host:port)" : ""));
        }
    }

    private SSLSocketFactory factory(boolean verify) {
        SSLSocketFactory f = verify ? verifyingFactory : insecureFactory;
        if (f == null) {
            synchronized (this) {
                f = verify ? verifyingFactory : insecureFactory;
                if (f == null) {
                    f = (verify ? verifying : insecure).get();
                    if (verify) {
                        verifyingFactory = f;
                    } else {
                        insecureFactory = f;
                    }
                }
            }
        }
        return f;
    }

    /** {@code suites} with {@code first} moved to the front, if it is among them. */
    static String[] preferring(String first, String[] suites) {
        for (int i = 0; i < suites.length; i++) {
            if (suites[i].equals(first)) {
                String[] ordered = suites.clone();
                System.arraycopy(suites, 0, ordered, 1, i);
                ordered[0] = first;
                return ordered;
            }
        }
        return suites;
    }

    private Response readResponse(Connection c, Pool pool) throws IOException {
        while (true) {
            String statusLine = c.line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("not an HTTP/1.x answer: " + abbreviate(statusLine));
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new ProtocolException("not an HTTP status: " + abbreviate(statusLine));
            }
            boolean http10 = statusLine.charAt(7) == '0';
            ResponseHeaders.Builder b = new ResponseHeaders.Builder();
            int fields = 0;
            for (String line; !(line = c.line()).isEmpty(); ) {
                if (++fields > MAX_FIELDS) {
                    throw new ProtocolException("more than " + MAX_FIELDS + " header fields");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue; // not a field (or an obsolete folded line): ignored, as browsers do
                }
                b.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            ResponseHeaders h = b.build();
            if (status >= 100 && status < 200) {
                continue; // 100 Continue, 103 Early Hints: the real answer follows
            }
            boolean keepAlive = http10 ? h.hasToken("Connection", "keep-alive") : !h.hasToken("Connection", "close");
            Body body;
            if (status == 204 || status == 304) {
                body = new Body(c, pool, 0, keepAlive);
            } else if (!h.allValues("Transfer-Encoding").isEmpty()) {
                body = h.hasToken("Transfer-Encoding", "chunked") ? new Body(c, pool, Body.CHUNKED, keepAlive)
                        : new Body(c, pool, Body.UNTIL_CLOSE, false);
            } else if (h.firstValue("Content-Length").isPresent()) {
                long length = h.firstValueAsLong("Content-Length").orElse(-1);
                for (String v : h.allValues("Content-Length")) {
                    if (!v.strip().equals(String.valueOf(length))) {
                        throw new ProtocolException("conflicting or invalid Content-Length: " + h.allValues("Content-Length"));
                    }
                }
                if (length < 0) {
                    throw new ProtocolException("invalid Content-Length: " + length);
                }
                body = new Body(c, pool, length, keepAlive);
            } else {
                body = new Body(c, pool, Body.UNTIL_CLOSE, false);
            }
            return new Response(status, h, body);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static final class Pool {
        final Origin origin;
        final Semaphore slots;
        final Proxies.Proxy proxy;
        final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
        int opened;

        Pool(Origin origin, int size, Proxies.Proxy proxy) {
            this.origin = origin;
            this.slots = new Semaphore(size);
            this.proxy = proxy;
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this(socket, new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        }

        Connection(Socket socket, InputStream in) throws IOException {
            this.socket = socket;
            this.in = in;
            this.out = socket.getOutputStream();
        }

        /** One line without its CRLF (a bare LF ends it too). */
        String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the server closed the connection"
                            + (sb.length() > 0 ? " in the middle of a line" : ""));
                }
                if (b == '\n') {
                    int end = sb.length();
                    if (end > 0 && sb.charAt(end - 1) == '\r') {
                        sb.setLength(end - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() >= MAX_LINE) {
                    throw new ProtocolException("a header line longer than " + MAX_LINE + " bytes");
                }
                sb.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }

    /** A response body framed by a length, by chunks, or by the end of the connection. */
    private final class Body extends InputStream {
        static final long CHUNKED = -1;
        static final long UNTIL_CLOSE = -2;

        private final Connection c;
        private final Pool pool;
        private final long length;
        private final boolean keepAlive;
        private long remaining; // of the body (length framing) or of the current chunk
        private long read;
        private boolean done;
        private boolean closed;

        Body(Connection c, Pool pool, long length, boolean keepAlive) {
            this.c = c;
            this.pool = pool;
            this.length = length;
            this.keepAlive = keepAlive;
            this.remaining = length >= 0 ? length : 0;
            this.done = length == 0;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the body is closed");
            }
            if (len == 0) {
                return 0;
            }
            if (done) {
                return -1;
            }
            if (length == UNTIL_CLOSE) {
                int n = c.in.read(b, off, len);
                if (n < 0) {
                    done = true;
                }
                return n;
            }
            if (length == CHUNKED && remaining == 0) {
                remaining = nextChunk();
                if (remaining == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = c.in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException(length >= 0
                        ? "the body ended after " + read + " of its " + length + " bytes"
                        : "the connection closed in the middle of a chunk");
            }
            remaining -= n;
            read += n;
            if (remaining == 0) {
                if (length >= 0) {
                    done = true;
                } else {
                    expectLineEnd();
                }
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            if (closed || done) {
                return 0;
            }
            int buffered = c.in.available();
            return length == UNTIL_CLOSE ? buffered : (int) Math.min(buffered, remaining);
        }

        private long nextChunk() throws IOException {
            String line = c.line();
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("not a chunk size: " + abbreviate(line));
            }
            if (size < 0) {
                throw new ProtocolException("not a chunk size: " + abbreviate(line));
            }
            if (size == 0) {
                for (int i = 0; !c.line().isEmpty(); i++) { // trailer fields: skipped
                    if (i > MAX_FIELDS) {
                        throw new ProtocolException("more than " + MAX_FIELDS + " trailer fields");
                    }
                }
            }
            return size;
        }

        private void expectLineEnd() throws IOException {
            if (!c.line().isEmpty()) {
                throw new ProtocolException("a chunk is longer than its size");
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!done && length >= 0 && remaining <= DRAIN_LIMIT) {
                    try {
                        c.in.skipNBytes(remaining);
                        done = true;
                    } catch (IOException e) {
                        // not reusable then
                    }
                }
                busy.remove(c);
                if (done && keepAlive && !Http1Client.this.closed) {
                    pool.idle.offerFirst(c);
                } else {
                    c.close();
                }
            } finally {
                pool.slots.release();
            }
        }
    }
}
