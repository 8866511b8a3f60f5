package dev.pinwheel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a sync that found nothing to do leaves behind, so that the same command line, run again in
 * the same directory, is answered by the launcher ({@code bin/pinwheel}) without starting Java
 * while nothing the sync read has changed.
 *
 * <p>A stamp names every path the verdict rests on (the lock files, the environment's directory,
 * interpreter, library directories and every installed distribution's metadata files, the
 * directories the search for the environment looked in, the pip-tools configuration file read, and
 * pinwheel's own jar) with the device, inode, size, modification and status-change time that
 * {@code stat -L} reports for it, the files whose absence the verdict rests on (the configuration
 * files searched for before the one read: one appearing would be read instead), and the
 * environment variables the run read ({@code $VIRTUAL_ENV}, those the lock files expand). Any
 * change to a file's content, any file added to or removed from a directory, any replaced file
 * moves its status-change time, which no program can set back; so when the launcher's {@code stat}
 * prints exactly what the stamp recorded, the environment still equals the lock files. Anything
 * else (a different line, a missing file, another variable value, a stamp of another format)
 * starts Java, which checks everything as usual.
 *
 * <p>A stamp is written only when every path's status-change time lies before the run started
 * (less {@link #SETTLE_MILLIS}, for file systems whose clock ticks coarsely): a path that changed
 * while the sync read the environment could otherwise be recorded in a state that was never
 * checked. Strings outside printable ASCII or containing line breaks get no stamp, so the
 * launcher can read stamps line by line.
 */
final class SyncStamp {

    /** The first line of a stamp; the launcher ignores any stamp that starts otherwise. */
    static final String FORMAT = "pinwheel-sync-stamp 2";

    /** The cache directory that holds stamps, one file per working directory and command line. */
    static final String DIR = "sync-stamps-v1";

    /** How long before the run a path must have last changed for the stamp to vouch for it. */
    static final long SETTLE_MILLIS = 100;

    /** Stamps unused this long are deleted when another is written. */
    static final long EXPIRY_MILLIS = 30L * 24 * 3600 * 1000;

    /**
     * The line {@code stat -L --printf '%d %i %s %.9Y %.9Z %n\n'} prints for {@code path}: device,
     * inode, size, modification and status-change time (seconds with nanoseconds), the path.
     */
    static String statLine(Path path) throws IOException {
        return statLine(path, attributes(path));
    }

    private static Map<String, Object> attributes(Path path) throws IOException {
        return Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime");
    }

    private static String statLine(Path path, Map<String, Object> a) {
        return a.get("dev") + " " + a.get("ino") + " " + a.get("size") + " "
                + seconds((FileTime) a.get("lastModifiedTime")) + " " + seconds((FileTime) a.get("ctime")) + " " + path;
    }

    private static String seconds(FileTime time) {
        Instant t = time.toInstant();
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    /** The stamp file for a command line run in {@code cwd}: named by the SHA-256 of the lines {@code cwd, args...}. */
    static Path location(Path cacheDir, Path cwd, List<String> args) {
        StringBuilder key = new StringBuilder().append(cwd).append('\n');
        args.forEach(a -> key.append(a).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve(DIR).resolve(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The stamp's text, or empty when the run cannot vouch for it: a path changed too recently
     * (see the class comment), a path cannot be read, or a string is not plain printable ASCII.
     *
     * @param variables each variable the run read, with its value ({@code null}: unset)
     * @param missing   files that were not there (not a regular file, following links), and must stay so
     * @param messages  the lines the launcher prints on stderr when the stamp holds
     * @param startedMillis when the run started reading, by the wall clock
     */
    static Optional<String> render(Path cwd, List<String> args, Map<String, String> variables, List<Path> paths,
                                   List<Path> missing, List<String> messages, long startedMillis) {
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        if (!plain(cwd.toString())) {
            return Optional.empty();
        }
        out.append("cwd ").append(cwd).append('\n');
        for (String arg : args) {
            if (!plain(arg)) {
                return Optional.empty();
            }
            out.append("arg ").append(arg).append('\n');
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (!v.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || (v.getValue() != null && !plain(v.getValue()))) {
                return Optional.empty();
            }
            out.append(v.getValue() == null ? "unset " + v.getKey() : "set " + v.getKey() + "=" + v.getValue()).append('\n');
        }
        long settled = startedMillis - SETTLE_MILLIS;
        for (Path path : paths) {
            if (!path.isAbsolute() || !plain(path.toString())) {
                return Optional.empty();
            }
            try {
                Map<String, Object> a = attributes(path);
                long changed = ((FileTime) a.get("ctime")).toMillis();
                if (changed >= settled || changed < 0) {
                    return Optional.empty();
                }
                out.append("file ").append(statLine(path, a)).append('\n');
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        for (Path path : missing) {
            // Checked again now: a file that appeared since the run looked was never read.
            if (!path.isAbsolute() || !plain(path.toString()) || Files.isRegularFile(path)) {
                return Optional.empty();
            }
            out.append("missing ").append(path).append('\n');
        }
        for (String message : messages) {
            if (!plain(message)) {
                return Optional.empty();
            }
            out.append("say ").append(message).append('\n');
        }
        return Optional.of(out.toString());
    }

    /** Printable ASCII only: no line breaks, nothing a locale could decode differently. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Writes a stamp whole (a temporary file moved into place) and deletes stamps unused for a month. */
    static void write(Path file, String text) throws IOException {
        Path dir = Files.createDirectories(file.getParent());
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        long expired = System.currentTimeMillis() - EXPIRY_MILLIS;
        try (DirectoryStream<Path> stamps = Files.newDirectoryStream(dir)) {
            for (Path stamp : stamps) {
                if (Files.getLastModifiedTime(stamp).toMillis() < expired) {
                    Files.deleteIfExists(stamp);
                }
            }
        }
    }
}
