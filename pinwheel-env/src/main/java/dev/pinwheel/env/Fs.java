package dev.pinwheel.env;

import dev.pinwheel.support.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** File-system steps this module repeats: atomic replacement, recursive deletion, digests. */
final class Fs {

    private Fs() {
    }

    /**
     * Writes {@code bytes} to a temporary sibling and renames it over {@code target}. Unlike
     * {@code AtomicFiles} it does not force the bytes to disk: the installer writes thousands of
     * files and only has to survive a killed process, not a power cut.
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = tempSibling(target);
        try {
            Files.write(tmp, bytes);
            moveReplacing(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Path tempSibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".pw-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /**
     * The fixed temporary name the installer writes {@code target} under before renaming it into
     * place; fixed, so that rolling back a killed install can find it (the environment lock rules
     * out two writers).
     */
    static Path installTemp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".pinwheel-tmp");
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a whole tree; missing is fine (false). Never follows symbolic links. */
    static boolean deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return true;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return true;
    }

    /** Removes {@code dir} and then its parents while they are empty, stopping at {@code stop}. */
    static void pruneEmptyDirs(Path dir, Path stop) {
        for (Path d = dir; d != null && !d.equals(stop) && d.startsWith(stop); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    static byte[] digest(Path file) throws IOException {
        MessageDigest md = Hashing.sha256Digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    /** SHA-256 of generated content: small content by {@link Sha256} (see there why), the rest by the JDK. */
    static byte[] sha256(byte[] content) {
        return content.length <= 1 << 16 ? Sha256.digest(content) : Hashing.sha256Digest().digest(content);
    }

    /** The RECORD form of a digest: {@code sha256=} + URL-safe base64 without padding. */
    static String recordHash(byte[] digest) {
        return "sha256=" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
