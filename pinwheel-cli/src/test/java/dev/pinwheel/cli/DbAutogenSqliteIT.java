package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestVenv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db check} and {@code db revision --autogenerate} on SQLite files, with models written in
 * Python and read by a real interpreter (a venv with SQLAlchemy 2 from PyPI, made once per build).
 */
class DbAutogenSqliteIT {

    static final String SHOP = """
            from sqlalchemy import MetaData, String, ForeignKey, CheckConstraint, Index, func
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

            class Base(DeclarativeBase):
                metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
                                                       "ck": "ck_%(table_name)s_%(constraint_name)s",
                                                       "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
                                                       "pk": "pk_%(table_name)s"})

            class Customer(Base):
                __tablename__ = "customer"
                id: Mapped[int] = mapped_column(primary_key=True)
                email: Mapped[str] = mapped_column(String(200), unique=True)
                name: Mapped[str] = mapped_column(String(100), server_default="anonymous")

            class Order(Base):
                __tablename__ = "orders"
                __table_args__ = (CheckConstraint("total >= 0", name="total_positive"),
                                  Index("ix_orders_lower_note", func.lower("note")))
                id: Mapped[int] = mapped_column(primary_key=True)
                customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
                total: Mapped[int]
                note: Mapped[str | None] = mapped_column(String(500))
            """;

    /** A model whose MetaData names nothing itself: only the config's convention can (the PostgreSQL test uses it too). */
    static final String PLAIN_MODEL = """
            from sqlalchemy import String, ForeignKey, CheckConstraint
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

            class Base(DeclarativeBase):
                pass

            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                name: Mapped[str] = mapped_column(String(100), unique=True)

            class Post(Base):
                __tablename__ = "posts"
                __table_args__ = (CheckConstraint("score >= 0", name="positive"),)
                id: Mapped[int] = mapped_column(primary_key=True)
                user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
                score: Mapped[int]
            """;

    static final String CONVENTION_CONFIG = """
            [tool.pinwheel.db]
            metadata = "app.models:Base"

            [tool.pinwheel.db.naming_convention]
            pk = "pk_%(table_name)s"
            uq = "uq_%(table_name)s_%(column_0_name)s"
            ck = "ck_%(table_name)s_%(constraint_name)s"
            fk = "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"
            """;

    /** What SQLAlchemy's create_all emits for SHOP on SQLite, as a hand-written migration would hold it. */
    static final String SHOP_DDL = """
            CREATE TABLE customer (
            \tid INTEGER NOT NULL,
            \temail VARCHAR(200) NOT NULL,
            \tname VARCHAR(100) DEFAULT 'anonymous' NOT NULL,
            \tCONSTRAINT pk_customer PRIMARY KEY (id),
            \tCONSTRAINT uq_customer_email UNIQUE (email)
            );
            CREATE TABLE orders (
            \tid INTEGER NOT NULL,
            \tcustomer_id INTEGER NOT NULL,
            \ttotal INTEGER NOT NULL,
            \tnote VARCHAR(500),
            \tCONSTRAINT pk_orders PRIMARY KEY (id),
            \tCONSTRAINT ck_orders_total_positive CHECK (total >= 0),
            \tCONSTRAINT fk_orders_customer_id_customer FOREIGN KEY(customer_id) REFERENCES customer (id) ON DELETE CASCADE
            );
            CREATE INDEX ix_orders_customer_id ON orders (customer_id);
            CREATE INDEX ix_orders_lower_note ON orders (lower('note'));
            """;

    @TempDir
    Path tmp;
    /** pinwheel's cache (the target cache among others), never the user's. */
    @TempDir
    Path cacheDir;
    CliRunner cli;
    Path python;

    @BeforeEach
    void setUp() throws Exception {
        python = TestVenv.python(Path.of("target/sqlalchemy-venv").toAbsolutePath(), "sqlalchemy>=2,<3");
        cli = new CliRunner(tmp).env("VIRTUAL_ENV", python.getParent().getParent().toString())
                .env("PINWHEEL_CACHE_DIR", cacheDir.toString());
        Files.createDirectories(tmp.resolve("app"));
        Files.writeString(tmp.resolve("app/__init__.py"), "");
        Files.writeString(tmp.resolve("app/models.py"), SHOP);
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nmetadata = \"app.models:Base\"\n");
        ok("db", "init");
    }

    private String render(CliRunner.Result r) {
        return r.render(tmp).replace(python.getParent().getParent().toString(), "[VENV]")
                .replaceAll("SQLAlchemy 2\\.\\d+\\.\\d+, Python 3\\.\\d+\\.\\d+", "SQLAlchemy [V], Python [V]");
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertThat(r.status()).as(render(r)).isZero();
        return r;
    }

    private void revision(String id, String up, String down) throws Exception {
        ok("db", "revision", "-m", "by hand", "--rev-id", id);
        Path file;
        try (var files = Files.list(tmp.resolve("migrations/versions"))) {
            file = files.filter(p -> p.getFileName().toString().startsWith(id)).findFirst().orElseThrow();
        }
        String text = Files.readString(file);
        Files.writeString(file, text.replace("-- +upgrade\n", "-- +upgrade\n" + up)
                .replace("-- +downgrade\n", "-- +downgrade\n" + down));
    }

    @Test
    void checkListsWhatAnEmptyDatabaseLacks() {
        Golden.assertMatches("db/autogen/check-empty.txt", render(cli.run("db", "check")));
    }

    @Test
    void checkAgreesWithAHandWrittenMigrationOfTheSameSchema() throws Exception {
        revision("a1", SHOP_DDL, "DROP TABLE orders;\nDROP TABLE customer;\n");
        ok("db", "upgrade", "head");
        Golden.assertMatches("db/autogen/check-agrees.txt", render(cli.run("db", "check")));
    }

    @Test
    void checkFindsEachKindOfDrift() throws Exception {
        revision("a1", SHOP_DDL.replace("VARCHAR(500)", "TEXT").replace("DEFAULT 'anonymous' ", "")
                .replace("CREATE INDEX ix_orders_customer_id ON orders (customer_id);\n", "")
                + "CREATE TABLE legacy (id INTEGER PRIMARY KEY);\n", "");
        ok("db", "upgrade", "head");
        Golden.assertMatches("db/autogen/check-drift.txt", render(cli.run("db", "check")));
    }

    @Test
    void excludedTablesAreNotCompared() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nmetadata = \"app.models:Base\"\n"
                + "exclude_tables = [\"legacy_*\"]\n");
        revision("a1", SHOP_DDL + "CREATE TABLE legacy_users (id INTEGER PRIMARY KEY);\n", "");
        ok("db", "upgrade", "head");
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
    }

    @Test
    void aModelChangedSinceTheLastCheckIsSeen() throws Exception {
        revision("a1", SHOP_DDL, "DROP TABLE orders;\nDROP TABLE customer;\n");
        ok("db", "upgrade", "head");
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
        try (var entries = Files.list(cacheDir.resolve("autogen-target-v1"))) {
            assertThat(entries.count()).as("the model's target kept in the cache").isEqualTo(1);
        }
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
        Files.writeString(tmp.resolve("app/models.py"), SHOP.replace("    total: Mapped[int]\n",
                "    total: Mapped[int]\n    paid: Mapped[bool] = mapped_column(server_default=\"0\")\n"));
        CliRunner.Result changed = cli.run("db", "check");
        assertThat(changed.status()).as(render(changed)).isEqualTo(1);
        assertThat(changed.stdout()).isEqualTo("add column orders.paid boolean NOT NULL DEFAULT '0'\n");
        CliRunner.Result uncached = cli.run("db", "check", "--no-cache");
        assertThat(render(uncached)).isEqualTo(render(changed));
    }

    @Test
    void checkRefusesADatabaseBehindTheScripts() throws Exception {
        revision("a1", SHOP_DDL, "");
        Golden.assertMatches("db/autogen/check-not-at-head.txt", render(cli.run("db", "check")));
    }

    @Test
    void modelErrorsSayWhatToFix() throws Exception {
        Files.writeString(tmp.resolve("app/models.py"), "import app.missing_module\n");
        Golden.assertMatches("db/autogen/check-import-error.txt", render(cli.run("db", "check")));
        Files.writeString(tmp.resolve("app/models.py"), SHOP + "x = (\n");
        Golden.assertMatches("db/autogen/check-syntax-error.txt", render(cli.run("db", "check")));
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nmetadata = \"app.models:Nope\"\n");
        Files.writeString(tmp.resolve("app/models.py"), SHOP);
        Golden.assertMatches("db/autogen/check-missing-attribute.txt", render(cli.run("db", "check")));
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\n");
        Golden.assertMatches("db/autogen/check-no-target.txt", render(cli.run("db", "check")));
    }

    @Test
    void anInterpreterWithoutSqlalchemyIsAnEnvironmentError() throws Exception {
        Path bare = tmp.resolve("bare-venv");
        assertThat(new ProcessBuilder("python3", "-m", "venv", "--without-pip", bare.toString()).inheritIO().start().waitFor())
                .isZero();
        CliRunner.Result r = cli.run("db", "check", "--python", bare.toString());
        Golden.assertMatches("db/autogen/check-no-sqlalchemy.txt", render(r));
    }

    @Test
    void aSchemaFileIsATargetToo() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nschema = \"schema.sql\"\n");
        Files.writeString(tmp.resolve("schema.sql"), SHOP_DDL);
        revision("a1", SHOP_DDL, "");
        ok("db", "upgrade", "head");
        assertThat(ok("db", "check").stdout()).isEqualTo("No new upgrade operations detected.\n");
        Files.writeString(tmp.resolve("schema.sql"), SHOP_DDL + "\nCREATE TABLE broken (id INTEGER REFERENCES);\n");
        Golden.assertMatches("db/autogen/check-schema-file-error.txt", render(cli.run("db", "check")));
    }

    @Test
    void theConfiguredNamingConventionNamesAModelThatHasNone() throws Exception {
        Files.writeString(tmp.resolve("app/models.py"), PLAIN_MODEL);
        Files.writeString(tmp.resolve("pyproject.toml"), CONVENTION_CONFIG);
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
