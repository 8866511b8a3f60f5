package dev.pinwheel.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** Hash checks for files and metadata files against what the index announced. */
final class HashCheck {

    private static final Set<String> KNOWN = Set.of("sha256", "sha384", "sha512", "sha224", "sha1", "md5");

    private HashCheck() {
    }

    static boolean isKnown(String algorithm) {
        return KNOWN.contains(algorithm);
    }

    static MessageDigest digest(String algorithm) {
        if (algorithm.equals("sha256")) {
            // every downloaded byte goes through it: native code when the platform has it
            return dev.pinwheel.support.NativeCrypto.sha256();
        }
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "sha384" -> "SHA-384";
                case "sha512" -> "SHA-512";
                case "sha224" -> "SHA-224";
                case "sha1" -> "SHA-1";
                case "md5" -> "MD5";
                default -> throw new IllegalArgumentException("unknown hash algorithm " + algorithm);
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(String algorithm, byte[] data) {
        return HexFormat.of().formatHex(digest(algorithm).digest(data));
    }

    static String sha256(byte[] data) {
        return hex("sha256", data);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String hex(String algorithm, Path file) throws IOException {
        MessageDigest d = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                d.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** Throws {@link HashMismatchException} unless every known expected hash matches. */
    static void verify(String redactedUrl, Map<String, String> expected, byte[] data) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (isKnown(e.getKey())) {
                String actual = hex(e.getKey(), data);
                if (!actual.equalsIgnoreCase(e.getValue())) {
                    throw new HashMismatchException(redactedUrl, e.getKey(), e.getValue(), actual);
                }
            }
        }
    }

    /** Like {@link #verify(String, Map, byte[])} for a file; sha256 may be passed precomputed. */
    static void verify(String redactedUrl, Map<String, String> expected, Path file, String sha256) throws IOException {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (isKnown(e.getKey())) {
                String actual = e.getKey().equals("sha256") && sha256 != null ? sha256 : hex(e.getKey(), file);
                if (!actual.equalsIgnoreCase(e.getValue())) {
                    throw new HashMismatchException(redactedUrl, e.getKey(), e.getValue(), actual);
                }
            }
        }
    }
}
