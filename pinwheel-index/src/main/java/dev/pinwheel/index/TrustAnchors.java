package dev.pinwheel.index;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust anchors, parsed only where a server's chain needs them. The JDK's default trust
 * manager parses every certificate of the trust store before the first handshake: ~140 roots,
 * about 0.1 s of CPU in a freshly started JVM, on the critical path of every cold run. Here the
 * store (a JKS file, as Debian's {@code /etc/ssl/certs/java/cacerts}) is only indexed by each
 * certificate's subject name, read straight from its DER bytes; a chain is then checked by the
 * JDK's own PKIX trust manager built over just the roots whose subject is named by the chain
 * (the issuer of any of its certificates, or the subject of one the server sent itself). Checks,
 * host name verification and algorithm constraints stay the JDK's.
 *
 * <p>Whatever this does not recognize goes to the JDK's full default: a store that is not JKS or
 * holds key entries, trust store system properties, a chain whose issuer has no byte-equal
 * subject in the index, and any chain the narrowed check refuses (so a refusal is always the
 * JDK's own verdict over all anchors).
 */
final class TrustAnchors extends X509ExtendedTrustManager {

    private static final int JKS_MAGIC = 0xFEEDFEED;

    /** Subject name (DER) → the DER certificates with that subject. */
    private final Map<ByteBuffer, List<byte[]>> bySubject;
    private final Supplier<X509ExtendedTrustManager> full;
    private final Map<Set<ByteBuffer>, X509ExtendedTrustManager> narrowed = new ConcurrentHashMap<>();
    private volatile X509ExtendedTrustManager fullManager;

    private TrustAnchors(Map<ByteBuffer, List<byte[]>> bySubject, Supplier<X509ExtendedTrustManager> full) {
        this.bySubject = bySubject;
        this.full = full;
    }

    /**
     * The JDK's default trust store, indexed lazily, or empty where the default trust manager
     * should be used as it is (trust store properties set, no JKS store found or readable).
     */
    static Optional<TrustAnchors> forDefaultStore() {
        for (String p : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
                "javax.net.ssl.trustStoreProvider", "javax.net.ssl.trustStorePassword")) {
            if (System.getProperty(p) != null) {
                return Optional.empty();
            }
        }
        Path security = Path.of(System.getProperty("java.home"), "lib", "security");
        Path store = Files.exists(security.resolve("jssecacerts")) ? security.resolve("jssecacerts") : security.resolve("cacerts");
        return of(store, TrustAnchors::defaultManager);
    }

    /** The JKS store at {@code store}, indexed lazily; {@code full} gives the manager over all of it when needed. */
    static Optional<TrustAnchors> of(Path store, Supplier<X509ExtendedTrustManager> full) {
        try {
            return index(Files.readAllBytes(store)).map(m -> new TrustAnchors(m, full));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The authorities of a PEM bundle (pip's {@code cert}), which replace the JDK's trust store:
     * indexed by subject like a JKS store, each certificate parsed only when a chain names it.
     *
     * @throws IOException when the file cannot be read or holds no certificate, or one of its
     *                     certificate blocks is not base64 of a DER certificate
     */
    static TrustAnchors ofPem(Path bundle) throws IOException {
        Map<ByteBuffer, List<byte[]>> bySubject = pemIndex(Files.readAllBytes(bundle));
        return new TrustAnchors(bySubject, () -> managerOverAll(bySubject));
    }

    private static final byte[] PEM_BEGIN = "-----BEGIN CERTIFICATE-----".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PEM_END = "-----END CERTIFICATE-----".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Subject → DER certificates of every {@code CERTIFICATE} block; other blocks and text between them are skipped. */
    static Map<ByteBuffer, List<byte[]>> pemIndex(byte[] pem) throws IOException {
        Map<ByteBuffer, List<byte[]>> out = new HashMap<>();
        java.util.Base64.Decoder base64 = java.util.Base64.getMimeDecoder();
        int at = 0;
        int n = 0;
        while ((at = indexOf(pem, PEM_BEGIN, at)) >= 0) {
            int from = at + PEM_BEGIN.length;
            int to = indexOf(pem, PEM_END, from);
            if (to < 0) {
                throw new IOException("certificate " + (n + 1) + " has no END line");
            }
            n++;
            byte[] der;
            try {
                der = base64.decode(Arrays.copyOfRange(pem, from, to));
            } catch (IllegalArgumentException e) {
                throw new IOException("certificate " + n + " is not base64 (" + e.getMessage() + ")");
            }
            Optional<ByteBuffer> subject = Der.subject(der);
            if (subject.isEmpty()) {
                throw new IOException("certificate " + n + " is not an X.509 certificate");
            }
            out.computeIfAbsent(subject.get(), k -> new ArrayList<>(1)).add(der);
            at = to + PEM_END.length;
        }
        if (n == 0) {
            throw new IOException("it holds no certificate (no BEGIN CERTIFICATE line)");
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The JDK's PKIX trust manager over every certificate of the index (the bundle's full check). */
    private static X509ExtendedTrustManager managerOverAll(Map<ByteBuffer, List<byte[]>> bySubject) {
        X509ExtendedTrustManager m = managerOf(bySubject, bySubject.keySet());
        if (m == null) {
            throw new IllegalStateException("the CA bundle's certificates cannot be parsed");
        }
        return m;
    }

    /**
     * Subject → certificates of a JKS store's trusted-certificate entries; empty when the bytes
     * are not a JKS store this reads exactly (another format, a key entry, a truncated file).
     */
    static Optional<Map<ByteBuffer, List<byte[]>>> index(byte[] store) {
        try {
            return read(store);
        } catch (IOException truncated) {
            return Optional.empty();
        }
    }

    private static Optional<Map<ByteBuffer, List<byte[]>>> read(byte[] store) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(store));
        if (store.length < 12 || in.readInt() != JKS_MAGIC) {
            return Optional.empty();
        }
        int version = in.readInt();
        if (version != 1 && version != 2) {
            return Optional.empty();
        }
        int count = in.readInt();
        Map<ByteBuffer, List<byte[]>> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (in.readInt() != 2) {
                return Optional.empty(); // a private key entry: its chain counts too, leave it to the JDK
            }
            in.readUTF(); // alias
            in.readLong(); // creation date
            if (version == 2 && !"X.509".equals(in.readUTF())) {
                return Optional.empty();
            }
            int length = in.readInt();
            if (length <= 0 || length > in.available()) {
                return Optional.empty();
            }
            byte[] der = new byte[length];
            in.readFully(der);
            Optional<ByteBuffer> subject = Der.subject(der);
            if (subject.isEmpty()) {
                return Optional.empty();
            }
            out.computeIfAbsent(subject.get(), k -> new ArrayList<>(1)).add(der);
        }
        return Optional.of(out);
    }

    private static X509ExtendedTrustManager defaultManager() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return extended(f.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust manager is not available", e);
        }
    }

    private static X509ExtendedTrustManager extended(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    private X509ExtendedTrustManager full() {
        X509ExtendedTrustManager m = fullManager;
        if (m == null) {
            m = full.get();
            fullManager = m;
        }
        return m;
    }

    /** The trust manager over the roots the chain names, or null when the index holds none of them. */
    private X509ExtendedTrustManager narrowedFor(X509Certificate[] chain) {
        Set<ByteBuffer> names = new LinkedHashSet<>();
        for (X509Certificate c : chain) {
            ByteBuffer issuer = ByteBuffer.wrap(c.getIssuerX500Principal().getEncoded());
            if (bySubject.containsKey(issuer)) {
                names.add(issuer);
            }
            ByteBuffer subject = ByteBuffer.wrap(c.getSubjectX500Principal().getEncoded());
            if (bySubject.containsKey(subject)) {
                names.add(subject);
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        return narrowed.computeIfAbsent(names, this::managerOver);
    }

    private X509ExtendedTrustManager managerOver(Set<ByteBuffer> names) {
        X509ExtendedTrustManager m = managerOf(bySubject, names);
        return m != null ? m : full();
    }

    /** The JDK's PKIX trust manager over the certificates of the given subjects, or null when they cannot be parsed. */
    private static X509ExtendedTrustManager managerOf(Map<ByteBuffer, List<byte[]>> bySubject, Set<ByteBuffer> names) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (ByteBuffer name : names) {
                for (byte[] der : bySubject.get(name)) {
                    anchors.setCertificateEntry("anchor-" + n++, x509.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(anchors);
            return extended(f.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    /** Runs the check over the narrowed anchors, and over the full store where they cannot decide or refuse. */
    private void check(X509Certificate[] chain, Check check) throws CertificateException {
        X509ExtendedTrustManager m = chain == null || chain.length == 0 ? null : narrowedFor(chain);
        if (m != null) {
            try {
                check.run(m);
                return;
            } catch (CertificateException refused) {
                // the full store decides: it may hold an anchor the byte-level index did not match
            }
        }
        check.run(full());
    }

    private interface Check {
        void run(X509ExtendedTrustManager m) throws CertificateException;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        full().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        full().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        full().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return full().getAcceptedIssuers();
    }

    /** Just enough DER to find a certificate's subject name. */
    static final class Der {

        private Der() {
        }

        /**
         * The subject Name of a DER X.509 certificate, tag and length included (the bytes
         * {@code X500Principal.getEncoded()} gives), or empty when the bytes are not shaped so.
         */
        static Optional<ByteBuffer> subject(byte[] der) {
            try {
                int[] cert = header(der, 0, 0x30);
                int[] tbs = header(der, cert[0], 0x30);
                int at = tbs[0];
                if ((der[at] & 0xFF) == 0xA0) { // [0] EXPLICIT version
                    at = end(der, at);
                }
                at = end(der, at); // serialNumber
                at = end(der, at); // signature AlgorithmIdentifier
                at = end(der, at); // issuer
                at = end(der, at); // validity
                if ((der[at] & 0xFF) != 0x30) {
                    return Optional.empty();
                }
                int subjectEnd = end(der, at);
                if (subjectEnd > tbs[1]) {
                    return Optional.empty();
                }
                return Optional.of(ByteBuffer.wrap(Arrays.copyOfRange(der, at, subjectEnd)));
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** {content start, end} of the element at {@code at}, which must carry {@code tag}. */
        private static int[] header(byte[] der, int at, int tag) {
            if ((der[at] & 0xFF) != tag) {
                throw new IllegalArgumentException("unexpected tag");
            }
            int[] len = length(der, at + 1);
            return new int[] {len[0], len[0] + len[1]};
        }

        /** The offset just past the element at {@code at}. */
        private static int end(byte[] der, int at) {
            int[] len = length(der, at + 1);
            int e = len[0] + len[1];
            if (e > der.length) {
                throw new IllegalArgumentException("truncated");
            }
            return e;
        }

        /** {content start, content length} for the length octets at {@code at} (definite lengths only). */
        private static int[] length(byte[] der, int at) {
            int first = der[at] & 0xFF;
            if (first < 0x80) {
                return new int[] {at + 1, first};
            }
            int octets = first & 0x7F;
            if (octets == 0 || octets > 3) {
                throw new IllegalArgumentException("unsupported length");
            }
            int len = 0;
            for (int i = 1; i <= octets; i++) {
                len = (len << 8) | (der[at + i] & 0xFF);
            }
            return new int[] {at + 1 + octets, len};
        }
    }
}
