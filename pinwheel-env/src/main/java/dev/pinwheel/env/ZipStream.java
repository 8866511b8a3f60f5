package dev.pinwheel.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip read once from front to back, as it downloads: entry by entry from the local headers,
 * then the central directory, which gives the Unix modes and must list exactly the entries read,
 * each at the offset it was read from (the central directory is what {@link java.util.zip.ZipFile},
 * pip and uv go by; an archive whose local entries tell another story is not read this way).
 *
 * <p>Layouts this reader does not take throw {@link Unsupported}, and the caller reads the
 * archive from a file instead: a stored entry with a data descriptor (its end cannot be found
 * without the central directory), encryption, compression other than deflate, data before the
 * first entry, or a central directory that disagrees with the entries. Wheels written by
 * Python's {@code zipfile} (setuptools, hatchling, flit, maturin and the rest) have none of these.
 */
final class ZipStream {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    /** A layout this reader does not take; reading the archive from a file does. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    /** The archive offset of {@code buf[0]}. */
    private long base;
    private boolean eof;
    private final Inflater inflater = new Inflater(true);
    /** Entries read so far, and each one's raw name by its local header's offset. */
    private int entries;
    private final Map<Long, byte[]> names = new HashMap<>();

    // the current entry
    private int flags;
    private int method;
    private long compressedSize;
    private long size;
    private boolean zip64;
    private boolean read;

    ZipStream(InputStream in) {
        this.in = in;
    }

    /** The next entry's name, or null when the central directory begins. */
    String next() throws IOException {
        if (entries > 0 && !read) {
            throw new IllegalStateException("the previous entry was not read");
        }
        if (!ensure(4)) {
            throw new Unsupported("no central directory");
        }
        int signature = int32(pos);
        if (signature == CENTRAL) {
            return null;
        }
        if (signature != LOCAL) {
            throw new Unsupported("no local header at offset " + offset());
        }
        if (!ensure(30)) {
            throw new Unsupported("truncated local header");
        }
        long at = offset();
        flags = int16(pos + 6);
        method = int16(pos + 8);
        compressedSize = Integer.toUnsignedLong(int32(pos + 18));
        size = Integer.toUnsignedLong(int32(pos + 22));
        int nameLength = int16(pos + 26);
        int extraLength = int16(pos + 28);
        pos += 30;
        if (!ensure(nameLength + extraLength)) {
            throw new Unsupported("truncated local header");
        }
        byte[] name = Arrays.copyOfRange(buf, pos, pos + nameLength);
        zip64 = false;
        for (int x = pos + nameLength, end = x + extraLength; x + 4 <= end; ) {
            int id = int16(x);
            int length = int16(x + 2);
            if (id == 0x0001) {
                zip64 = true;
                int field = x + 4;
                if (size == 0xFFFFFFFFL && field + 8 <= x + 4 + length) {
                    size = int64(field);
                    field += 8;
                }
                if (compressedSize == 0xFFFFFFFFL && field + 8 <= x + 4 + length) {
                    compressedSize = int64(field);
                }
            }
            x += 4 + length;
        }
        pos += nameLength + extraLength;
        if ((flags & 1) != 0) {
            throw new Unsupported("an encrypted entry");
        }
        if (method != STORED && method != DEFLATED) {
            throw new Unsupported("compression method " + method);
        }
        if (method == STORED && (flags & 8) != 0) {
            throw new Unsupported("a stored entry with a data descriptor");
        }
        entries++;
        names.put(at, name);
        read = false;
        return new String(name, StandardCharsets.UTF_8);
    }

    /** Whether the current entry's sizes are in its local header (no data descriptor): {@link #raw()} can take it whole. */
    boolean sized() {
        return (flags & 8) == 0;
    }

    /** The current entry's compressed size; meaningful when {@link #sized()}. */
    long compressedSize() {
        return compressedSize;
    }

    /** The current entry's size; meaningful when {@link #sized()}. */
    long size() {
        return size;
    }

    /**
     * The current entry's compressed bytes, to be written elsewhere by {@link #write}: so that
     * another thread can inflate and write it while this one reads on. Only when {@link #sized()}.
     */
    Entry raw() throws IOException {
        if (!sized() || compressedSize > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("not a sized entry");
        }
        read = true;
        byte[] raw = new byte[(int) compressedSize];
        for (int done = 0; done < raw.length; ) {
            if (!ensure(1)) {
                throw new Unsupported("truncated entry");
            }
            int n = Math.min(raw.length - done, lim - pos);
            System.arraycopy(buf, pos, raw, done, n);
            pos += n;
            done += n;
        }
        return new Entry(raw, method, size);
    }

    /** An entry's compressed bytes, its compression method and its size as its header gives it. */
    record Entry(byte[] raw, int method, long size) {
    }

    /** Inflates (or copies) an entry taken by {@link #raw()} into {@code out}; returns its size. */
    static long write(Entry entry, OutputStream out, Inflater inflater, byte[] chunk) throws IOException {
        long written;
        if (entry.method() == STORED) {
            out.write(entry.raw());
            written = entry.raw().length;
        } else {
            inflater.reset();
            inflater.setInput(entry.raw());
            written = 0;
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(chunk);
                    if (n > 0) {
                        out.write(chunk, 0, n);
                        written += n;
                    } else if (inflater.finished()) {
                        break;
                    } else if (inflater.needsInput()) {
                        throw new Unsupported("compressed size does not match its entry");
                    } else if (inflater.needsDictionary()) {
                        throw new Unsupported("a deflate stream that needs a dictionary");
                    }
                }
            } catch (DataFormatException e) {
                throw new Unsupported("corrupt deflate data (" + e.getMessage() + ")");
            }
            if (inflater.getRemaining() != 0) {
                throw new Unsupported("compressed size does not match its entry");
            }
        }
        if (written != entry.size()) {
            throw new Unsupported("an entry whose size does not match its header");
        }
        return written;
    }

    /** Writes the current entry's data to {@code out}; returns its size. */
    long copyTo(OutputStream out, byte[] chunk) throws IOException {
        read = true;
        boolean descriptor = (flags & 8) != 0;
        long written = 0;
        if (method == STORED) {
            for (long left = compressedSize; left > 0; ) {
                if (!ensure(1)) {
                    throw new Unsupported("truncated entry");
                }
                int n = (int) Math.min(left, lim - pos);
                out.write(buf, pos, n);
                pos += n;
                left -= n;
                written += n;
            }
        } else {
            inflater.reset();
            long left = descriptor ? Long.MAX_VALUE : compressedSize;
            try {
                while (!inflater.finished()) {
                    if (inflater.needsInput()) {
                        if (left == 0 || !ensure(1)) {
                            throw new Unsupported("truncated entry");
                        }
                        int n = (int) Math.min(left, lim - pos);
                        inflater.setInput(buf, pos, n);
                        pos += n;
                        left -= n;
                    }
                    int n = inflater.inflate(chunk);
                    if (n > 0) {
                        out.write(chunk, 0, n);
                        written += n;
                    } else if (inflater.needsDictionary()) {
                        throw new Unsupported("a deflate stream that needs a dictionary");
                    }
                }
            } catch (DataFormatException e) {
                throw new Unsupported("corrupt deflate data (" + e.getMessage() + ")");
            }
            int unread = inflater.getRemaining();
            pos -= unread;
            if (!descriptor && left + unread != 0) {
                throw new Unsupported("compressed size does not match its entry");
            }
            if (descriptor) {
                compressedSize = inflater.getBytesRead();
            }
        }
        if (descriptor) {
            if (!ensure(4)) {
                throw new Unsupported("truncated data descriptor");
            }
            if (int32(pos) == DESCRIPTOR) {
                pos += 4;
            }
            int length = zip64 ? 20 : 12;
            if (!ensure(length)) {
                throw new Unsupported("truncated data descriptor");
            }
            long described = zip64 ? int64(pos + 4) : Integer.toUnsignedLong(int32(pos + 4));
            size = zip64 ? int64(pos + 12) : Integer.toUnsignedLong(int32(pos + 8));
            pos += length;
            if (described != compressedSize) {
                throw new Unsupported("a data descriptor that does not match its entry");
            }
        }
        if (written != size) {
            throw new Unsupported("an entry whose size does not match its header");
        }
        return written;
    }

    /**
     * After {@link #next()} returned null: reads the central directory, checks that it lists
     * exactly the entries read, at their offsets and under their names, and reads the rest of the
     * stream. Returns entry name to Unix mode for the entries made on a Unix system.
     */
    Map<String, Integer> finish() throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        int listed = 0;
        while (ensure(4) && int32(pos) == CENTRAL) {
            if (!ensure(46)) {
                throw new Unsupported("truncated central directory");
            }
            int madeBy = int16(pos + 4) >>> 8;
            int nameLength = int16(pos + 28);
            int extraLength = int16(pos + 30);
            int commentLength = int16(pos + 32);
            int external = int32(pos + 38);
            long compressed = Integer.toUnsignedLong(int32(pos + 20));
            long uncompressed = Integer.toUnsignedLong(int32(pos + 24));
            long offset = Integer.toUnsignedLong(int32(pos + 42));
            pos += 46;
            if (!ensure(nameLength + extraLength)) {
                throw new Unsupported("truncated central directory");
            }
            byte[] name = Arrays.copyOfRange(buf, pos, pos + nameLength);
            if (offset == 0xFFFFFFFFL) {
                offset = zip64Offset(pos + nameLength, extraLength, uncompressed == 0xFFFFFFFFL, compressed == 0xFFFFFFFFL);
            }
            pos += nameLength + extraLength;
            skip(commentLength);
            byte[] local = names.remove(offset);
            if (local == null || !Arrays.equals(local, name)) {
                throw new Unsupported("the central directory does not match the entries");
            }
            listed++;
            if (madeBy == 3) {
                modes.put(new String(name, StandardCharsets.UTF_8), external >>> 16);
            }
        }
        if (listed != entries || !names.isEmpty()) {
            throw new Unsupported("the central directory does not list every entry");
        }
        // The end records (and the file's hash check, which reading to the end triggers).
        pos = lim;
        while (in.read(buf) >= 0) {
            // drained
        }
        return modes;
    }

    private long zip64Offset(int extra, int length, boolean sizeSet, boolean compressedSet) {
        for (int x = extra, end = extra + length; x + 4 <= end; ) {
            int id = int16(x);
            int fieldLength = int16(x + 2);
            if (id == 0x0001) {
                int field = x + 4 + (sizeSet ? 8 : 0) + (compressedSet ? 8 : 0);
                if (field + 8 <= x + 4 + fieldLength) {
                    return int64(field);
                }
            }
            x += 4 + fieldLength;
        }
        throw new Unsupported("a zip64 offset without its extra field");
    }

    private long offset() {
        return base + pos;
    }

    private void skip(int n) throws IOException {
        if (!ensure(n)) {
            throw new Unsupported("truncated central directory");
        }
        pos += n;
    }

    /** Makes {@code n} bytes available at {@code pos} (n at most the buffer's size); false at the end of the stream. */
    private boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            throw new Unsupported("a header longer than " + buf.length + " bytes");
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    private int int16(int at) {
        return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8;
    }

    private int int32(int at) {
        return int16(at) | int16(at + 2) << 16;
    }

    private long int64(int at) {
        return Integer.toUnsignedLong(int32(at)) | (long) int32(at + 4) << 32;
    }

    /** Frees the inflater's native memory. */
    void close() {
        inflater.end();
    }
}
