package dev.pinwheel.support;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the lowercase hex form that lock files and RECORD use. */
public final class Hashing {

    private Hashing() {
    }

    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new PinwheelException(Category.INTERNAL, "the JDK has no SHA-256", null, e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256Digest().digest(data));
    }

    public static String sha256Hex(Path file) {
        MessageDigest digest = NativeCrypto.sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A 128-bit name for a cache entry, as 32 hex digits: for naming files after what they hold
     * (an interpreter's answers, a remembered choice), never to vouch for content. It is not
     * SHA-256 because a JVM's first digest initializes the security providers, about 20–40 ms of a
     * start on the paths that need no digest otherwise (chill, a no-op or warm sync); a cache entry
     * whose content matters states its full key inside, so even a collision is only a miss.
     */
    public static String cacheKey(String key) {
        byte[] b = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long h1 = 0xcbf29ce484222325L; // FNV-1a, 64 bits
        long h2 = 0x9e3779b97f4a7c15L ^ b.length;
        for (byte x : b) {
            h1 = (h1 ^ (x & 0xff)) * 0x100000001b3L;
            h2 = Long.rotateLeft(h2 ^ ((x & 0xff) * 0xff51afd7ed558ccdL), 31) * 0xc4ceb9fe1a85ec53L;
        }
        return HexFormat.of().toHexDigits(mix(h1)) + HexFormat.of().toHexDigits(mix(h2 ^ h1));
    }

    /** MurmurHash3's 64-bit finalizer: every input bit reaches every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The urlsafe-base64 SHA-256 without padding, as wheel RECORD files write it. */
    public static String recordDigest(byte[] data) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Digest().digest(data));
    }
}
