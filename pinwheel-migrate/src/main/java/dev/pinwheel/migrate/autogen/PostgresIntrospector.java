package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.schema.CheckConstraint;
import dev.pinwheel.migrate.schema.Column;
import dev.pinwheel.migrate.schema.EnumType;
import dev.pinwheel.migrate.schema.ForeignKey;
import dev.pinwheel.migrate.schema.Identity;
import dev.pinwheel.migrate.schema.Index;
import dev.pinwheel.migrate.schema.PrimaryKey;
import dev.pinwheel.migrate.schema.ReferentialAction;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.Sequence;
import dev.pinwheel.migrate.schema.SqlTypes;
import dev.pinwheel.migrate.schema.Table;
import dev.pinwheel.migrate.schema.UniqueConstraint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * PostgreSQL from {@code pg_catalog}, in six queries whatever the number of tables: tables,
 * columns, constraints, indexes, sequences, enums. Traps handled: {@code serial} columns are
 * reported as {@link Identity#SERIAL} without their {@code nextval} default, and their owned
 * sequences (and identity sequences) are not listed as sequences; indexes that back a primary
 * key or unique constraint are constraints, not indexes; a descending or NULLS-ordered element
 * keeps its ordering words; enums used only by filtered-out tables are left out; partitions
 * are read through their parent only.
 */
final class PostgresIntrospector implements Introspector {

    private static final String TABLES = """
            SELECT c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname""";

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid),
                   col_description(c.oid, a.attnum), tn.nspname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_namespace tn ON tn.oid = t.typnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = ? AND c.relname = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT c.relname, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[],
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[],
                   con.confupdtype, con.confdeltype,
                   CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid, true) END
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = ? AND c.relname = ANY (?) AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY c.relname, con.conname""";

    private static final String INDEXES = """
            SELECT c.relname, i.relname, x.indisunique,
                   ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k
                         ORDER BY k)::text[],
                   ARRAY(SELECT x.indkey[k - 1] FROM generate_series(1, x.indnkeyatts) k ORDER BY k)::int[],
                   ARRAY(SELECT x.indoption[k - 1] FROM generate_series(1, x.indnkeyatts) k ORDER BY k)::int[],
                   pg_get_expr(x.indpred, x.indrelid, true)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid
                              AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY c.relname, i.relname""";

    private static final String SEQUENCES = """
            SELECT s.relname, format_type(ps.seqtypid, NULL), ps.seqstart, ps.seqincrement, t.relname, a.attname
            FROM pg_class s
            JOIN pg_namespace n ON n.oid = s.relnamespace
            JOIN pg_sequence ps ON ps.seqrelid = s.oid
            LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                 AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            LEFT JOIN pg_class t ON t.oid = d.refobjid
            LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE n.nspname = ? AND s.relkind = 'S'
            ORDER BY s.relname""";

    private static final String ENUMS = """
            SELECT t.typname,
                   ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[],
                   ARRAY(SELECT DISTINCT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                         JOIN pg_type at ON at.oid = a.atttypid
                         WHERE (a.atttypid = t.oid OR at.typelem = t.oid) AND c.relkind IN ('r', 'p')
                           AND NOT a.attisdropped)::text[]
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ? AND t.typtype = 'e'
            ORDER BY t.typname""";

    @Override
    public Schema read(Connection c, String schema, Predicate<String> includeTable) throws SQLException {
        return read(c, schema, includeTable, Map.of());
    }

    /**
     * Like {@link #read(Connection, String, Predicate)}, except that the tables in {@code known}
     * are taken from there instead of being fetched (when the caller knows they have not changed
     * since it read them); enums and sequences are always read.
     */
    Schema read(Connection c, String schema, Predicate<String> includeTable, Map<String, Table> known) throws SQLException {
        Map<String, Table.Builder> tables = new LinkedHashMap<>();
        List<Table> kept = new ArrayList<>();
        java.util.Set<String> included = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement(TABLES)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!includeTable.test(name)) {
                        continue;
                    }
                    included.add(name);
                    Table cached = known.get(name);
                    if (cached != null) {
                        kept.add(cached);
                    } else {
                        tables.put(name, Table.builder(name).comment(rs.getString(2)));
                    }
                }
            }
        }
        Array names = c.createArrayOf("text", tables.keySet().toArray());
        // sequence name -> owning table.column, for serial detection; standalone sequences are listed
        Map<String, String> owned = new HashMap<>();
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SEQUENCES)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getString(5) != null) {
                        owned.put(name, rs.getString(5) + "." + rs.getString(6));
                    } else {
                        sequences.add(new Sequence(name, SqlTypes.normalize("postgresql", rs.getString(2)),
                                rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(COLUMNS)) {
            s.setString(1, schema);
            s.setArray(2, names);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    tables.get(table).column(column(rs, table, schema, owned));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(CONSTRAINTS)) {
            s.setString(1, schema);
            s.setArray(2, names);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    constraint(rs, tables.get(rs.getString(1)), schema);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(INDEXES)) {
            s.setString(1, schema);
            s.setArray(2, names);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.get(rs.getString(1)).index(index(rs));
                }
            }
        }
        List<EnumType> enums = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(ENUMS)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> usedBy = strings(rs.getArray(3));
                    // An enum belongs to the filtered-out part when only filtered-out tables use it.
                    if (usedBy.isEmpty() || usedBy.stream().anyMatch(included::contains)) {
                        enums.add(EnumType.of(rs.getString(1), strings(rs.getArray(2))));
                    }
                }
            }
        }
        List<Table> all = new ArrayList<>(kept);
        tables.values().forEach(t -> all.add(t.build()));
        return Schema.of(all, enums, sequences);
    }

    private static Column column(ResultSet rs, String table, String schema, Map<String, String> owned)
            throws SQLException {
        String name = rs.getString(2);
        String type = rs.getString(8);
        String typeSchema = rs.getString(7);
        // format_type qualifies a type that is not on the search path; the model names it plainly.
        if (typeSchema.equals(schema)) {
            String qualifier = quoteIdent(typeSchema) + ".";
            if (type.startsWith(qualifier)) {
                type = type.substring(qualifier.length());
            }
        }
        String defaultExpr = rs.getString(5);
        Identity identity = switch (rs.getString(4)) {
            case "a" -> Identity.ALWAYS;
            case "d" -> Identity.BY_DEFAULT;
            default -> Identity.NONE;
        };
        if (identity == Identity.NONE && defaultExpr != null) {
            String sequence = nextvalSequence(defaultExpr, schema);
            if (sequence != null && (table + "." + name).equals(owned.get(sequence))) {
                identity = Identity.SERIAL;
                defaultExpr = null;
            }
        }
        // One record, not one per property: columns are read by the thousand.
        return new Column(name, SqlTypes.normalize("postgresql", type), !rs.getBoolean(3),
                identity == Identity.NONE ? java.util.Optional.ofNullable(defaultExpr) : java.util.Optional.empty(),
                java.util.Optional.ofNullable(rs.getString(6)), identity);
    }

    /** The sequence of a {@code nextval('name'::regclass)} default, unqualified; null for other defaults. */
    static String nextvalSequence(String expr, String schema) {
        String prefix = "nextval('";
        String suffix = "'::regclass)";
        if (!expr.startsWith(prefix) || !expr.endsWith(suffix)) {
            return null;
        }
        String name = expr.substring(prefix.length(), expr.length() - suffix.length()).replace("''", "'");
        String qualifier = quoteIdent(schema) + ".";
        if (name.startsWith(qualifier)) {
            name = name.substring(qualifier.length());
        }
        return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }

    private static void constraint(ResultSet rs, Table.Builder table, String schema) throws SQLException {
        String name = rs.getString(2);
        List<String> columns = strings(rs.getArray(4));
        switch (rs.getString(3)) {
            case "p" -> table.primaryKey(PrimaryKey.of(name, columns));
            case "u" -> table.unique(UniqueConstraint.of(name, columns));
            case "c" -> table.check(CheckConstraint.of(name, rs.getString(10)));
            case "f" -> {
                String refSchema = rs.getString(5);
                String refTable = refSchema.equals(schema) ? rs.getString(6) : refSchema + "." + rs.getString(6);
                table.foreignKey(ForeignKey.of(name, columns, refTable, strings(rs.getArray(7)))
                        .withActions(ReferentialAction.parse(rs.getString(9)), ReferentialAction.parse(rs.getString(8))));
            }
            default -> throw new IllegalStateException("unexpected constraint type " + rs.getString(3));
        }
    }

    private static Index index(ResultSet rs) throws SQLException {
        List<String> texts = strings(rs.getArray(4));
        Integer[] attnums = (Integer[]) rs.getArray(5).getArray();
        Integer[] options = (Integer[]) rs.getArray(6).getArray();
        List<Index.Element> elements = new ArrayList<>();
        for (int k = 0; k < texts.size(); k++) {
            int option = options[k];
            boolean desc = (option & 1) != 0;
            boolean nullsFirst = (option & 2) != 0;
            String ordering = desc ? (nullsFirst ? " DESC" : " DESC NULLS LAST") : (nullsFirst ? " NULLS FIRST" : "");
            String text = texts.get(k);
            elements.add(attnums[k] != 0 && ordering.isEmpty() ? Index.Element.column(unquote(text))
                    : Index.Element.expression(text + ordering));
        }
        return new Index(java.util.Optional.of(rs.getString(2)), rs.getBoolean(3), elements,
                java.util.Optional.ofNullable(rs.getString(7)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static final java.util.regex.Pattern PLAIN_IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_$]*");

    static String quoteIdent(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier
                : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String unquote(String identifier) {
        return identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() > 1
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"") : identifier;
    }
}
