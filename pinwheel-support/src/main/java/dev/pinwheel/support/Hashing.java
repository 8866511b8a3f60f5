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

    /** The urlsafe-base64 SHA-256 without padding, as wheel RECORD files write it. */
    public static String recordDigest(byte[] data) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Digest().digest(data));
    }
}
