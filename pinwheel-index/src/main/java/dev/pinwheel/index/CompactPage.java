package dev.pinwheel.index;

import java.io.ByteArrayOutputStream;
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
 * A project page as parsed, in a compact binary form stored beside the raw page
 * ({@code simple-parsed-v1/}): a warm run reads this instead of re-parsing multi-megabyte JSON
 * (PyPI's pydantic-core page is 7 MB and lists 15,000 files). It carries the raw page's
 * freshness, so a fresh entry answers without touching the raw page, and the raw body's
 * {@link #digest}, so after a revalidation it is reused only for the very same body. Anything unreadable (torn,
 * foreign, from another format) decodes to empty and the page is parsed again.
 *
 * <p>Strings are length-prefixed UTF-8 (a length of 0 means null); Requires-Python texts repeat
 * across thousands of files and are written once, then referred to by number.
 *
 * @param url           the page's final URL
 * @param storedAtMillis when the raw page was generated (its freshness starts here)
 * @param maxAgeSeconds the raw page's freshness lifetime, or -1
 * @param bodyDigest    the {@link #digest} of the raw body this was parsed from
 * @param parsed        the files (URLs absolute, without credentials) and PEP 700 versions
 */
record CompactPage(String url, long storedAtMillis, long maxAgeSeconds, String bodyDigest, PageParser.Parsed parsed) {

    private static final byte[] MAGIC = "pinwheel-parsed-page-v1\n".getBytes(StandardCharsets.US_ASCII);

    boolean freshAt(long nowMillis) {
        return maxAgeSeconds >= 0 && nowMillis - storedAtMillis < maxAgeSeconds * 1000;
    }

    /** The page parsed from {@code page}'s body (whose {@link #digest} is {@code bodyDigest}), with its freshness. */
    static CompactPage of(CacheStore.Page page, String bodyDigest, PageParser.Parsed parsed) {
        return new CompactPage(page.url(), page.storedAtMillis(), page.maxAgeSeconds(), bodyDigest, parsed);
    }

    /**
     * Identifies a raw body: its length and CRC-32C. Not a security check (the raw page is our
     * own cache entry), only "is this the body the entry was parsed from"; CRC-32C runs as a CPU
     * instruction, where SHA-256 ran in plain Java under C1 and cost 0.1 s per cold compile.
     */
    static String digest(byte[] body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        return body.length + "-" + Long.toHexString(crc.getValue());
    }

    byte[] encode() {
        Writer w = new Writer();
        w.out.writeBytes(MAGIC);
        w.string(url);
        w.varlong(storedAtMillis + 1); // -1 never happens; keeps the varint non-negative
        w.varlong(maxAgeSeconds + 1);
        w.string(bodyDigest);
        w.varint(parsed.versions().size());
        parsed.versions().forEach(w::string);
        w.varint(parsed.files().size());
        Map<String, Integer> requiresPython = new HashMap<>();
        for (DistFile f : parsed.files()) {
            w.string(f.filename());
            w.string(f.urlString());
            w.map(f.hashes());
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
                w.out.write(1);
                w.varlong(f.uploadTime().get().getEpochSecond() - Long.MIN_VALUE / 2);
                w.varint(f.uploadTime().get().getNano());
            } else {
                w.out.write(0);
            }
            w.varlong(f.size().isPresent() ? f.size().getAsLong() + 1 : 0);
            if (f.coreMetadata().isPresent()) {
                w.out.write(1);
                w.map(f.coreMetadata().get());
            } else {
                w.out.write(0);
            }
        }
        return w.out.toByteArray();
    }

    /** Reads an entry written by {@link #encode()}; every file gets {@code source} (the redacted index). */
    static Optional<CompactPage> decode(byte[] data, String source) {
        if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        try {
            Reader r = new Reader(data, MAGIC.length);
            String url = r.string();
            long storedAt = r.varlong() - 1;
            long maxAge = r.varlong() - 1;
            String sha = r.string();
            int versionCount = r.count();
            List<String> versions = new ArrayList<>(versionCount);
            for (int i = 0; i < versionCount; i++) {
                versions.add(r.string());
            }
            int fileCount = r.count();
            List<DistFile> files = new ArrayList<>(fileCount);
            List<String> requiresPython = new ArrayList<>();
            for (int i = 0; i < fileCount; i++) {
                String filename = r.string();
                String fileUrl = r.string();
                Map<String, String> hashes = r.map();
                int rpRef = r.count();
                Optional<String> rp;
                if (rpRef == 0) {
                    rp = Optional.empty();
                } else if (rpRef == requiresPython.size() + 1) {
                    String text = r.string();
                    requiresPython.add(text);
                    rp = Optional.of(text);
                } else if (rpRef <= requiresPython.size()) {
                    rp = Optional.of(requiresPython.get(rpRef - 1));
                } else {
                    return Optional.empty();
                }
                Optional<String> yanked = Optional.ofNullable(r.string());
                Optional<Instant> uploaded = Optional.empty();
                if (r.flag()) {
                    long seconds = r.varlong() + Long.MIN_VALUE / 2;
                    uploaded = Optional.of(Instant.ofEpochSecond(seconds, r.count()));
                }
                long size = r.varlong();
                Optional<Map<String, String>> core = r.flag() ? Optional.of(r.map()) : Optional.empty();
                if (filename == null || fileUrl == null) {
                    return Optional.empty();
                }
                files.add(DistFile.ofRawUrl(filename, fileUrl, hashes, rp, yanked, uploaded,
                        size == 0 ? OptionalLong.empty() : OptionalLong.of(size - 1), core, source));
            }
            if (r.pos != data.length || url == null || sha == null) {
                return Optional.empty();
            }
            return Optional.of(new CompactPage(url, storedAt, maxAge, sha, new PageParser.Parsed(files, versions)));
        } catch (RuntimeException e) {
            return Optional.empty(); // truncated or damaged: parse the raw page again
        }
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

        void varint(int v) {
            varlong(v);
        }

        void varlong(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative " + v);
            }
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1);
            out.writeBytes(b);
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
        int pos;

        Reader(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
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
            if (length > data.length - pos) {
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
