package dev.pinwheel.env;

import dev.pinwheel.support.NativeInflater;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One thread's means of writing wheel entries taken whole by {@link ZipStream#raw()}: libdeflate
 * ({@link NativeInflater}) into a direct buffer that goes to the file without another copy, or,
 * where libdeflate is not available or the entry is bigger than {@link #WHOLE_MAX}, the JDK's
 * zlib in chunks. Both write the same bytes and refuse the same broken entries. Kept per thread
 * ({@link #current()}) so that the buffers outlive the wheels; not thread-safe.
 */
final class EntryInflater {

    /** Entries inflated whole at most this big; the buffer grows to it. */
    static final long WHOLE_MAX = 64 << 20;
    private static final int DEFLATED = 8;

    private static final ThreadLocal<EntryInflater> CURRENT = ThreadLocal.withInitial(EntryInflater::new);

    private final boolean whole;
    private final IntFunction<ByteBuffer> allocate;
    private final Inflater zlib = new Inflater(true);
    private final byte[] chunk = new byte[1 << 16];
    private NativeInflater fast;
    private boolean opened;
    private ByteBuffer buffer;

    EntryInflater() {
        this(true);
    }

    /** {@code whole = false}: zlib only (tests). */
    EntryInflater(boolean whole) {
        this(whole, ByteBuffer::allocateDirect);
    }

    /** {@code allocate} makes the direct buffers (tests: one that runs out). */
    EntryInflater(boolean whole, IntFunction<ByteBuffer> allocate) {
        this.whole = whole;
        this.allocate = allocate;
    }

    static EntryInflater current() {
        return CURRENT.get();
    }

    /** Whether an entry of these sizes is inflated whole by libdeflate (so worth taking whole even when big). */
    static boolean inflatesWhole(long size) {
        return size <= WHOLE_MAX && NativeInflater.available();
    }

    /** Writes {@code entry} into the new file {@code target}; returns its size. */
    long write(ZipStream.Entry entry, Path target) throws IOException {
        try (FileOutputStream out = new FileOutputStream(target.toFile())) {
            NativeInflater whole = entry.method() == DEFLATED && entry.size() <= WHOLE_MAX ? fast() : null;
            ByteBuffer into = whole == null ? null : buffer(entry.size());
            if (into == null) {
                return ZipStream.write(entry, out, zlib, chunk);
            }
            int n;
            try {
                n = whole.inflate(entry.raw(), 0, entry.raw().length, into);
            } catch (DataFormatException e) {
                throw new ZipStream.Unsupported("corrupt deflate data (" + e.getMessage() + ")");
            }
            if (n != entry.size()) {
                throw new ZipStream.Unsupported("an entry whose size does not match its header");
            }
            FileChannel channel = out.getChannel();
            while (into.hasRemaining()) {
                channel.write(into);
            }
            return n;
        }
    }

    private NativeInflater fast() {
        if (!opened) {
            opened = true;
            fast = whole ? NativeInflater.open() : null;
        }
        return fast;
    }

    /**
     * A direct buffer of at least {@code size} bytes (and at least one more, to see an entry that
     * is longer than its header says), or null when the JVM's direct memory (as much as its heap
     * by default) cannot hold one: zlib then streams the entry in chunks.
     */
    private ByteBuffer buffer(long size) {
        if (buffer == null || buffer.capacity() <= size) {
            long capacity = Math.max(1 << 20, Long.highestOneBit(size) << 1);
            buffer = null;
            try {
                buffer = allocate.apply((int) Math.min(capacity, WHOLE_MAX + 1));
            } catch (OutOfMemoryError e) {
                return null;
            }
        }
        return buffer;
    }
}
