package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinwheel.migrate.SqlSplitter;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the rendered PostgreSQL SQL of every golden case on a real server (PINWHEEL_TEST_PG_URL),
 * each case in a schema of its own that is dropped afterwards: build the starting schema, add
 * rows, upgrade, check columns and rows, downgrade, check again.
 */
class PostgresRenderIT {

    private static final SqlRenderer POSTGRES = SqlRenderer.forDialect("postgresql");

    static String baseUrl() {
        String base = System.getenv("PINWHEEL_TEST_PG_URL");
        if ("1".equals(System.getenv("PINWHEEL_TEST_REQUIRE_PG"))) {
            assertThat(base).as("PINWHEEL_TEST_PG_URL").isNotBlank();
        }
        assumeTrue(base != null && !base.isBlank(), "PINWHEEL_TEST_PG_URL is not set");
        return base;
    }

    static Connection connect() throws SQLException {
        URI u = URI.create(baseUrl());
        String[] userInfo = u.getUserInfo().split(":", 2);
        Properties p = new Properties();
        p.setProperty("user", userInfo[0]);
        p.setProperty("password", userInfo.length > 1 ? userInfo[1] : "");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(), p);
    }

    static void run(Connection c, String sql) throws SQLException {
        RenderCases.run(c, sql, SqlSplitter.Flavor.POSTGRES);
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String sampleValue(Schema s, String type, int row) {
        if (s.enumType(type).isPresent()) {
            List<String> labels = s.enumType(type).get().values();
            return BaseRenderer.literal(labels.get((row - 1) % labels.size()));
        }
        if (type.startsWith("bool")) {
            return "true";
        }
        if (type.contains("int") || type.startsWith("numeric")) {
            return String.valueOf(row);
        }
        if (type.startsWith("timestamp")) {
            return "now()";
        }
        return "'" + row + "'";
    }

    private static void fill(Connection c, Schema s) throws SQLException {
        // Rows go in table by table in name order; foreign key triggers wait (the role is a superuser).
        StringBuilder sql = new StringBuilder("SET LOCAL session_replication_role = replica;\n");
        for (Table t : s.tables()) {
            for (int row = 1; row <= 2; row++) {
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Column col : t.columns()) {
                    if (col.identity() == Identity.ALWAYS) {
                        continue;
                    }
                    names.add(BaseRenderer.q(col.name()));
                    values.add(sampleValue(s, col.type(), row));
                }
                sql.append("INSERT INTO ").append(BaseRenderer.q(t.name())).append(" (").append(String.join(", ", names))
                        .append(") VALUES (").append(String.join(", ", values)).append(");\n");
            }
        }
        run(c, sql.toString());
    }

    static void assertMatches(Connection c, String schema, Schema model, Map<String, List<String>> rows) throws SQLException {
        assertThat(query(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY 1"))
                .containsExactlyElementsOf(model.tables().stream().map(Table::name).sorted().toList());
        for (Table t : model.tables()) {
            assertThat(query(c, "SELECT column_name FROM information_schema.columns WHERE table_schema = '" + schema
                    + "' AND table_name = '" + t.name() + "' ORDER BY ordinal_position"))
                    .as("columns of %s", t.name()).containsExactlyElementsOf(t.columns().stream().map(Column::name).toList());
            assertThat(query(c, "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' AND tablename = '"
                    + t.name() + "' ORDER BY 1"))
                    .as("indexes of %s", t.name())
                    .containsExactlyInAnyOrderElementsOf(indexNames(t));
            if (rows.containsKey(t.name())) {
                assertThat(query(c, "SELECT id::text FROM " + BaseRenderer.q(t.name()) + " ORDER BY id"))
                        .as("rows of %s", t.name()).containsExactlyElementsOf(rows.get(t.name()));
            }
        }
        assertThat(query(c, "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = '"
                + schema + "' AND t.typtype = 'e' ORDER BY 1"))
                .containsExactlyElementsOf(model.enums().stream().map(EnumType::name).toList());
    }

    /** Indexes PostgreSQL reports for a table: its own, and those behind the primary key and unique constraints. */
    private static List<String> indexNames(Table t) {
        List<String> out = new ArrayList<>();
        t.indexes().forEach(i -> out.add(i.name().orElseThrow()));
        t.primaryKey().flatMap(PrimaryKey::name).ifPresent(out::add);
        t.uniqueConstraints().forEach(u -> out.add(u.name().orElseThrow()));
        return out;
    }

    private static void roundTrip(RenderCases.Case k) throws SQLException {
        String schema = "pw_render_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<SchemaChange> changes = SchemaDiff.compare(k.from(), k.to(), k.options());
        Schema reached = SchemaChange.applyAll(k.from(), changes);
        RenderedMigration m = POSTGRES.render(k.from(), changes);
        try (Connection c = connect()) {
            run(c, "CREATE SCHEMA " + schema);
            try {
                run(c, "SET search_path TO " + schema);
                run(c, POSTGRES.render(Schema.empty(), SchemaDiff.compare(Schema.empty(), k.from(), k.options())).upgradeSql());
                fill(c, k.from());
                Map<String, String> renamedTables = RenderCases.renamedTables(changes);
                Map<String, List<String>> kept = RenderCases.rowsKept(k.from(), reached, renamedTables);
                run(c, m.upgradeSql());
                assertMatches(c, schema, reached, kept);
                Map<String, List<String>> back = new HashMap<>();
                kept.keySet().forEach(t -> back.put(renamedTables.getOrDefault(t, t), List.of("1", "2")));
                run(c, m.downgradeSql());
                assertMatches(c, schema, SchemaChange.applyAll(reached, SchemaChange.reverseAll(changes)), back);
            } finally {
                run(c, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> upgradeAndDowngradeRunAndKeepTheRows() {
        baseUrl();
        return Stream.concat(RenderCases.common().stream(), RenderCases.postgres().stream())
                .filter(k -> !k.name().equals("add_column_not_null_without_default"))
                .map(k -> DynamicTest.dynamicTest(k.name(), () -> roundTrip(k)));
    }

    @Test
    void aNotNullColumnWithoutDefaultCannotBeAddedToATableWithRows() {
        baseUrl();
        RenderCases.Case k = RenderCases.common().stream().filter(x -> x.name().equals("add_column_not_null_without_default"))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> roundTrip(k)).isInstanceOf(SQLException.class).hasMessageContaining("tenant");
    }
}
