package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.Dialects;
import dev.pinwheel.migrate.MigrationListener;
import dev.pinwheel.migrate.Migrator;
import dev.pinwheel.migrate.ScriptAuthor;
import dev.pinwheel.migrate.ScriptDirectory;
import dev.pinwheel.migrate.schema.RenderedMigration;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.SchemaChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on real databases: autogenerate from an empty database, upgrade, and the
 * database then equals what SQLAlchemy's own {@code metadata.create_all()} builds in another
 * database; a second autogenerate finds nothing; {@code downgrade base} leaves an empty schema.
 */
class AutogenRoundTripIT {

    @TempDir
    Path tmp;

    private DbConfig project(String source, String target) throws Exception {
        Models.project(tmp, source);
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nmetadata = \"" + target + "\"\n");
        DbConfig config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
        return config;
    }

    private Autogenerator.Comparison compare(DbConfig config, DbUrl url) {
        TargetSource target = TargetSource.configured(config, Models::python, null);
        return new Autogenerator(AutogenListener.SILENT).compare(new Autogenerator.Request(config,
                ScriptDirectory.load(config.versionsDir()), url, target, Optional.empty(), true, Optional.empty()));
    }

    private Migrator migrator(DbConfig config, DbUrl url) {
        return new Migrator(config, ScriptDirectory.load(config.versionsDir()), url, new MigrationListener() { },
                Clock.systemUTC(), "test", "test");
    }

    /** Autogenerates and applies one revision; returns its SQL. */
    private RenderedMigration autogenerate(DbConfig config, DbUrl url, String message) {
        Autogenerator.Comparison c = compare(config, url);
        assertThat(c.changes()).as("changes for " + message).isNotEmpty();
        RenderedMigration sql = Autogenerator.draft(c);
        ScriptAuthor.revision(config, ScriptDirectory.load(config.versionsDir()), new ScriptAuthor.RevisionRequest(
                message, "head", false, List.of(), List.of(), null, sql.upgradeSql(), sql.downgradeSql()), Clock.systemUTC());
        migrator(config, url).upgrade("head", false);
        return sql;
    }

    private static Schema read(DbUrl url) throws Exception {
        try (Connection c = Dialects.forUrl(url).connect(url)) {
            String schema = url.isPostgres() ? "public" : "main";
            return Introspector.forDialect(url.dialect()).read(c, schema,
                    t -> !Set.of("alembic_version", "pinwheel_history").contains(t));
        }
    }

    private void roundTrip(DbConfig config, DbUrl url, DbUrl reference, String referenceText, String target)
            throws Exception {
        autogenerate(config, url, "initial");
        Models.createAll(tmp, target, referenceText);
        assertThat(read(url)).isEqualTo(read(reference));
        assertThat(compare(config, url).changes()).as("a second autogenerate").isEmpty();
        migrator(config, url).downgrade("base");
        assertThat(read(url).isEmpty()).as("empty after downgrade base: " + read(url)).isTrue();
    }

    @Test
    void blogOnSqlite() throws Exception {
        DbConfig config = project(Models.BLOG, "app.models:Base");
        roundTrip(config, DbUrl.parse("sqlite:///a.db", tmp), DbUrl.parse("sqlite:///b.db", tmp),
                "sqlite:///" + tmp.resolve("b.db"), "app.models:Base");
    }

    @Test
    void inventoryOnSqlite() throws Exception {
        DbConfig config = project(Models.INVENTORY, "app.models:metadata");
        roundTrip(config, DbUrl.parse("sqlite:///a.db", tmp), DbUrl.parse("sqlite:///b.db", tmp),
                "sqlite:///" + tmp.resolve("b.db"), "app.models:metadata");
    }

    @Test
    void blogOnPostgres() throws Exception {
        DbConfig config = project(Models.BLOG, "app.models:Base");
        try (Pg a = Pg.create(); Pg b = Pg.create()) {
            roundTrip(config, a.url, b.url, b.urlText(), "app.models:Base");
            try (Connection c = a.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                            + "WHERE n.nspname = 'public' AND t.typtype = 'e'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("enum types left after downgrade base").isZero();
            }
        }
    }

    @Test
    void inventoryOnPostgres() throws Exception {
        DbConfig config = project(Models.INVENTORY, "app.models:metadata");
        try (Pg a = Pg.create(); Pg b = Pg.create()) {
            roundTrip(config, a.url, b.url, b.urlText(), "app.models:metadata");
        }
    }

    @Test
    void rowsSurviveSqliteRebuildsAndRenames() throws Exception {
        DbConfig config = project("""
                from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
                metadata = MetaData()
                Table("account", metadata, Column("id", Integer, primary_key=True), Column("nick", String(20)),
                      Column("age", Integer))
                Table("login", metadata, Column("id", Integer, primary_key=True),
                      Column("account_id", Integer, ForeignKey("account.id")))
                """, "app.models:metadata");
        DbUrl url = DbUrl.parse("sqlite:///app.db", tmp);
        autogenerate(config, url, "initial");
        try (Connection c = Dialects.forUrl(url).connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO account (id, nick, age) VALUES (1, 'ann', 30), (2, 'bob', NULL)");
            s.execute("INSERT INTO login (id, account_id) VALUES (10, 1), (11, 2)");
        }
        // nick is renamed to handle (same shape), age becomes NOT NULL with a default and a wider type: a rebuild
        Models.project(tmp, """
                from sqlalchemy import MetaData, Table, Column, Integer, BigInteger, String, ForeignKey, text
                metadata = MetaData()
                Table("account", metadata, Column("id", Integer, primary_key=True), Column("handle", String(20)),
                      Column("age", BigInteger, nullable=False, server_default=text("0")))
                Table("login", metadata, Column("id", Integer, primary_key=True),
                      Column("account_id", Integer, ForeignKey("account.id")))
                """);
        Autogenerator.Comparison second = compare(config, url);
        assertThat(second.changes()).anyMatch(ch -> ch instanceof SchemaChange.RenameColumn);
        RenderedMigration sql = autogenerate(config, url, "rename and widen");
        assertThat(sql.upgradeSql()).contains("RENAME");
        List<String> rows = new ArrayList<>();
        try (Connection c = Dialects.forUrl(url).connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.id, a.handle, a.age, l.id FROM account a JOIN login l "
                     + "ON l.account_id = a.id ORDER BY a.id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4));
            }
        }
        assertThat(rows).containsExactly("1 ann 30 10", "2 bob 0 11");
        assertThat(compare(config, url).changes()).isEmpty();
        migrator(config, url).downgrade("base");
        assertThat(read(url).isEmpty()).isTrue();
    }
}
