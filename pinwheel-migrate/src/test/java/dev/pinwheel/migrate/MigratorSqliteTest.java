package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.testkit.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorSqliteTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    DbConfig config;
    DbUrl url;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void project() {
        config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
        url = DbUrl.parse("sqlite:///app.db", tmp);
    }

    private void revision(String id, String up, String down) {
        ScriptAuthor.revision(config, ScriptDirectory.load(config.versionsDir()),
                new ScriptAuthor.RevisionRequest("make " + id, "head", false, List.of(), List.of(), id, up, down), CLOCK);
    }

    private Migrator migrator() {
        return new Migrator(config, ScriptDirectory.load(config.versionsDir()), url, new MigrationListener() {
            @Override
            public void running(Direction d, List<String> from, Revision r, List<String> to) {
                log.add("Running " + d.label() + " " + String.join(", ", from) + " -> " + String.join(", ", to));
            }
        }, CLOCK, "tester", "0.0-test");
    }

    private List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private void threeRevisions() {
        revision("a1", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n", "DROP TABLE users;\n");
        revision("b2", "ALTER TABLE users ADD COLUMN email TEXT;\nINSERT INTO users (name, email) VALUES ('x;y', 'it''s');\n",
                "DELETE FROM users;\nALTER TABLE users DROP COLUMN email;\n");
        revision("c3", """
                CREATE TABLE audit (msg TEXT);
                CREATE TRIGGER users_audit AFTER INSERT ON users
                BEGIN
                  INSERT INTO audit VALUES ('new user; ' || new.name);
                END;
                """, "DROP TRIGGER users_audit;\nDROP TABLE audit;\n");
    }

    @Test
    void upgradeHeadAppliesEachRevisionAndRecordsHistory() throws Exception {
        threeRevisions();
        Migrator.Outcome out = migrator().upgrade("head", false);
        assertThat(out.moved()).extracting(Revision::id).containsExactly("a1", "b2", "c3");
        assertThat(out.rows()).containsExactly("c3");
        assertThat(log).containsExactly("Running upgrade  -> a1", "Running upgrade a1 -> b2", "Running upgrade b2 -> c3");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("c3");
        assertThat(query("SELECT revision, direction, applied_by, tool_version, success FROM pinwheel_history ORDER BY id"))
                .containsExactly("a1|upgrade|tester|0.0-test|1", "b2|upgrade|tester|0.0-test|1", "c3|upgrade|tester|0.0-test|1");
        assertThat(query("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'")).singleElement().asString()
                .contains("version_num VARCHAR(32) NOT NULL").contains("CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)");
        assertThat(migrator().upgrade("head", false).moved()).isEmpty();
    }

    @Test
    void downgradeStepsBackAndToBase() throws Exception {
        threeRevisions();
        migrator().upgrade("head", false);
        assertThat(migrator().downgrade("-1").rows()).containsExactly("b2");
        assertThat(query("SELECT name FROM sqlite_master WHERE name = 'audit'")).isEmpty();
        assertThat(migrator().downgrade("base").rows()).isEmpty();
        assertThat(query("SELECT name FROM sqlite_master WHERE name = 'users'")).isEmpty();
        assertThat(query("SELECT count(*) FROM pinwheel_history WHERE direction = 'downgrade'")).containsExactly("3");
        assertThatThrownBy(() -> migrator().downgrade("b2")).hasMessageContaining("not a valid downgrade target");
    }

    @Test
    void failureHalfwayRollsBackThatRevisionAndNamesTheStatementLine() throws Exception {
        revision("a1", "CREATE TABLE t (x INTEGER);\n", "DROP TABLE t;\n");
        revision("b2", "CREATE TABLE u (y INTEGER);\nINSERT INTO u VALUES (1);\nINSERT INTO nope VALUES (2);\n", "DROP TABLE u;\n");
        revision("c3", "CREATE TABLE v (z INTEGER);\n", "DROP TABLE v;\n");
        assertThatThrownBy(() -> migrator().upgrade("head", false))
                .isInstanceOf(DbException.class)
                .hasMessageStartingWith("upgrade b2 (make b2) failed at migrations/versions/b2_make_b2.sql:12:1; "
                        + "rolled back, the database stays at a1\n"
                        + "  INSERT INTO nope VALUES (2);\n"
                        + "  ^^^^^^\n"
                        + "  statement: INSERT INTO nope VALUES (2)")
                .hasRootCauseMessage("[SQLITE_ERROR] SQL error or missing database (no such table: nope)");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("a1");
        assertThat(query("SELECT name FROM sqlite_master WHERE name IN ('t', 'u', 'v') ORDER BY name")).containsExactly("t");
        assertThat(query("SELECT revision, success FROM pinwheel_history ORDER BY id")).containsExactly("a1|1", "b2|0");
    }

    @Test
    void changedScriptIsReportedAndRefusedUnlessAllowed() throws Exception {
        threeRevisions();
        migrator().upgrade("b2", false);
        Path script = config.versionsDir().resolve("a1_make_a1.sql");
        Files.writeString(script, Files.readString(script).replace("name TEXT", "name TEXT NOT NULL"));
        assertThat(migrator().current().changed()).extracting(Revision::id).containsExactly("a1");
        assertThatThrownBy(() -> migrator().upgrade("head", false)).hasMessage("applied script a1 changed after it was applied");
        assertThat(migrator().upgrade("head", true).rows()).containsExactly("c3");
    }

    @Test
    void stampTakesOverAndPurgeClearsUnknownRows() throws Exception {
        threeRevisions();
        assertThat(migrator().stamp(List.of("b2"), false).rows()).containsExactly("b2");
        assertThat(query("SELECT revision, direction FROM pinwheel_history ORDER BY id")).containsExactly("a1|stamp", "b2|stamp");
        assertThat(migrator().stamp(List.of("base"), false).rows()).isEmpty();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO alembic_version VALUES ('ffffffffffff')");
        }
        assertThatThrownBy(() -> migrator().upgrade("head", false)).hasMessageContaining("'ffffffffffff'");
        assertThat(migrator().stamp(List.of("heads"), true).rows()).containsExactly("c3");
    }

    @Test
    void stampTakesOneRevisionPerBranchAndRefusesTwoOnOneLine() throws Exception {
        revision("a1", "CREATE TABLE t (x INTEGER);\n", "DROP TABLE t;\n");
        revision("b2", "", "");
        ScriptAuthor.revision(config, ScriptDirectory.load(config.versionsDir()),
                new ScriptAuthor.RevisionRequest("side", "base", false, List.of("side"), List.of(), "x1", "", ""), CLOCK);
        ScriptAuthor.revision(config, ScriptDirectory.load(config.versionsDir()),
                new ScriptAuthor.RevisionRequest("side 2", "x1", false, List.of(), List.of(), "y2", "", ""), CLOCK);
        assertThat(migrator().stamp(List.of("a1", "side@head", "a1"), false).rows()).containsExactlyInAnyOrder("a1", "y2");
        assertThat(migrator().stamp(List.of("b2"), false).rows()).containsExactlyInAnyOrder("b2", "y2");
        assertThatThrownBy(() -> migrator().stamp(List.of("b2", "a1"), false)).isInstanceOf(DbException.class)
                .hasMessage("stamp targets a1 and b2 are on one line of history: a1 is an ancestor of b2");
        assertThat(migrator().stamp(List.of("x1", "base"), true).rows()).containsExactly("x1");
        assertThat(migrator().stampSql(List.of("b2", "y2")))
                .contains("INSERT INTO alembic_version (version_num) VALUES ('b2')")
                .contains("INSERT INTO alembic_version (version_num) VALUES ('y2')");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("x1");
    }

    @Test
    void offlineSqlIsTheSamePathIntoABuffer() {
        threeRevisions();
        Golden.assertMatches("sql/sqlite-upgrade-head.sql", migrator().upgradeSql("head"));
        Golden.assertMatches("sql/sqlite-downgrade-c3-a1.sql", migrator().downgradeSql("c3:a1"));
        assertThat(migrator().upgradeSql("b2:head")).doesNotContain("CREATE TABLE alembic_version")
                .contains("UPDATE alembic_version SET version_num='c3' WHERE alembic_version.version_num = 'b2'");
        assertThatThrownBy(() -> migrator().downgradeSql("a1")).hasMessageContaining("needs a range");
        assertThat(Files.exists(tmp.resolve("app.db"))).isFalse();
    }

    @Test
    void nonTransactionalScriptsRunStatementByStatement() throws Exception {
        revision("a1", "CREATE TABLE t (x INTEGER);\n", "DROP TABLE t;\n");
        Path script = config.versionsDir().resolve("a1_make_a1.sql");
        Files.writeString(script, Files.readString(script).replace("transactional: true", "transactional: false")
                .replace("CREATE TABLE t (x INTEGER);", "CREATE TABLE t (x INTEGER);\nVACUUM;"));
        assertThat(migrator().upgrade("head", false).rows()).containsExactly("a1");
    }

    @Test
    void concurrentUpgradesInOneProcessApplyEachRevisionOnce() throws Exception {
        threeRevisions();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                try {
                    migrator().upgrade("head", false);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(errors).isEmpty();
        assertThat(query("SELECT count(*) FROM pinwheel_history WHERE direction = 'upgrade'")).containsExactly("3");
    }
}
