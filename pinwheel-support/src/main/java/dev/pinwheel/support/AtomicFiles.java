package dev.pinwheel.support;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader (or a crash) sees either the old content or the new, never a
 * half-written file: the bytes go to a temporary file in the same directory, are forced to disk,
 * and the temporary file is renamed over the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /** The body the content is written with; it may throw I/O errors. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        publish(target, writer, true);
    }

    /**
     * Writes {@code target} like {@link #write(Path, Writer)} unless it exists, and never replaces
     * it: when several processes race to create the same file, the first whole copy wins and stays
     * (a hard link from the temporary file, which fails when the target exists), so a process that
     * already opened or mapped the file keeps using the file everyone else finds. Returns whether
     * this call created the file.
     */
    public static boolean writeOnce(Path target, Writer writer) {
        if (Files.exists(target)) {
            return false;
        }
        return publish(target, writer, false);
    }

    private static boolean publish(Path target, Writer writer, boolean replace) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (!replace) {
                return linkUnlessPresent(tmp, absolute);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return true;
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot write " + target, null, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The temporary file is hidden and harmless; the original error matters more.
                }
            }
        }
    }

    /** Publishes {@code tmp} as {@code target} unless it exists; the caller deletes {@code tmp}. */
    private static boolean linkUnlessPresent(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            try {
                Files.move(tmp, target); // no REPLACE_EXISTING: fails when another copy won meanwhile
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
    }
}
