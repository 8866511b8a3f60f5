package dev.pinwheel.migrate.autogen;

import dev.pinwheel.support.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL target's DDL cut into what can be rebuilt table by table in a kept dev schema
 * ({@link KeptDevSchema}): the <em>global</em> statements (enum types and standalone sequences),
 * which must all come first, and per table the statements that make it ({@code CREATE TABLE},
 * then its {@code CREATE INDEX}, {@code ALTER TABLE ... ADD} and {@code COMMENT ON}), each with a
 * fingerprint of its statements.
 *
 * <p>Only statements that create objects inside the dev schema and nothing else qualify: an
 * unqualified name, no inheritance or partitions (a drop would reach other tables), no sequence
 * owned through {@code ALTER SEQUENCE}, no extension, function, view, schema or data. Anything
 * else makes the whole target ineligible ({@link #of} is empty) and it is built the old way, in
 * a throwaway schema, so what is kept on the server is only ever the dev schema's own tables.
 *
 * @param globals the global statements, in order (they precede every table's)
 * @param tables per table (its name as the catalog shows it), in the order of their CREATE TABLE
 * @param statements all statements in order, with the table each belongs to (null: global)
 */
record TargetUnits(List<String> globals, Map<String, Unit> tables, List<Owned> statements) {

    /** The statements of one table, as indexes into {@link #statements}, and their fingerprint. */
    record Unit(String table, int createdAt, List<Integer> statements, String fingerprint) {
    }

    record Owned(String sql, String table) {
    }

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String IDENT = "(" + NAME + ")";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT + "\\s*\\(.*");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?is)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+"
            + "(?:CONCURRENTLY\\s+)?(?:(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME
            + "\\s+)?ON\\s+(?:ONLY\\s+)?" + IDENT + "\\s*(?:USING\\s+[A-Za-z_]+\\s*)?\\(.*");
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(?:ONLY\\s+)?" + IDENT + "\\s+ADD\\s.*");
    private static final Pattern COMMENT_TABLE = Pattern.compile("(?is)COMMENT\\s+ON\\s+TABLE\\s+" + IDENT + "\\s+IS\\s.*");
    private static final Pattern COMMENT_COLUMN = Pattern.compile(
            "(?is)COMMENT\\s+ON\\s+COLUMN\\s+" + IDENT + "\\s*\\.\\s*" + IDENT + "\\s+IS\\s.*");
    private static final Pattern CREATE_ENUM = Pattern.compile("(?is)CREATE\\s+TYPE\\s+" + IDENT + "\\s+AS\\s+ENUM\\s*\\(.*");
    private static final Pattern CREATE_SEQUENCE = Pattern.compile(
            "(?is)CREATE\\s+SEQUENCE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT + "(?:\\s.*)?");
    /** Words that would make a table statement reach beyond its own table or the dev schema. */
    private static final Pattern REACHES_OUT = Pattern.compile(
            "(?i)\\b(?:INHERITS|PARTITION|OWNED\\s+BY|OWNER\\s+TO|SET\\s+SCHEMA|RENAME|TABLESPACE)\\b|[(,]\\s*LIKE\\s");
    private static final Pattern REFERENCES = Pattern.compile("(?i)\\bREFERENCES\\s+" + IDENT + "(\\s*\\.)?");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("(?s)\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*");

    TargetUnits {
        globals = List.copyOf(globals);
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        statements = List.copyOf(statements);
    }

    /** The units of {@code statements} (PostgreSQL DDL), or empty when one does not qualify (see the class comment). */
    static Optional<TargetUnits> of(List<String> statements) {
        List<String> globals = new ArrayList<>();
        Map<String, List<Integer>> byTable = new LinkedHashMap<>();
        Map<String, Integer> createdAt = new LinkedHashMap<>();
        List<Owned> owned = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String sql = statements.get(i);
            String body = LEADING_COMMENTS.matcher(sql).replaceFirst("");
            Matcher m;
            String table = null;
            boolean global = false;
            if ((m = CREATE_TABLE.matcher(body)).matches()) {
                table = name(m.group(1));
                if (createdAt.putIfAbsent(table, i) != null) {
                    return Optional.empty(); // created twice: let the dev database say so
                }
            } else if ((m = CREATE_INDEX.matcher(body)).matches() || (m = ALTER_TABLE.matcher(body)).matches()
                    || (m = COMMENT_TABLE.matcher(body)).matches() || (m = COMMENT_COLUMN.matcher(body)).matches()) {
                table = name(m.group(1));
                if (!createdAt.containsKey(table)) {
                    return Optional.empty(); // a table the DDL does not create here (or not yet)
                }
            } else if (CREATE_ENUM.matcher(body).matches() || CREATE_SEQUENCE.matcher(body).matches()) {
                global = true;
            } else {
                return Optional.empty();
            }
            if (REACHES_OUT.matcher(body).find()) {
                return Optional.empty();
            }
            // A foreign key to a table created later (or elsewhere) fails in a fresh build; a kept
            // schema that already holds that table would accept it, so such a target is built whole.
            Matcher ref = REFERENCES.matcher(body);
            while (ref.find()) {
                String to = name(ref.group(1));
                if (ref.group(2) != null || global || !to.equals(table) && !createdAt.containsKey(to)) {
                    return Optional.empty();
                }
            }
            if (global) {
                if (!createdAt.isEmpty()) {
                    return Optional.empty(); // a global after a table: the order matters, build it whole
                }
                globals.add(sql);
            } else {
                byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(i);
            }
            owned.add(new Owned(sql, table));
        }
        Map<String, Unit> units = new LinkedHashMap<>();
        byTable.forEach((table, indexes) -> {
            MessageDigest digest = Hashing.sha256Digest();
            for (int i : indexes) {
                part(digest, statements.get(i));
            }
            units.put(table, new Unit(table, createdAt.get(table), indexes, HexFormat.of().formatHex(digest.digest(), 0, 12)));
        });
        return Optional.of(new TargetUnits(globals, units, owned));
    }

    /** The fingerprint of everything every table depends on: the global statements and {@code context}. */
    String globalFingerprint(String context) {
        MessageDigest digest = Hashing.sha256Digest();
        part(digest, context);
        part(digest, Integer.toString(globals.size()));
        globals.forEach(g -> part(digest, g));
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** The statements of {@code rebuilt} tables, in their order in the target. */
    List<Integer> statementsOf(Set<String> rebuilt) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String t = statements.get(i).table();
            if (t != null && rebuilt.contains(t)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The name a DDL identifier gives in the catalog: unquoted ones fold to lower case. */
    static String name(String identifier) {
        if (identifier.startsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }

    private static void part(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }
}
