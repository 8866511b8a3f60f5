package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pinwheel's HTTP/1.1 client against a server that answers with scripted bytes: framing by
 * length, by chunks and by closing; keep-alive; connections the server closed while idle.
 */
@Timeout(30)
class Http1ClientTest {

    /** One scripted answer: the bytes, and whether the server closes the connection after them. */
    private record Answer(String raw, boolean thenClose) {
    }

    private ServerSocket server;
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    private Http1Client client;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "scripted-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        client = new Http1Client(Duration.ofSeconds(5), 4, () -> {
            throw new AssertionError("no TLS here");
        }, () -> {
            throw new AssertionError("no TLS here");
        }, null, Proxies.NONE);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.add(head);
                Answer a = script.take();
                out.write(a.raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (a.thenClose) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    private String fetch(String path) throws IOException {
        Http1Client.Response r = client.get(url(path), Map.of("Accept", "text/plain"), true);
        try (InputStream body = r.body()) {
            return r.status() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void answer(String raw) {
        script.add(new Answer(raw, false));
    }

    @Test
    void aRequestCarriesItsTargetHostAndHeaders() throws IOException {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(fetch("/simple/a%20b/?x=1")).isEqualTo("200 ok");
        assertThat(requests.get(0)).startsWith("GET /simple/a%20b/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("Accept: text/plain\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void bodiesFramedByLengthAreReadOverOneKeptConnection() throws IOException {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: \"1\"\r\n\r\nfirst");
        answer("HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\n\r\nnot found");
        answer("HTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(fetch("/1")).isEqualTo("200 first");
        assertThat(fetch("/2")).isEqualTo("404 not found");
        assertThat(fetch("/3")).isEqualTo("304 ");
        assertThat(fetch("/4")).isEqualTo("200 ");
        assertThat(accepted).hasValue(1);
        assertThat(client.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreReassembled() throws IOException {
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\n6\r\nchunks\r\n0\r\nX-Trailer: yes\r\n\r\n");
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(fetch("/c")).isEqualTo("200 hello chunks");
        assertThat(fetch("/d")).isEqualTo("200 abc");
        assertThat(accepted).hasValue(1);
    }

    @Test
    void aBodyUntilCloseEndsWithTheConnectionWhichIsNotReused() throws IOException {
        script.add(new Answer("HTTP/1.1 200 OK\r\n\r\nall of it", true));
        answer("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnext");
        answer("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew");
        assertThat(fetch("/a")).isEqualTo("200 all of it");
        assertThat(fetch("/b")).isEqualTo("200 next");
        assertThat(fetch("/c")).isEqualTo("200 old");
        assertThat(fetch("/d")).isEqualTo("200 new");
        assertThat(accepted).hasValue(4);
    }

    @Test
    void interimAnswersAreSkipped() throws IOException {
        answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nreal");
        assertThat(fetch("/")).isEqualTo("200 real");
    }

    @Test
    void aKeptConnectionThatTheServerClosedIsReplacedWithoutTheCallerNoticing() throws Exception {
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none", true)); // closes, but keep-alive was promised
        answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");
        assertThat(fetch("/1")).isEqualTo("200 one");
        Thread.sleep(100); // the server's close arrives
        assertThat(fetch("/2")).isEqualTo("200 two");
        assertThat(accepted).hasValue(2);
    }

    @Test
    void aBodyShorterThanItsLengthFailsAndItsConnectionIsNotReused() throws IOException {
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", true));
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThatThrownBy(() -> fetch("/short")).isInstanceOf(EOFException.class)
                .hasMessage("the body ended after 5 of its 10 bytes");
        assertThat(fetch("/next")).isEqualTo("200 ok");
        assertThat(accepted).hasValue(2);
    }

    @Test
    void anUnreadSmallBodyIsDrainedSoItsConnectionServesTheNextRequest() throws IOException {
        answer("HTTP/1.1 503 Unavailable\r\nContent-Length: 11\r\n\r\ntry again\r\n");
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        client.get(url("/busy"), Map.of(), true).release();
        assertThat(fetch("/again")).isEqualTo("200 ok");
        assertThat(accepted).hasValue(1);
    }

    @Test
    void garbageInsteadOfAnAnswerIsAProtocolError() {
        script.add(new Answer("SSH-2.0-OpenSSH_9.6\r\n", true));
        assertThatThrownBy(() -> fetch("/")).isInstanceOf(java.net.ProtocolException.class)
                .hasMessage("not an HTTP/1.x answer: SSH-2.0-OpenSSH_9.6");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        Http1Client impatient = new Http1Client(Duration.ofMillis(200), 1, () -> null, () -> null, null, Proxies.NONE);
        try {
            assertThatThrownBy(() -> impatient.get(url("/"), Map.of(), true)).isInstanceOf(SocketTimeoutException.class);
        } finally {
            impatient.close();
        }
    }

    @Test
    void noMoreThanTheLimitOfConnectionsGoToOneOrigin() throws Exception {
        for (int i = 0; i < 12; i++) {
            answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        }
        List<Thread> threads = new ArrayList<>();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 12; i++) {
            Thread t = new Thread(() -> {
                try {
                    bodies.add(fetch("/p"));
                } catch (IOException e) {
                    bodies.add(e.toString());
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(bodies).hasSize(12).containsOnly("200 x");
        assertThat(accepted.get()).isBetween(1, 4);
    }

    @Test
    void abortingEndsAReadThatIsBlockedOnTheServer() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"); // and then nothing, for longer than the test
        Http1Client.Response r = client.get(url("/slow"), Map.of(), true);
        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                r.body().readAllBytes();
                failure.complete(null);
            } catch (IOException e) {
                failure.complete(e);
            } finally {
                r.release();
            }
        });
        reader.start();
        Thread.sleep(200);
        long start = System.nanoTime();
        client.abort();
        assertThat(failure.get(2, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the 5 s timeout").isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> fetch("/after")).isInstanceOf(IOException.class).hasMessage("the HTTP client is closed");
    }

    private Http1Client viaProxy(String proxyEnv) {
        return new Http1Client(Duration.ofSeconds(5), 2, () -> {
            throw new AssertionError("no TLS here");
        }, () -> {
            throw new AssertionError("no TLS here");
        }, null, Proxies.fromEnvironment(Map.of("http_proxy", proxyEnv, "https_proxy", proxyEnv)));
    }

    @Test
    void plainHttpThroughAProxyAsksItInAbsoluteFormWithItsCredentials() throws IOException {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        Http1Client proxied = viaProxy("http://alice:pw@127.0.0.1:" + server.getLocalPort());
        try {
            // index.invalid never resolves: only the proxy is connected to
            Http1Client.Response r = proxied.get(URI.create("http://index.invalid:8080/simple/a/?x=1"), Map.of(), true);
            try (InputStream body = r.body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
            }
        } finally {
            proxied.close();
        }
        assertThat(requests.get(0)).startsWith("GET http://index.invalid:8080/simple/a/?x=1 HTTP/1.1\r\nHost: index.invalid:8080\r\n")
                .contains("Proxy-Authorization: Basic YWxpY2U6cHc=\r\n");
    }

    @Test
    void aProxyThatRefusesTheTunnelIsNamedWithItsAnswer() {
        script.add(new Answer("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n", true));
        Http1Client proxied = viaProxy("127.0.0.1:" + server.getLocalPort());
        try {
            assertThatThrownBy(() -> proxied.get(URI.create("https://index.invalid/simple/"), Map.of(), true))
                    .isInstanceOf(java.net.ConnectException.class)
                    .hasMessage("the proxy 127.0.0.1:" + server.getLocalPort() + " refused the tunnel to index.invalid:443: "
                            + "HTTP/1.1 407 Proxy Authentication Required (it wants credentials: http://user:password@host:port)");
        } finally {
            proxied.close();
        }
        assertThat(requests.get(0)).startsWith("CONNECT index.invalid:443 HTTP/1.1\r\nHost: index.invalid:443\r\n");
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        assertThatThrownBy(() -> client.get(url("/"), Map.of("X-Evil", "a\r\nHost: elsewhere"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
