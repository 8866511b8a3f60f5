package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.schema.CheckConstraint;
import dev.pinwheel.migrate.schema.Column;
import dev.pinwheel.migrate.schema.ForeignKey;
import dev.pinwheel.migrate.schema.Identity;
import dev.pinwheel.migrate.schema.Index;
import dev.pinwheel.migrate.schema.PrimaryKey;
import dev.pinwheel.migrate.schema.ReferentialAction;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.SqlTypes;
import dev.pinwheel.migrate.schema.Table;
import dev.pinwheel.migrate.schema.UniqueConstraint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * SQLite from {@code sqlite_master} joined with the table-valued pragmas
 * ({@code pragma_table_xinfo}, {@code pragma_index_list}, {@code pragma_index_xinfo},
 * {@code pragma_foreign_key_list}): four queries for all tables. Names of constraints, CHECK
 * expressions, AUTOINCREMENT and index expressions exist only in the stored SQL and come from
 * {@link SqliteDdl}. Traps handled: a foreign key written without target columns refers to the
 * target's primary key; unique constraints are the indexes of origin {@code u}, primary-key
 * indexes are no indexes; SQLite's own {@code sqlite_*} tables are skipped.
 */
final class SqliteIntrospector implements Introspector {

    private static final String TABLES = """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name""";

    private static final String COLUMNS = """
            SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk
            FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p
            WHERE m.type = 'table' AND p.hidden = 0 ORDER BY m.name, p.cid""";

    private static final String INDEXES = """
            SELECT m.name, il.name, il."unique", il.origin, ii.cid, ii.name, ii."desc", s.sql
            FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii
            LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = il.name
            WHERE m.type = 'table' AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno""";

    private static final String FOREIGN_KEYS = """
            SELECT m.name, fk.id, fk."table", fk."from", fk."to", fk.on_update, fk.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) fk
            WHERE m.type = 'table' ORDER BY m.name, fk.id, fk.seq""";

    @Override
    public Schema read(Connection c, String schema, Predicate<String> includeTable) throws SQLException {
        Map<String, SqliteDdl.TableDef> defs = new LinkedHashMap<>();
        Map<String, Table.Builder> tables = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> primaryKeys = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (includeTable.test(name)) {
                        defs.put(name, SqliteDdl.table(rs.getString(2)));
                        tables.put(name, Table.builder(name));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    if (!tables.containsKey(table)) {
                        continue;
                    }
                    String name = rs.getString(2);
                    Identity identity = defs.get(table).autoincrement().contains(name) ? Identity.AUTOINCREMENT : Identity.NONE;
                    Column column = Column.of(name, SqlTypes.normalize("sqlite", rs.getString(3)))
                            .withNullable(rs.getInt(4) == 0).withIdentity(identity);
                    tables.get(table).column(identity == Identity.NONE ? column.withDefault(rs.getString(5)) : column);
                    if (rs.getInt(6) > 0) {
                        primaryKeys.computeIfAbsent(table, k -> new TreeMap<>()).put(rs.getInt(6), name);
                    }
                }
            }
            primaryKeys.forEach((table, columns) -> tables.get(table).primaryKey(PrimaryKey.of(
                    constraintName(defs.get(table), SqliteDdl.Kind.PRIMARY_KEY, List.copyOf(columns.values())),
                    List.copyOf(columns.values()))));
            readIndexes(s, tables, defs);
            readForeignKeys(s, tables, defs, primaryKeys);
        }
        defs.forEach((table, def) -> def.constraints().stream().filter(k -> k.kind() == SqliteDdl.Kind.CHECK)
                .forEach(k -> tables.get(table).check(CheckConstraint.of(k.name(), k.expression()))));
        return Schema.of(tables.values().stream().map(Table.Builder::build).toList());
    }

    private static void readIndexes(Statement s, Map<String, Table.Builder> tables,
                                    Map<String, SqliteDdl.TableDef> defs) throws SQLException {
        record Element(int cid, String name, boolean desc) {
        }
        record Found(String table, String name, boolean unique, String origin, String sql, List<Element> elements) {
        }
        Map<String, Found> found = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(INDEXES)) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!tables.containsKey(table)) {
                    continue;
                }
                Found f = found.computeIfAbsent(table + "\0" + rs.getString(2), k -> {
                    try {
                        return new Found(table, rs.getString(2), rs.getInt(3) == 1, rs.getString(4), rs.getString(8),
                                new ArrayList<>());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                f.elements.add(new Element(rs.getInt(5), rs.getString(6), rs.getInt(7) == 1));
            }
        }
        for (Found f : found.values()) {
            List<String> columns = f.elements.stream().map(Element::name).toList();
            switch (f.origin) {
                case "pk" -> { }
                case "u" -> tables.get(f.table).unique(UniqueConstraint.of(
                        constraintName(defs.get(f.table), SqliteDdl.Kind.UNIQUE, columns), columns));
                default -> {
                    SqliteDdl.IndexDef def = SqliteDdl.index(f.sql);
                    List<Index.Element> elements = new ArrayList<>();
                    for (int k = 0; k < f.elements.size(); k++) {
                        Element e = f.elements.get(k);
                        if (e.cid == -2) {
                            elements.add(Index.Element.expression(def.elements().get(k)));
                        } else if (e.desc) {
                            elements.add(Index.Element.expression(e.name + " DESC"));
                        } else {
                            elements.add(Index.Element.column(e.name));
                        }
                    }
                    tables.get(f.table).index(new Index(Optional.of(f.name), f.unique, elements,
                            Optional.ofNullable(def.where())));
                }
            }
        }
    }

    private static void readForeignKeys(Statement s, Map<String, Table.Builder> tables,
                                        Map<String, SqliteDdl.TableDef> defs,
                                        Map<String, TreeMap<Integer, String>> primaryKeys) throws SQLException {
        record Fk(String table, String referred, List<String> from, List<String> to, String onUpdate, String onDelete) {
        }
        Map<String, Fk> found = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(FOREIGN_KEYS)) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!tables.containsKey(table)) {
                    continue;
                }
                String referred = rs.getString(3);
                Fk fk = found.computeIfAbsent(table + "\0" + rs.getInt(2), k -> new Fk(table, referred,
                        new ArrayList<>(), new ArrayList<>(), null, null));
                fk.from.add(rs.getString(4));
                fk.to.add(rs.getString(5));
                found.put(table + "\0" + rs.getInt(2), new Fk(table, referred, fk.from, fk.to, rs.getString(6), rs.getString(7)));
            }
        }
        for (Fk fk : found.values()) {
            List<String> to = fk.to;
            if (to.stream().anyMatch(java.util.Objects::isNull)) {
                // REFERENCES t without columns means t's primary key.
                TreeMap<Integer, String> pk = primaryKeys.get(fk.referred);
                to = pk == null ? fk.from : List.copyOf(pk.values());
            }
            tables.get(fk.table).foreignKey(ForeignKey.of(
                    constraintName(defs.get(fk.table), SqliteDdl.Kind.FOREIGN_KEY, fk.from), fk.from, fk.referred, to)
                    .withActions(ReferentialAction.parse(fk.onDelete), ReferentialAction.parse(fk.onUpdate)));
        }
    }

    private static String constraintName(SqliteDdl.TableDef def, SqliteDdl.Kind kind, List<String> columns) {
        return def.constraints().stream().filter(k -> k.kind() == kind && k.columns().equals(columns))
                .map(SqliteDdl.Constraint::name).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
