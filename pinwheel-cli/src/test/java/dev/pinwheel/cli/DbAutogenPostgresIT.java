package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestVenv;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db revision --autogenerate} and {@code db check} on a real PostgreSQL, each test in
 * databases of its own: the draft for a model with enums, identity, serial, sequences, comments,
 * partial expression indexes; the loop until nothing is left to generate; no scratch schema left.
 */
class DbAutogenPostgresIT {

    static final String MODEL = """
            import enum
            from datetime import datetime
            from typing import Optional
            from sqlalchemy import (MetaData, String, ForeignKey, Index, CheckConstraint, Enum, Sequence, Identity,
                                    text, func)
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

            class Status(enum.Enum):
                active = "active"
                banned = "banned"

            class Base(DeclarativeBase):
                metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "pk": "pk_%(table_name)s",
                                                       "uq": "uq_%(table_name)s_%(column_0_name)s",
                                                       "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"})

            ticket_seq = Sequence("ticket_seq", metadata=Base.metadata, start=1000)

            class User(Base):
                __tablename__ = "users"
                __table_args__ = {"comment": "people who log in"}
                id: Mapped[int] = mapped_column(Identity(), primary_key=True)
                email: Mapped[str] = mapped_column(String(200), unique=True, comment="login name")
                status: Mapped[Status] = mapped_column(Enum(Status, name="user_status"), server_default="active")
                created: Mapped[datetime] = mapped_column(server_default=func.now())

            class Post(Base):
                __tablename__ = "posts"
                id: Mapped[int] = mapped_column(primary_key=True)
                user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
                title: Mapped[str] = mapped_column(String(100))
                ticket: Mapped[int] = mapped_column(server_default=ticket_seq.next_value())
                published: Mapped[bool] = mapped_column(server_default=text("false"))
                __table_args__ = (Index("ix_posts_title_lower", func.lower(title), postgresql_where=text("published")),
                                  CheckConstraint("length(title) > 0", name="ck_posts_title"))
            """;

    @TempDir
    Path tmp;
    /** pinwheel's cache (the target cache among others), never the user's. */
    @TempDir
    Path cacheDir;
    CliRunner cli;
    Path python;
    String base;
    String database;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        base = System.getenv("PINWHEEL_TEST_PG_URL");
        if ("1".equals(System.getenv("PINWHEEL_TEST_REQUIRE_PG"))) {
            assertThat(base).as("PINWHEEL_TEST_PG_URL").isNotBlank();
        }
        assumeTrue(base != null && !base.isBlank(), "PINWHEEL_TEST_PG_URL is not set");
        database = createDatabase();
        url = urlOf(database);
        python = TestVenv.python(Path.of("target/sqlalchemy-venv").toAbsolutePath(), "sqlalchemy>=2,<3");
        cli = new CliRunner(tmp).env("VIRTUAL_ENV", python.getParent().getParent().toString()).env("DATABASE_URL", url)
                .env("PINWHEEL_CACHE_DIR", cacheDir.toString());
        Files.createDirectories(tmp.resolve("app"));
        Files.writeString(tmp.resolve("app/__init__.py"), "");
        Files.writeString(tmp.resolve("app/models.py"), MODEL);
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nmetadata = \"app.models:Base\"\n");
        ok("db", "init");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (database != null) {
            try (Connection c = connect(URI.create(base).getPath().substring(1)); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                s.execute("DROP DATABASE IF EXISTS " + database + "_dev WITH (FORCE)");
            }
        }
    }

    private String createDatabase() throws Exception {
        String name = "pw_agcli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(URI.create(base).getPath().substring(1)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private String urlOf(String db) {
        URI u = URI.create(base);
        return u.getScheme() + "://" + u.getRawAuthority() + "/" + db;
    }

    private Connection connect(String db) throws Exception {
        URI u = URI.create(base);
        String[] userInfo = u.getUserInfo().split(":", 2);
        Properties p = new Properties();
        p.setProperty("user", userInfo[0]);
        p.setProperty("password", userInfo.length > 1 ? userInfo[1] : "");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/" + db, p);
    }

    private String render(CliRunner.Result r) {
        return r.render(tmp).replace(python.getParent().getParent().toString(), "[VENV]")
                .replaceAll("SQLAlchemy 2\\.\\d+\\.\\d+, Python 3\\.\\d+\\.\\d+", "SQLAlchemy [V], Python [V]")
                .replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}", "[DATE]");
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertThat(r.status()).as(render(r)).isZero();
        return r;
    }

    private String script(String id) throws Exception {
        try (var files = Files.list(tmp.resolve("migrations/versions"))) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(id)).findFirst().orElseThrow();
            return render(new CliRunner.Result(0, Files.readString(file), ""));
        }
    }

    private int scratchSchemasLeft() throws Exception {
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pinwheel_dev_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void draftFromAnEmptyDatabaseThenNothingLeft() throws Exception {
        Golden.assertMatches("db/autogen/pg-check-empty.txt", render(cli.run("db", "check")));
        Golden.assertMatches("db/autogen/pg-revision.txt",
                render(cli.run("db", "revision", "--autogenerate", "-m", "initial schema", "--rev-id", "a1")));
        Golden.assertMatches("db/autogen/pg-revision-a1.sql", script("a1"));
        ok("db", "upgrade", "head");
        Golden.assertMatches("db/autogen/pg-check-agrees.txt", render(cli.run("db", "check")));
        Golden.assertMatches("db/autogen/pg-revision-nothing.txt",
                render(cli.run("db", "revision", "--autogenerate", "-m", "again", "--rev-id", "a2")));
        assertThat(tmp.resolve("migrations/versions")).isDirectoryNotContaining("glob:**/a2*");
        ok("db", "downgrade", "base");
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "WHERE n.nspname = 'public' AND c.relname NOT IN ('alembic_version', 'alembic_version_pkc', "
                     + "'pinwheel_history', 'pinwheel_history_pkey', 'pinwheel_history_id_seq')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("relations left after downgrade base").isZero();
        }
        assertThat(scratchSchemasLeft()).isZero();
    }

    @Test
    void aConfiguredDevDatabaseIsUsedAndHoldsOnlyTheKeptTarget() throws Exception {
        try (Connection c = connect(URI.create(base).getPath().substring(1)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + "_dev");
        }
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nmetadata = \"app.models:Base\"\n"
                + "dev_url = \"" + urlOf(database + "_dev") + "\"\n");
        ok("db", "revision", "--autogenerate", "-m", "initial", "--rev-id", "b1");
        ok("db", "upgrade", "head");
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
        try (Connection c = connect(database + "_dev"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
                     + "AND n.nspname NOT LIKE 'pinwheel\\_target\\_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("objects left in the dev database outside the kept target").isZero();
        }
        try (Connection c = connect(database + "_dev"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "WHERE n.nspname LIKE 'pinwheel\\_target\\_%' AND c.relkind = 'r'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables of the kept target (the model's)").isPositive();
        }
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pinwheel\\_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("schemas of pinwheel's in the real database when dev_url is set").isZero();
        }
    }

    @Test
    void anEnumGainsAValueAndAColumnIsRenamed() throws Exception {
        ok("db", "revision", "--autogenerate", "-m", "initial", "--rev-id", "c1");
        ok("db", "upgrade", "head");
        Files.writeString(tmp.resolve("app/models.py"), MODEL
                .replace("    banned = \"banned\"\n", "    banned = \"banned\"\n    retired = \"retired\"\n")
                .replace("title: Mapped[str]", "headline: Mapped[str]").replace("lower(title)", "lower(headline)")
                .replace("length(title)", "length(headline)"));
        Golden.assertMatches("db/autogen/pg-check-enum-rename.txt", render(cli.run("db", "check")));
        Golden.assertMatches("db/autogen/pg-check-no-rename-detection.txt",
                render(cli.run("db", "check", "--no-rename-detection")));
        ok("db", "revision", "--autogenerate", "-m", "retire and rename", "--rev-id", "c2");
        Golden.assertMatches("db/autogen/pg-revision-c2.sql", script("c2"));
        ok("db", "upgrade", "head");
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
        assertThat(scratchSchemasLeft()).isZero();
    }

    @Test
    void theConfiguredNamingConventionNamesAModelThatHasNone() throws Exception {
        Files.writeString(tmp.resolve("app/models.py"), DbAutogenSqliteIT.PLAIN_MODEL);
        Files.writeString(tmp.resolve("pyproject.toml"), DbAutogenSqliteIT.CONVENTION_CONFIG);
        ok("db", "revision", "--autogenerate", "-m", "initial", "--rev-id", "n1");
        String draft;
        try (var files = Files.list(tmp.resolve("migrations/versions"))) {
            draft = Files.readString(files.filter(p -> p.getFileName().toString().startsWith("n1")).findFirst().orElseThrow());
        }
        assertThat(draft).contains("pk_users", "uq_users_name", "pk_posts", "fk_posts_user_id_users", "ck_posts_positive",
                "ix_posts_user_id").doesNotContain("users_pkey", "users_name_key", "posts_user_id_fkey", "CONSTRAINT positive");
        ok("db", "upgrade", "head");
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
    }
}
