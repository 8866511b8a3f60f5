package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.SchemaJson;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.AtomicFiles;
import dev.pinwheel.support.Hashing;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The target schema as the dev database showed it in an earlier run, so an unchanged model skips
 * building and reading the dev database (on PostgreSQL most of a run's time). An entry is found
 * by a SHA-256 of everything that decides what introspection returns: the target's DDL statements,
 * the dev database server (its version, database, role, search path and installed extensions,
 * see {@link #serverIdentity}), the table filter, and this build of pinwheel (the jar's size and
 * time, so changed introspection code never reads an old entry). Anything else that changes is a
 * different key; a key never seen builds the target as before and stores it.
 *
 * <p>Entries are written atomically (a concurrent reader sees a whole file or none), touched when
 * read, and only the most recently used {@value #KEEP} are kept. The cache is best-effort: an
 * entry that cannot be read or parsed is a miss, and one that cannot be written is skipped.
 */
final class TargetCache {

    static final String FOLDER = "autogen-target-v1";
    static final int KEEP = 32;

    private final Path dir;

    private TargetCache(Path dir) {
        this.dir = dir;
    }

    /**
     * A cache under pinwheel's cache root; none for {@code Optional.empty()} ({@code --no-cache}),
     * and none when this build cannot be told from another (its code is not in a file).
     */
    static TargetCache under(Optional<Path> cacheRoot) {
        return new TargetCache(BUILD == null ? null : cacheRoot.map(r -> r.resolve(FOLDER)).orElse(null));
    }

    boolean enabled() {
        return dir != null;
    }

    /**
     * The key of a target: everything listed in the class comment, each part length-prefixed so
     * no two different inputs run together into the same bytes.
     */
    static String key(String dialect, String serverIdentity, List<String> statements, String filter) {
        MessageDigest digest = Hashing.sha256Digest();
        part(digest, FOLDER);
        part(digest, BUILD);
        part(digest, dialect);
        part(digest, serverIdentity);
        part(digest, filter);
        part(digest, Integer.toString(statements.size()));
        statements.forEach(s -> part(digest, s));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void part(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    Optional<Schema> get(String key) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(key + ".json");
        try {
            Schema schema = SchemaJson.read(Files.readString(file, StandardCharsets.UTF_8));
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // Pruned by another process meanwhile, or read-only: the entry is still good.
            }
            return Optional.of(schema);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // missing, unreadable or damaged: built again and rewritten
        }
    }

    void put(String key, Schema schema) {
        if (dir == null) {
            return;
        }
        try {
            AtomicFiles.write(dir.resolve(key + ".json"), SchemaJson.write(schema));
            prune();
        } catch (PinwheelException | IOException e) {
            // A cache that cannot be written only costs the next run the dev database again.
        }
    }

    /** Deletes all but the {@value #KEEP} most recently used entries. */
    private void prune() throws IOException {
        record Entry(Path file, FileTime time) {
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    entries.add(new Entry(f, Files.getLastModifiedTime(f)));
                } catch (IOException e) {
                    // deleted by a concurrent prune
                }
            }
        }
        if (entries.size() <= KEEP) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::time).reversed());
        for (Entry e : entries.subList(KEEP, entries.size())) {
            Files.deleteIfExists(e.file());
        }
    }

    /**
     * What the dev database's server contributes to the key: on PostgreSQL its version, the
     * database and role, the search path (types outside the scratch schema are printed relative
     * to it) and the installed extensions (their types and functions can appear in the DDL);
     * SQLite is the library inside this build.
     */
    static String serverIdentity(String dialect, java.sql.Connection c) throws java.sql.SQLException {
        if (!dialect.equals("postgresql")) {
            return dialect;
        }
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("""
                SELECT current_setting('server_version_num'), current_database(), current_user,
                       current_setting('search_path'),
                       (SELECT string_agg(extname || ' ' || extversion, ',' ORDER BY extname) FROM pg_extension)""")) {
            rs.next();
            StringBuilder b = new StringBuilder(dialect);
            for (int i = 1; i <= 5; i++) {
                b.append('\n').append(rs.getString(i));
            }
            return b.toString();
        }
    }

    /** This build of pinwheel: the size and time of the jar (or class folder) this class came from. */
    private static final String BUILD = build();

    private static String build() {
        try {
            Path location = Path.of(TargetCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location + " " + Files.size(location) + " " + Files.getLastModifiedTime(location).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
