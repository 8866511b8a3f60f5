package dev.pinwheel.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one wheel's {@code *.dist-info/METADATA} through byte ranges, the way uv does, so that a
 * 100 MB wheel costs a few kilobytes: (1) a suffix range for the end of central directory record
 * (and the zip64 locator before it), (2) the central directory, unless the suffix already held
 * it, (3) the local header plus compressed data of the METADATA entry, which is then inflated
 * and CRC-checked. Typical cost: two requests. All logic works on a {@link RangeSource}, so it is
 * tested without a network.
 */
final class ZipMetadataReader {

    /** Initial suffix length: enough for the central directory of most wheels. */
    static final int SUFFIX = 64 * 1024;

    /** Random access to a remote (or in-memory) file. */
    interface RangeSource {
        /** The last {@code n} bytes (fewer when the file is shorter) and the file's total length. */
        Chunk suffix(int n) throws IOException;

        /** Bytes {@code [start, end)}. */
        byte[] range(long start, long end) throws IOException;
    }

    record Chunk(long offset, byte[] bytes, long totalLength) {
    }

    record Entry(String name, int method, long crc, long compressedSize, long size, long localHeaderOffset, int extraLength) {
    }

    /** A zip that cannot be read (truncated, not a zip, no METADATA); the caller falls back to a download. */
    static final class BadZipException extends IOException {
        BadZipException(String message) {
            super(message);
        }
    }

    private ZipMetadataReader() {
    }

    /** Reads the METADATA of the wheel {@code wheelFilename} from {@code source}. */
    static byte[] readMetadata(RangeSource source, String wheelFilename) throws IOException {
        Chunk tail = source.suffix(SUFFIX);
        byte[] t = tail.bytes();
        int eocd = lastIndexOfSignature(t, 0x06054b50, 22);
        if (eocd < 0) {
            throw new BadZipException("no end of central directory record");
        }
        ByteBuffer e = le(t);
        long entries = u16(e, eocd + 10);
        long cdSize = u32(e, eocd + 12);
        long cdOffset = u32(e, eocd + 16);
        if (cdOffset == 0xFFFFFFFFL || cdSize == 0xFFFFFFFFL || entries == 0xFFFF) {
            // zip64: the locator sits right before the EOCD record and points at the zip64 EOCD
            int loc = eocd - 20;
            if (loc < 0 || u32(le(t), loc) != 0x07064b50L) {
                throw new BadZipException("zip64 locator missing");
            }
            long zip64Eocd = le(t).getLong(loc + 8);
            byte[] rec = bytesAt(source, tail, zip64Eocd, zip64Eocd + 56);
            ByteBuffer z = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
            if (z.getInt(0) != 0x06064b50) {
                throw new BadZipException("zip64 end of central directory missing");
            }
            entries = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > tail.totalLength()) {
            throw new BadZipException("central directory out of bounds");
        }
        byte[] cd = bytesAt(source, tail, cdOffset, cdOffset + cdSize);
        List<Entry> all = centralDirectory(cd, entries);
        Entry metadata = chooseMetadata(all, wheelFilename);
        // the local extra field may differ from the central one: ask for some slack, re-ask if short
        long start = metadata.localHeaderOffset();
        long want = 30 + metadata.name().getBytes(StandardCharsets.UTF_8).length + metadata.extraLength()
                + metadata.compressedSize() + 256;
        long end = Math.min(tail.totalLength(), start + want);
        byte[] local = bytesAt(source, tail, start, end);
        ByteBuffer l = ByteBuffer.wrap(local).order(ByteOrder.LITTLE_ENDIAN);
        if (local.length < 30 || l.getInt(0) != 0x04034b50) {
            throw new BadZipException("bad local header for " + metadata.name());
        }
        int dataStart = 30 + (l.getShort(26) & 0xffff) + (l.getShort(28) & 0xffff);
        long dataEnd = dataStart + metadata.compressedSize();
        if (dataEnd > local.length) {
            byte[] more = bytesAt(source, tail, start + local.length, start + dataEnd);
            byte[] joined = new byte[(int) dataEnd];
            System.arraycopy(local, 0, joined, 0, local.length);
            System.arraycopy(more, 0, joined, local.length, more.length);
            local = joined;
        }
        return inflate(metadata, local, dataStart);
    }

    /** Bytes {@code [start, end)}, from the suffix already fetched when it covers them. */
    private static byte[] bytesAt(RangeSource source, Chunk tail, long start, long end) throws IOException {
        if (start >= tail.offset() && end <= tail.offset() + tail.bytes().length) {
            int from = (int) (start - tail.offset());
            return java.util.Arrays.copyOfRange(tail.bytes(), from, from + (int) (end - start));
        }
        if (end - start > 64L * 1024 * 1024) {
            throw new BadZipException("zip structure too large to read by ranges");
        }
        byte[] b = source.range(start, end);
        if (b.length != end - start) {
            throw new BadZipException("short range answer: wanted " + (end - start) + " bytes, got " + b.length);
        }
        return b;
    }

    static List<Entry> centralDirectory(byte[] cd, long expected) throws BadZipException {
        List<Entry> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(cd).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        while (p + 46 <= cd.length && b.getInt(p) == 0x02014b50) {
            int method = b.getShort(p + 10) & 0xffff;
            long crc = b.getInt(p + 16) & 0xffffffffL;
            long compressed = b.getInt(p + 20) & 0xffffffffL;
            long size = b.getInt(p + 24) & 0xffffffffL;
            int nameLen = b.getShort(p + 28) & 0xffff;
            int extraLen = b.getShort(p + 30) & 0xffff;
            int commentLen = b.getShort(p + 32) & 0xffff;
            long offset = b.getInt(p + 42) & 0xffffffffL;
            if (p + 46 + nameLen + extraLen > cd.length) {
                throw new BadZipException("truncated central directory");
            }
            String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
            // zip64 extra field (0x0001): the 64-bit values replace the ones that are 0xFFFFFFFF, in order
            int x = p + 46 + nameLen;
            int xEnd = x + extraLen;
            while (x + 4 <= xEnd) {
                int id = b.getShort(x) & 0xffff;
                int len = b.getShort(x + 2) & 0xffff;
                if (id == 0x0001) {
                    int q = x + 4;
                    if (size == 0xFFFFFFFFL && q + 8 <= xEnd) {
                        size = b.getLong(q);
                        q += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && q + 8 <= xEnd) {
                        compressed = b.getLong(q);
                        q += 8;
                    }
                    if (offset == 0xFFFFFFFFL && q + 8 <= xEnd) {
                        offset = b.getLong(q);
                    }
                }
                x += 4 + len;
            }
            out.add(new Entry(name, method, crc, compressed, size, offset, extraLen));
            p += 46 + nameLen + extraLen + commentLen;
        }
        if (out.isEmpty() && expected > 0) {
            throw new BadZipException("empty or unreadable central directory");
        }
        return out;
    }

    /**
     * The {@code <name>-<version>.dist-info/METADATA} entry at the top level; when a wheel has
     * several dist-info directories (it happens), the one whose name matches the file name's.
     */
    static Entry chooseMetadata(List<Entry> entries, String wheelFilename) throws BadZipException {
        List<Entry> candidates = new ArrayList<>();
        for (Entry e : entries) {
            String n = e.name();
            int slash = n.indexOf('/');
            if (slash > 0 && n.indexOf('/', slash + 1) < 0 && n.substring(0, slash).toLowerCase(Locale.ROOT).endsWith(".dist-info")
                    && n.substring(slash + 1).equals("METADATA")) {
                candidates.add(e);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String project = normalize(wheelFilename.split("-")[0]);
        for (Entry e : candidates) {
            if (normalize(e.name().split("-")[0]).equals(project)) {
                return e;
            }
        }
        throw new BadZipException(candidates.isEmpty() ? "no .dist-info/METADATA in " + wheelFilename
                : "several .dist-info directories in " + wheelFilename);
    }

    private static String normalize(String s) {
        return s.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    static byte[] inflate(Entry e, byte[] local, int dataStart) throws IOException {
        if (e.size() > 64L * 1024 * 1024) {
            throw new BadZipException("METADATA larger than 64 MiB");
        }
        byte[] out;
        if (e.method() == 0) {
            out = java.util.Arrays.copyOfRange(local, dataStart, dataStart + (int) e.compressedSize());
        } else if (e.method() == 8) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(local, dataStart, (int) e.compressedSize());
                out = new byte[(int) e.size()];
                int n = 0;
                while (n < out.length) {
                    int r = inflater.inflate(out, n, out.length - n);
                    if (r == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += r;
                }
                if (n != out.length) {
                    throw new BadZipException("METADATA inflated to " + n + " bytes, expected " + out.length);
                }
            } catch (DataFormatException ex) {
                throw new BadZipException("corrupt METADATA entry: " + ex.getMessage());
            } finally {
                inflater.end();
            }
        } else {
            throw new BadZipException("unsupported compression method " + e.method() + " for METADATA");
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) {
            throw new BadZipException("METADATA fails its CRC check");
        }
        return out;
    }

    private static int lastIndexOfSignature(byte[] t, int signature, int minLength) {
        for (int i = t.length - minLength; i >= 0; i--) {
            if ((t[i] & 0xff) == (signature & 0xff) && (t[i + 1] & 0xff) == ((signature >> 8) & 0xff)
                    && (t[i + 2] & 0xff) == ((signature >> 16) & 0xff) && (t[i + 3] & 0xff) == ((signature >>> 24) & 0xff)) {
                return i;
            }
        }
        return -1;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }
}
