package dev.pinwheel.index;

import dev.pinwheel.packaging.PinwheelException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP for the index client: HTTP/1.1 with keep-alive connections ({@link Http1Client}), created
 * on the first request only (a warm run answered from fresh cache entries never loads TLS);
 * redirects followed (never from https to http); retries of timeouts, connection failures, 5xx
 * and 429 with exponential backoff; credentials in headers, for the host each request goes to; at
 * most {@code parallelism} requests in flight; every request reported, redacted, to the listener.
 */
final class Transport {

    /** What a body reader learns besides the body: the headers, and the URL after redirects. */
    record Response(URI uri, ResponseHeaders headers) {
    }

    /** Reads a response body; may throw IOException (retried like a failed request). */
    interface BodyReader<T> {
        T read(int status, Response response, InputStream body) throws IOException;
    }

    private static final int MAX_REDIRECTS = 5;
    /**
     * Connections per origin. Each costs a full TLS handshake (~20 ms of CPU; PyPI's CDN offers no
     * session resumption), but with four the range reads of a resolve's critical path queued
     * behind speculative ones: on the seed's base.in pydantic's metadata waited ~0.27 s for a
     * connection to files.pythonhosted.org. Measured on 2026-11-28 (cold compiles, alternating
     * rounds, one jar): seed base.in 4 → 1.45 s and 1.34 s, 6 → 1.29 s, 8 → 1.21 s and 1.10 s,
     * 12 → 1.18 s, 16 → 1.16 s (medians of 10); dispatch 4 → 4.54 s, 8 → 3.70 s, 12 → 3.48 s
     * (medians of 4). (In 2026-11-26's client, whose handshakes cost more, 6 and 10 were slower
     * than 4.) Two origins of 8 fill the default 16 requests in flight.
     */
    static final int PER_ORIGIN = 8;

    private final IndexSettings settings;
    private final Credentials credentials;
    private final Redactor redactor;
    private final RequestListener listener;
    static final String CHACHA20 = "TLS_CHACHA20_POLY1305_SHA256";

    private final Semaphore inFlight;
    private final Set<String> trustedHosts;
    /**
     * Per origin, completed once its first request has a connection (its handshake done), or has
     * failed. Requests sent while no connection to an origin exists each open their own and pay
     * the first handshake's costs (loading and warming the TLS code) side by side; the first
     * request to an origin goes alone and the others wait for its handshake, not for its response
     * (which cost the first page requests of a cold compile the server's time to answer, ~50 ms).
     */
    private final Map<String, CompletableFuture<Void>> connected = new ConcurrentHashMap<>();
    private volatile Http1Client client;
    private KeyManager[] keys;

    Transport(IndexSettings settings, Credentials credentials, Redactor redactor, RequestListener listener) {
        this.settings = settings;
        this.credentials = credentials;
        this.redactor = redactor;
        this.listener = listener;
        this.inFlight = new Semaphore(settings.parallelism());
        this.trustedHosts = settings.trustedHosts();
    }

    boolean started() {
        return client != null;
    }

    boolean isTrusted(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return trustedHosts.contains(host) || uri.getPort() >= 0 && trustedHosts.contains(host + ":" + uri.getPort());
    }

    private Http1Client client() {
        Http1Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = new Http1Client(settings.timeout(), Math.min(PER_ORIGIN, settings.parallelism()),
                            () -> context(verifyingContext(settings.caBundle(), keyManagers())).getSocketFactory(),
                            () -> trustAll(keyManagers()).getSocketFactory(), CHACHA20, settings.proxies());
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * The TLS context for checked connections. ChaCha20-Poly1305 is offered first: the launcher
     * runs the JIT's first tier only (fast starts), which has no AES-GCM intrinsics, and
     * decrypting a download with AES-GCM then costs about twice the CPU of ChaCha20 (measured: 31
     * MB from PyPI, 2.6 s vs 1.2 s). PyPI's CDN honours the client's order; servers that do not
     * still get every suite.
     */
    private static SSLContext context(SSLContext ssl) {
        try {
            return ssl != null ? ssl : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /**
     * The default TLS context, but with the trust store read lazily ({@link TrustAnchors}): the
     * JDK's default context parses all of its ~140 roots before the first handshake. Null (the
     * JDK's default) where trust or key store properties are set or the store is not JKS. With
     * pip's {@code cert} set, the authorities of that PEM bundle instead, as pip trusts them.
     * {@code keys} (null: none) present pip's {@code client-cert} to servers that ask for one.
     */
    static SSLContext verifyingContext(Optional<Path> caBundle, KeyManager[] keys) {
        if (caBundle.isPresent()) {
            TrustAnchors bundle;
            try {
                bundle = TrustAnchors.ofPem(caBundle.get());
            } catch (IOException e) {
                boolean missing = e instanceof java.nio.file.NoSuchFileException;
                String why = missing ? "no such file" : e.getMessage() != null ? e.getMessage() : e.toString();
                throw new IndexException(PinwheelException.Category.BAD_INPUT,
                        "cannot use the CA bundle " + caBundle.get() + ": " + why,
                        "--cert and pip's cert setting (pip.conf, PIP_CERT) name a PEM file of certificate authorities; "
                                + "without them the JDK's trust store is used", missing ? null : e);
            }
            return withManagers(keys, bundle);
        }
        if (keys == null && System.getProperty("javax.net.ssl.keyStore") != null) {
            return null;
        }
        return TrustAnchors.forDefaultStore().map(anchors -> withManagers(keys, anchors))
                .orElseGet(() -> keys == null ? null : withManagers(keys, null));
    }

    /**
     * The client's key managers for pip's client-cert, null without one; the file is read (and its
     * key checked) once, for the checked and the trusted-host contexts alike.
     */
    private synchronized KeyManager[] keyManagers() {
        if (keys == null && settings.clientCert().isPresent()) {
            keys = ClientIdentity.read(settings.clientCert().get()).keyManagers();
        }
        return keys;
    }

    /** A context with these key managers (null: none) and this trust manager (null: the JDK's default). */
    private static SSLContext withManagers(KeyManager[] keys, TrustManager anchors) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, anchors == null ? null : new TrustManager[] {anchors}, null);
            return ctx;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    /** For --trusted-host over https: pip skips certificate checks for these hosts. */
    private static SSLContext trustAll(KeyManager[] keys) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a GET and hands the response to {@code reader}. 5xx/429 answers, timeouts and I/O
     * failures (also while reading the body) are retried; after the last attempt an
     * {@link IndexException} names the redacted URL. Other statuses go to the reader.
     */
    <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) {
        String shown = redactor.redact(uri.toString());
        String origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = connected.putIfAbsent(origin, mine);
        if (first != null) {
            awaitConnection(first);
        }
        try {
            return send(uri, headers, reader, shown, () -> mine.complete(null));
        } finally {
            mine.complete(null); // also when the first request failed: the others then try for themselves
        }
    }

    private void awaitConnection(CompletableFuture<Void> first) {
        try {
            // a handshake slower than this is trouble of its own; do not queue behind it
            first.get(Math.min(settings.timeout().toMillis(), 10_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("interrupted", null, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the first request is slow or failed: go ahead without its connection
        }
    }

    private <T> T send(URI uri, Map<String, String> headers, BodyReader<T> reader, String shown, Runnable connected) {
        String failure = null;
        IOException lastError = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                sleep(settings.retryBackoff().multipliedBy(1L << (attempt - 2)));
            }
            RequestListener.Request event = new RequestListener.Request("GET", shown, headers.get("Range"),
                    headers.containsKey("If-None-Match") || headers.containsKey("If-Modified-Since"), attempt);
            listener.requestStarted(event);
            long started = System.nanoTime();
            boolean acquired = false;
            Http1Client.Response response = null;
            try {
                inFlight.acquire();
                acquired = true;
                URI at = uri;
                for (int redirects = 0; ; redirects++) {
                    response = client().get(at, withCredentials(at, headers), !isTrusted(at), connected);
                    URI next = redirect(at, response);
                    if (next == null) {
                        break;
                    }
                    response.release();
                    response = null;
                    if (redirects == MAX_REDIRECTS) {
                        throw new IndexException(shown + " redirects more than " + MAX_REDIRECTS + " times",
                                "check the index URL", null);
                    }
                    at = next;
                }
                int status = response.status();
                if ((status >= 500 || status == 429) && attempt < settings.attempts()) {
                    listener.requestFinished(event, status, 0, Duration.ofNanos(System.nanoTime() - started));
                    failure = "HTTP " + status;
                    continue;
                }
                if (status >= 500 || status == 429) {
                    listener.requestFinished(event, status, 0, Duration.ofNanos(System.nanoTime() - started));
                    throw new IndexException(shown + " answered HTTP " + status + " (" + settings.attempts() + " attempts)",
                            "the index is failing; try again later or check --index-url", null);
                }
                if (status == 401 || status == 403) {
                    listener.requestFinished(event, status, 0, Duration.ofNanos(System.nanoTime() - started));
                    throw new IndexException(shown + " answered HTTP " + status + (status == 401 ? " (authentication required)" : " (forbidden)"),
                            "give credentials in the index URL (https://user:password@host/...) or in ~/.netrc", null);
                }
                CountingStream body = new CountingStream(response.body());
                try {
                    T result = reader.read(status, new Response(at, response.headers()), body);
                    listener.requestFinished(event, status, body.count, Duration.ofNanos(System.nanoTime() - started));
                    return result;
                } catch (SocketTimeoutException e) {
                    throw new IOException("stalled: no data for " + settings.timeout().toMillis() + " ms", e);
                }
            } catch (SocketTimeoutException e) {
                connected.run(); // waiting for this connection is pointless now
                lastError = e;
                failure = "timed out after " + settings.timeout().toMillis() + " ms";
                listener.requestFailed(event, failure);
            } catch (IOException e) {
                connected.run();
                String untrusted = certificateProblem(e);
                if (untrusted != null) { // another attempt would get the same certificate
                    listener.requestFailed(event, untrusted);
                    throw new IndexException("cannot reach " + shown + ": " + untrusted, settings.caBundle()
                            .map(b -> "the authorities trusted are those of " + b + " (--cert or pip's cert setting); "
                                    + "add the index's authority to it, or, for a host you trust, --trusted-host skips the check")
                            .orElse("if the index's certificate comes from a private authority, name a PEM bundle that "
                                    + "holds it with --cert or pip's cert setting (pip.conf, PIP_CERT); for a host you "
                                    + "trust, --trusted-host skips the check"), e);
                }
                String refused = clientCertificateRefused(e, settings.clientCert().isPresent());
                if (refused != null) { // so would another attempt be
                    listener.requestFailed(event, refused);
                    throw new IndexException("cannot reach " + shown + ": " + refused, settings.clientCert()
                            .map(c -> "the server did not accept the certificate of " + c
                                    + " (--client-cert or pip's client-cert setting); ask its administrators which one it takes")
                            .orElse("name a PEM file that holds the client's key and certificate with --client-cert or "
                                    + "pip's client-cert setting (pip.conf, PIP_CLIENT_CERT)"), e);
                }
                lastError = e;
                failure = describe(e);
                listener.requestFailed(event, failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexException("interrupted while fetching " + shown, null, e);
            } finally {
                if (response != null) {
                    response.release(); // gives the connection back (or closes it, if the body was not read)
                }
                if (acquired) {
                    inFlight.release();
                }
            }
        }
        throw new IndexException("cannot reach " + shown + ": " + failure + " (" + settings.attempts() + " attempts)",
                "check the network and the index URL; pip's PIP_DEFAULT_TIMEOUT / --timeout sets the timeout", lastError);
    }

    private Map<String, String> withCredentials(URI uri, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("User-Agent", Http1Client.USER_AGENT);
        all.putAll(headers);
        credentials.authorization(uri).ifPresent(a -> all.put("Authorization", a));
        return all;
    }

    /** Where a redirect points, or null: followed like browsers do, never from https to http. */
    private static URI redirect(URI from, Http1Client.Response response) {
        return redirectTarget(from, response.status(), response.headers().firstValue("Location").orElse(null));
    }

    static URI redirectTarget(URI from, int status, String location) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        if (location == null) {
            return null;
        }
        URI next;
        try {
            next = from.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
                || "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            return null;
        }
        return next;
    }

    /** Closes the idle connections; a closed transport makes no further requests. */
    void close() {
        Http1Client c = client;
        if (c != null) {
            c.close();
        }
    }

    /** Closes every connection, ending requests still reading (their callers get an error). */
    void abort() {
        Http1Client c = client;
        if (c != null) {
            c.abort();
        }
    }

    /** What is wrong with the server's certificate, when that is why the handshake failed; else null. */
    static String certificateProblem(IOException e) {
        if (!(e instanceof javax.net.ssl.SSLHandshakeException)) {
            return null;
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.security.cert.CertificateExpiredException) {
                return "its certificate has expired (" + c.getMessage() + ")";
            }
            if (c instanceof java.security.cert.CertificateNotYetValidException) {
                return "its certificate is not valid yet (" + c.getMessage() + ")";
            }
            if (c instanceof java.security.cert.CertPathBuilderException
                    || c instanceof java.security.cert.CertPathValidatorException) {
                return "its certificate is not trusted (no path to a trusted root: " + c.getMessage() + ")";
            }
            if (c instanceof HostnameCheck.Mismatch) {
                return "its certificate is for another host name (" + c.getMessage() + ")";
            }
        }
        return null;
    }

    /**
     * What a server that wants a client certificate said when it got none, or none it accepts (a
     * TLS alert, seen during the handshake or, in TLS 1.3, at the first read); null otherwise.
     */
    static String clientCertificateRefused(IOException e, boolean presented) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c instanceof javax.net.ssl.SSLException && c.getMessage() != null
                    && c.getMessage().contains("Received fatal alert") ? c.getMessage() : "";
            if (m.contains("certificate_required")) {
                return "the server asks for a client certificate (" + m + ")";
            }
            if (m.contains("bad_certificate") || m.contains("unknown_ca") || m.contains("certificate_unknown")
                    || m.contains("access_denied")) {
                return (presented ? "the server refused the client certificate (" : "the server asks for a client certificate (")
                        + m + ")";
            }
        }
        return null;
    }

    private String describe(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host (the name does not resolve)";
            }
        }
        if (e instanceof java.net.ConnectException) {
            // the JDK's client says no more for a refused or unreachable port
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c.getMessage() != null && !c.getMessage().isBlank()) {
                    return redactor.redact("cannot connect: " + c.getMessage());
                }
            }
            return "cannot connect";
        }
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return redactor.redact(m == null || m.isBlank() ? name : name + ": " + m);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("interrupted", null, e);
        }
    }

    /** Counts the body bytes read, for the listener. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
