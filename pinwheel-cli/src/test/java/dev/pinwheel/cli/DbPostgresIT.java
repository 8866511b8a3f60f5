package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinwheel db} on a real PostgreSQL (PINWHEEL_TEST_PG_URL), in a database of its own that
 * is dropped afterwards: PostgreSQL-only SQL, a failure halfway through a chain, several real
 * processes upgrading at once, the Unix socket, and taking over a database Alembic made (Alembic
 * from PyPI in a throwaway venv) and handing it back.
 */
class DbPostgresIT {

    static String base;
    static String database;
    static String url;

    @TempDir
    Path tmp;
    CliRunner cli;

    @BeforeAll
    static void createDatabase() throws Exception {
        base = System.getenv("PINWHEEL_TEST_PG_URL");
        if ("1".equals(System.getenv("PINWHEEL_TEST_REQUIRE_PG"))) {
            assertThat(base).as("PINWHEEL_TEST_PG_URL").isNotBlank();
        }
        assumeTrue(base != null && !base.isBlank(), "PINWHEEL_TEST_PG_URL is not set");
        database = "pw_db_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        URI u = URI.create(base);
        url = u.getScheme() + "://" + u.getRawAuthority() + "/" + database;
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    static Connection admin() throws Exception {
        return connect(URI.create(base).getPath().substring(1));
    }

    static Connection connect(String db) throws Exception {
        URI u = URI.create(base);
        String[] userInfo = u.getUserInfo().split(":", 2);
        Properties p = new Properties();
        p.setProperty("user", userInfo[0]);
        p.setProperty("password", userInfo.length > 1 ? userInfo[1] : "");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/" + db, p);
    }

    static List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        cli = new CliRunner(tmp).env("DATABASE_URL", url);
        assertThat(cli.run("db", "init").status()).isZero();
    }

    private void revision(String id, String up, String down) throws Exception {
        CliRunner.Result r = cli.run("db", "revision", "-m", "rev " + id, "--rev-id", id);
        assertThat(r.status()).as(r.stderr()).isZero();
        Path file = tmp.resolve("migrations/versions/" + id + "_rev_" + id + ".sql");
        String text = Files.readString(file).replace("-- +upgrade\n", "-- +upgrade\n" + up)
                .replace("-- +downgrade\n", "-- +downgrade\n" + down);
        Files.writeString(file, text);
    }

    @Test
    void aServerErrorPositionIsShownAsLineAndColumnWithACaret() throws Exception {
        revision("p6", "CREATE TABLE f (\n  id int,\n  name txet\n);\n", "DROP TABLE f;\n");
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.stderr()).contains("""
                error: upgrade p6 (rev p6) failed at migrations/versions/p6_rev_p6.sql:12:8; rolled back, the database stays at base
                    name txet
                         ^^^^
                  statement: CREATE TABLE f (
                """).contains("type \"txet\" does not exist").doesNotContain("\tat ");
        assertThat(query("SELECT to_regclass('f')::text")).containsOnlyNulls();
    }

    @Test
    void postgresSqlRunsAndAFailureHalfwayRollsBackThatRevision() throws Exception {
        revision("a1", """
                CREATE TABLE account (id serial PRIMARY KEY, name text NOT NULL, touched timestamptz);
                CREATE FUNCTION touch() RETURNS trigger AS $$
                BEGIN
                  NEW.touched := now(); -- a semicolon inside the body
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER account_touch BEFORE INSERT ON account FOR EACH ROW EXECUTE FUNCTION touch();
                INSERT INTO account (name) VALUES (E'it\\'s; fine');
                COMMENT ON TABLE account IS 'a; b' -- the last statement has no semicolon, only this comment
                """, "DROP TABLE account;\nDROP FUNCTION touch();\n");
        revision("b2", "CREATE TABLE half (x int);\nINSERT INTO missing VALUES (1);\n", "DROP TABLE half;\n");
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.stderr()).contains("upgrade b2 (rev b2) failed at migrations/versions/b2_rev_b2.sql:11")
                .contains("statement: INSERT INTO missing VALUES (1)").contains("relation \"missing\" does not exist")
                .doesNotContain("pinwheel:pinwheel");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("a1");
        assertThat(query("SELECT to_regclass('half')::text")).containsOnlyNulls();
        assertThat(query("SELECT name || '|' || (touched IS NOT NULL) FROM account")).containsExactly("it's; fine|true");
        assertThat(query("SELECT obj_description('account'::regclass)")).containsExactly("a; b");
        assertThat(query("SELECT revision || ':' || success FROM pinwheel_history ORDER BY id")).containsExactly("a1:true", "b2:false");
        assertThat(query("SELECT conname FROM pg_constraint WHERE conrelid = 'alembic_version'::regclass"))
                .containsExactly("alembic_version_pkc");
        assertThat(query("SELECT data_type || character_maximum_length FROM information_schema.columns WHERE table_name = 'alembic_version'"))
                .containsExactly("character varying32");

        Path b2 = tmp.resolve("migrations/versions/b2_rev_b2.sql");
        Files.writeString(b2, Files.readString(b2).replace("INSERT INTO missing VALUES (1);\n", "")
                .replace("transactional: true", "transactional: false")
                .replace("CREATE TABLE half (x int);\n", "CREATE TABLE half (x int);\nCREATE INDEX CONCURRENTLY half_x ON half (x);\n"));
        assertThat(cli.run("db", "upgrade").status()).isZero();
        assertThat(query("SELECT indexname FROM pg_indexes WHERE tablename = 'half'")).containsExactly("half_x");
        assertThat(cli.run("db", "downgrade", "base").status()).isZero();
        assertThat(query("SELECT count(*) FROM alembic_version")).containsExactly("0");
        assertThat(query("SELECT to_regclass('account')::text")).containsOnlyNulls();
    }

    @Test
    void revisionsSentTogetherStopAtTheFailingOneWhichIsReportedWithItsLine() throws Exception {
        for (int i = 1; i <= 9; i++) {
            String id = "m" + i;
            String up = i == 6 ? "CREATE TABLE m6 (x int);\nINSERT INTO m6 VALUES ('not a number');\n" : "CREATE TABLE " + id + " (x int);\n";
            revision(id, up, "DROP TABLE " + id + ";\n");
        }
        // A script outside a transaction splits the run: it goes alone, between two batches.
        Path m3 = tmp.resolve("migrations/versions/m3_rev_m3.sql");
        Files.writeString(m3, Files.readString(m3).replace("transactional: true", "transactional: false"));
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).as(r.stderr()).isEqualTo(3);
        assertThat(r.stderr()).contains("upgrade m6 (rev m6) failed at migrations/versions/m6_rev_m6.sql:11")
                .contains("statement: INSERT INTO m6 VALUES ('not a number')").contains("rolled back, the database stays at m5");
        assertThat(r.stderr().lines().filter(l -> l.contains("Running upgrade")).map(l -> l.substring(l.indexOf("Running"))))
                .containsExactly("Running upgrade  -> m1, rev m1", "Running upgrade m1 -> m2, rev m2", "Running upgrade m2 -> m3, rev m3",
                        "Running upgrade m3 -> m4, rev m4", "Running upgrade m4 -> m5, rev m5", "Running upgrade m5 -> m6, rev m6");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("m5");
        assertThat(query("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_name LIKE 'm_'")).containsExactly("m1,m2,m3,m4,m5");
        assertThat(query("SELECT revision || ':' || success FROM pinwheel_history ORDER BY id"))
                .containsExactly("m1:true", "m2:true", "m3:true", "m4:true", "m5:true", "m6:false");

        Path m6 = tmp.resolve("migrations/versions/m6_rev_m6.sql");
        Files.writeString(m6, Files.readString(m6).replace("'not a number'", "6"));
        r = cli.run("db", "upgrade");
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("m9");
        assertThat(query("SELECT count(*) FROM pinwheel_history WHERE success")).containsExactly("9");
        assertThat(cli.run("db", "downgrade", "m2").status()).isZero();
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("m2");
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'm_'"))
                .containsExactly("2");
    }

    @Test
    void onlyBatchedRevisionsBeforeTheRunsLastDeferDurability() throws Exception {
        // A batch lets its commits return before the disk has them, for the whole session. Each
        // script here records the setting it runs (and commits) under; the run's last revision, the
        // last before a script outside a transaction, that script, and a revision run again alone
        // after a failed batch must have the configured one. d5 fails wherever it is deferred.
        String configured = "(SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit')";
        String guard = "DO $$ BEGIN IF current_setting('synchronous_commit') <> " + configured
                + " THEN RAISE EXCEPTION 'durability deferred'; END IF; END $$;\n";
        for (int i = 1; i <= 7; i++) {
            String id = "d" + i;
            revision(id, (i == 5 ? guard : "") + "CREATE TABLE " + id + " AS SELECT current_setting('synchronous_commit') = "
                    + configured + " AS durable;\n", "DROP TABLE " + id + ";\n");
        }
        // d1, d2 go together; d3 runs alone, outside a transaction; d4-d7 go together, d5 fails
        // there and runs again alone; then d6 and d7 go together, d7 the run's last.
        Path d3 = tmp.resolve("migrations/versions/d3_rev_d3.sql");
        Files.writeString(d3, Files.readString(d3).replace("transactional: true", "transactional: false"));
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("d7");
        assertThat(query("SELECT string_agg(revision || ':' || success, ' ' ORDER BY id) FROM pinwheel_history"))
                .containsExactly("d1:true d2:true d3:true d4:true d5:true d6:true d7:true");
        assertThat(query("SELECT concat_ws(' ', (SELECT durable FROM d1), (SELECT durable FROM d2), (SELECT durable FROM d3),"
                + " (SELECT durable FROM d4), (SELECT durable FROM d5), (SELECT durable FROM d6), (SELECT durable FROM d7))"))
                .containsExactly("f t t f t f t");
    }

    @Test
    void revisionsSentTogetherEachRecordTheirOwnStartAndDuration() throws Exception {
        // One message carries all three; each history row must still time its own revision.
        revision("t1", "CREATE TABLE t1 (x int);\nSELECT pg_sleep(0.3);\n", "DROP TABLE t1;\n");
        revision("t2", "CREATE TABLE t2 (x int);\n", "DROP TABLE t2;\n");
        revision("t3", "CREATE TABLE t3 (x int);\n", "DROP TABLE t3;\n");
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(query("SELECT string_agg(revision || ':' || (duration_ms >= 300), ' ' ORDER BY id) FROM pinwheel_history"))
                .containsExactly("t1:true t2:false t3:false");
        assertThat(query("SELECT bool_and(started_at >= previous) FROM (SELECT started_at,"
                + " lag(finished_at) OVER (ORDER BY id) AS previous FROM pinwheel_history) AS h WHERE previous IS NOT NULL"))
                .containsExactly("t");
    }

    @Test
    void aHistoryRowFromAClockAheadOfTheServersDoesNotPushLaterRevisionsIntoTheFuture() throws Exception {
        revision("k1", "CREATE TABLE k1 (x int);\n", "DROP TABLE k1;\n");
        CliRunner.Result first = cli.run("db", "upgrade");
        assertThat(first.status()).as(first.stderr()).isZero();
        // As if k1 had run alone on a client whose clock is an hour ahead of the server's.
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("UPDATE pinwheel_history SET started_at = started_at + interval '1 hour',"
                    + " finished_at = finished_at + interval '1 hour'");
        }
        revision("k2", "CREATE TABLE k2 (x int);\n", "DROP TABLE k2;\n");
        revision("k3", "CREATE TABLE k3 (x int);\n", "DROP TABLE k3;\n");
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(query("SELECT string_agg(revision || ':' || (started_at <= finished_at AND finished_at <= now()"
                + " AND duration_ms >= 0 AND duration_ms < 60000), ' ' ORDER BY id) FROM pinwheel_history WHERE revision <> 'k1'"))
                .containsExactly("k2:true k3:true");
    }

    @Test
    void aScriptThatDeallocatesTheSessionsPreparedStatementsStillUpgrades() throws Exception {
        // Revisions sent together run the version move and the history row as prepared statements;
        // a script that drops them all makes its own transaction fail there, which then runs alone.
        for (int i = 1; i <= 5; i++) {
            String id = "q" + i;
            revision(id, "CREATE TABLE " + id + " (x int);\n" + (i == 3 ? "DEALLOCATE ALL;\n" : ""), "DROP TABLE " + id + ";\n");
        }
        CliRunner.Result r = cli.run("db", "upgrade");
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("q5");
        assertThat(query("SELECT string_agg(revision || ':' || direction || ':' || success, ' ' ORDER BY id) FROM pinwheel_history"))
                .containsExactly("q1:upgrade:true q2:upgrade:true q3:upgrade:true q4:upgrade:true q5:upgrade:true");
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name ~ '^q[1-5]$'")).containsExactly("5");
        CliRunner.Result down = cli.run("db", "downgrade", "base");
        assertThat(down.status()).as(down.stderr()).isZero();
        assertThat(query("SELECT count(*) FROM alembic_version")).containsExactly("0");
    }

    @Test
    void unixSocketUrlsConnect() throws Exception {
        Path socketDir = Path.of("/var/run/postgresql");
        assumeTrue(Files.exists(socketDir.resolve(".s.PGSQL." + URI.create(base).getPort())), "no local socket");
        revision("a1", "CREATE TABLE viasocket (x int);\n", "DROP TABLE viasocket;\n");
        URI u = URI.create(base);
        String socketUrl = "postgresql+psycopg://" + u.getRawUserInfo() + "@:" + u.getPort() + "/" + database
                + "?host=" + socketDir;
        CliRunner.Result r = cli.run("db", "upgrade", "--url", socketUrl);
        // The socket transport works when the server answers, even if its pg_hba.conf wants peer
        // authentication for local connections (Debian's default) and so refuses this user.
        if (r.status() != 0) {
            assertThat(r.stderr()).contains("authentication failed");
        } else {
            assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("a1");
        }
    }

    @Test
    void concurrentProcessesApplyEachRevisionExactlyOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            revision(String.format("c%02d", i), "CREATE TABLE t" + i + " (x int);\nSELECT pg_sleep(0.02);\n", "DROP TABLE t" + i + ";\n");
        }
        List<Process> processes = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 4; i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.pinwheel.cli.Main", "db", "upgrade", "--url", url).directory(tmp.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("proc" + i + ".log").toFile());
            pb.environment().remove("DATABASE_URL");
            processes.add(pb.start());
        }
        for (int i = 0; i < processes.size(); i++) {
            assertThat(processes.get(i).waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(processes.get(i).exitValue()).as(Files.readString(tmp.resolve("proc" + i + ".log"))).isZero();
        }
        assertThat(query("SELECT count(*) FROM pinwheel_history WHERE direction = 'upgrade'")).containsExactly("20");
        assertThat(query("SELECT count(DISTINCT revision) FROM pinwheel_history")).containsExactly("20");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("c19");
        // The server times each revision inside its transaction, so pg_sleep(0.02) shows.
        assertThat(query("SELECT count(*) FROM pinwheel_history WHERE direction = 'upgrade' AND duration_ms >= 20"
                + " AND finished_at >= started_at")).containsExactly("20");
    }

    @Test
    void takesOverADatabaseAlembicMadeAndHandsItBack() throws Exception {
        Path venv = tmp.resolve("alembic-venv");
        run(tmp, "python3", "-m", "venv", venv.toString());
        run(tmp, venv.resolve("bin/pip").toString(), "install", "-q", "alembic", "sqlalchemy", "psycopg2-binary");
        Path project = Files.createDirectories(tmp.resolve("alembic-project"));
        Path scripts = Files.createDirectories(project.resolve("alembic/versions"));
        Files.writeString(project.resolve("alembic.ini"), "[alembic]\nscript_location = alembic\nsqlalchemy.url = "
                + url.replace("postgresql://", "postgresql+psycopg2://") + "\n");
        Files.writeString(project.resolve("alembic/env.py"), """
                from alembic import context
                from sqlalchemy import engine_from_config, pool
                config = context.config
                engine = engine_from_config(config.get_section(config.config_ini_section), prefix='sqlalchemy.', poolclass=pool.NullPool)
                with engine.connect() as connection:
                    context.configure(connection=connection)
                    with context.begin_transaction():
                        context.run_migrations()
                """);
        String[][] revs = {{"1975ea83b712", "None", "CREATE TABLE account (id int)", "DROP TABLE account"},
                {"ae1027a6acf", "'1975ea83b712'", "ALTER TABLE account ADD name text", "ALTER TABLE account DROP name"}};
        for (String[] r : revs) {
            Files.writeString(scripts.resolve(r[0] + "_x.py"), "from alembic import op\nrevision = '" + r[0]
                    + "'\ndown_revision = " + r[1] + "\nbranch_labels = None\ndepends_on = None\n"
                    + "def upgrade():\n    op.execute(\"" + r[2] + "\")\ndef downgrade():\n    op.execute(\"" + r[3] + "\")\n");
        }
        String alembic = venv.resolve("bin/alembic").toString();
        run(project, alembic, "upgrade", "head");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("ae1027a6acf");

        // The same revisions as pinwheel scripts, plus a new one.
        revision("1975ea83b712", "CREATE TABLE account (id int);\n", "DROP TABLE account;\n");
        revision("ae1027a6acf", "ALTER TABLE account ADD name text;\n", "ALTER TABLE account DROP name;\n");
        revision("27c6a30d7c24", "ALTER TABLE account ADD email text;\n", "ALTER TABLE account DROP email;\n");
        assertThat(cli.run("db", "current").stdout()).isEqualTo("ae1027a6acf\n");
        assertThat(cli.run("db", "stamp", "ae1027a6acf").status()).isZero();
        CliRunner.Result up = cli.run("db", "upgrade");
        assertThat(up.status()).as(up.stderr()).isZero();
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("27c6a30d7c24");
        assertThat(query("SELECT revision || ':' || direction FROM pinwheel_history ORDER BY id"))
                .containsExactly("1975ea83b712:stamp", "ae1027a6acf:stamp", "27c6a30d7c24:upgrade");

        // And back: Alembic, given the new revision too, reads the table pinwheel left and moves it.
        Files.writeString(scripts.resolve("27c6a30d7c24_x.py"), "from alembic import op\nrevision = '27c6a30d7c24'\n"
                + "down_revision = 'ae1027a6acf'\nbranch_labels = None\ndepends_on = None\n"
                + "def upgrade():\n    op.execute(\"ALTER TABLE account ADD email text\")\n"
                + "def downgrade():\n    op.execute(\"ALTER TABLE account DROP email\")\n");
        assertThat(run(project, alembic, "current")).contains("27c6a30d7c24 (head)");
        run(project, alembic, "downgrade", "-1");
        assertThat(cli.run("db", "current").stdout()).isEqualTo("ae1027a6acf\n");
    }

    private static String run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
