package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.ScriptAuthor;
import dev.pinwheel.migrate.ScriptDirectory;
import dev.pinwheel.migrate.schema.SchemaChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target cache on PostgreSQL, where the dev schema lives on the real database's server. */
class TargetCacheIT {

    @TempDir
    Path tmp;

    private static final class Steps implements AutogenListener {
        final List<String> steps = new ArrayList<>();

        @Override
        public void step(String what) {
            synchronized (steps) {
                steps.add(what);
            }
        }

        boolean built() {
            return steps.contains("building the target schema in the dev database");
        }
    }

    private Autogenerator.Comparison compare(Pg pg, Steps steps) {
        DbConfig config = DbConfig.load(tmp);
        return new Autogenerator(steps).compare(new Autogenerator.Request(config, ScriptDirectory.load(config.versionsDir()),
                pg.url, new SchemaFile(tmp.resolve("schema.sql"), Map.of()), Optional.empty(), true,
                Optional.of(tmp.resolve("cache"))));
    }

    @Test
    void aConfiguredDevDatabaseIsKeyedByItsOwnServer() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nschema = \"schema.sql\"\n");
        DbConfig config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
        Files.writeString(tmp.resolve("schema.sql"), "CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL);\n");
        try (Pg real = Pg.create(); Pg dev = Pg.create(); Pg otherDev = Pg.create()) {
            java.util.function.BiFunction<Pg, Steps, Autogenerator.Comparison> compare = (devDb, steps) ->
                    new Autogenerator(steps).compare(new Autogenerator.Request(config,
                            ScriptDirectory.load(config.versionsDir()), real.url,
                            new SchemaFile(tmp.resolve("schema.sql"), Map.of()), Optional.of(devDb.url), true,
                            Optional.of(tmp.resolve("cache"))));
            Steps first = new Steps();
            Autogenerator.Comparison built = compare.apply(dev, first);
            assertThat(first.built()).isTrue();
            Steps second = new Steps();
            assertThat(compare.apply(dev, second).target()).isEqualTo(built.target());
            assertThat(second.built()).as("steps " + second.steps).isFalse();
            // Another dev database (another current_database()) is another key.
            Steps third = new Steps();
            assertThat(compare.apply(otherDev, third).target()).isEqualTo(built.target());
            assertThat(third.built()).isTrue();
            try (Connection c = dev.connect(); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pinwheel_dev_%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("scratch schemas left behind").isZero();
            }
        }
    }

    /**
     * With a SQLAlchemy model the dev session opens while the interpreter runs; when the cache
     * answers, nobody takes it, and it is closed, not left open on the server.
     */
    @Test
    void theDevSessionOpenedWhileTheModelIsReadIsClosedWhenTheCacheAnswers() throws Exception {
        Models.project(tmp, Models.BLOG);
        DbConfig config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
        try (Pg pg = Pg.create()) {
            java.util.function.Function<Steps, Autogenerator.Comparison> compare = steps ->
                    new Autogenerator(steps).compare(new Autogenerator.Request(config,
                            ScriptDirectory.load(config.versionsDir()), pg.url,
                            new SqlAlchemyModel(Models.python(), "app.models:Base", tmp, null, Map.of()), Optional.empty(),
                            true, Optional.of(tmp.resolve("cache"))));
            Steps first = new Steps();
            Autogenerator.Comparison built = compare.apply(first);
            assertThat(first.built()).isTrue();
            assertThat(built.target().tables()).isNotEmpty();
            Steps second = new Steps();
            assertThat(compare.apply(second).target()).isEqualTo(built.target());
            assertThat(second.built()).as("steps " + second.steps).isFalse();
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                int others = -1;
                for (int i = 0; i < 50 && others != 0; i++) {
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                            + pg.name + "' AND pid <> pg_backend_pid()")) {
                        rs.next();
                        others = rs.getInt(1);
                    }
                    if (others != 0) {
                        Thread.sleep(100);
                    }
                }
                assertThat(others).as("sessions of pinwheel's left open").isZero();
            }
        }
    }

    @Test
    void anUnchangedModelSkipsTheDevSchemaAndAChangedModelOrServerStateDoesNot() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nschema = \"schema.sql\"\n");
        DbConfig config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
        Files.writeString(tmp.resolve("schema.sql"), """
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                CREATE TABLE person (id serial PRIMARY KEY, name varchar(50) NOT NULL, mood mood DEFAULT 'happy');
                CREATE INDEX ix_person_lower_name ON person (lower(name));
                """);
        try (Pg pg = Pg.create()) {
            Steps first = new Steps();
            Autogenerator.Comparison built = compare(pg, first);
            assertThat(first.built()).isTrue();

            Steps second = new Steps();
            Autogenerator.Comparison cached = compare(pg, second);
            assertThat(second.built()).as("steps " + second.steps).isFalse();
            assertThat(second.steps).doesNotContain("opening the dev database", "connecting to the dev database");
            assertThat(cached.target()).isEqualTo(built.target());
            assertThat(cached.changes()).isEqualTo(built.changes());

            // The model changes: the new column is seen.
            Files.writeString(tmp.resolve("schema.sql"), Files.readString(tmp.resolve("schema.sql"))
                    .replace("NOT NULL,", "NOT NULL, born date,"));
            Steps third = new Steps();
            Autogenerator.Comparison changed = compare(pg, third);
            assertThat(third.built()).isTrue();
            assertThat(changed.target().table("person").orElseThrow().column("born")).isPresent();

            // The database's search path changes (types there could now be found): the target is read afresh.
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA extra");
                s.execute("ALTER DATABASE " + pg.name + " SET search_path = \"$user\", public, extra");
            }
            Steps fourth = new Steps();
            Autogenerator.Comparison other = compare(pg, fourth);
            assertThat(fourth.built()).as("a changed search path is another key").isTrue();
            assertThat(other.target()).isEqualTo(changed.target());
            assertThat(other.changes()).extracting(SchemaChange::description).isEqualTo(
                    changed.changes().stream().map(SchemaChange::description).toList());
        }
    }
}
