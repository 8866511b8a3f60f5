package dev.pinwheel.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A project page as parsed, in a compact binary form ({@code simple-parsed-v1/}), the only copy
 * of a project page the cache keeps: a warm run reads this instead of re-parsing multi-megabyte
 * JSON (PyPI's pydantic-core page is 7 MB and lists 15,000 files), and a cold run writes this
 * instead of the page as well (a cold compile of the seed input fetches 13 MB of pages). It
 * carries the page's HTTP validators and freshness, so a fresh entry answers without a request and
 * a stale one is revalidated (a 304 keeps it); and the raw body's {@link #digest}, so a server that
 * sends no validators and the same body again costs no second parse. Anything unreadable (torn,
 * foreign, from another format) decodes to empty and the page is fetched again.
 *
 * <p>Strings are length-prefixed UTF-8 (a length of 0 means null); Requires-Python texts repeat
 * across thousands of files and are written once, then referred to by number. A file read
 * lazily from a JSON page ({@link DistFile#lazySlice()}) is written as its name, Requires-Python,
 * yanked reason, upload time and the bytes of its JSON object, and read back lazily the same way;
 * others are written field by field. A CRC-32C of the entry ends it, so a damaged entry is a
 * miss rather than a file that fails when it is first used.
 *
 * @param url           the page's final URL
 * @param etag          the page's ETag, or null
 * @param lastModified  the page's Last-Modified value, or null
 * @param storedAtMillis when the page was generated (its freshness starts here)
 * @param maxAgeSeconds the page's freshness lifetime, or -1
 * @param bodyDigest    the {@link #digest} of the raw body this was parsed from
 * @param parsed        the files (URLs absolute, without credentials) and PEP 700 versions
 */
record CompactPage(String url, String etag, String lastModified, long storedAtMillis, long maxAgeSeconds, String bodyDigest, PageParser.Parsed parsed) {

    private static final byte[] MAGIC = "pinwheel-parsed-page-v3\n".getBytes(StandardCharsets.US_ASCII);

    boolean freshAt(long nowMillis) {
        return maxAgeSeconds >= 0 && nowMillis - storedAtMillis < maxAgeSeconds * 1000;
    }

    /** This entry after a 304: the same page, with the new freshness and any new validators. */
    CompactPage revalidated(long storedAt, long maxAge, String newEtag, String newLastModified) {
        return new CompactPage(url, newEtag != null ? newEtag : etag, newLastModified != null ? newLastModified : lastModified,
                storedAt, maxAge, bodyDigest, parsed);
    }

    /**
     * Identifies a raw body: its length and CRC-32C. Not a security check (the entry is our own),
     * only "is this the body the entry was parsed from"; CRC-32C runs as a CPU
     * instruction, where SHA-256 ran in plain Java under C1 and cost 0.1 s per cold compile.
     */
    static String digest(byte[] body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        return body.length + "-" + Long.toHexString(crc.getValue());
    }

    byte[] encode() {
        Encoded e = encode(0);
        return Arrays.copyOf(e.buffer(), e.length());
    }

    /** An encoded entry: its first {@code length} bytes of {@code buffer}. */
    record Encoded(byte[] buffer, int length) {
    }

    /**
     * The entry, in a buffer sized from {@code sizeHint} (the raw body's length: the entry keeps each
     * file's JSON and its filename again, 10–20 % more than the page), written without growing and
     * not copied to an exact-length array. Growing from 64 KiB and copying out cost a cold seed compile ~80 MB of
     * allocation for ~13 MB of pages, most of a young collection.
     */
    Encoded encode(int sizeHint) {
        Writer w = new Writer(Math.max(sizeHint + (sizeHint >> 2) + 4096, 1 << 16));
        w.bytes(MAGIC, 0, MAGIC.length);
        w.string(url);
        w.nullable(etag);
        w.nullable(lastModified);
        w.varlong(storedAtMillis + 1); // -1 never happens; keeps the varint non-negative
        w.varlong(maxAgeSeconds + 1);
        w.string(bodyDigest);
        w.varint(parsed.versions().size());
        parsed.versions().forEach(w::string);
        w.varint(parsed.files().size());
        Map<String, Integer> requiresPython = new HashMap<>();
        for (DistFile f : parsed.files()) {
            writeFile(w, f, requiresPython);
        }
        int crc = crc(w.buf, 0, w.size);
        for (int shift = 24; shift >= 0; shift -= 8) {
            w.ensure(1);
            w.buf[w.size++] = (byte) (crc >>> shift);
        }
        return new Encoded(w.buf, w.size);
    }

    /** One file (a method of its own: a loop in one long call would run interpreted under C1 until OSR). */
    private static void writeFile(Writer w, DistFile f, Map<String, Integer> requiresPython) {
        DistFile.LazySlice lazy = f.lazySlice();
        w.flag(lazy != null);
        w.string(f.filename());
        // 0 = none; n <= known = the (n-1)th text seen; n = known + 1 = a new text follows
        String rp = f.requiresPython().orElse(null);
        if (rp == null) {
            w.varint(0);
        } else {
            Integer known = requiresPython.get(rp);
            if (known != null) {
                w.varint(known + 1);
            } else {
                w.varint(requiresPython.size() + 1);
                requiresPython.put(rp, requiresPython.size());
                w.string(rp);
            }
        }
        w.nullable(f.yanked().orElse(null));
        if (f.uploadTime().isPresent()) {
            w.flag(true);
            w.varlong(f.uploadTime().get().getEpochSecond() - Long.MIN_VALUE / 2);
            w.varint(f.uploadTime().get().getNano());
        } else {
            w.flag(false);
        }
        if (lazy != null) {
            w.varint(lazy.to() - lazy.from());
            w.bytes(lazy.bytes(), lazy.from(), lazy.to() - lazy.from());
            return;
        }
        w.string(f.urlString());
        w.map(f.hashes());
        w.varlong(f.size().isPresent() ? f.size().getAsLong() + 1 : 0);
        if (f.coreMetadata().isPresent()) {
            w.flag(true);
            w.map(f.coreMetadata().get());
        } else {
            w.flag(false);
        }
    }

    private static int crc(byte[] data, int from, int to) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data, from, to - from);
        return (int) crc.getValue();
    }

    /** Reads an entry written by {@link #encode()}; every file gets {@code source} (the redacted index). */
    static Optional<CompactPage> decode(byte[] data, String source) {
        if (data.length < MAGIC.length + 4 || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        int end = data.length - 4;
        int stored = (data[end] & 0xFF) << 24 | (data[end + 1] & 0xFF) << 16 | (data[end + 2] & 0xFF) << 8 | (data[end + 3] & 0xFF);
        if (crc(data, 0, end) != stored) {
            return Optional.empty();
        }
        try {
            Reader r = new Reader(data, MAGIC.length, end);
            String url = r.string();
            String etag = r.string();
            String lastModified = r.string();
            long storedAt = r.varlong() - 1;
            long maxAge = r.varlong() - 1;
            String sha = r.string();
            int versionCount = r.count();
            List<String> versions = new ArrayList<>(Math.min(versionCount, end));
            for (int i = 0; i < versionCount; i++) {
                versions.add(r.string());
            }
            int fileCount = r.count();
            List<DistFile> files = new ArrayList<>(Math.min(fileCount, end));
            List<Optional<String>> requiresPython = new ArrayList<>();
            for (int i = 0; i < fileCount; i++) {
                files.add(readFile(r, requiresPython, source));
            }
            if (r.pos != end || url == null || sha == null) {
                return Optional.empty();
            }
            return Optional.of(new CompactPage(url, etag, lastModified, storedAt, maxAge, sha, new PageParser.Parsed(files, versions)));
        } catch (RuntimeException e) {
            return Optional.empty(); // truncated or damaged: fetch the page again
        }
    }

    /** One file written by {@link #writeFile}; damage throws (and the entry is a miss). */
    private static DistFile readFile(Reader r, List<Optional<String>> requiresPython, String source) {
        boolean lazy = r.flag();
        String filename = r.string();
        int rpRef = r.count();
        Optional<String> rp;
        if (rpRef == 0) {
            rp = Optional.empty();
        } else if (rpRef == requiresPython.size() + 1) {
            rp = Optional.of(r.string());
            requiresPython.add(rp);
        } else if (rpRef <= requiresPython.size()) {
            rp = requiresPython.get(rpRef - 1);
        } else {
            throw new IllegalStateException("bad Requires-Python reference");
        }
        String yankedText = r.string();
        Optional<String> yanked = yankedText == null ? Optional.empty() : Optional.of(yankedText);
        Optional<Instant> uploaded = Optional.empty();
        if (r.flag()) {
            long seconds = r.varlong() + Long.MIN_VALUE / 2;
            uploaded = Optional.of(Instant.ofEpochSecond(seconds, r.count()));
        }
        if (filename == null) {
            throw new IllegalStateException("no file name");
        }
        if (lazy) {
            int length = r.count();
            if (length > r.end - r.pos || length < 2 || r.data[r.pos] != '{') {
                throw new IllegalStateException("bad file object");
            }
            DistFile f = DistFile.lazy(filename, new DistFile.LazySlice(r.data, r.pos, r.pos + length), rp, yanked, uploaded, source);
            r.pos += length;
            return f;
        }
        String fileUrl = r.string();
        Map<String, String> hashes = r.map();
        long size = r.varlong();
        Optional<Map<String, String>> core = r.flag() ? Optional.of(r.map()) : Optional.empty();
        if (fileUrl == null) {
            throw new IllegalStateException("no URL");
        }
        return DistFile.ofRawUrl(filename, fileUrl, hashes, rp, yanked, uploaded,
                size == 0 ? OptionalLong.empty() : OptionalLong.of(size - 1), core, source);
    }

    /** A growing byte buffer (ByteArrayOutputStream locks on every byte). */
    private static final class Writer {
        byte[] buf;
        int size;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int more) {
            if (buf.length - size < more) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void bytes(byte[] b, int from, int length) {
            ensure(length);
            System.arraycopy(b, from, buf, size, length);
            size += length;
        }

        void flag(boolean value) {
            ensure(1);
            buf[size++] = (byte) (value ? 1 : 0);
        }

        void varint(int v) {
            varlong(v);
        }

        void varlong(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative " + v);
            }
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1);
            bytes(b, 0, b.length);
        }

        void nullable(String s) {
            if (s == null) {
                varint(0);
            } else {
                string(s);
            }
        }

        void map(Map<String, String> m) {
            varint(m.size());
            m.forEach((k, v) -> {
                string(k);
                string(v);
            });
        }
    }

    private static final class Reader {
        final byte[] data;
        final int end;
        int pos;

        Reader(byte[] data, int pos, int end) {
            this.data = data;
            this.pos = pos;
            this.end = end;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("past the end");
                }
                byte b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("varint too long");
        }

        int count() {
            long v = varlong();
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException("count too large");
            }
            return (int) v;
        }

        boolean flag() {
            if (pos >= end) {
                throw new IllegalStateException("past the end");
            }
            byte b = data[pos++];
            if (b != 0 && b != 1) {
                throw new IllegalStateException("bad flag");
            }
            return b == 1;
        }

        /** A string, or null. */
        String string() {
            int n = count();
            if (n == 0) {
                return null;
            }
            int length = n - 1;
            if (length > end - pos) {
                throw new IllegalStateException("string past the end");
            }
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        Map<String, String> map() {
            int n = count();
            if (n == 0) {
                return Map.of();
            }
            if (n == 1) {
                return Map.of(string(), string());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(string(), string());
            }
            return m;
        }
    }
}
