package dev.pinwheel.index;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP for the index client: one {@link HttpClient} (HTTP/2 where the server offers it,
 * connection reuse), created on the first request only (its construction costs ~0.1 s, which a
 * warm run must not pay); retries of timeouts, connection failures, 5xx and 429 with exponential
 * backoff; credentials in headers; at most {@code parallelism} requests in flight; every request
 * reported, redacted, to the listener.
 */
final class Transport {

    /** Reads a response body; may throw IOException (retried like a failed request). */
    interface BodyReader<T> {
        T read(int status, HttpResponse<InputStream> response, InputStream body) throws IOException;
    }

    private final IndexSettings settings;
    private final Credentials credentials;
    private final Redactor redactor;
    private final RequestListener listener;
    static final String CHACHA20 = "TLS_CHACHA20_POLY1305_SHA256";

    private final Semaphore inFlight;
    private final Set<String> trustedHosts;
    /**
     * Per origin, completed once its first request has its response headers. Requests sent while
     * no connection to an origin exists each open their own (a TLS handshake apiece, ~0.1 s of
     * CPU); HTTP/2 then multiplexes everything over one. So the first request to an origin goes
     * alone and the others wait for its connection (measured: a dozen parallel first requests to
     * PyPI took twice as long, and 40% more CPU, as one request followed by the rest).
     */
    private final Map<String, CompletableFuture<Void>> connected = new ConcurrentHashMap<>();
    private volatile HttpClient client;
    private volatile HttpClient insecureClient;
    private volatile ScheduledExecutorService watchdog;

    Transport(IndexSettings settings, Credentials credentials, Redactor redactor, RequestListener listener) {
        this.settings = settings;
        this.credentials = credentials;
        this.redactor = redactor;
        this.listener = listener;
        this.inFlight = new Semaphore(settings.parallelism());
        this.trustedHosts = settings.trustedHosts();
    }

    boolean started() {
        return client != null || insecureClient != null;
    }

    boolean isTrusted(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return trustedHosts.contains(host) || uri.getPort() >= 0 && trustedHosts.contains(host + ":" + uri.getPort());
    }

    private HttpClient client(URI uri) {
        boolean insecure = "https".equalsIgnoreCase(uri.getScheme()) && isTrusted(uri);
        if (insecure) {
            HttpClient c = insecureClient;
            if (c == null) {
                synchronized (this) {
                    if (insecureClient == null) {
                        insecureClient = newClient(trustAll());
                    }
                    c = insecureClient;
                }
            }
            return c;
        }
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = newClient(verifyingContext());
                }
                c = client;
            }
        }
        return c;
    }

    private HttpClient newClient(SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.timeout());
        if (ssl != null) {
            b.sslContext(ssl);
        }
        b.sslParameters(chachaFirst(ssl));
        return b.build();
    }

    /**
     * The default TLS parameters with ChaCha20-Poly1305 offered first. The launcher runs the JIT's
     * first tier only (fast starts), which has no AES-GCM intrinsics: decrypting a download with
     * AES-GCM then costs about twice the CPU of ChaCha20 (measured: 31 MB from PyPI, 2.6 s vs
     * 1.2 s). PyPI's CDN honours the client's order; servers that do not still get every suite.
     */
    static SSLParameters chachaFirst(SSLContext ssl) {
        try {
            SSLParameters params = (ssl != null ? ssl : SSLContext.getDefault()).getDefaultSSLParameters();
            List<String> suites = new ArrayList<>(List.of(params.getCipherSuites()));
            if (suites.remove(CHACHA20)) {
                suites.add(0, CHACHA20);
                params.setCipherSuites(suites.toArray(String[]::new));
            }
            return params;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /**
     * The default TLS context, but with the trust store read lazily ({@link TrustAnchors}): the
     * JDK's default context parses all of its ~140 roots before the first handshake. Null (the
     * JDK's default) where trust or key store properties are set or the store is not JKS.
     */
    static SSLContext verifyingContext() {
        if (System.getProperty("javax.net.ssl.keyStore") != null) {
            return null;
        }
        return TrustAnchors.forDefaultStore().map(anchors -> {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {anchors}, null);
                return ctx;
            } catch (NoSuchAlgorithmException | KeyManagementException e) {
                return null;
            }
        }).orElse(null);
    }

    /** For --trusted-host over https: pip skips certificate checks for these hosts. */
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
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
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(settings.timeout())
                    .header("User-Agent", "pinwheel/0.1");
            headers.forEach(rb::header);
            credentials.authorization(uri).ifPresent(a -> rb.header("Authorization", a));
            RequestListener.Request event = new RequestListener.Request("GET", shown, headers.get("Range"),
                    headers.containsKey("If-None-Match") || headers.containsKey("If-Modified-Since"), attempt);
            listener.requestStarted(event);
            long started = System.nanoTime();
            boolean acquired = false;
            try {
                inFlight.acquire();
                acquired = true;
                HttpResponse<InputStream> response = client(uri).send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
                connected.run(); // the headers are here, so is the connection
                int status = response.statusCode();
                if ((status >= 500 || status == 429) && attempt < settings.attempts()) {
                    response.body().close();
                    listener.requestFinished(event, status, 0, Duration.ofNanos(System.nanoTime() - started));
                    failure = "HTTP " + status;
                    continue;
                }
                if (status >= 500 || status == 429) {
                    response.body().close();
                    listener.requestFinished(event, status, 0, Duration.ofNanos(System.nanoTime() - started));
                    throw new IndexException(shown + " answered HTTP " + status + " (" + settings.attempts() + " attempts)",
                            "the index is failing; try again later or check --index-url", null);
                }
                if (status == 401 || status == 403) {
                    response.body().close();
                    listener.requestFinished(event, status, 0, Duration.ofNanos(System.nanoTime() - started));
                    throw new IndexException(shown + " answered HTTP " + status + (status == 401 ? " (authentication required)" : " (forbidden)"),
                            "give credentials in the index URL (https://user:password@host/...) or in ~/.netrc", null);
                }
                try (CountingStream body = new CountingStream(response.body())) {
                    ScheduledFuture<?> watch = watchdog().scheduleAtFixedRate(body::closeIfStalled, period(), period(),
                            TimeUnit.MILLISECONDS);
                    try {
                        T result = reader.read(status, response, body);
                        listener.requestFinished(event, status, body.count, Duration.ofNanos(System.nanoTime() - started));
                        return result;
                    } catch (IOException e) {
                        throw body.stalled ? new IOException("stalled: no data for " + settings.timeout().toMillis() + " ms", e) : e;
                    } finally {
                        watch.cancel(false);
                    }
                }
            } catch (HttpTimeoutException e) {
                connected.run(); // waiting for this connection is pointless now
                lastError = e;
                failure = "timed out after " + settings.timeout().toMillis() + " ms";
                listener.requestFailed(event, failure);
            } catch (IOException e) {
                connected.run();
                lastError = e;
                failure = describe(e);
                listener.requestFailed(event, failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexException("interrupted while fetching " + shown, null, e);
            } finally {
                if (acquired) {
                    inFlight.release();
                }
            }
        }
        throw new IndexException("cannot reach " + shown + ": " + failure + " (" + settings.attempts() + " attempts)",
                "check the network and the index URL; pip's PIP_DEFAULT_TIMEOUT / --timeout sets the timeout", lastError);
    }

    /**
     * Stops the HTTP clients' selector threads. Their thread waits in {@code epoll_wait}, and a
     * JVM on its way out waits up to 300 ms for every thread still running native code (HotSpot's
     * {@code VM_Exit::wait_for_threads_in_native_to_block}): measured, every command that had
     * made a request took 0.3 s longer to exit than to finish. Call only when no request is in
     * flight any more; a stopped client makes no further requests.
     */
    void close() {
        for (HttpClient c : new HttpClient[] {client, insecureClient}) {
            if (c != null) {
                stop(c);
            }
        }
    }

    /**
     * Stops a client's selector thread: through {@code HttpClient.shutdownNow()} where the JDK
     * has it (21 and later); on JDK 17 through the client's internal selector manager, which the
     * launcher opens to pinwheel ({@code Add-Opens} in the jar's manifest). Where neither is
     * possible nothing happens but the slower exit.
     */
    static boolean stop(HttpClient c) {
        try {
            // HttpClient's own public method: the implementing class is in a package nobody may reach
            HttpClient.class.getMethod("shutdownNow").invoke(c);
            return true;
        } catch (NoSuchMethodException e) {
            // JDK 17: no public way
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        Module http = HttpClient.class.getModule();
        if (!http.isOpen("jdk.internal.net.http", Transport.class.getModule())) {
            return false;
        }
        try {
            java.lang.reflect.Field impl = c.getClass().getDeclaredField("impl");
            impl.setAccessible(true);
            Object client = impl.get(c);
            java.lang.reflect.Field selectorManager = client.getClass().getDeclaredField("selmgr");
            selectorManager.setAccessible(true);
            Object manager = selectorManager.get(client);
            java.lang.reflect.Method shutdown = manager.getClass().getDeclaredMethod("shutdown");
            shutdown.setAccessible(true);
            shutdown.invoke(manager); // closes the selector: its thread wakes, stops the client and ends
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // another JDK's internals: only the exit is slower
        }
    }

    /**
     * The request timeout only covers the wait for the response headers; a body that stops
     * flowing would block forever. A watchdog closes a stream idle for longer than the timeout,
     * which makes the blocked read fail, and the request is retried like a timeout.
     */
    private ScheduledExecutorService watchdog() {
        ScheduledExecutorService w = watchdog;
        if (w == null) {
            synchronized (this) {
                if (watchdog == null) {
                    watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "pinwheel-index-watchdog");
                        t.setDaemon(true);
                        return t;
                    });
                }
                w = watchdog;
            }
        }
        return w;
    }

    private long period() {
        return Math.max(20, Math.min(1000, settings.timeout().toMillis() / 4));
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
    private final class CountingStream extends FilterInputStream {
        volatile long count;
        private volatile long lastProgress = System.nanoTime();
        volatile boolean stalled;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            lastProgress = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            lastProgress = System.nanoTime();
            return r;
        }

        void closeIfStalled() {
            if (!stalled && System.nanoTime() - lastProgress > settings.timeout().toNanos()) {
                stalled = true;
                try {
                    in.close(); // wakes the blocked reader with an IOException
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }
        }
    }
}
