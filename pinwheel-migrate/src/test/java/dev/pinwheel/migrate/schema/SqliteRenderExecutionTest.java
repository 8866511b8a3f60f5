package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.migrate.SqlSplitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the rendered SQLite SQL on a real (in-memory) SQLite: the starting schema is built and
 * filled with rows, the upgrade and then the downgrade run in transactions as the migrator runs
 * them, and after each the columns, indexes and rows are what the model says.
 */
class SqliteRenderExecutionTest {

    private static final SqlRenderer SQLITE = SqlRenderer.forDialect("sqlite");

    static Connection memory() throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
    }

    static void run(Connection c, String sql) throws SQLException {
        RenderCases.run(c, sql, SqlSplitter.Flavor.SQLITE);
    }

    private static String sampleValue(String type, int row) {
        String t = type.toLowerCase();
        if (t.contains("int")) {
            return String.valueOf(row);
        }
        if (t.startsWith("numeric")) {
            return row + ".5";
        }
        if (t.startsWith("bool")) {
            return String.valueOf(row % 2);
        }
        return "'v" + row + "'";
    }

    /** Two rows in every table, ids 1 and 2, so foreign keys to id hold. */
    static void fill(Connection c, Schema s) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Table t : s.tables()) {
            for (int row = 1; row <= 2; row++) {
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Column col : t.columns()) {
                    names.add(BaseRenderer.q(col.name()));
                    values.add(sampleValue(col.type(), row));
                }
                sql.append("INSERT INTO ").append(BaseRenderer.q(t.name())).append(" (").append(String.join(", ", names))
                        .append(") VALUES (").append(String.join(", ", values)).append(");\n");
            }
        }
        run(c, sql.toString());
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                out.add(String.join("|", row));
            }
        }
        return out;
    }

    /** The database's tables, columns (with declared types), indexes and rows of the columns the model keeps. */
    static void assertMatches(Connection c, Schema model, Map<String, List<String>> rowsById) throws SQLException {
        assertThat(query(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
                .containsExactlyElementsOf(model.tables().stream().map(Table::name).sorted().toList());
        for (Table t : model.tables()) {
            assertThat(query(c, "SELECT name, lower(type), \"notnull\" FROM pragma_table_info('" + t.name() + "') ORDER BY cid"))
                    .as("columns of %s", t.name())
                    .containsExactlyElementsOf(t.columns().stream().map(col -> col.name() + "|" + col.type() + "|"
                            + (col.nullable() ? 0 : 1)).toList());
            assertThat(query(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '" + t.name()
                    + "' AND sql IS NOT NULL ORDER BY name"))
                    .as("indexes of %s", t.name())
                    .containsExactlyElementsOf(t.indexes().stream().map(i -> i.name().orElseThrow()).sorted().toList());
            if (rowsById.containsKey(t.name())) {
                assertThat(query(c, "SELECT id FROM " + BaseRenderer.q(t.name()) + " ORDER BY id"))
                        .as("rows of %s", t.name()).containsExactlyElementsOf(rowsById.get(t.name()));
            }
        }
    }

    private static void roundTrip(RenderCases.Case k) throws SQLException {
        List<SchemaChange> changes = SchemaDiff.compare(k.from(), k.to(), k.options());
        Schema reached = SchemaChange.applyAll(k.from(), changes);
        RenderedMigration m = SQLITE.render(k.from(), changes);
        try (Connection c = memory()) {
            run(c, SQLITE.render(Schema.empty(), SchemaDiff.compare(Schema.empty(), k.from(), k.options())).upgradeSql());
            fill(c, k.from());
            Map<String, String> renamedTables = RenderCases.renamedTables(changes);
            Map<String, List<String>> before = RenderCases.rowsKept(k.from(), reached, renamedTables);
            run(c, m.upgradeSql());
            assertMatches(c, reached, before);
            // A dropped table comes back empty; the others keep their rows both ways.
            Map<String, List<String>> after = new HashMap<>();
            before.keySet().forEach(t -> after.put(renamedTables.getOrDefault(t, t), List.of("1", "2")));
            run(c, m.downgradeSql());
            assertMatches(c, SchemaChange.applyAll(reached, SchemaChange.reverseAll(changes)), after);
        }
    }

    @TestFactory
    Stream<DynamicTest> upgradeAndDowngradeKeepTheRows() {
        return Stream.concat(RenderCases.common().stream(), RenderCases.sqlite().stream())
                .filter(k -> !k.name().equals("add_column_not_null_without_default"))
                .map(k -> DynamicTest.dynamicTest(k.name(), () -> roundTrip(k)));
    }

    @Test
    void aNotNullColumnWithoutDefaultCannotBeAddedToATableWithRows() {
        RenderCases.Case k = RenderCases.common().stream().filter(x -> x.name().equals("add_column_not_null_without_default"))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> roundTrip(k)).isInstanceOf(SQLException.class).hasMessageContaining("NOT NULL constraint failed");
    }

    @Test
    void aRebuildKeepsEveryValueAndFillsNullsWithTheNewDefault() throws SQLException {
        RenderCases.Case k = RenderCases.sqlite().stream().filter(x -> x.name().equals("rebuild_with_several_changes"))
                .findFirst().orElseThrow();
        List<SchemaChange> changes = SchemaDiff.compare(k.from(), k.to(), k.options());
        try (Connection c = memory()) {
            run(c, SQLITE.render(Schema.empty(), SchemaDiff.compare(Schema.empty(), k.from(), k.options())).upgradeSql());
            run(c, "INSERT INTO users (id, email, name, active) VALUES (1, 'a@x', 'Ann', 1), (2, 'b@x', NULL, 0);"
                    + "INSERT INTO orders (id, user_id, total) VALUES (10, 2, 3.5);");
            run(c, SQLITE.render(k.from(), changes).upgradeSql());
            assertThat(query(c, "SELECT id, email_address, name, active, tenant FROM users ORDER BY id"))
                    .containsExactly("1|a@x|Ann|1|1", "2|b@x||0|1");
            assertThat(query(c, "SELECT id, user_id, total FROM orders")).containsExactly("10|2|3.5");
            assertThat(query(c, "PRAGMA foreign_key_check")).isEmpty();
        }
    }
}
