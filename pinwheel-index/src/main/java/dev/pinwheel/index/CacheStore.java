package dev.pinwheel.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The persistent cache's layout and its only write primitive. Buckets are versioned so a format
 * change starts a new bucket instead of misreading an old one:
 * <pre>
 *   simple-v1/&lt;sha256(page URL's parent)[0:16]&gt;/&lt;last segment&gt;.page   other pages (index roots, find-links) + HTTP validators
 *   simple-parsed-v1/&lt;same&gt;/&lt;last segment&gt;.page.bin              project pages, only as parsed ({@link CompactPage})
 *   metadata-v1/sha256-&lt;file sha256&gt;.metadata                      content-addressed core metadata
 *   metadata-v1/url-&lt;sha256(url)&gt;.metadata                          (files listed without a hash)
 *   files-v1/&lt;aa&gt;/&lt;sha256&gt;/&lt;filename&gt;                               downloaded files, verified
 * </pre>
 * Every write goes to a unique temporary file in the target's directory, then an atomic rename:
 * readers in other pinwheel processes see either the old entry or the whole new one, never a
 * torn one, and two processes writing the same entry both succeed (the contents are equal).
 */
final class CacheStore {

    private final Path root;

    CacheStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path pagePath(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        int slash = u.lastIndexOf('/');
        String parent = slash < 0 ? "" : u.substring(0, slash);
        String last = slash < 0 ? u : u.substring(slash + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return root.resolve("simple-v1").resolve(HashCheck.sha256(parent).substring(0, 16)).resolve(safe + ".page");
    }

    /** The {@link CompactPage} of the page cached at {@link #pagePath(String)}. */
    Path parsedPagePath(String url) {
        Path page = pagePath(url);
        return root.resolve("simple-parsed-v1").resolve(page.getParent().getFileName()).resolve(page.getFileName() + ".bin");
    }

    Path metadataPath(DistFile file) {
        String key = file.sha256().map(h -> "sha256-" + h).orElseGet(() -> "url-" + HashCheck.sha256(file.urlString()));
        return root.resolve("metadata-v1").resolve(key + ".metadata");
    }

    Path filePath(String sha256, String filename) {
        return root.resolve("files-v1").resolve(sha256.substring(0, 2)).resolve(sha256).resolve(filename);
    }

    Path urlFilePath(String url, String filename) {
        String h = HashCheck.sha256(url);
        return root.resolve("files-v1").resolve("url").resolve(h.substring(0, 16)).resolve(filename);
    }

    /** A fresh temporary file next to {@code target} (same file system, so the rename is atomic). */
    Path tempFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
        return target.resolveSibling(name);
    }

    /** Moves a finished temporary file into place atomically. */
    void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temp); // another process won the race with the same content
        }
    }

    private static final int WRITE_CHUNK = 1 << 16;

    void write(Path target, byte[] data) {
        write(target, data, data.length);
    }

    /** Writes the first {@code length} bytes of {@code data} as {@code target}, atomically. */
    void write(Path target, byte[] data, int length) {
        try {
            Path temp = tempFor(target);
            try {
                // In 64 KiB writes: a channel's stream copies each write into a temporary direct
                // buffer as large as the write (a whole page: zeroed megabytes), Files.write into
                // 8 KiB ones (850 system calls for PyPI's largest pages).
                try (java.io.FileOutputStream out = new java.io.FileOutputStream(temp.toFile())) {
                    for (int from = 0; from < length; from += WRITE_CHUNK) {
                        out.write(data, from, Math.min(WRITE_CHUNK, length - from));
                    }
                }
                commit(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable entry is a miss, not a failure
        }
    }

    /**
     * A cached index page with its HTTP validators.
     *
     * @param url           the final URL (after redirects): relative links resolve against it
     * @param contentType   what the server said the body is
     * @param etag          the ETag, or null
     * @param lastModified  the Last-Modified value, or null
     * @param storedAtMillis when the response was generated (now minus its Age)
     * @param maxAgeSeconds the freshness lifetime from Cache-Control, or -1 (revalidate every time)
     * @param body          the page
     */
    record Page(String url, String contentType, String etag, String lastModified, long storedAtMillis,
                long maxAgeSeconds, byte[] body) {

        boolean freshAt(long nowMillis) {
            return maxAgeSeconds >= 0 && nowMillis - storedAtMillis < maxAgeSeconds * 1000;
        }

        Page revalidated(long storedAt, long maxAge, String newEtag, String newLastModified) {
            return new Page(url, contentType, newEtag != null ? newEtag : etag,
                    newLastModified != null ? newLastModified : lastModified, storedAt, maxAge, body);
        }

        byte[] serialize() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("url", url);
            h.put("content-type", contentType);
            h.put("etag", etag);
            h.put("last-modified", lastModified);
            h.put("stored-at", Long.toString(storedAtMillis));
            h.put("max-age", Long.toString(maxAgeSeconds));
            StringBuilder s = new StringBuilder("pinwheel-page-v1\n");
            h.forEach((k, v) -> {
                if (v != null) {
                    s.append(k).append(": ").append(v.replace('\n', ' ')).append('\n');
                }
            });
            s.append('\n');
            byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
            byte[] out = java.util.Arrays.copyOf(head, head.length + body.length); // one copy of a multi-megabyte body
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        }

        /** Reads an entry; a damaged or foreign file is a miss (empty). */
        static Optional<Page> deserialize(byte[] data) {
            int end = indexOf(data, "\n\n".getBytes(StandardCharsets.UTF_8));
            if (end < 0) {
                return Optional.empty();
            }
            String[] lines = new String(data, 0, end, StandardCharsets.UTF_8).split("\n");
            if (!lines[0].equals("pinwheel-page-v1")) {
                return Optional.empty();
            }
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(": ");
                if (colon > 0) {
                    h.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
                }
            }
            try {
                byte[] body = java.util.Arrays.copyOfRange(data, end + 2, data.length);
                return Optional.of(new Page(h.get("url"), h.get("content-type"), h.get("etag"), h.get("last-modified"),
                        Long.parseLong(h.get("stored-at")), Long.parseLong(h.get("max-age")), body));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        private static int indexOf(byte[] data, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= data.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /**
     * How long a page without any Cache-Control header stays fresh: RFC 9111 section 4.2.2 lets a
     * cache pick a heuristic lifetime for 200 answers; we pick PyPI's own max-age. (Some mirrors
     * strip every caching header; without this, each warm run would refetch every page.)
     */
    static final long HEURISTIC_MAX_AGE = 600;

    /**
     * The freshness lifetime from a Cache-Control header: max-age in seconds, or -1 when the page
     * must be revalidated before every use (no-cache, no-store, no max-age); no header at all
     * gives {@link #HEURISTIC_MAX_AGE}.
     */
    static long maxAge(String cacheControl) {
        if (cacheControl == null) {
            return HEURISTIC_MAX_AGE;
        }
        long maxAge = -1;
        for (String part : cacheControl.toLowerCase(java.util.Locale.ROOT).split(",")) {
            String p = part.strip();
            if (p.equals("no-cache") || p.equals("no-store")) {
                return -1;
            }
            if (p.startsWith("max-age=")) {
                try {
                    maxAge = Long.parseLong(p.substring(8).replace("\"", "").strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return maxAge;
    }
}
