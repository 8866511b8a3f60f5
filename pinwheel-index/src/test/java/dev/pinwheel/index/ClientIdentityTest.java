package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pip's client-cert file: a key in any of the PEM forms OpenSSL writes, with its certificate. */
class ClientIdentityTest {

    @TempDir
    static Path dir;

    private static PrivateKey rsaKey;
    private static X509Certificate rsaCert;
    private static PrivateKey ecKey;
    private static X509Certificate ecCert;

    @BeforeAll
    static void makeKeys() throws Exception {
        for (String alg : List.of("RSA", "EC")) {
            Path store = dir.resolve(alg + ".jks");
            Keytool.run("-genkeypair", "-alias", "me", "-keyalg", alg, "-dname", "CN=client " + alg, "-validity", "30",
                    "-keystore", store);
            KeyStore ks = KeyStore.getInstance("JKS");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey("me", "changeit".toCharArray());
            X509Certificate cert = (X509Certificate) ks.getCertificate("me");
            if (alg.equals("RSA")) {
                rsaKey = key;
                rsaCert = cert;
            } else {
                ecKey = key;
                ecCert = cert;
            }
        }
    }

    @Test
    void aPkcs8KeyAndItsCertificateInEitherOrderServeAsTheIdentity() throws Exception {
        for (PrivateKey key : List.of(rsaKey, ecKey)) {
            X509Certificate cert = key == rsaKey ? rsaCert : ecCert;
            String keyPem = pem("PRIVATE KEY", key.getEncoded());
            for (String text : List.of(keyPem + pem("CERTIFICATE", cert.getEncoded()),
                    "subject=CN = client\n" + pem("CERTIFICATE", cert.getEncoded()) + "\n" + keyPem)) {
                ClientIdentity identity = ClientIdentity.parse(Path.of("client.pem"), text);
                assertThat(identity.chain()).containsExactly(cert);
                X509KeyManager manager = (X509KeyManager) identity.keyManagers()[0];
                String alias = manager.chooseClientAlias(new String[] {key.getAlgorithm()}, null, null);
                assertThat(alias).isNotNull();
                assertThat(manager.getPrivateKey(alias).getEncoded()).isEqualTo(key.getEncoded());
                assertThat(manager.getCertificateChain(alias)).containsExactly(cert);
            }
        }
    }

    @Test
    void traditionalOpensslKeysAreReadWithTheAlgorithmOfTheCertificate() throws Exception {
        // PKCS#1 RSAPrivateKey and SEC1 ECPrivateKey are what PKCS#8 wraps
        byte[] pkcs1 = innerKey(rsaKey.getEncoded());
        ClientIdentity rsa = ClientIdentity.parse(Path.of("rsa.pem"),
                pem("RSA PRIVATE KEY", pkcs1) + pem("CERTIFICATE", rsaCert.getEncoded()));
        assertThat(rsa.keyAlgorithm()).isEqualTo("RSA");

        byte[] sec1 = innerKey(ecKey.getEncoded());
        ClientIdentity ec = ClientIdentity.parse(Path.of("ec.pem"),
                pem("EC PRIVATE KEY", sec1) + pem("CERTIFICATE", ecCert.getEncoded()));
        assertThat(ec.keyAlgorithm()).isEqualTo("EC");
        // OpenSSL's SEC1 keys also name their curve ([0] parameters): read the same
        ClientIdentity withCurve = ClientIdentity.parse(Path.of("ec.pem"),
                pem("EC PRIVATE KEY", withCurve(sec1, curveOid(ecCert))) + pem("CERTIFICATE", ecCert.getEncoded()));
        assertThat(((java.security.interfaces.ECPrivateKey) ((X509KeyManager) withCurve.keyManagers()[0]).getPrivateKey("client")).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ecKey).getS());
    }

    @Test
    void filesThatCannotServeAreBadInputsSayingWhy() throws Exception {
        Path file = Path.of("/x/client.pem");
        String rsaKeyPem = pem("PRIVATE KEY", rsaKey.getEncoded());
        String rsaCertPem = pem("CERTIFICATE", rsaCert.getEncoded());
        assertRefused(file, rsaCertPem, "no private key in it");
        assertRefused(file, rsaKeyPem, "no certificate in it");
        assertRefused(file, rsaKeyPem + pem("CERTIFICATE", ecCert.getEncoded()),
                "its private key does not belong to its first certificate (CN=client EC)");
        assertRefused(file, pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}) + rsaCertPem,
                "its private key is encrypted (line 1)");
        assertRefused(file, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n" + rsaCertPem, "its private key is encrypted (line 1)");
        assertRefused(file, rsaKeyPem + rsaKeyPem + rsaCertPem, "it holds more than one private key (line ");
        assertRefused(file, "-----BEGIN CERTIFICATE-----\nAAAA\n", "the block that begins on line 1 (CERTIFICATE) has no END line");
        assertRefused(file, pem("RSA PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}) + rsaCertPem,
                "the private key on line 1 cannot be read as an RSA key");
        assertRefused(file, pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}) + rsaCertPem,
                "the private key on line 1 is of a kind pinwheel cannot use");
        assertThatThrownBy(() -> ClientIdentity.read(dir.resolve("missing.pem")))
                .isInstanceOf(IndexException.class)
                .hasMessage("cannot use the client certificate " + dir.resolve("missing.pem") + ": no such file");
    }

    @Test
    void aFileOnDiskIsReadWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("client.pem"),
                pem("PRIVATE KEY", ecKey.getEncoded()) + pem("CERTIFICATE", ecCert.getEncoded()));
        assertThat(ClientIdentity.read(file).chain()).containsExactly(ecCert);
    }

    private static void assertRefused(Path file, String text, String why) {
        assertThatThrownBy(() -> ClientIdentity.parse(file, text))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith("cannot use the client certificate " + file + ": " + why)
                .satisfies(e -> {
                    assertThat(((IndexException) e).category()).isEqualTo(Category.BAD_INPUT);
                    assertThat(((IndexException) e).hint()).isPresent();
                });
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The OCTET STRING of a PKCS#8 PrivateKeyInfo: the algorithm's own key structure. */
    private static byte[] innerKey(byte[] pkcs8) {
        int[] info = ClientIdentity.Der.element(pkcs8, 0);
        int[] version = ClientIdentity.Der.element(pkcs8, info[1]);
        int[] algorithm = ClientIdentity.Der.element(pkcs8, version[2]);
        int[] key = ClientIdentity.Der.element(pkcs8, algorithm[2]);
        return Arrays.copyOfRange(pkcs8, key[1], key[2]);
    }

    /** The curve's OID (whole TLV) from an EC certificate's SubjectPublicKeyInfo. */
    private static byte[] curveOid(X509Certificate cert) {
        byte[] spki = cert.getPublicKey().getEncoded();
        int[] outer = ClientIdentity.Der.element(spki, 0);
        int[] algorithm = ClientIdentity.Der.element(spki, outer[1]);
        int[] ecPublicKey = ClientIdentity.Der.element(spki, algorithm[1]);
        int[] curve = ClientIdentity.Der.element(spki, ecPublicKey[2]);
        return Arrays.copyOfRange(spki, curve[0], curve[2]);
    }

    /** A SEC1 key with its curve added as the [0] parameters field, after the private key. */
    private static byte[] withCurve(byte[] sec1, byte[] curve) {
        int[] outer = ClientIdentity.Der.element(sec1, 0);
        int[] version = ClientIdentity.Der.element(sec1, outer[1]);
        int[] key = ClientIdentity.Der.element(sec1, version[2]);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(Arrays.copyOfRange(sec1, outer[1], key[2]));
        body.writeBytes(ClientIdentity.Der.tlv(0xa0, curve));
        body.writeBytes(Arrays.copyOfRange(sec1, key[2], outer[2]));
        return ClientIdentity.Der.tlv(0x30, body.toByteArray());
    }
}
