package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.SchemaJson;
import dev.pinwheel.migrate.schema.Table;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.Hashing;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The target schema kept between runs on a PostgreSQL dev server, in a schema
 * {@code pinwheel_target_<hash>} of its own per project, target and role, and brought up to date
 * table by table: after a change to the model only the tables whose statements changed are
 * dropped and created again (the foreign keys other tables hold on them are dropped first and
 * added back as the catalog printed them), where building all of them costs the server seconds
 * at a few hundred tables.
 *
 * <p>What makes the result exactly what a fresh build gives:
 * <ul>
 *   <li>Only targets {@link TargetUnits} accepts are kept: every statement creates something in
 *       the dev schema and nothing else, enum types and standalone sequences come first, and no
 *       foreign key names a table created after it (a fresh build refuses those, a kept schema
 *       holding that table would not).</li>
 *   <li>The schema's comment records what it holds: a fingerprint of the global statements and
 *       the server (version, database, role, search path, extensions), and per table the
 *       fingerprint of its statements and of what introspection read for it. Any difference in
 *       the first, a table set that is not the recorded one, an unreadable comment, a kept table
 *       or the enums and sequences no longer reading as recorded (someone changed them by hand)
 *       rebuild the whole schema instead.</li>
 *   <li>Where the order of creation could show, the whole schema is rebuilt: a name PostgreSQL
 *       chose with a number to avoid a clash ({@code t_code_key1}), a column of a table's row
 *       type, a drop the server refuses (something else depends on the table), or any statement
 *       the server refuses (the throwaway build then reports it).</li>
 * </ul>
 *
 * <p>Safety: everything happens in one transaction holding a transaction-level advisory lock on
 * the schema's name, committed at the end with the new comment, so a crash or a kill leaves the
 * previous state, and a second run meanwhile (two {@code db check} in CI) does not wait: it finds
 * the lock taken and builds its target in a throwaway schema as before. Nothing is committed
 * unless every object in the schema depends only on the schema's own objects and the system
 * catalog (an extension's type or a type of the real schema would make the kept schema get in
 * the way of dropping them); otherwise the work is rolled back once read, and the next run does
 * it again. The schema may be dropped at any time; the next run creates it again.
 */
final class KeptDevSchema {

    static final String PREFIX = "pinwheel_target_";
    private static final String HEADER = "pinwheel kept target schema v2";
    static final String FOLDER = "autogen-kept-v1";
    /** The class part of the advisory lock ("pwtg"), so the key does not collide with an application's one-number locks. */
    static final int LOCK_CLASS = 0x70777467;

    /**
     * What a run did.
     *
     * @param schema the target as introspection read it
     * @param full whether the whole schema was (re)built
     * @param rebuilt the tables created in this run
     * @param kept whether the result was committed for the next run
     */
    record Result(Schema schema, boolean full, Set<String> rebuilt, boolean kept) {
    }

    /** What the schema's comment records. */
    private record State(String global, String objects, String catalog, String token, Map<String, String> units,
                         Map<String, String> read) {
    }

    /** The kept schema's name for {@code project} (the project and its target) and the session's role. */
    static String name(String project, String role) {
        byte[] digest = Hashing.sha256Digest().digest((project + "\n" + role).getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
    }

    /**
     * Brings the kept schema up to date with {@code ddl} and reads it. Empty when it cannot be
     * used this time (another run holds it, or the server refused something): the caller then
     * builds the target in a throwaway schema, which also reports a faulty DDL statement.
     *
     * @param c a session on the dev server, used for nothing else meanwhile; left in autocommit
     * @param serverIdentity what the server contributes to the target (see {@link TargetCache#serverIdentity})
     * @param cacheRoot pinwheel's cache, where what was read at the last commit is kept, so the
     *                  tables kept as they were need not be read again (see {@link #catalog})
     * @param filterKey the table filter, as {@link TargetCache} keys it
     */
    static Optional<Result> materialize(Connection c, DbUrl url, String project, String serverIdentity, TargetDdl ddl,
                                        TargetUnits units, Introspector introspector, Predicate<String> include,
                                        Path cacheRoot, String filterKey, AutogenListener listener) {
        try {
            c.setAutoCommit(false);
            try {
                return Optional.ofNullable(new KeptDevSchema(c, listener, cacheRoot.resolve(FOLDER), filterKey)
                        .update(url, project, serverIdentity, ddl, units, introspector, include));
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback(); // a no-op after the commit
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException | PinwheelException e) {
            return Optional.empty();
        }
    }

    private final Connection c;
    private final AutogenListener listener;
    private final Path lastReads;
    private final String filterKey;
    /** Per table, the fingerprint of what introspection read, once known in this run. */
    private final Map<String, String> prints = new HashMap<>();
    /** The tables taken from the last read instead of being read again. */
    private Set<String> knownTables = Set.of();
    private long lap = System.nanoTime();

    private KeptDevSchema(Connection c, AutogenListener listener, Path lastReads, String filterKey) {
        this.c = c;
        this.listener = listener;
        this.lastReads = lastReads;
        this.filterKey = filterKey;
    }

    /** Reports the time since the previous lap as {@code what}, for {@code -v}. */
    private void lap(String what) {
        long now = System.nanoTime();
        listener.done("kept dev schema: " + what, (now - lap) / 1_000_000);
        lap = now;
    }

    private Result update(DbUrl url, String project, String serverIdentity, TargetDdl ddl, TargetUnits units,
                          Introspector introspector, Predicate<String> include) throws SQLException {
        String schema = name(project, one(c, "SELECT current_user"));
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, LOCK_CLASS);
            s.setString(2, schema);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    lap("in use by another run, not used");
                    return null;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT set_config('search_path', quote_ident(?) || ', ' || current_setting('search_path'), true)")) {
            s.setString(1, schema);
            s.executeQuery().close();
        }
        String global = units.globalFingerprint(HEADER + "\n" + serverIdentity);
        State old = state(schema);
        // Changed by hand since the last commit (the catalog rows are not those it left): rebuilt whole.
        boolean full = old == null || !old.global().equals(global) || !old.units().keySet().equals(tables(schema))
                || !old.catalog().equals(catalog(schema));
        lap("locking and reading its state");
        Set<String> rebuilt = units.tables().keySet();
        Schema read = null;
        if (!full) {
            Savepoint start = c.setSavepoint();
            Set<String> drop = new TreeSet<>(old.units().keySet());
            drop.removeIf(t -> units.tables().containsKey(t)
                    && units.tables().get(t).fingerprint().equals(old.units().get(t)));
            units.tables().keySet().stream().filter(t -> !old.units().containsKey(t)).forEach(drop::add);
            rebuilt = new TreeSet<>(drop);
            rebuilt.retainAll(units.tables().keySet());
            Map<String, Table> known = new HashMap<>();
            if (introspector instanceof PostgresIntrospector) {
                Set<String> same = rebuilt;
                lastRead(schema, old.token()).ifPresent(last -> last.tables().stream()
                        .filter(t -> units.tables().containsKey(t.name()) && !same.contains(t.name()))
                        .forEach(t -> known.put(t.name(), t)));
            }
            try {
                List<String> reattach = detachForeignKeys(schema, drop);
                List<String> gone = drop.stream().filter(old.units()::containsKey).toList();
                try (Statement s = c.createStatement()) {
                    if (!gone.isEmpty()) {
                        // RESTRICT: anything else depending on them makes this fail, and the schema is rebuilt whole.
                        s.execute("DROP TABLE " + String.join(", ", gone.stream().map(KeptDevSchema::quote).toList()));
                    }
                    List<Integer> which = units.statementsOf(rebuilt);
                    DevDatabase.apply(c, url, new TargetDdl(ddl.origin(), which.stream()
                            .map(i -> units.statements().get(i).sql()).toList(),
                            which.stream().map(ddl.firstLines()::get).toList(), Map.of(), Map.of()));
                    for (String q : reattach) {
                        s.execute(q);
                    }
                }
                lap("dropping and creating " + rebuilt.size() + " of " + units.tables().size() + " tables");
                knownTables = known.keySet();
                read = known.isEmpty() ? introspector.read(c, schema, include)
                        : ((PostgresIntrospector) introspector).read(c, schema, include, known);
                lap("reading it: " + (read.tables().size() - known.size()) + " of " + read.tables().size()
                        + " tables, the others as last read");
                if (!sameAsFresh(schema, rebuilt, old, read, known.keySet())) {
                    read = null;
                }
                lap("checking it against its state");
            } catch (SQLException | PinwheelException e) {
                read = null;
            }
            if (read == null) {
                c.rollback(start);
                knownTables = Set.of();
                full = true;
            }
        }
        if (full) {
            rebuilt = units.tables().keySet();
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
                s.execute("CREATE SCHEMA " + quote(schema));
            }
            DevDatabase.apply(c, url, ddl);
            lap("creating all " + units.tables().size() + " tables");
            read = introspector.read(c, schema, include);
            lap("reading it");
        }
        boolean keep = !reachesOutside(schema);
        if (keep) {
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            String state = encode(global, objects(read), catalog(schema), token, units, readPrints(read, old, knownTables));
            try (Statement s = c.createStatement()) {
                s.execute("COMMENT ON SCHEMA " + quote(schema) + " IS '" + state + "'");
                // Lost in a server crash, this commit goes whole, comment and all: the next run redoes it.
                s.execute("SET LOCAL synchronous_commit = off");
            }
            c.commit();
            keepLastRead(schema, token, read);
        }
        lap(keep ? "committing" : "rolled back: it depends on objects outside it");
        return new Result(read, full, Set.copyOf(rebuilt), keep);
    }

    /**
     * Drops the foreign keys that tables kept as they are hold on tables about to be dropped, and
     * returns the statements that add them back, as the catalog prints them, once those tables are
     * created again. The constraint is the same row it was (name, columns, actions); what is kept
     * therefore reads as in a fresh build, where it is made by the table's own statement.
     */
    private List<String> detachForeignKeys(String schema, Set<String> dropped) throws SQLException {
        List<String> reattach = new ArrayList<>();
        List<String> detach = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.relname, k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
                WHERE k.contype = 'f' AND r.relnamespace = to_regnamespace(?)::oid
                  AND f.relname = ANY (?) AND NOT r.relname = ANY (?)
                ORDER BY r.relname, k.conname""")) {
            java.sql.Array names = c.createArrayOf("text", dropped.toArray());
            s.setString(1, schema);
            s.setArray(2, names);
            s.setArray(3, names);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String table = quote(rs.getString(1));
                    String constraint = quote(rs.getString(2));
                    detach.add("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
                    reattach.add("ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + rs.getString(3));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String q : detach) {
                s.execute(q);
            }
        }
        return reattach;
    }

    /**
     * Whether a table-by-table update read what a fresh build would: the kept tables and the
     * enums and sequences read as recorded, and no trace of the order of creation (see the class comment).
     */
    private boolean sameAsFresh(String schema, Set<String> rebuilt, State old, Schema read, Set<String> known)
            throws SQLException {
        for (Table t : read.tables()) {
            String recorded = old.read().get(t.name());
            if (!rebuilt.contains(t.name()) && !known.contains(t.name()) && recorded != null
                    && !recorded.equals(print(t))) {
                return false;
            }
        }
        if (!old.objects().equals(objects(read))) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = to_regnamespace($1)::oid
                                 AND relname ~ '(pkey|key|fkey|idx|seq|check|excl|not_null)[0-9]+$')
                    OR EXISTS (SELECT 1 FROM pg_constraint WHERE connamespace = to_regnamespace($1)::oid
                                 AND conname ~ '(pkey|key|fkey|idx|seq|check|excl|not_null)[0-9]+$')
                    OR EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                               JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem
                               WHERE c.relnamespace = to_regnamespace($1)::oid AND a.attnum > 0
                                 AND (t.typrelid <> 0 OR e.typrelid <> 0))""".replace("$1", "?"))) {
            for (int i = 1; i <= 3; i++) {
                s.setString(i, schema);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether an object of the schema depends on a user object outside it (the system catalog's own objects excepted). */
    private boolean reachesOutside(String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH ns AS (SELECT to_regnamespace(?)::oid AS oid),
                own (classid, objid) AS MATERIALIZED (
                    SELECT 'pg_class'::regclass::oid, r.oid FROM pg_class r, ns WHERE r.relnamespace = ns.oid
                    UNION ALL SELECT 'pg_type'::regclass::oid, t.oid FROM pg_type t, ns WHERE t.typnamespace = ns.oid
                    UNION ALL SELECT 'pg_constraint'::regclass::oid, k.oid FROM pg_constraint k, ns WHERE k.connamespace = ns.oid
                    UNION ALL SELECT 'pg_attrdef'::regclass::oid, d.oid FROM pg_attrdef d JOIN pg_class r ON r.oid = d.adrelid, ns
                              WHERE r.relnamespace = ns.oid)
                SELECT EXISTS (
                    SELECT 1 FROM pg_depend d
                    WHERE d.refobjid >= 16384 AND (d.classid, d.objid) IN (SELECT classid, objid FROM own)
                      AND (d.refclassid, d.refobjid) NOT IN (SELECT classid, objid FROM own)
                      AND NOT (d.refclassid = 'pg_namespace'::regclass AND d.refobjid = (SELECT oid FROM ns)))""")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Set<String> tables(String schema) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT relname FROM pg_class WHERE relnamespace = to_regnamespace(?)::oid AND relkind IN ('r', 'p')")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The state the schema's comment records; null when the schema is missing or its comment is not one. */
    private State state(String schema) throws SQLException {
        String comment;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                comment = rs.getString(1);
            }
        }
        return decode(comment);
    }

    /** Per table of the target, the fingerprint of what was read for it ("-": filtered out). */
    private Map<String, String> readPrints(Schema read, State old, Set<String> known) {
        Map<String, String> out = new HashMap<>();
        for (Table t : read.tables()) {
            // A table taken from the last read is what the recorded fingerprint was made from.
            String recorded = known.contains(t.name()) ? old.read().get(t.name()) : null;
            out.put(t.name(), recorded != null ? recorded : print(t));
        }
        return out;
    }

    private String print(Table t) {
        return prints.computeIfAbsent(t.name(), n -> fingerprint(t));
    }

    static String encode(String global, String objects, String catalog, String token, TargetUnits units,
                         Map<String, String> read) {
        StringBuilder b = new StringBuilder(HEADER).append("\nglobal ").append(global).append("\nobjects ").append(objects)
                .append("\ncatalog ").append(catalog).append("\ntoken ").append(token);
        units.tables().values().forEach(u -> b.append("\ntable ").append(URLEncoder.encode(u.table(), StandardCharsets.UTF_8))
                .append(' ').append(u.fingerprint()).append(' ').append(read.getOrDefault(u.table(), "-")));
        return b.toString();
    }

    static State decode(String comment) {
        if (comment == null) {
            return null;
        }
        String[] lines = comment.split("\n", -1);
        List<String> heads = List.of("global ", "objects ", "catalog ", "token ");
        if (lines.length < 5 || !lines[0].equals(HEADER)) {
            return null;
        }
        for (int i = 0; i < heads.size(); i++) {
            if (!lines[i + 1].startsWith(heads.get(i))) {
                return null;
            }
        }
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, String> read = new HashMap<>();
        for (int i = 5; i < lines.length; i++) {
            String[] parts = lines[i].split(" ", -1);
            if (parts.length != 4 || !parts[0].equals("table")) {
                return null;
            }
            String table;
            try {
                table = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            units.put(table, parts[2]);
            if (!parts[3].equals("-")) {
                read.put(table, parts[3]);
            }
        }
        return new State(value(lines[1]), value(lines[2]), value(lines[3]), value(lines[4]), units, read);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }

    /**
     * What was read at the commit that wrote {@code token}, with this table filter; empty when
     * this machine did not make that commit (or its cache lost the file).
     */
    private Optional<Schema> lastRead(String schema, String token) {
        try {
            String text = Files.readString(lastReads.resolve(schema + ".json"), StandardCharsets.UTF_8);
            int first = text.indexOf('\n');
            int second = text.indexOf('\n', first + 1);
            if (first < 0 || second < 0 || !text.substring(0, first).equals(token)
                    || !text.substring(first + 1, second).equals(hash(filterKey))) {
                return Optional.empty();
            }
            return Optional.of(SchemaJson.read(text.substring(second + 1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps what was read for the next run: written to a temporary file and renamed, not forced
     * to disk (a file lost or cut short by a crash only fails to parse or to match the token,
     * and the next run reads every table again).
     */
    private void keepLastRead(String schema, String token, Schema read) {
        try {
            Files.createDirectories(lastReads);
            Path tmp = Files.createTempFile(lastReads, schema, ".tmp");
            try {
                Files.writeString(tmp, token + "\n" + hash(filterKey) + "\n" + SchemaJson.write(read), StandardCharsets.UTF_8);
                Files.move(tmp, lastReads.resolve(schema + ".json"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: the next run reads every table again instead.
        }
    }

    /**
     * A fingerprint of every catalog row that makes up the schema's objects, by row version
     * ({@code xmin}): any change made to them, by anyone, writes new row versions, while
     * VACUUM and ANALYZE update in place. Equal to the one recorded at the last commit, the
     * schema holds exactly what that commit left.
     */
    private String catalog(String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH ns AS (SELECT to_regnamespace(?)::oid AS oid),
                rel AS MATERIALIZED (SELECT r.oid, r.xmin FROM pg_class r, ns WHERE r.relnamespace = ns.oid)
                SELECT coalesce(md5(string_agg(x, ',' ORDER BY x)), '-') FROM (
                    SELECT 'r' || oid || ':' || xmin FROM rel
                    UNION ALL SELECT 'a' || a.attrelid || '.' || a.attnum || ':' || a.xmin FROM pg_attribute a
                              WHERE a.attrelid IN (SELECT oid FROM rel)
                    UNION ALL SELECT 'k' || k.oid || ':' || k.xmin FROM pg_constraint k, ns WHERE k.connamespace = ns.oid
                    UNION ALL SELECT 'i' || x.indexrelid || ':' || x.xmin FROM pg_index x WHERE x.indrelid IN (SELECT oid FROM rel)
                    UNION ALL SELECT 'd' || d.oid || ':' || d.xmin FROM pg_attrdef d WHERE d.adrelid IN (SELECT oid FROM rel)
                    UNION ALL SELECT 't' || t.oid || ':' || t.xmin FROM pg_type t, ns WHERE t.typnamespace = ns.oid
                    UNION ALL SELECT 'e' || e.oid || ':' || e.xmin FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid, ns
                              WHERE t.typnamespace = ns.oid
                    UNION ALL SELECT 's' || q.seqrelid || ':' || q.xmin FROM pg_sequence q WHERE q.seqrelid IN (SELECT oid FROM rel)
                    UNION ALL SELECT 'c' || dd.objoid || '.' || dd.objsubid || ':' || dd.xmin FROM pg_description dd
                              WHERE dd.classoid = 'pg_class'::regclass AND dd.objoid IN (SELECT oid FROM rel)
                    UNION ALL SELECT 'C' || dd.objoid || ':' || dd.xmin FROM pg_description dd
                              JOIN pg_constraint k ON k.oid = dd.objoid, ns
                              WHERE dd.classoid = 'pg_constraint'::regclass AND k.connamespace = ns.oid) f(x)""")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String fingerprint(Table t) {
        return hash(SchemaJson.write(Schema.of(List.of(t))));
    }

    private static String objects(Schema read) {
        return hash(SchemaJson.write(Schema.of(List.of(), read.enums(), read.sequences())));
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(Hashing.sha256Digest().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
