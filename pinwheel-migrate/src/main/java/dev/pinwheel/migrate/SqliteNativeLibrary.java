package dev.pinwheel.migrate;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.AtomicFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where sqlite-jdbc finds its native library. Left alone, the driver copies the library (over a
 * megabyte) out of the jar into the temp folder under a new random name on every start, compares
 * the copy byte by byte with the jar's, loads it, and deletes it at exit; it also asks the
 * platform (a listing of {@code /proc/self/map_files} for musl, and more) which build to copy.
 * That is about a tenth of a second of each {@code pinwheel db} run on SQLite.
 *
 * <p>Instead the library is copied once into pinwheel's cache,
 * {@code <cache>/sqlite-jdbc/<driver version>-<os.name>-<os.arch>/}, and the driver is pointed at
 * it with its system properties {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}, which
 * it tries before extracting anything (sqlite-jdbc's {@code SQLiteJDBCLoader}: the path first,
 * then extraction into {@code org.sqlite.tmpdir}, then {@code java.library.path}). Concurrent first
 * runs are safe: each writes a temporary file beside the target and links it to the target only
 * when no other run did first, so a process finds either no library or a whole one, and a library
 * one process has mapped is never replaced under it. When the copy cannot be made
 * (a read-only cache) or does not load (a cache on a {@code noexec} mount, a musl build cached by a
 * glibc host), the driver falls back to its own extraction into the temp folder, as before; the
 * properties are never set when the user set them.
 */
public final class SqliteNativeLibrary {

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private static volatile Path cacheRoot;
    private static boolean prepared;

    private SqliteNativeLibrary() {
    }

    /** Uses {@code root} (pinwheel's cache root) for the library; call before the first SQLite connection. */
    public static void useCache(Path root) {
        cacheRoot = root;
    }

    /**
     * Makes sure the driver will load the cached copy: copies it on the first run, and sets the
     * driver's properties. Does nothing without a cache root, after the first call, or when the
     * properties are set already.
     */
    static synchronized void prepare() {
        Path root = cacheRoot;
        if (prepared || root == null || System.getProperty(PATH_PROPERTY) != null
                || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        prepared = true;
        String name = System.mapLibraryName("sqlitejdbc");
        if (name.endsWith(".dylib")) {
            name = name.replace(".dylib", ".jnilib"); // the name sqlite-jdbc's macOS builds carry
        }
        Path dir = root.resolve("sqlite-jdbc").resolve(folder(org.sqlite.SQLiteJDBCLoader.getVersion(),
                System.getProperty("os.name"), System.getProperty("os.arch")));
        Path library = dir.resolve(name);
        if (!Files.isRegularFile(library) && !extract(library, name)) {
            return;
        }
        System.setProperty(PATH_PROPERTY, dir.toString());
        System.setProperty(NAME_PROPERTY, name);
    }

    /** The cache folder of one driver build for one platform: plain characters only. */
    static String folder(String version, String os, String arch) {
        return (version + "-" + os + "-" + arch).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    }

    /** Copies the driver's library for this platform to {@code target}; false when it cannot. */
    private static boolean extract(Path target, String name) {
        String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false; // no build for this platform in the jar: the driver says so itself
            }
            AtomicFiles.writeOnce(target, in::transferTo);
            return true;
        } catch (java.io.IOException | PinwheelException e) {
            return false;
        }
    }
}
