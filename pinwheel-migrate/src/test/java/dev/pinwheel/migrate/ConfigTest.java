package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path tmp;

    @Test
    void sqlalchemyPostgresUrlsMapToJdbcWithDecodedPasswordMasked() {
        DbUrl url = DbUrl.parse("postgresql+psycopg2://app:p%40ss%2Bw+rd@db.example:6543/shop?sslmode=require", tmp);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/shop");
        assertThat(url.connectionProperties()).containsEntry("user", "app").containsEntry("password", "p@ss+w+rd")
                .containsEntry("sslmode", "require");
        assertThat(url.toString()).isEqualTo("postgresql+psycopg2://app:***@db.example:6543/shop?sslmode=require");
        assertThat(url.mask("auth failed for p@ss+w+rd")).isEqualTo("auth failed for ***");
    }

    @Test
    void everyPostgresDriverFormIsAccepted() {
        for (String driver : new String[] {"postgresql", "postgresql+psycopg", "postgresql+asyncpg", "postgres"}) {
            assertThat(DbUrl.parse(driver + "://u@h/d", tmp).jdbcUrl()).isEqualTo("jdbc:postgresql://h/d");
        }
    }

    @Test
    void unixSocketHostSelectsTheSocketFactory() {
        DbUrl url = DbUrl.parse("postgresql://u@/d?host=/var/run/postgresql", tmp);
        assertThat(url.connectionProperties()).containsEntry("socketFactoryArg", "/var/run/postgresql/.s.PGSQL.5432");
    }

    @Test
    void theServerAConnectionOpensIsTheOneTheJdbcUrlNames() {
        assertThat(DbUrl.parse("postgresql://u:p@db.example:6543/shop%20db", tmp).pgEndpoint())
                .isEqualTo(new DbUrl.Endpoint("db.example", 6543, "shop db"));
        assertThat(DbUrl.parse("postgresql://u@/d", tmp).pgEndpoint()).isEqualTo(new DbUrl.Endpoint("localhost", 5432, "d"));
        assertThat(DbUrl.parse("postgresql://u@[::1]:5433/d", tmp).pgEndpoint()).isEqualTo(new DbUrl.Endpoint("::1", 5433, "d"));
        assertThat(DbUrl.parse("postgresql://u@ignored/d?host=db.example", tmp).pgEndpoint().host()).isEqualTo("db.example");
        // A socket directory is the socket factory's business; the host stays what the URL says.
        assertThat(DbUrl.parse("postgresql://u@/d?host=/var/run/postgresql", tmp).pgEndpoint().host()).isEqualTo("localhost");
        // No database: the server takes the user's name, as libpq does.
        assertThat(DbUrl.parse("postgresql://u@h", tmp).pgEndpoint().database()).isEmpty();
    }

    @Test
    void loopbackServersSkipTheTlsHandshakeUnlessTheUrlAsksForOne() {
        for (String host : new String[] {"localhost", "127.0.0.1", "[::1]", ""}) {
            assertThat(DbUrl.parse("postgresql://u@" + host + "/d", tmp).connectionProperties())
                    .as(host).containsEntry("sslmode", "allow");
        }
        assertThat(DbUrl.parse("postgresql://u@db.example/d", tmp).connectionProperties()).doesNotContainKey("sslmode");
        assertThat(DbUrl.parse("postgresql://u@127.0.0.1/d?sslmode=require", tmp).connectionProperties())
                .containsEntry("sslmode", "require");
        assertThat(DbUrl.parse("postgresql://u@/d?host=db.example", tmp).connectionProperties()).doesNotContainKey("sslmode");
    }

    @Test
    void sqliteForms() {
        assertThat(DbUrl.parse("sqlite:///rel/app.db", tmp).sqliteFile()).contains(tmp.resolve("rel/app.db"));
        assertThat(DbUrl.parse("sqlite:////abs/app.db", tmp).jdbcUrl()).isEqualTo("jdbc:sqlite:/abs/app.db");
        assertThat(DbUrl.parse("sqlite://", tmp).jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
    }

    @Test
    void badUrlsNeverShowThePassword() {
        assertThatThrownBy(() -> DbUrl.parse("mysql://root:hunter2@h/d", tmp)).hasMessageNotContaining("hunter2")
                .hasMessageContaining("unsupported database 'mysql'");
        assertThatThrownBy(() -> DbUrl.parse("postgresql+jdbc://root:hunter2@h/d", tmp)).hasMessageNotContaining("hunter2");
    }

    @Test
    void malformedPostgresUrlsAreBadInputNamingTheBadPart() {
        assertThatThrownBy(() -> DbUrl.parse("postgresql://pin wheel@[bad", tmp))
                .isInstanceOf(DbException.class)
                .hasMessage("bad user name 'pin wheel' in database URL 'postgresql://pin wheel@[bad': "
                        + "a space or one of / [ ] must be percent-encoded")
                .satisfies(e -> assertThat(((DbException) e).category()).isEqualTo(DbException.Category.BAD_INPUT))
                .satisfies(e -> assertThat(((DbException) e).hint().orElseThrow()).contains("postgresql://user:password@host:5432/dbname"));
        assertThatThrownBy(() -> DbUrl.parse("postgresql://pin:s3cret@[bad/d", tmp))
                .hasMessage("bad host '[bad' in database URL 'postgresql://pin:***@[bad/d': an IPv6 address needs its closing ']'");
        assertThatThrownBy(() -> DbUrl.parse("postgresql://pin:s3 cret@h/d", tmp))
                .hasMessageNotContaining("s3 cret").hasMessageContaining("holds a space");
        assertThatThrownBy(() -> DbUrl.parse("postgresql://u@ho st/d", tmp)).hasMessageContaining("bad host 'ho st'");
    }

    @Test
    void dotenvSyntax() {
        Map<String, String> env = DotEnv.parse("""
                # comment
                export A=plain value # trailing comment
                B='single $NOT ${A}'
                C="double\\nline ${A}"
                D=${MISSING:-fallback}
                E="multi
                line"
                broken line
                """, name -> null);
        assertThat(env).containsEntry("A", "plain value").containsEntry("B", "single $NOT ${A}")
                .containsEntry("C", "double\nline plain value").containsEntry("D", "fallback").containsEntry("E", "multi\nline")
                .doesNotContainKey("broken");
    }

    @Test
    void urlComesFromOptionThenEnvironmentThenDotenvThenDefault() throws Exception {
        DbConfig config = DbConfig.load(tmp);
        Files.writeString(tmp.resolve(".env"), "DATABASE_URL=sqlite:///from-dotenv.db\n");
        assertThat(config.resolveUrl("sqlite:///opt.db", n -> "sqlite:///env.db").origin()).isEqualTo("--url");
        assertThat(config.resolveUrl(null, n -> "sqlite:///env.db").origin()).isEqualTo("$DATABASE_URL");
        assertThat(config.resolveUrl(null, n -> null).url().sqliteFile()).contains(tmp.resolve("from-dotenv.db"));
        Files.delete(tmp.resolve(".env"));
        assertThat(config.resolveUrl(null, n -> null).url().sqliteFile()).contains(tmp.resolve(".pinwheel/db.sqlite3"));
    }

    @Test
    void pyprojectTableIsRead() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), """
                [project]
                name = "app"

                [tool.pinwheel.db]
                script_location = "db/migrations"
                file_template = "%(year)d%(month).2d%(day).2d_%(rev)s_%(slug)s"
                version_table = "my_version"
                url_env = "APP_DB"
                """);
        Path sub = Files.createDirectories(tmp.resolve("src/app"));
        DbConfig c = DbConfig.load(sub);
        assertThat(c.projectRoot()).isEqualTo(tmp);
        assertThat(c.versionsDir()).isEqualTo(tmp.resolve("db/migrations/versions"));
        assertThat(c.versionTable()).isEqualTo("my_version");
        assertThat(c.resolveUrl(null, n -> n.equals("APP_DB") ? "sqlite://" : null).origin()).isEqualTo("$APP_DB");
    }

    @Test
    void anUnknownKeyIsShownWhereItIsWrittenWithTheClosestKnownKey() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[project]\nname = \"app\"\n\n[tool.pinwheel.db]\n"
                + "url = \"sqlite:///x.db\"\n  script_locaton = \"mig\"\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).isInstanceOf(SourceError.class)
                .hasMessage(tmp.resolve("pyproject.toml") + ":6:3: unknown key 'script_locaton' in [tool.pinwheel.db]\n"
                        + "    script_locaton = \"mig\"\n"
                        + "    ^^^^^^^^^^^^^^")
                .satisfies(e -> assertThat(((DbException) e).hint().orElseThrow())
                        .startsWith("did you mean 'script_location'? known keys: script_location, "));
    }

    @Test
    void aDuplicateKeyIsShownAtItsSecondLineByName() throws Exception {
        Path file = tmp.resolve("pyproject.toml");
        Files.writeString(file, "[tool.pinwheel.db]\nversion_table = \"a\"\nversion_table = \"b\"\nurl = \"sqlite:///x.db\"\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).isInstanceOf(SourceError.class)
                .hasMessage(file + ":3:1: invalid TOML: duplicate key 'version_table' in [tool.pinwheel.db] (first set on line 2)\n"
                        + "  version_table = \"b\"\n"
                        + "  ^^^^^^^^^^^^^");
        Files.writeString(file, "[tool.pinwheel.db]\nversion_table = \"a\"\nversion_table = \"b\"\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).hasMessageStartingWith(file + ":3:1: invalid TOML: duplicate key 'version_table'");
    }

    @Test
    void aSyntaxErrorAtTheEndOfTheFileIsShownOnTheLastLine() throws Exception {
        Path file = tmp.resolve("pinwheel.toml");
        Files.writeString(file, "[db]\nurl = \n\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).isInstanceOf(SourceError.class)
                .satisfies(e -> assertThat(((SourceError) e).line()).isLessThanOrEqualTo(2));
    }

    @Test
    void unknownKeysAndBadTomlAreErrors() throws Exception {
        Files.writeString(tmp.resolve("pinwheel.toml"), "[db]\nscript_locaton = \"x\"\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).hasMessageContaining("unknown key 'script_locaton' in [db]");
        Files.writeString(tmp.resolve("pinwheel.toml"), "[db]\nscript_location = \n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).isInstanceOf(SourceError.class).hasMessageContaining("pinwheel.toml:2:");
    }

    @Test
    void fileTemplateAndSlugFollowAlembic() {
        var now = java.time.ZonedDateTime.parse("2026-03-04T05:06:07Z");
        assertThat(ScriptAuthor.fileName("%(rev)s_%(slug)s", 40, "abc", "Add users, and e-mail!", now)).isEqualTo("abc_add_users_and_e_mail");
        assertThat(ScriptAuthor.fileName("%(year)d_%(month).2d_%(day).2d_%%_%(rev)s", 40, "abc", "x", now)).isEqualTo("2026_03_04_%_abc");
        assertThat(ScriptAuthor.slug("a very long message that goes on and on past the limit", 20)).isEqualTo("a_very_long_message_");
    }

    @Test
    void autogenerateKeysNameTheModelFiltersAndNamingConvention() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.pinwheel.db]
                metadata = "app.models:Base"
                dev_url = "postgresql://dev@localhost/scratch"
                include_tables = ["app_*", "users"]
                exclude_tables = "app_legacy_?"

                [tool.pinwheel.db.naming_convention]
                ix = "ix_%(column_0_label)s"
                uq = "uq_%(table_name)s_%(column_0_name)s"
                """);
        DbConfig.Autogen a = DbConfig.load(tmp).autogen();
        assertThat(a.metadata()).contains("app.models:Base");
        assertThat(a.schemaFile()).isEmpty();
        assertThat(a.devUrl()).contains("postgresql://dev@localhost/scratch");
        assertThat(a.includeTables()).containsExactly("app_*", "users");
        assertThat(a.excludeTables()).containsExactly("app_legacy_?");
        assertThat(a.namingConvention()).containsEntry("ix", "ix_%(column_0_label)s").hasSize(2);
        assertThat(DbConfig.defaults(tmp).autogen()).isEqualTo(DbConfig.Autogen.none());
    }

    @Test
    void schemaFileIsRelativeToTheProjectAndExcludesMetadata() throws Exception {
        Files.writeString(tmp.resolve("pinwheel.toml"), "[db]\nschema = \"db/schema.sql\"\n");
        assertThat(DbConfig.load(tmp).autogen().schemaFile()).contains(tmp.resolve("db/schema.sql"));
        Files.writeString(tmp.resolve("pinwheel.toml"), "[db]\nschema = \"s.sql\"\nmetadata = \"m:Base\"\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).hasMessageContaining("sets both metadata and schema");
        Files.writeString(tmp.resolve("pinwheel.toml"), "[db]\nmetadata = \"app.models.Base\"\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).hasMessageContaining("must be module:attribute");
        Files.writeString(tmp.resolve("pinwheel.toml"), "[db]\nnaming_convention = { idx = \"x\" }\n");
        assertThatThrownBy(() -> DbConfig.load(tmp)).hasMessageContaining("unknown key 'idx'");
    }
}
