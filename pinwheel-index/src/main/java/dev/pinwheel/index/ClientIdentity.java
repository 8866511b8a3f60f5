package dev.pinwheel.index;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * pip's {@code client-cert}: one PEM file holding the client's private key and its certificate
 * (followed by any intermediate certificates), presented to servers that ask for a client
 * certificate. The key may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY})
 * or SEC1 EC ({@code EC PRIVATE KEY}); encrypted keys are refused, as pip cannot ask for their
 * passphrase either. The key must belong to the first certificate, which is checked by signing.
 */
final class ClientIdentity {

    private static final String HINT = "--client-cert and pip's client-cert setting (pip.conf, PIP_CLIENT_CERT) name one PEM "
            + "file holding the client's private key (unencrypted) and its certificate";
    private static final String ENCRYPTED_HINT = "pip cannot ask for a passphrase either; decrypt it once, e.g. with "
            + "'openssl pkey -in KEY.pem -out plain-key.pem', and keep the file private";
    private static final char[] NO_PASSWORD = new char[0];

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private ClientIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** Reads the file; a file that cannot serve is a bad input naming it and what is wrong. */
    static ClientIdentity read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw refused(file, "no such file", null);
        } catch (IOException e) {
            throw refused(file, e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
        return parse(file, new String(bytes, StandardCharsets.ISO_8859_1));
    }

    static ClientIdentity parse(Path file, String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        Block keyBlock = null;
        for (Block block : blocks(file, pem)) {
            switch (block.label) {
                case "CERTIFICATE" -> chain.add(certificate(file, block));
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (keyBlock != null) {
                        throw refused(file, "it holds more than one private key (line " + block.line + ")", null);
                    }
                    if (block.encrypted) {
                        throw refused(file, "its private key is encrypted (line " + block.line + ")", null,
                                ENCRYPTED_HINT);
                    }
                    keyBlock = block;
                }
                case "ENCRYPTED PRIVATE KEY" -> throw refused(file, "its private key is encrypted (line " + block.line + ")",
                        null, ENCRYPTED_HINT);
                default -> {
                    // other blocks (parameters, CRLs) are not ours to use
                }
            }
        }
        if (chain.isEmpty()) {
            throw refused(file, "no certificate in it", null);
        }
        if (keyBlock == null) {
            throw refused(file, "no private key in it", null);
        }
        PrivateKey key = privateKey(file, keyBlock, chain.get(0).getPublicKey());
        if (!belongs(key, chain.get(0).getPublicKey())) {
            throw refused(file, "its private key does not belong to its first certificate ("
                    + chain.get(0).getSubjectX500Principal().getName() + ")", null,
                    "put the certificate that matches the key first, then its intermediates");
        }
        return new ClientIdentity(key, chain);
    }

    /** The key managers that present this identity. */
    KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot hold a client key", e);
        }
    }

    List<X509Certificate> chain() {
        return chain;
    }

    String keyAlgorithm() {
        return key.getAlgorithm();
    }

    private record Block(String label, byte[] der, int line, boolean encrypted) {
    }

    private static List<Block> blocks(Path file, String pem) {
        List<Block> out = new ArrayList<>();
        String[] lines = pem.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("-----BEGIN ") || !line.endsWith("-----")) {
                continue;
            }
            String label = line.substring(11, line.length() - 5);
            int start = i + 1;
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            int j = i + 1;
            for (; j < lines.length; j++) {
                String body = lines[j].strip();
                if (body.equals("-----END " + label + "-----")) {
                    break;
                }
                if (body.contains(":")) {
                    // RFC 1421 headers of legacy OpenSSL keys: Proc-Type: 4,ENCRYPTED, DEK-Info: ...
                    encrypted |= body.toUpperCase(Locale.ROOT).startsWith("PROC-TYPE:") && body.toUpperCase(Locale.ROOT).contains("ENCRYPTED");
                    continue;
                }
                base64.append(body);
            }
            if (j == lines.length) {
                throw refused(file, "the block that begins on line " + start + " (" + label + ") has no END line", null);
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw refused(file, "the " + label + " block on line " + start + " is not base64", null);
            }
            out.add(new Block(label, der, start, encrypted));
            i = j;
        }
        return out;
    }

    private static X509Certificate certificate(Path file, Block block) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der));
        } catch (CertificateException e) {
            throw refused(file, "the certificate on line " + block.line + " cannot be read (" + e.getMessage() + ")", null);
        }
    }

    /**
     * The key as the JDK reads it: PKCS#8 as it is; PKCS#1 and SEC1 wrapped into PKCS#8 with the
     * algorithm (and, for EC, the curve) of the certificate's public key, which it must match.
     */
    private static PrivateKey privateKey(Path file, Block block, PublicKey publicKey) {
        byte[] pkcs8;
        try {
            pkcs8 = block.label.equals("PRIVATE KEY") ? block.der : Der.pkcs8(algorithmIdentifier(publicKey), block.der);
        } catch (IllegalArgumentException e) {
            throw refused(file, "the certificate's public key cannot be read (" + e.getMessage() + ")", null);
        }
        String algorithm = switch (block.label) {
            case "RSA PRIVATE KEY" -> "RSA";
            case "EC PRIVATE KEY" -> "EC";
            default -> pkcs8Algorithm(pkcs8);
        };
        if (algorithm == null) {
            throw refused(file, "the private key on line " + block.line + " is of a kind pinwheel cannot use "
                    + "(RSA, EC, Ed25519 and Ed448 keys can be used)", null);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw refused(file, "the private key on line " + block.line + " cannot be read as " + article(algorithm) + " "
                    + algorithm + " key", null);
        }
    }

    /** The JDK's name of the algorithm a PKCS#8 PrivateKeyInfo names, or null for one it does not name here. */
    private static String pkcs8Algorithm(byte[] pkcs8) {
        try {
            int[] info = Der.element(pkcs8, 0);
            int[] version = Der.element(pkcs8, info[1]);
            int[] algorithm = Der.element(pkcs8, version[2]);
            int[] oid = Der.element(pkcs8, algorithm[1]);
            byte[] id = java.util.Arrays.copyOfRange(pkcs8, oid[0], oid[2]);
            return switch (java.util.HexFormat.of().formatHex(id)) {
                case "06092a864886f70d010101" -> "RSA";
                case "06092a864886f70d01010a" -> "RSASSA-PSS";
                case "06072a8648ce3d0201" -> "EC";
                case "06032b6570" -> "Ed25519";
                case "06032b6571" -> "Ed448";
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The AlgorithmIdentifier of a SubjectPublicKeyInfo (the first element of its sequence). */
    private static byte[] algorithmIdentifier(PublicKey key) {
        byte[] spki = key.getEncoded();
        int[] outer = Der.element(spki, 0);
        int[] first = Der.element(spki, outer[1]);
        return java.util.Arrays.copyOfRange(spki, first[0], first[2]);
    }

    private static boolean belongs(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> null;
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // nothing to check it with here; the server will tell
        }
        try {
            byte[] probe = "pinwheel client certificate check".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(publicKey);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String article(String algorithm) {
        return algorithm.startsWith("RSA") || algorithm.startsWith("E") ? "an" : "a";
    }

    private static IndexException refused(Path file, String why, Throwable cause) {
        return refused(file, why, cause, HINT);
    }

    private static IndexException refused(Path file, String why, Throwable cause, String hint) {
        return new IndexException(Category.BAD_INPUT, "cannot use the client certificate " + file + ": " + why, hint, cause);
    }

    /** Just enough DER to find an element's bounds and to wrap a key. */
    static final class Der {

        private Der() {
        }

        /** The element that starts at {@code at}: {where it starts, where its contents start, where it ends}. */
        static int[] element(byte[] der, int at) {
            int i = at + 1;
            if (i >= der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int length = der[i++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                if (count == 0 || count > 3) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                length = 0;
                for (int k = 0; k < count; k++) {
                    length = length << 8 | der[i++] & 0xff;
                }
            }
            if (i + length > der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            return new int[] {at, i, i + length};
        }

        /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }. */
        static byte[] pkcs8(byte[] algorithm, byte[] key) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(0x02);
            body.write(0x01);
            body.write(0x00);
            body.writeBytes(algorithm);
            body.writeBytes(tlv(0x04, key));
            return tlv(0x30, body.toByteArray());
        }

        static byte[] tlv(int tag, byte[] contents) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int n = contents.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >> 16);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(contents);
            return out.toByteArray();
        }
    }
}
