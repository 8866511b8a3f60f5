package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.migrate.SqlSplitter.Flavor;
import dev.pinwheel.migrate.SqlSplitter.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<String> sql(String text, Flavor f) {
        return SqlSplitter.split(text, f).stream().map(Statement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsAndKeepsLinesAndOffsets() {
        List<Statement> s = SqlSplitter.split("CREATE TABLE a (x int);\n\n-- note\nINSERT INTO a VALUES (1);\n", Flavor.SQLITE);
        assertThat(s).containsExactly(new Statement("CREATE TABLE a (x int)", 1, 0), new Statement("INSERT INTO a VALUES (1)", 4, 33));
    }

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotSplit() {
        assertThat(sql("INSERT INTO t VALUES ('a;b', 'it''s;');\nSELECT \"we;ird\" FROM t; /* x; y */ SELECT 1 -- ;\n;", Flavor.POSTGRES))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT \"we;ird\" FROM t", "SELECT 1 -- ;");
    }

    @Test
    void postgresEscapeStringsAndNestedComments() {
        assertThat(sql("SELECT E'a\\';b';\nSELECT 1 /* outer /* inner; */ still; */;", Flavor.POSTGRES))
                .containsExactly("SELECT E'a\\';b'", "SELECT 1 /* outer /* inner; */ still; */");
    }

    @Test
    void dollarQuotedFunctionBodies() {
        String fn = """
                CREATE FUNCTION f() RETURNS trigger AS $body$
                BEGIN
                  NEW.x := 1; RETURN NEW;
                END;
                $body$ LANGUAGE plpgsql;
                DO $$ BEGIN PERFORM 1; END $$;
                SELECT $1::int;""";
        List<String> out = sql(fn, Flavor.POSTGRES);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).startsWith("CREATE FUNCTION").endsWith("LANGUAGE plpgsql");
        assertThat(out.get(1)).isEqualTo("DO $$ BEGIN PERFORM 1; END $$");
        assertThat(out.get(2)).isEqualTo("SELECT $1::int");
    }

    @Test
    void beginAtomicFunctionBodies() {
        String fn = "CREATE OR REPLACE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END; SELECT 3; END;\nSELECT 4;";
        assertThat(sql(fn, Flavor.POSTGRES)).hasSize(2).last().isEqualTo("SELECT 4");
    }

    @Test
    void sqliteTriggerBodiesWithCase() {
        String trig = """
                CREATE TEMP TRIGGER t AFTER INSERT ON a
                BEGIN
                  UPDATE a SET x = CASE WHEN new.x > 1 THEN 1 ELSE 0 END WHERE rowid = new.rowid;
                  INSERT INTO log VALUES ('[;]');
                END;
                CREATE TABLE `b;c` ([d;e] int);
                BEGIN;
                COMMIT;""";
        List<String> out = sql(trig, Flavor.SQLITE);
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).endsWith("END");
        assertThat(out.get(1)).isEqualTo("CREATE TABLE `b;c` ([d;e] int)");
        assertThat(out.subList(2, 4)).containsExactly("BEGIN", "COMMIT");
    }

    @Test
    void commentOnlyAndEmptyInputGiveNoStatements() {
        assertThat(sql("-- nothing\n/* here */\n;;\n", Flavor.SQLITE)).isEmpty();
        assertThat(sql("", Flavor.POSTGRES)).isEmpty();
    }

    @Test
    void lastStatementWithoutSemicolon() {
        assertThat(SqlSplitter.split("\n\nSELECT 1", Flavor.SQLITE)).containsExactly(new Statement("SELECT 1", 3, 2));
    }
}
