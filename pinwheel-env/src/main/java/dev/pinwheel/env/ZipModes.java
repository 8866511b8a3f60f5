package dev.pinwheel.env;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the Unix mode of each entry from a zip's central directory, which
 * {@link java.util.zip.ZipFile} does not expose: the installer needs the executable bit and must
 * recognise symbolic-link entries to refuse those pointing outside the archive.
 */
final class ZipModes {

    private static final int EOCD = 0x06054b50;
    private static final int EOCD64_LOCATOR = 0x07064b50;
    private static final int CENTRAL_HEADER = 0x02014b50;

    static final int TYPE_MASK = 0170000;
    static final int SYMLINK = 0120000;

    private ZipModes() {
    }

    /** Entry name to Unix mode, for the entries written on a Unix system (others are absent). */
    static Map<String, Integer> read(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 65_535 + 22);
            ByteBuffer end = read(ch, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException("not a zip file (no end of central directory)");
            }
            long cdSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            if ((cdOffset == 0xFFFFFFFFL || cdSize == 0xFFFFFFFFL) && eocd >= 20 && end.getInt(eocd - 20) == EOCD64_LOCATOR) {
                long eocd64 = end.getLong(eocd - 20 + 8);
                ByteBuffer z64 = read(ch, eocd64, 56);
                cdSize = z64.getLong(40);
                cdOffset = z64.getLong(48);
            }
            if (cdSize > Integer.MAX_VALUE || cdOffset + cdSize > size) {
                throw new IOException("corrupt zip central directory");
            }
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
            Map<String, Integer> modes = new HashMap<>();
            int pos = 0;
            while (pos + 46 <= cd.limit() && cd.getInt(pos) == CENTRAL_HEADER) {
                int madeBy = Short.toUnsignedInt(cd.getShort(pos + 4)) >>> 8;
                int nameLength = Short.toUnsignedInt(cd.getShort(pos + 28));
                int extraLength = Short.toUnsignedInt(cd.getShort(pos + 30));
                int commentLength = Short.toUnsignedInt(cd.getShort(pos + 32));
                int external = cd.getInt(pos + 38);
                byte[] name = new byte[nameLength];
                cd.get(pos + 46, name);
                if (madeBy == 3) {
                    modes.put(new String(name, StandardCharsets.UTF_8), external >>> 16);
                }
                pos += 46 + nameLength + extraLength + commentLength;
            }
            return modes;
        }
    }

    private static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                throw new IOException("truncated zip file");
            }
        }
        return buf.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
