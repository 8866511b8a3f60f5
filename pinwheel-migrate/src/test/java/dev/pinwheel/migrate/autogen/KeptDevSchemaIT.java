package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.ScriptAuthor;
import dev.pinwheel.migrate.ScriptDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kept dev schema on PostgreSQL: after every change to the target, what it reads is exactly
 * what a fresh build in a throwaway schema reads, whether it rebuilt a few tables or all of them.
 */
class KeptDevSchemaIT {

    @TempDir
    Path tmp;

    private DbConfig config;

    private static final String START = """
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            CREATE SEQUENCE ticket_no START 100;
            CREATE TABLE person (id serial PRIMARY KEY, name varchar(50) NOT NULL, mood mood DEFAULT 'happy',
                                 ticket int DEFAULT nextval('ticket_no'));
            CREATE INDEX ix_person_lower_name ON person (lower(name));
            CREATE TABLE team (id serial PRIMARY KEY, name text UNIQUE,
                               lead_id int REFERENCES person (id) ON DELETE SET NULL);
            CREATE TABLE member (team_id int REFERENCES team (id) ON DELETE CASCADE, person_id int REFERENCES person (id),
                                 PRIMARY KEY (team_id, person_id));
            CREATE TABLE note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text CHECK (length(body) > 0),
                               person_id int);
            ALTER TABLE note ADD CONSTRAINT fk_note_person FOREIGN KEY (person_id) REFERENCES person (id) DEFERRABLE;
            COMMENT ON TABLE note IS 'notes';
            COMMENT ON COLUMN note.body IS 'the text';
            """;

    /** What one run reported: its steps and its timed laps. */
    private static class Steps implements AutogenListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public synchronized void step(String what) {
            seen.add(what);
        }

        @Override
        public synchronized void done(String what, long millis) {
            seen.add(what);
        }

        synchronized boolean saw(String text) {
            return seen.stream().anyMatch(s -> s.contains(text));
        }
    }

    @BeforeEach
    void project() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nschema = \"schema.sql\"\nkeep_dev_schema = true\n");
        config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
    }

    @Test
    void withoutKeepDevSchemaNothingOfPinwheelsStaysInTheRealDatabase() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nschema = \"schema.sql\"\n");
        config = DbConfig.load(tmp);
        try (Pg pg = Pg.create()) {
            Files.writeString(tmp.resolve("schema.sql"), START);
            Autogenerator.Comparison first = compare(pg, new Steps(), true);
            Files.writeString(tmp.resolve("schema.sql"), START.replace("body text", "body varchar(10)"));
            Autogenerator.Comparison changed = compare(pg, new Steps(), true);
            assertThat(changed.target()).isNotEqualTo(first.target());
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pinwheel%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("pinwheel's schemas left in the checked database").isZero();
            }
        }
    }

    private Autogenerator.Request request(Pg pg, boolean kept) {
        return new Autogenerator.Request(config, ScriptDirectory.load(config.versionsDir()), pg.url,
                new SchemaFile(tmp.resolve("schema.sql"), Map.of()), Optional.empty(), true,
                kept ? Optional.of(tmp.resolve("cache")) : Optional.empty());
    }

    private Autogenerator.Comparison compare(Pg pg, Steps steps, boolean kept) {
        return new Autogenerator(steps).compare(request(pg, kept));
    }

    /** Writes {@code ddl}, reads it through the kept schema and freshly, asserts they agree; returns the kept run's steps. */
    private Steps step(Pg pg, String ddl) throws Exception {
        Files.writeString(tmp.resolve("schema.sql"), ddl);
        Steps steps = new Steps();
        Autogenerator.Comparison kept = compare(pg, steps, true);
        Autogenerator.Comparison fresh = compare(pg, new Steps(), false);
        assertThat(kept.target()).as("kept == fresh after\n" + ddl + "\nsteps " + steps.seen).isEqualTo(fresh.target());
        assertThat(kept.changes()).isEqualTo(fresh.changes());
        if (steps.saw("kept dev schema: committing")) {
            // What the next run builds on: the kept schema itself, read whole, is the fresh build too.
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                String schema = keptSchema(pg);
                s.execute("SET search_path = " + schema + ", public");
                var filter = dev.pinwheel.migrate.schema.DiffOptions.defaults().withInclude(config.autogen().includeTables())
                        .withExclude(config.autogen().excludeTables());
                assertThat(new PostgresIntrospector().read(c, schema, filter::includesTable))
                        .as("kept schema read whole after\n" + ddl)
                        .isEqualTo(fresh.target());
            }
        }
        return steps;
    }

    private String keptSchema(Pg pg) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return KeptDevSchema.name(Autogenerator.project(request(pg, true)), rs.getString(1));
        }
    }

    private static void sql(Pg pg, String... statements) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    @Test
    void aSequenceOfModelChangesReadsLikeAFreshBuildEachTime() throws Exception {
        try (Pg pg = Pg.create()) {
            String ddl = START;
            assertThat(step(pg, ddl).saw("kept dev schema: creating all 4 tables")).isTrue();
            record Change(String what, UnaryOperator<String> edit, String expect) {
            }
            List<Change> changes = List.of(
                    new Change("a column on a table others reference", d -> d.replace("NOT NULL, mood", "NOT NULL, born date, mood"),
                            "dropping and creating 1 of 4 tables"),
                    new Change("a type", d -> d.replace("name text UNIQUE", "name varchar(80) UNIQUE"),
                            "dropping and creating 1 of 4 tables"),
                    new Change("a new table", d -> d + "CREATE TABLE tag (id serial PRIMARY KEY, label text NOT NULL UNIQUE);\n",
                            "dropping and creating 1 of 5 tables"),
                    new Change("a foreign key to the new table", d -> d.replace("person_id int REFERENCES person (id),",
                            "person_id int REFERENCES person (id), tag_id int,")
                            + "ALTER TABLE member ADD FOREIGN KEY (tag_id) REFERENCES tag (id) ON UPDATE CASCADE;\n",
                            "dropping and creating 1 of 5 tables"),
                    new Change("an unnamed unique constraint and index", d -> d.replace("NOT NULL, born date", "NOT NULL UNIQUE, born date")
                            + "CREATE INDEX ON note (person_id);\n", "dropping and creating 2 of 5 tables"),
                    new Change("a renamed column of a referenced table", d -> d.replace("label text", "title text"),
                            "dropping and creating 1 of 5 tables"),
                    new Change("a dropped table others referenced", d -> d
                            .replace("CREATE TABLE tag (id serial PRIMARY KEY, title text NOT NULL UNIQUE);\n", "")
                            .replace("ALTER TABLE member ADD FOREIGN KEY (tag_id) REFERENCES tag (id) ON UPDATE CASCADE;\n", ""),
                            "dropping and creating 1 of 4 tables"),
                    new Change("a dropped table", d -> d.substring(0, d.indexOf("CREATE TABLE member"))
                            + d.substring(d.indexOf("CREATE TABLE note")), "dropping and creating 0 of 3 tables"),
                    new Change("an enum label (global: all rebuilt)", d -> d.replace("'sad', 'happy'", "'sad', 'happy', 'bored'"),
                            "creating all 3 tables"),
                    new Change("two tables whose unique constraints want one name", d -> d
                            + "CREATE TABLE a_b (c int UNIQUE);\nCREATE TABLE a (b_c int UNIQUE);\n",
                            "kept dev schema:"),
                    new Change("one of them again (names chosen by order: all rebuilt)", d -> d.replace("b_c int UNIQUE", "b_c int UNIQUE, x int"),
                            "creating all 5 tables"));
            Steps first = null;
            for (Change change : changes) {
                ddl = change.edit().apply(ddl);
                assertThat(ddl).as(change.what()).isNotEqualTo(Files.readString(tmp.resolve("schema.sql")));
                Steps steps = step(pg, ddl);
                assertThat(steps.saw(change.expect())).as(change.what() + ": " + steps.seen).isTrue();
                assertThat(steps.saw("kept dev schema: committing")).as(change.what() + ": " + steps.seen).isTrue();
                first = first == null ? steps : first;
            }
            assertThat(first.saw("reading it: 1 of 4 tables, the others as last read")).as(first.seen.toString()).isTrue();
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pinwheel\\_%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("only the kept schema is left").isEqualTo(1);
            }
        }
    }

    @Test
    void withATableFilterTheKeptSchemaReadsLikeAFreshBuildToo() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"),
                "[tool.pinwheel.db]\nschema = \"schema.sql\"\nexclude_tables = [\"note\", \"mood_*\"]\nkeep_dev_schema = true\n");
        config = DbConfig.load(tmp);
        try (Pg pg = Pg.create()) {
            String ddl = START.replace("CREATE TABLE person", "CREATE TYPE only_note AS ENUM ('x');\nCREATE TABLE person")
                    .replace("person_id int);", "person_id int, kind only_note);");
            step(pg, ddl);
            ddl = ddl + "CREATE TABLE mood_log (id int PRIMARY KEY, mood mood);\n";
            Steps added = step(pg, ddl);
            assertThat(added.saw("dropping and creating 1 of 5 tables")).as(added.seen.toString()).isTrue();
            assertThat(added.saw("creating all")).as(added.seen.toString()).isFalse();
            // The enum only a filtered-out table used is now used by none: it joins the target, seen as a change.
            ddl = ddl.replace("kind only_note", "kind text");
            Steps unused = step(pg, ddl);
            assertThat(unused.saw("creating all 5 tables")).as(unused.seen.toString()).isTrue();
            assertThat(step(pg, ddl.replace("name text UNIQUE", "name text")).saw("reading it: 1 of 3 tables"))
                    .isTrue();
        }
    }

    @Test
    void aSchemaChangedByHandOrLostIsBuiltAgainWhole() throws Exception {
        try (Pg pg = Pg.create()) {
            step(pg, START);
            String schema = keptSchema(pg);
            sql(pg, "ALTER TABLE " + schema + ".note ADD COLUMN sneaky int"); // a table the change does not touch
            Steps altered = step(pg, START.replace("name text UNIQUE", "name text UNIQUE NOT NULL"));
            assertThat(altered.saw("creating all 4 tables")).as(altered.seen.toString()).isTrue();
            assertThat(altered.saw("sneaky")).isFalse();

            // (each step changes the target a little, or the target cache would answer without the dev schema)
            sql(pg, "CREATE TABLE " + schema + ".stray (id int)");
            assertThat(step(pg, START.replace("'notes'", "'notes 1'")).saw("creating all 4 tables")).isTrue();

            sql(pg, "COMMENT ON SCHEMA " + schema + " IS 'something else'");
            assertThat(step(pg, START.replace("'notes'", "'notes 2'")).saw("creating all 4 tables")).isTrue();

            sql(pg, "DROP SCHEMA " + schema + " CASCADE");
            assertThat(step(pg, START.replace("'notes'", "'notes 3'")).saw("creating all 4 tables")).isTrue();
            assertThat(step(pg, START.replace("body text", "body varchar(9)")).saw("dropping and creating 1 of 4 tables"))
                    .isTrue();
        }
    }

    @Test
    void withoutWhatThisMachineReadLastTimeEveryTableIsReadAgain() throws Exception {
        try (Pg pg = Pg.create()) {
            step(pg, START);
            try (var files = Files.list(tmp.resolve("cache").resolve(KeptDevSchema.FOLDER))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Steps steps = step(pg, START.replace("body text", "body varchar(9)"));
            assertThat(steps.saw("dropping and creating 1 of 4 tables")).as(steps.seen.toString()).isTrue();
            assertThat(steps.saw("reading it: 4 of 4 tables")).as(steps.seen.toString()).isTrue();
            Steps again = step(pg, START.replace("body text", "body varchar(8)"));
            assertThat(again.saw("reading it: 1 of 4 tables")).as(again.seen.toString()).isTrue();
        }
    }

    @Test
    void aRunKilledMidwayLeavesTheLastCommittedState() throws Exception {
        try (Pg pg = Pg.create()) {
            step(pg, START);
            String changed = START.replace("NOT NULL, mood", "NOT NULL, born date, mood");
            Files.writeString(tmp.resolve("schema.sql"), changed);
            Steps crashing = new Steps() {
                @Override
                public synchronized void done(String what, long millis) {
                    super.done(what, millis);
                    if (what.startsWith("kept dev schema: dropping and creating")) {
                        // The server drops a session whose client died: the transaction goes with it.
                        try {
                            sql(pg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'");
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            };
            assertThatThrownBy(() -> compare(pg, crashing, true)).isInstanceOf(RuntimeException.class);
            Steps after = step(pg, changed);
            assertThat(after.saw("dropping and creating 1 of 4 tables")).as(after.seen.toString()).isTrue();
        }
    }

    @Test
    void aSecondRunMeanwhileBuildsInAThrowawaySchemaInsteadOfWaiting() throws Exception {
        try (Pg pg = Pg.create()) {
            step(pg, START);
            String schema = keptSchema(pg);
            try (Connection holder = pg.connect();
                 PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, KeptDevSchema.LOCK_CLASS);
                lock.setString(2, schema);
                lock.executeQuery().close();
                Steps busy = step(pg, START.replace("body text", "body varchar(9)"));
                assertThat(busy.saw("in use by another run")).as(busy.seen.toString()).isTrue();
                assertThat(busy.saw("building the target schema in the dev database")).isTrue();
            }
            // Two runs at once, each with another model: both read their own model right.
            String one = START.replace("body text", "body varchar(10)");
            String two = START.replace("body text", "body varchar(11)");
            Path otherRoot = Files.createDirectory(tmp.resolve("other-model"));
            Files.writeString(tmp.resolve("schema.sql"), one);
            Files.writeString(otherRoot.resolve("schema.sql"), two);
            Autogenerator.Request second = new Autogenerator.Request(config, ScriptDirectory.load(config.versionsDir()), pg.url,
                    new SchemaFile(otherRoot.resolve("schema.sql"), Map.of()), Optional.empty(), true,
                    Optional.of(tmp.resolve("cache2")));
            CompletableFuture<Autogenerator.Comparison> a = CompletableFuture.supplyAsync(() -> compare(pg, new Steps(), true));
            CompletableFuture<Autogenerator.Comparison> b = CompletableFuture.supplyAsync(() ->
                    new Autogenerator(new Steps()).compare(second));
            assertThat(a.join().target().table("note").orElseThrow().column("body").orElseThrow().type())
                    .isEqualTo("varchar(10)");
            assertThat(b.join().target().table("note").orElseThrow().column("body").orElseThrow().type())
                    .isEqualTo("varchar(11)");
        }
    }

    @Test
    void aTargetThatUsesObjectsOutsideTheDevSchemaIsReadButNotKept() throws Exception {
        try (Pg pg = Pg.create()) {
            sql(pg, "CREATE TYPE public.colour AS ENUM ('red', 'green')");
            Steps steps = step(pg, "CREATE TABLE paint (id int PRIMARY KEY, colour colour NOT NULL);\n");
            assertThat(steps.saw("rolled back: it depends on objects outside it")).as(steps.seen.toString()).isTrue();
            sql(pg, "DROP TYPE public.colour"); // nothing kept holds on to it
        }
    }
}
