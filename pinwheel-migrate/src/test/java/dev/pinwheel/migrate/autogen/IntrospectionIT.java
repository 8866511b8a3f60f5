package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.schema.CheckConstraint;
import dev.pinwheel.migrate.schema.Column;
import dev.pinwheel.migrate.schema.EnumType;
import dev.pinwheel.migrate.schema.ForeignKey;
import dev.pinwheel.migrate.schema.Identity;
import dev.pinwheel.migrate.schema.Index;
import dev.pinwheel.migrate.schema.PrimaryKey;
import dev.pinwheel.migrate.schema.ReferentialAction;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.Sequence;
import dev.pinwheel.migrate.schema.Table;
import dev.pinwheel.migrate.schema.UniqueConstraint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blog model's DDL from SQLAlchemy, materialized in a dev database and read back by the catalog queries. */
class IntrospectionIT {

    @TempDir
    Path tmp;

    /** Everything the dev database holds, read as the real database is read. */
    private static Schema readBack(DevDatabase dev) throws Exception {
        return new PostgresIntrospector().read(dev.connection(), dev.schema(), t -> true);
    }

    private TargetDdl blog(String dialect) throws Exception {
        Models.project(tmp, Models.BLOG);
        return new SqlAlchemyModel(Models.python(), "app.models:Base", tmp, null, Map.of()).load(dialect);
    }

    @Test
    void postgresDevSchemaReadsBackEverythingTheModelSays() throws Exception {
        TargetDdl ddl = blog("postgresql");
        try (Pg pg = Pg.create(); Connection c = pg.connect()) {
            Schema schema;
            String devSchema;
            try (DevDatabase dev = DevDatabase.open(pg.url, c)) {
                dev.apply(ddl);
                devSchema = dev.schema();
                schema = readBack(dev);
            }
            Table users = schema.table("users").orElseThrow();
            assertThat(users.comment()).contains("people");
            assertThat(users.columns()).containsExactly(
                    Column.of("id", "integer").notNull().withIdentity(Identity.BY_DEFAULT),
                    Column.of("email", "varchar(200)").notNull().withComment("login"),
                    Column.of("status", "user_status").notNull().withDefault("'active'::user_status"),
                    Column.of("created", "timestamp").notNull().withDefault("now()"),
                    Column.of("score", "numeric(10,2)"));
            assertThat(users.primaryKey()).contains(PrimaryKey.of("pk_users", List.of("id")));
            assertThat(users.uniqueConstraints()).containsExactly(UniqueConstraint.of("uq_users_email", List.of("email")));
            assertThat(users.checks()).containsExactly(CheckConstraint.of("ck_users_email_len", "length(email::text) > 3"));
            Table posts = schema.table("posts").orElseThrow();
            assertThat(posts.column("id")).contains(Column.of("id", "integer").notNull().withIdentity(Identity.SERIAL));
            assertThat(posts.foreignKeys()).containsExactly(ForeignKey.of("fk_posts_user_id_users", List.of("user_id"),
                    "users", List.of("id")).withActions(ReferentialAction.CASCADE, ReferentialAction.NO_ACTION));
            assertThat(posts.indexes()).containsExactlyInAnyOrder(Index.of("ix_posts_user_id", List.of("user_id")),
                    new Index(Optional.of("ix_posts_title_lower"), false,
                            List.of(Index.Element.expression("lower(title::text)")), Optional.of("published")));
            assertThat(schema.enums()).containsExactly(EnumType.of("user_status", "active", "banned"));
            assertThat(schema.sequences()).isEmpty();
            assertThat(devSchema).as("built in the session's temporary schema").startsWith("pg_temp_");
            try (Statement s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT count(*) FROM pg_class WHERE relname IN ('users', 'posts')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the scratch tables are gone").isZero();
            }
        }
    }

    @Test
    void postgresTemporaryAndNamedScratchSchemasReadTheSame() throws Exception {
        TargetDdl ddl = blog("postgresql");
        try (Pg pg = Pg.create(); Connection c = pg.connect()) {
            Schema temporary;
            Schema named;
            try (DevDatabase dev = DevDatabase.open(pg.url, c)) {
                dev.apply(ddl);
                temporary = readBack(dev);
            }
            try (DevDatabase dev = DevDatabase.open(pg.url, c, false)) {
                dev.apply(ddl);
                assertThat(dev.schema()).startsWith("pinwheel_dev_");
                named = readBack(dev);
            }
            assertThat(temporary.tables()).hasSize(2);
            assertThat(temporary).isEqualTo(named);
        }
    }

    /** What a temporary schema cannot hold: the target is built again in a named schema, whole. */
    @Test
    void postgresTargetsATemporarySchemaCannotHoldGoToANamedOne() throws Exception {
        Map<String, List<String>> targets = Map.of(
                "unlogged", List.of("CREATE UNLOGGED TABLE logbook (id integer PRIMARY KEY, line text)"),
                "a foreign key out of the scratch schema", List.of(
                        "CREATE TABLE orders (id serial PRIMARY KEY, account_id integer REFERENCES public.accounts (id))"),
                "a function of the target's own", List.of(
                        "CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' $$",
                        "CREATE TABLE codes (code text DEFAULT next_code())"),
                "a temporary table of the target's own, which is not one of its tables", List.of(
                        "CREATE TEMPORARY TABLE staging (line text)", "CREATE TABLE lines (line text)"));
        try (Pg pg = Pg.create(); Connection c = pg.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE accounts (id integer PRIMARY KEY)");
            }
            for (var target : targets.entrySet()) {
                List<String> sql = target.getValue();
                TargetDdl ddl = new TargetDdl("schema.sql", sql, sql.stream().map(q -> 0).toList(), Map.of(), Map.of());
                try (DevDatabase dev = DevDatabase.open(pg.url, c)) {
                    dev.apply(ddl);
                    assertThat(dev.schema()).as(target.getKey()).startsWith("pinwheel_dev_");
                    Schema schema = readBack(dev);
                    assertThat(schema.tables()).as(target.getKey()).hasSize(1);
                    if (target.getKey().startsWith("a foreign key")) {
                        assertThat(schema.table("orders").orElseThrow().foreignKeys()).extracting(ForeignKey::referredTable)
                                .containsExactly("public.accounts");
                    }
                }
            }
        }
    }

    /** A role that may not create schemas (no CREATE on the database, as a new role has) still gets a dev database. */
    @Test
    void postgresARoleWithoutCreateOnTheDatabaseBuildsInItsTemporarySchema() throws Exception {
        TargetDdl ddl = blog("postgresql");
        String role = "pw_temp_only_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Pg pg = Pg.create()) {
            try (Connection admin = pg.connect(); Statement s = admin.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'secret'");
            }
            try {
                java.net.URI base = java.net.URI.create(System.getenv("PINWHEEL_TEST_PG_URL"));
                DbUrl url = DbUrl.parse(base.getScheme() + "://" + role + ":secret@" + base.getHost() + ":"
                        + (base.getPort() < 0 ? 5432 : base.getPort()) + "/" + pg.name, tmp);
                try (Connection c = dev.pinwheel.migrate.Dialects.forUrl(url).connect(url)) {
                    try (DevDatabase dev = DevDatabase.open(url, c)) {
                        dev.apply(ddl);
                        assertThat(dev.schema()).startsWith("pg_temp_");
                        assertThat(readBack(dev).tables())
                                .extracting(Table::name).containsExactly("posts", "users");
                    }
                    // What needs a named schema is refused with the reason and what to do.
                    TargetDdl unlogged = new TargetDdl("schema.sql", List.of("CREATE UNLOGGED TABLE logbook (id integer)"),
                            List.of(1), Map.of(), Map.of());
                    try (DevDatabase dev = DevDatabase.open(url, c)) {
                        assertThatThrownBy(() -> dev.apply(unlogged)).isInstanceOf(DbException.class)
                                .hasMessageContaining("cannot create the scratch schema pinwheel_dev_")
                                .hasMessageContaining("permission denied for database " + pg.name)
                                .satisfies(e -> assertThat(((DbException) e).hint()).hasValueSatisfying(
                                        h -> assertThat(h).contains("CREATE on the database")));
                    }
                }
            } finally {
                try (Connection admin = pg.connect(); Statement s = admin.createStatement()) {
                    s.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    @Test
    void postgresDdlTheServerRefusesIsReportedWithItsLine() throws Exception {
        TargetDdl ddl = new TargetDdl("schema.sql", List.of("CREATE TABLE fine (id integer)",
                "CREATE TABLE broken (id integer REFERENCES nowhere (id))"), List.of(1, 3), Map.of(), Map.of());
        try (Pg pg = Pg.create(); Connection c = pg.connect(); DevDatabase dev = DevDatabase.open(pg.url, c)) {
            assertThatThrownBy(() -> dev.apply(ddl)).isInstanceOf(DbException.class)
                    .hasMessageStartingWith("schema.sql:3: the postgresql dev database refused the target schema's DDL: "
                            + "ERROR: relation \"nowhere\" does not exist");
        }
    }

    @Test
    void postgresStandaloneSequencesDescendingIndexesAndFilters() throws Exception {
        try (Pg pg = Pg.create(); Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE order_seq START 100 INCREMENT 5");
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, n integer DEFAULT nextval('order_seq'), "
                    + "placed timestamptz)");
            s.execute("CREATE INDEX ix_orders_placed ON orders (placed DESC, n)");
            s.execute("CREATE TYPE mood AS ENUM ('ok')");
            s.execute("CREATE TABLE legacy (m mood)");
            Schema schema = new PostgresIntrospector().read(c, "public", t -> !t.equals("legacy"));
            assertThat(schema.tables()).extracting(Table::name).containsExactly("orders");
            assertThat(schema.enums()).as("used only by a filtered-out table").isEmpty();
            assertThat(schema.sequences()).containsExactly(new Sequence("order_seq", "bigint", 100, 5));
            Table orders = schema.table("orders").orElseThrow();
            assertThat(orders.columns()).containsExactly(
                    Column.of("id", "bigint").notNull().withIdentity(Identity.SERIAL),
                    Column.of("n", "integer").withDefault("nextval('order_seq'::regclass)"),
                    Column.of("placed", "timestamp with time zone"));
            assertThat(orders.indexes()).containsExactly(new Index(Optional.of("ix_orders_placed"), false,
                    List.of(Index.Element.expression("placed DESC"), Index.Element.column("n")), Optional.empty()));
        }
    }

    @Test
    void sqliteReadsNamesChecksAndExpressionsFromTheStoredSql() throws Exception {
        TargetDdl ddl = blog("sqlite");
        try (DevDatabase dev = DevDatabase.open(DbUrl.parse("sqlite://", tmp), null)) {
            dev.apply(ddl);
            Schema schema = new SqliteIntrospector().read(dev.connection(), dev.schema(), t -> true);
            Table users = schema.table("users").orElseThrow();
            assertThat(users.columns()).containsExactly(
                    Column.of("id", "integer").notNull(),
                    Column.of("email", "varchar(200)").notNull(),
                    Column.of("status", "varchar(6)").notNull().withDefault("'active'"),
                    Column.of("created", "datetime").notNull().withDefault("CURRENT_TIMESTAMP"),
                    Column.of("score", "numeric(10,2)"));
            assertThat(users.primaryKey()).contains(PrimaryKey.of("pk_users", List.of("id")));
            assertThat(users.uniqueConstraints()).containsExactly(UniqueConstraint.of("uq_users_email", List.of("email")));
            assertThat(users.checks()).containsExactly(CheckConstraint.of("ck_users_email_len", "length(email) > 3"));
            Table posts = schema.table("posts").orElseThrow();
            assertThat(posts.foreignKeys()).containsExactly(ForeignKey.of("fk_posts_user_id_users", List.of("user_id"),
                    "users", List.of("id")).withActions(ReferentialAction.CASCADE, ReferentialAction.NO_ACTION));
            assertThat(posts.indexes()).containsExactlyInAnyOrder(Index.of("ix_posts_user_id", List.of("user_id")),
                    new Index(Optional.of("ix_posts_title_lower"), false,
                            List.of(Index.Element.expression("lower(title)")), Optional.empty()));
        }
    }

    @Test
    void sqliteAutoincrementColumnLevelConstraintsAndPartialIndexes() throws Exception {
        try (DevDatabase dev = DevDatabase.open(DbUrl.parse("sqlite://", tmp), null)) {
            Connection c = dev.connection();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE \"Parent\" (pid INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT CONSTRAINT uq_code UNIQUE)");
                s.execute("CREATE TABLE child (id INTEGER, [parent id] INTEGER REFERENCES \"Parent\" ON DELETE SET NULL, "
                        + "qty INT CONSTRAINT ck_qty CHECK (qty > 0) DEFAULT 1, note, "
                        + "CONSTRAINT pk_child PRIMARY KEY (id), CHECK (note <> 'x, (y)'))");
                s.execute("CREATE UNIQUE INDEX ix_child_qty ON child (qty DESC, lower(note)) WHERE qty > 1");
            }
            Schema schema = new SqliteIntrospector().read(c, "main", t -> true);
            Table parent = schema.table("Parent").orElseThrow();
            assertThat(parent.column("pid")).contains(Column.of("pid", "integer").withIdentity(Identity.AUTOINCREMENT));
            assertThat(parent.uniqueConstraints()).containsExactly(UniqueConstraint.of("uq_code", List.of("code")));
            Table child = schema.table("child").orElseThrow();
            assertThat(child.column("note")).contains(Column.of("note", "blob"));
            assertThat(child.primaryKey()).contains(PrimaryKey.of("pk_child", List.of("id")));
            assertThat(child.foreignKeys()).containsExactly(ForeignKey.of(null, List.of("parent id"), "Parent",
                    List.of("pid")).withActions(ReferentialAction.SET_NULL, ReferentialAction.NO_ACTION));
            assertThat(child.checks()).containsExactlyInAnyOrder(CheckConstraint.of("ck_qty", "qty > 0"),
                    CheckConstraint.of(null, "note <> 'x, (y)'"));
            assertThat(child.indexes()).containsExactly(new Index(Optional.of("ix_child_qty"), true,
                    List.of(Index.Element.expression("qty DESC"), Index.Element.expression("lower(note)")),
                    Optional.of("qty > 1")));
        }
    }
}
