package dev.pinwheel.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.DataFormatException;

/**
 * A raw DEFLATE decoder for whole buffers backed by libdeflate, the platform's fast inflater
 * (Debian's {@code libdeflate0}), through a small JNI library that pinwheel's build compiles
 * with the machine's C compiler and ships in the jar.
 *
 * <p>Why: inflating the wheels was a quarter of a cold sync's CPU with the JDK's zlib
 * ({@link java.util.zip.Inflater}, the system's zlib 1.2.13); libdeflate inflated the same 3,701
 * entries of the seed project's 47 wheels (53 MB into 167 MB) in 0.31 s against zlib's 0.77 s.
 * It takes the whole compressed entry and writes the whole output at once, which a wheel's
 * entries allow (their sizes are in their headers).
 *
 * <p>Where the JNI library was not built (no C compiler, another platform), libdeflate is not
 * installed, or {@code PINWHEEL_NATIVE_INFLATE=0} / {@code -Dpinwheel.nativeInflate=false},
 * {@link #open()} answers null and callers use {@link java.util.zip.Inflater}, which gives the
 * same bytes. An instance is not thread-safe: one per thread.
 */
public final class NativeInflater implements AutoCloseable {

    static final String LIBRARY = "libpinwheel-inflate.so";

    /** Frees the decoders of instances that were never closed (a thread's, say) once they are unreachable. */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /** The native decoder, freed once: by {@link #close()} or by the cleaner. */
    private static final class Handle implements Runnable {
        volatile long address;

        Handle(long address) {
            this.address = address;
        }

        @Override
        public synchronized void run() {
            if (address != 0) {
                release(address);
                address = 0;
            }
        }
    }

    private final Handle handle;
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    private NativeInflater(long address) {
        this.handle = new Handle(address);
        this.cleanable = CLEANER.register(this, handle);
    }

    /** A decoder, or null when libdeflate cannot be used here (see the class comment). */
    public static NativeInflater open() {
        if (!Linked.OK) {
            return null;
        }
        long handle = allocate();
        return handle == 0 ? null : new NativeInflater(handle);
    }

    /** Whether {@link #open()} gives decoders in this process. */
    public static boolean available() {
        return Linked.OK;
    }

    /**
     * Inflates the raw DEFLATE stream {@code in[offset, offset + length)}, which must be consumed
     * exactly, into the direct buffer {@code out} from position 0, at most its capacity; on return
     * {@code out} is flipped (position 0, limit the size). Returns the size.
     */
    public int inflate(byte[] in, int offset, int length, ByteBuffer out) throws DataFormatException {
        long address = handle.address;
        if (address == 0) {
            throw new IllegalStateException("closed");
        }
        if (!out.isDirect()) {
            throw new IllegalArgumentException("a direct buffer is needed");
        }
        java.util.Objects.checkFromIndexSize(offset, length, in.length);
        int n = inflate(address, in, offset, length, out, out.capacity());
        java.lang.ref.Reference.reachabilityFence(this);
        switch (n) {
            case -1 -> throw new DataFormatException("invalid deflate data");
            case -3 -> throw new DataFormatException("inflates to more than " + out.capacity() + " bytes");
            case -4 -> throw new DataFormatException("the deflate stream ends before its input");
            case -2, -5, -6 -> throw new IllegalStateException("libdeflate failed (" + n + ")");
            default -> {
                if (n < 0) {
                    throw new IllegalStateException("libdeflate failed (" + n + ")");
                }
            }
        }
        out.clear();
        out.limit(n);
        return n;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    private static native boolean link();

    private static native long allocate();

    private static native void release(long handle);

    private static native int inflate(long handle, byte[] in, int offset, int length, ByteBuffer out, int capacity);

    /** Loads the JNI library and links libdeflate once, when first asked. */
    private static final class Linked {
        static final boolean OK = load();

        private static boolean load() {
            String env = System.getenv("PINWHEEL_NATIVE_INFLATE");
            if (!Boolean.parseBoolean(System.getProperty("pinwheel.nativeInflate", "true"))
                    || "0".equals(env) || "false".equalsIgnoreCase(env)) {
                return false;
            }
            try {
                String name = resource();
                Path library = name == null ? null : library(NativeInflater.class.getResource(name));
                if (library == null) {
                    return false;
                }
                System.load(library.toString());
                return link();
            } catch (IOException | RuntimeException | LinkageError e) {
                return false;
            }
        }
    }

    /** The platform's resource name: {@code native/linux-amd64/libpinwheel-inflate.so}. */
    static String resource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            return null;
        }
        return "native/linux-" + arch + "/" + LIBRARY;
    }

    /**
     * The JNI library as a file: the resource itself when the classes are a directory (a build
     * tree, tests); when they are a jar, a copy beside it, {@code <jar>.native/<crc>/}, written
     * once (atomically) and named by the entry's CRC so that a rebuilt jar gets its own.
     */
    static Path library(URL url) throws IOException {
        if (url == null) {
            return null;
        }
        if (url.getProtocol().equals("file")) {
            return Path.of(java.net.URI.create(url.toString()));
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return null;
        }
        Path jarFile = Path.of(java.net.URI.create(jar.getJarFileURL().toString()));
        long crc = jar.getJarEntry().getCrc();
        Path dir = jarFile.resolveSibling(jarFile.getFileName() + ".native").resolve(Long.toHexString(crc));
        Path target = dir.resolve(LIBRARY);
        if (Files.isRegularFile(target) && Files.size(target) == jar.getJarEntry().getSize()) {
            return target;
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, LIBRARY, ".tmp");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
