package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random schema pairs rendered for SQLite and run on a real in-memory SQLite: the upgrade gives
 * the tables, columns and indexes of the target and the downgrade those of the start.
 */
class SqliteRenderPropertiesTest {

    private static final SqlRenderer SQLITE = SqlRenderer.forDialect("sqlite");

    private static void check(Schema from, Schema to, boolean withRows) throws SQLException {
        DiffOptions options = DiffOptions.defaults();
        List<SchemaChange> changes = SchemaDiff.compare(from, to, options);
        Schema reached = SchemaChange.applyAll(from, changes);
        RenderedMigration m = SQLITE.render(from, changes);
        try (Connection c = SqliteRenderExecutionTest.memory()) {
            SqliteRenderExecutionTest.run(c, SQLITE.render(Schema.empty(), SchemaDiff.compare(Schema.empty(), from, options)).upgradeSql());
            if (withRows) {
                SqliteRenderExecutionTest.fill(c, from);
            }
            SqliteRenderExecutionTest.run(c, m.upgradeSql());
            SqliteRenderExecutionTest.assertMatches(c, reached, Map.of());
            SqliteRenderExecutionTest.run(c, m.downgradeSql());
            SqliteRenderExecutionTest.assertMatches(c, SchemaChange.applyAll(reached, SchemaChange.reverseAll(changes)), Map.of());
        }
    }

    /**
     * With rows first; a constraint the rows break (a new NOT NULL column without default, a
     * UNIQUE over a new default, text copied into an INTEGER PRIMARY KEY) is the data's fault, so
     * then without rows.
     */
    private static void checkBoth(Schema from, Schema to) throws SQLException {
        try {
            check(from, to, true);
        } catch (SQLException e) {
            assertThat(e.getMessage()).containsAnyOf("constraint failed", "datatype mismatch");
            check(from, to, false);
        }
    }

    @Property(tries = 150)
    void randomSchemaChangesRunOnSqlite(@ForAll long seedA, @ForAll long seedB) throws SQLException {
        checkBoth(RandomSchemas.forSqlite(RandomSchemas.generate(new Random(seedA))),
                RandomSchemas.forSqlite(RandomSchemas.generate(new Random(seedB))));
    }

    @Property(tries = 150)
    void renamesAndEditsRunOnSqlite(@ForAll long seed) throws SQLException {
        Random r = new Random(seed);
        Schema a = RandomSchemas.forSqlite(RandomSchemas.generate(r));
        checkBoth(a, RandomSchemas.forSqlite(RandomSchemas.mutate(a, r)));
    }
}
