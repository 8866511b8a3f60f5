package dev.pinwheel.index;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code PKG-INFO} of a source distribution ({@code .tar.gz}, {@code .tgz}, {@code .tar},
 * {@code .zip}): the file at {@code <top>/PKG-INFO}, found without unpacking the archive (ustar,
 * GNU long names and pax path records are understood). Whether that text may stand in for the
 * built wheel's metadata is the caller's decision; {@link #isTrustworthy(String)} applies the
 * rule: Metadata-Version 2.2 or newer and {@code Requires-Dist} not marked {@code Dynamic}.
 */
public final class SdistMetadata {

    private SdistMetadata() {
    }

    /** The PKG-INFO bytes of the sdist at {@code file}, or empty when it has none. */
    public static Optional<byte[]> readPkgInfo(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".zip")) {
                return fromZip(file);
            }
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16)) {
                    return fromTar(in);
                }
            }
            if (name.endsWith(".tar")) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    return fromTar(in);
                }
            }
            throw new IndexException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                    "cannot read " + file.getFileName() + ": unsupported sdist format", "pinwheel reads .tar.gz, .tgz, .tar and .zip sdists", null);
        } catch (IOException e) {
            throw new IndexException("cannot read " + file.getFileName() + ": " + e.getMessage(), "the file may be damaged; try --refresh", e);
        }
    }

    /**
     * Whether PKG-INFO text may be used as the distribution's metadata for resolution (PEP 643):
     * its Metadata-Version is at least 2.2 and {@code Requires-Dist} is not listed as
     * {@code Dynamic}. Older sdists must be built (PEP 517 prepare_metadata_for_build_wheel).
     */
    public static boolean isTrustworthy(String pkgInfo) {
        String version = null;
        boolean dynamicRequires = false;
        for (String line : pkgInfo.split("\r?\n")) {
            if (line.isEmpty()) {
                break; // the body (long description) starts here
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("metadata-version")) {
                version = value;
            } else if (key.equals("dynamic") && value.equalsIgnoreCase("requires-dist")) {
                dynamicRequires = true;
            }
        }
        if (version == null || dynamicRequires) {
            return false;
        }
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 2 || major == 2 && minor >= 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<byte[]> fromZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (isTopLevelPkgInfo(e.getName())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        return Optional.of(in.readAllBytes());
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Optional<byte[]> fromTar(InputStream in) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (readFully(in, header)) {
            if (isZeros(header)) {
                return Optional.empty();
            }
            String name = cString(header, 0, 100);
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(cString(header, 257, 5))) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            long padded = (size + 511) / 512 * 512;
            if (type == 'L' || type == 'x') {
                byte[] data = readBytes(in, size);
                skip(in, padded - size);
                if (type == 'L') {
                    longName = cString(data, 0, data.length);
                } else {
                    String path = paxPath(data);
                    if (path != null) {
                        longName = path;
                    }
                }
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if ((type == '0' || type == 0) && isTopLevelPkgInfo(name)) {
                return Optional.of(readBytes(in, size));
            }
            skip(in, padded);
        }
        return Optional.empty();
    }

    private static boolean isTopLevelPkgInfo(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        int slash = n.indexOf('/');
        return slash > 0 && n.substring(slash + 1).equals("PKG-INFO");
    }

    /** The {@code path} record of a pax extended header ("LEN path=VALUE\n" records). */
    private static String paxPath(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int space = s.indexOf(' ', i);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(s.substring(i, space));
            } catch (NumberFormatException e) {
                break;
            }
            // the length counts bytes; the records we look at are ASCII-keyed
            String record = new String(data, i, Math.min(len, data.length - i), StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0 && record.substring(record.indexOf(' ') + 1, eq).equals("path")) {
                return record.substring(eq + 1).replaceAll("\n$", "");
            }
            i += len;
        }
        return null;
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int n = in.readNBytes(buf, 0, buf.length);
        if (n == 0) {
            return false;
        }
        if (n < buf.length) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        if (size > 64L * 1024 * 1024) {
            throw new IOException("tar entry too large");
        }
        byte[] b = in.readNBytes((int) size);
        if (b.length != size) {
            throw new IOException("truncated tar archive");
        }
        return b;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("truncated tar archive");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static boolean isZeros(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        if ((b[off] & 0x80) != 0) { // GNU base-256 for large sizes
            long v = b[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (b[off + i] & 0xff);
            }
            return v;
        }
        String s = cString(b, off, len).strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad tar header");
        }
    }
}
