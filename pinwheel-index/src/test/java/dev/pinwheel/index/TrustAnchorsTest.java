package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    /** A CA, and two servers it signed: one for localhost, one for another name. */
    private static Path caStore;
    private static Path localhostKeys;
    private static Path otherNameKeys;
    private static Path otherCaStore;
    private static final List<HttpsServer> servers = new ArrayList<>();
    private static final List<java.io.Closeable> closers = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        caStore = dir.resolve("ca.jks");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=pinwheel test CA", "-ext", "bc:c",
                "-validity", "30", "-keystore", caStore);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore, "-file", dir.resolve("ca.pem"));
        localhostKeys = server("localhost", "san=dns:localhost,ip:127.0.0.1");
        otherNameKeys = server("other", "san=dns:other.example");
        Path otherCa = dir.resolve("other-ca.jks");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=another CA", "-ext", "bc:c",
                "-validity", "30", "-keystore", otherCa);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", otherCa, "-file", dir.resolve("other-ca.pem"));
        otherCaStore = trustStore("others.jks", dir.resolve("other-ca.pem"));
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(s -> s.stop(0));
        for (java.io.Closeable c : closers) {
            try {
                c.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }

    @Test
    void subjectsReadFromDerAreTheJdksOwnForEveryRootOfTheJdkStore() throws Exception {
        KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        try (InputStream in = Files.newInputStream(cacerts)) {
            jdk.load(in, null);
        }
        int checked = 0;
        for (String alias : Collections.list(jdk.aliases())) {
            X509Certificate c = (X509Certificate) jdk.getCertificate(alias);
            assertThat(TrustAnchors.Der.subject(c.getEncoded()))
                    .as(alias).contains(ByteBuffer.wrap(c.getSubjectX500Principal().getEncoded()));
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void bytesThatAreNoCertificateHaveNoSubject() {
        assertThat(TrustAnchors.Der.subject(new byte[0])).isEmpty();
        assertThat(TrustAnchors.Der.subject(new byte[] {0x30, (byte) 0x82, 0x10})).isEmpty();
        assertThat(TrustAnchors.Der.subject("not DER at all".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aJksTrustStoreIsIndexedBySubjectAndAnythingElseIsLeftToTheJdk() throws Exception {
        Path store = trustStore("trust.jks", dir.resolve("ca.pem"), dir.resolve("other-ca.pem"));
        Map<ByteBuffer, List<byte[]>> index = TrustAnchors.index(Files.readAllBytes(store)).orElseThrow();
        assertThat(index).hasSize(2).containsKey(ByteBuffer.wrap(certificate(dir.resolve("ca.pem"))
                .getSubjectX500Principal().getEncoded()));

        Path p12 = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem"), "-storetype", "PKCS12",
                "-keystore", p12);
        assertThat(TrustAnchors.index(Files.readAllBytes(p12))).isEmpty();
        // a store with a private key: its chain would count as trusted for the JDK, so the JDK decides
        assertThat(TrustAnchors.index(Files.readAllBytes(caStore))).isEmpty();
        byte[] jks = Files.readAllBytes(store);
        assertThat(TrustAnchors.index(java.util.Arrays.copyOf(jks, jks.length / 2))).isEmpty();
    }

    @Test
    void aServerSignedByAnIndexedRootIsTrustedWithoutParsingTheWholeStore() throws Exception {
        Path store = trustStore("mixed.jks", dir.resolve("other-ca.pem"), dir.resolve("ca.pem"));
        AtomicInteger fullLoads = new AtomicInteger();
        TrustAnchors anchors = TrustAnchors.of(store, () -> {
            fullLoads.incrementAndGet();
            return manager(store);
        }).orElseThrow();

        Answer response = get(anchors, serve(localhostKeys), "localhost");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
        assertThat(fullLoads).hasValue(0);
    }

    @Test
    void anIndexWhoseCertificateIsNotTrustedIsNamedAsSuchAtOnceWithAHint() throws Exception {
        int port = serve(localhostKeys); // signed by the test CA, which the JDK's store lacks
        AtomicInteger attempts = new AtomicInteger();
        RequestListener counting = new RequestListener() {
            @Override
            public void requestStarted(Request request) {
                attempts.incrementAndGet();
            }
        };
        IndexSettings settings = IndexSettings.builder(dir.resolve("cache-untrusted"), dir)
                .indexUrl("https://localhost:" + port + "/simple/").attempts(3).build();
        try (IndexClient client = IndexClient.create(settings, counting)) {
            assertThatThrownBy(() -> client.page(dev.pinwheel.packaging.ProjectName.of("foo")))
                    .isInstanceOf(IndexException.class)
                    .hasMessageStartingWith("cannot reach https://localhost:" + port + "/simple/foo/: its certificate is not"
                            + " trusted (no path to a trusted root: ")
                    .satisfies(e -> assertThat(((IndexException) e).hint()).hasValueSatisfying(h ->
                            assertThat(h).contains("PIP_CERT").contains("--trusted-host")));
        }
        assertThat(attempts).as("not retried: the certificate would not change").hasValue(1);
    }

    @Test
    void pipsCaBundleReplacesTheJdksTrustStore() throws Exception {
        int port = serve(localhostKeys); // signed by the test CA, which the JDK's store lacks
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "# a comment before the first block\n" + Files.readString(dir.resolve("other-ca.pem"))
                + "\nsome text between blocks\n" + Files.readString(dir.resolve("ca.pem")));
        IndexSettings settings = IndexSettings.builder(dir.resolve("cache-bundle"), dir)
                .indexUrl("https://localhost:" + port + "/simple/").caBundle(bundle).build();
        try (IndexClient client = IndexClient.create(settings, new RequestListener() {
        })) {
            // the server answers "hello" to everything: a page without files, over a trusted connection
            assertThat(client.page(dev.pinwheel.packaging.ProjectName.of("foo")).files()).isEmpty();
        }
        assertThat(TrustAnchors.pemIndex(Files.readAllBytes(bundle))).hasSize(2);

        // a bundle without the server's authority: refused, even though nothing else is configured
        IndexSettings others = IndexSettings.builder(dir.resolve("cache-bundle-2"), dir)
                .indexUrl("https://localhost:" + port + "/simple/").caBundle(dir.resolve("other-ca.pem")).build();
        try (IndexClient client = IndexClient.create(others, new RequestListener() {
        })) {
            assertThatThrownBy(() -> client.page(dev.pinwheel.packaging.ProjectName.of("foo")))
                    .isInstanceOf(IndexException.class).hasMessageContaining("its certificate is not trusted")
                    .satisfies(e -> assertThat(((IndexException) e).hint()).hasValueSatisfying(h ->
                            assertThat(h).contains(dir.resolve("other-ca.pem") + " (--cert or pip's cert setting)")));
        }
    }

    @Test
    void aServerThatAsksForAClientCertificateGetsPipsClientCertAndARefusalSaysWhatToDo() throws Exception {
        // the client's key pair, signed by the test CA, which the server trusts for clients
        Path clientKeys = server("client", "san=dns:client");
        KeyStore ks = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(clientKeys)) {
            ks.load(in, PASSWORD);
        }
        StringBuilder pem = new StringBuilder(ClientIdentityTest.pem("PRIVATE KEY", ks.getKey("server", PASSWORD).getEncoded()));
        for (java.security.cert.Certificate c : ks.getCertificateChain("server")) {
            pem.append(ClientIdentityTest.pem("CERTIFICATE", c.getEncoded()));
        }
        Path clientPem = Files.writeString(dir.resolve("client.pem"), pem);
        // and one the server does not know
        Path strangerKeys = dir.resolve("stranger.jks");
        keytool("-genkeypair", "-alias", "me", "-keyalg", "EC", "-dname", "CN=stranger", "-validity", "30",
                "-keystore", strangerKeys);
        KeyStore stranger = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(strangerKeys)) {
            stranger.load(in, PASSWORD);
        }
        Path strangerPem = Files.writeString(dir.resolve("stranger.pem"),
                ClientIdentityTest.pem("PRIVATE KEY", stranger.getKey("me", PASSWORD).getEncoded())
                        + ClientIdentityTest.pem("CERTIFICATE", stranger.getCertificate("me").getEncoded()));
        int port = serveAskingForClients(localhostKeys, trustStore("clients.jks", dir.resolve("ca.pem")));

        IndexSettings.Builder base = IndexSettings.builder(dir.resolve("cache-client"), dir)
                .indexUrl("https://localhost:" + port + "/simple/").caBundle(dir.resolve("ca.pem")).attempts(3)
                .retryBackoff(java.time.Duration.ofMillis(1));
        try (IndexClient client = IndexClient.create(base.clientCert(Path.of("client.pem")).build(), new RequestListener() {
        })) {
            assertThat(client.page(dev.pinwheel.packaging.ProjectName.of("foo")).files()).isEmpty();
        }

        List<String> failures = new ArrayList<>();
        RequestListener counting = new RequestListener() {
            @Override
            public void requestFailed(Request request, String why) {
                failures.add(why);
            }
        };
        // (a cache of its own for each client: the first one's page would answer the others)
        try (IndexClient client = IndexClient.create(base.cacheDir(dir.resolve("cache-client-2")).clientCert(null).build(), counting)) {
            assertThatThrownBy(() -> client.page(dev.pinwheel.packaging.ProjectName.of("foo")))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("the server asks for a client certificate")
                    .satisfies(e -> assertThat(((IndexException) e).hint()).hasValueSatisfying(h ->
                            assertThat(h).contains("--client-cert").contains("PIP_CLIENT_CERT")));
        }
        assertThat(failures).hasSize(1); // not retried: another attempt would be refused the same
        try (IndexClient client = IndexClient.create(base.cacheDir(dir.resolve("cache-client-3")).clientCert(strangerPem).build(),
                counting)) {
            assertThatThrownBy(() -> client.page(dev.pinwheel.packaging.ProjectName.of("foo")))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("the server refused the client certificate")
                    .satisfies(e -> assertThat(((IndexException) e).hint()).hasValueSatisfying(h ->
                            assertThat(h).contains(strangerPem.toString())));
        }
        assertThat(clientPem).exists();
    }

    @Test
    void aCaBundleThatCannotBeUsedIsABadInputNamingIt() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        int port = serve(localhostKeys); // the bundle is read for the first TLS connection
        for (Path bundle : List.of(missing, garbage, empty)) {
            IndexSettings settings = IndexSettings.builder(dir.resolve("cache-bad-bundle"), dir)
                    .indexUrl("https://localhost:" + port + "/simple/").caBundle(bundle).attempts(1).build();
            try (IndexClient client = IndexClient.create(settings, new RequestListener() {
            })) {
                assertThatThrownBy(() -> client.page(dev.pinwheel.packaging.ProjectName.of("foo")))
                        .isInstanceOf(IndexException.class)
                        .hasMessageStartingWith("cannot use the CA bundle " + bundle + ": ")
                        .satisfies(e -> assertThat(((IndexException) e).category())
                                .isEqualTo(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT));
            }
        }
    }

    @Test
    void certificateProblemsAreToldApartFromOtherHandshakeFailures() {
        javax.net.ssl.SSLHandshakeException otherName = new javax.net.ssl.SSLHandshakeException("handshake");
        otherName.initCause(new HostnameCheck.Mismatch("No subject alternative DNS name matching other.example found"));
        assertThat(Transport.certificateProblem(otherName))
                .isEqualTo("its certificate is for another host name (No subject alternative DNS name matching other.example found)");
        javax.net.ssl.SSLHandshakeException expired = new javax.net.ssl.SSLHandshakeException("handshake");
        expired.initCause(new java.security.cert.CertificateExpiredException("NotAfter: Mon Jan 01 00:00:00 UTC 2024"));
        assertThat(Transport.certificateProblem(expired)).startsWith("its certificate has expired");
        assertThat(Transport.certificateProblem(new javax.net.ssl.SSLHandshakeException("Received fatal alert: handshake_failure")))
                .isNull();
        assertThat(Transport.certificateProblem(new java.net.ConnectException("Connection refused"))).isNull();
    }

    @Test
    void httpsGoesThroughAProxysTunnelAndTheCertificateIsCheckedAgainstTheIndexsName() throws Exception {
        Path store = trustStore("ca-tunnel.jks", dir.resolve("ca.pem"));
        TrustAnchors anchors = TrustAnchors.of(store, () -> manager(store)).orElseThrow();
        int port = serve(otherNameKeys); // its certificate names other.example
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        try (java.net.ServerSocket proxy = tunnellingProxy(asked)) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {anchors}, null);
            Http1Client client = new Http1Client(java.time.Duration.ofSeconds(10), 2, ctx::getSocketFactory,
                    () -> {
                        throw new AssertionError("checked connections only");
                    }, Transport.CHACHA20, Proxies.fromEnvironment(Map.of("https_proxy", "127.0.0.1:" + proxy.getLocalPort())));
            try {
                // other.example does not resolve here: the proxy connects it (to the local server)
                Http1Client.Response r = client.get(URI.create("https://other.example:" + port + "/"), Map.of(), true);
                try (InputStream body = r.body()) {
                    assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
                }
            } finally {
                client.close();
            }
        }
        assertThat(asked).containsExactly("CONNECT other.example:" + port + " HTTP/1.1");
    }

    /** A proxy that tunnels every CONNECT to the same port on 127.0.0.1, whatever host it names. */
    private static java.net.ServerSocket tunnellingProxy(List<String> asked) throws IOException {
        java.net.ServerSocket proxy = new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!proxy.isClosed()) {
                try {
                    java.net.Socket client = proxy.accept();
                    InputStream in = client.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.append((char) b);
                    }
                    String line = head.substring(0, head.indexOf("\r\n"));
                    asked.add(line);
                    int port = Integer.parseInt(line.split(" ")[1].replaceAll(".*:", ""));
                    java.net.Socket upstream = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                    pipe(in, upstream.getOutputStream());
                    pipe(upstream.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    private static void pipe(InputStream from, java.io.OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // one side closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aServerWhoseNameDiffersFromItsCertificateIsRefused() throws Exception {
        Path store = trustStore("ca-only.jks", dir.resolve("ca.pem"));
        TrustAnchors anchors = TrustAnchors.of(store, () -> manager(store)).orElseThrow();
        int port = serve(otherNameKeys);

        assertThatThrownBy(() -> get(anchors, port, "localhost")).isInstanceOf(SSLHandshakeException.class)
                .hasCauseInstanceOf(HostnameCheck.Mismatch.class)
                .satisfies(e -> assertThat(Transport.certificateProblem((SSLHandshakeException) e)).isEqualTo(
                        "its certificate is for another host name (No subject alternative DNS name matching localhost found)"));
        assertThatThrownBy(() -> get(anchors, port, "127.0.0.1")).isInstanceOf(SSLHandshakeException.class)
                .hasCauseInstanceOf(HostnameCheck.Mismatch.class);
    }

    @Test
    void aServerIsReachedByTheNameOrTheAddressItsCertificateGives() throws Exception {
        Path store = trustStore("ca-names.jks", dir.resolve("ca.pem"));
        TrustAnchors anchors = TrustAnchors.of(store, () -> manager(store)).orElseThrow();
        int port = serve(localhostKeys); // dns:localhost, ip:127.0.0.1

        assertThat(get(anchors, port, "localhost").body()).isEqualTo("hello");
        assertThat(get(anchors, port, "LOCALHOST").body()).isEqualTo("hello");
        assertThat(get(anchors, port, "127.0.0.1").body()).isEqualTo("hello");
    }

    @Test
    void aServerSignedByAnUnknownRootIsRefusedByTheFullStore() throws Exception {
        AtomicInteger fullLoads = new AtomicInteger();
        TrustAnchors anchors = TrustAnchors.of(otherCaStore, () -> {
            fullLoads.incrementAndGet();
            return manager(otherCaStore);
        }).orElseThrow();
        int port = serve(localhostKeys);

        assertThatThrownBy(() -> get(anchors, port, "localhost")).isInstanceOf(SSLHandshakeException.class);
        assertThat(fullLoads).hasValue(1);
    }

    @Test
    void theDefaultStoreIsUsedLazilyUnlessTrustStorePropertiesAreSet() {
        String before = System.getProperty("javax.net.ssl.trustStore");
        try {
            System.setProperty("javax.net.ssl.trustStore", caStore.toString());
            assertThat(TrustAnchors.forDefaultStore()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty("javax.net.ssl.trustStore");
            } else {
                System.setProperty("javax.net.ssl.trustStore", before);
            }
        }
    }

    private record Answer(int status, String body) {
    }

    /** A GET through pinwheel's own client, which must check the certificate and the host name. */
    private static Answer get(TrustAnchors anchors, int port, String host) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {anchors}, null);
        Http1Client client = new Http1Client(java.time.Duration.ofSeconds(10), 2, ctx::getSocketFactory,
                () -> {
                    throw new AssertionError("the insecure context is for trusted hosts only");
                }, Transport.CHACHA20, Proxies.NONE);
        try {
            Http1Client.Response r = client.get(URI.create("https://" + host + ":" + port + "/"), Map.of(), true);
            try (InputStream body = r.body()) {
                return new Answer(r.status(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            client.close();
        }
    }

    /** A server context with the keys of this JKS store, trusting clients of {@code clients} (null: none asked). */
    private static SSLContext serverContext(Path keys, Path clients) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(keys)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), clients == null ? null : new TrustManager[] {manager(clients)}, null);
        return ctx;
    }

    private static int serve(Path keys) throws Exception {
        SSLContext ctx = serverContext(keys, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    /**
     * A server with these keys that wants a client certificate from an authority of {@code clients}
     * and answers "hello"; a refused client gets the TLS alert and a closed connection, as web
     * servers close it (reading what the client sent before closing, so the alert is not lost to a
     * reset; the JDK's HttpsServer resets such connections).
     */
    private static int serveAskingForClients(Path keys, Path clients) throws Exception {
        SSLContext ctx = serverContext(keys, clients);
        java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                java.net.Socket plain;
                try {
                    plain = listener.accept();
                } catch (IOException e) {
                    return;
                }
                Thread worker = new Thread(() -> answer(ctx, plain));
                worker.setDaemon(true);
                worker.start();
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        closers.add(listener);
        return listener.getLocalPort();
    }

    private static void answer(SSLContext ctx, java.net.Socket plain) {
        try (plain) {
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                    .createSocket(plain, null, plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            try {
                java.io.BufferedReader request = new java.io.BufferedReader(
                        new java.io.InputStreamReader(tls.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                    // the request's head
                }
                tls.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                        .getBytes(StandardCharsets.ISO_8859_1));
                tls.getOutputStream().flush();
                tls.close();
            } catch (IOException refused) {
                // the alert went out; read what the client still sends, then close
                plain.setSoTimeout(500);
                try {
                    plain.getInputStream().readAllBytes();
                } catch (IOException drained) {
                    // done
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static X509ExtendedTrustManager manager(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("JKS");
            ks.load(in, PASSWORD);
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            return (X509ExtendedTrustManager) f.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server key pair in its own JKS store, its certificate signed by the test CA. */
    private static Path server(String name, String san) throws Exception {
        Path keys = dir.resolve(name + ".jks");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=" + name, "-validity", "30",
                "-keystore", keys);
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", "server", "-keystore", keys, "-file", csr);
        Path signed = dir.resolve(name + ".pem");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore, "-infile", csr, "-outfile", signed,
                "-ext", san, "-validity", "30");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem"), "-keystore", keys);
        keytool("-importcert", "-alias", "server", "-file", signed, "-keystore", keys);
        return keys;
    }

    /** A JKS trust store (trusted-certificate entries only) of the given PEM certificates. */
    private static Path trustStore(String file, Path... pems) throws Exception {
        Path store = dir.resolve(file);
        for (int i = 0; i < pems.length; i++) {
            keytool("-importcert", "-noprompt", "-alias", "root" + i, "-file", pems[i], "-storetype", "JKS",
                    "-keystore", store);
        }
        return store;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        Keytool.run(args);
    }
}
