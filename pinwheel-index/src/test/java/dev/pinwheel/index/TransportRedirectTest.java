package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redirects are followed like pip's requests follows them, with credentials only for their host. */
class TransportRedirectTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private int port;
    /** The Authorization header each path was asked with ("-" for none). */
    private final Map<String, String> authorization = new ConcurrentHashMap<>();
    private Transport transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
        IndexSettings settings = IndexSettings.builder(dir.resolve("cache"), dir).timeout(Duration.ofSeconds(5))
                .attempts(1).build();
        Credentials credentials = new Credentials(Netrc.empty());
        credentials.learn("http://alice:s3cret@127.0.0.1:" + port + "/simple/");
        transport = new Transport(settings, credentials, Redactor.of(java.util.Set.of("s3cret")), RequestListener.NONE);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        authorization.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).replace("null", "-"));
        switch (path) {
            case "/moved" -> redirect(exchange, 301, "/simple/here/");
            case "/elsewhere" -> redirect(exchange, 302, "http://localhost:" + port + "/other/");
            case "/loop" -> redirect(exchange, 307, "/loop");
            case "/nowhere" -> redirect(exchange, 308, "ftp://127.0.0.1/file");
            default -> {
                byte[] body = ("at " + path).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private String get(String path) {
        return transport.get(URI.create("http://127.0.0.1:" + port + path), Map.of(), (status, response, body) ->
                status + " " + response.uri() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aRedirectIsFollowedAndTheReaderLearnsTheFinalUrl() {
        assertThat(get("/moved")).isEqualTo("200 http://127.0.0.1:" + port + "/simple/here/ at /simple/here/");
        assertThat(authorization).containsEntry("/moved", "Basic YWxpY2U6czNjcmV0").containsEntry("/simple/here/", "Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void credentialsDoNotFollowARedirectToAnotherHost() {
        assertThat(get("/elsewhere")).isEqualTo("200 http://localhost:" + port + "/other/ at /other/");
        assertThat(authorization).containsEntry("/elsewhere", "Basic YWxpY2U6czNjcmV0").containsEntry("/other/", "-");
    }

    @Test
    void endlessRedirectsStop() {
        assertThatThrownBy(() -> get("/loop")).isInstanceOf(IndexException.class)
                .hasMessage("http://127.0.0.1:" + port + "/loop redirects more than 5 times");
    }

    @Test
    void aRedirectToAnotherSchemeIsHandedToTheReaderUnfollowed() {
        assertThat(get("/nowhere")).isEqualTo("308 http://127.0.0.1:" + port + "/nowhere ");
    }

    @Test
    void aRedirectFromHttpsToHttpIsNotFollowed() {
        assertThat(Transport.redirectTarget(URI.create("https://index.example/simple/a/"), 301, "http://index.example/simple/a/"))
                .isNull();
        assertThat(Transport.redirectTarget(URI.create("https://index.example/simple/a/"), 301, "/simple/b/"))
                .isEqualTo(URI.create("https://index.example/simple/b/"));
        assertThat(Transport.redirectTarget(URI.create("http://index.example/a"), 302, "https://files.example/a"))
                .isEqualTo(URI.create("https://files.example/a"));
        assertThat(Transport.redirectTarget(URI.create("http://index.example/a"), 200, "https://files.example/a")).isNull();
    }
}
