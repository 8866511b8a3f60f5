package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model helper run by a real interpreter with SQLAlchemy 2 from PyPI. */
class SqlAlchemyModelIT {

    @TempDir
    Path tmp;

    private SqlAlchemyModel model(Path python, String target) {
        return new SqlAlchemyModel(python, target, tmp, null, Map.of());
    }

    @Test
    void postgresDdlComesFromSqlalchemysDialectWithEnumsCommentsAndConvention() throws Exception {
        Models.project(tmp, Models.BLOG);
        TargetDdl ddl = model(Models.python(), "app.models:Base").load("postgresql");
        assertThat(ddl.origin()).startsWith("app.models:Base (SQLAlchemy 2.");
        assertThat(ddl.statements().get(0)).isEqualTo("CREATE TYPE user_status AS ENUM ('active', 'banned')");
        assertThat(ddl.statements()).anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE users ("))
                .contains("COMMENT ON TABLE users IS 'people'", "CREATE INDEX ix_posts_user_id ON posts (user_id)",
                        "CREATE INDEX ix_posts_title_lower ON posts (lower(title)) WHERE published");
        assertThat(ddl.namingConvention()).containsEntry("pk", "pk_%(table_name)s").hasSize(5);
        assertThat(ddl.comments()).containsEntry("users", "people").containsEntry("users.email", "login").hasSize(2);
    }

    @Test
    void whatSqlalchemyWritesForPostgresCanBeKeptTableByTable() throws Exception {
        Models.project(tmp, Models.BLOG);
        TargetUnits blog = TargetUnits.of(model(Models.python(), "app.models:Base").load("postgresql").statements())
                .orElseThrow();
        assertThat(blog.tables().keySet()).containsExactly("users", "posts");
        assertThat(blog.globals()).containsExactly("CREATE TYPE user_status AS ENUM ('active', 'banned')");
        Models.project(tmp, Models.INVENTORY);
        assertThat(TargetUnits.of(model(Models.python(), "app.models:metadata").load("postgresql").statements()))
                .hasValueSatisfying(u -> assertThat(u.tables().keySet()).containsExactlyInAnyOrder("category", "stock"));
    }

    @Test
    void aMetaDataWorksAsWellAsABaseAndSqliteGetsItsOwnTypes() throws Exception {
        Models.project(tmp, Models.BLOG);
        TargetDdl ddl = model(Models.python(), "app.models:Base.metadata").load("sqlite");
        assertThat(ddl.statements()).noneMatch(s -> s.startsWith("CREATE TYPE"))
                .anySatisfy(s -> assertThat(s).contains("status VARCHAR(6) DEFAULT 'active' NOT NULL"));
    }

    @Test
    void printsDuringImportDoNotSpoilTheAnswer() throws Exception {
        Models.project(tmp, "print('hello from the model')\n" + Models.BLOG);
        assertThat(model(Models.python(), "app.models:Base").load("sqlite").statements()).hasSize(4);
    }

    @Test
    void anInterpreterWithoutSqlalchemyIsAnEnvironmentError() throws Exception {
        Models.project(tmp, Models.BLOG);
        assertThatThrownBy(() -> model(Path.of("python3"), "app.models:Base").load("sqlite"))
                .isInstanceOfSatisfying(DbException.class, e -> {
                    assertThat(e.category()).isEqualTo(Category.ENVIRONMENT);
                    assertThat(e.getMessage()).startsWith("SQLAlchemy is not installed in ");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--python"));
                });
    }

    @Test
    void anImportErrorShowsPythonsLastLine() throws Exception {
        Models.project(tmp, "import app.missing_module\n");
        assertThatThrownBy(() -> model(Models.python(), "app.models:Base").load("sqlite"))
                .isInstanceOfSatisfying(DbException.class, e -> {
                    assertThat(e.category()).isEqualTo(Category.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo(
                            "app/models.py:1:1: cannot import app.models: ModuleNotFoundError: No module named 'app.missing_module'\n"
                                    + "  import app.missing_module\n"
                                    + "  ^^^^^^^^^^^^^^^^^^^^^^^^^");
                });
    }

    @Test
    void aSyntaxErrorInTheModelIsShownWhereTheInterpreterFoundIt() throws Exception {
        Models.project(tmp, Models.BLOG + "x = (\n");
        int line = (int) Models.BLOG.lines().count() + 1;
        assertThatThrownBy(() -> model(Models.python(), "app.models:Base").load("sqlite"))
                .isInstanceOfSatisfying(DbException.class, e -> {
                    assertThat(e.category()).isEqualTo(Category.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo("app/models.py:" + line
                            + ":5: cannot import app.models: SyntaxError: '(' was never closed\n"
                            + "  x = (\n"
                            + "      ^");
                });
    }

    @Test
    void theConfiguredConventionAppliesWhenTheModelHasNoneOfItsOwn() throws Exception {
        Models.project(tmp, """
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
                """);
        Map<String, String> configured = Map.of("pk", "pk_%(table_name)s", "uq", "uq_%(table_name)s_%(column_0_name)s",
                "ck", "ck_%(table_name)s_%(constraint_name)s",
                "fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s");
        TargetDdl ddl = new SqlAlchemyModel(Models.python(), "app.models:Base", tmp, null, configured).load("postgresql");
        assertThat(String.join("\n", ddl.statements())).contains("CONSTRAINT pk_users PRIMARY KEY (id)",
                "CONSTRAINT uq_users_name UNIQUE (name)", "CONSTRAINT ck_posts_positive CHECK (score >= 0)",
                "CONSTRAINT fk_posts_user_id_users FOREIGN KEY(user_id) REFERENCES users (id)",
                "CREATE INDEX ix_posts_user_id ON posts (user_id)");
        assertThat(ddl.namingConvention()).containsAllEntriesOf(configured).containsEntry("ix", "ix_%(column_0_label)s");
        // A model with a convention of its own keeps it.
        Models.project(tmp, Models.BLOG);
        TargetDdl own = new SqlAlchemyModel(Models.python(), "app.models:Base", tmp, null,
                Map.of("pk", "other_%(table_name)s")).load("postgresql");
        assertThat(own.namingConvention()).containsEntry("pk", "pk_%(table_name)s");
        assertThat(String.join("\n", own.statements())).doesNotContain("other_");
    }

    @Test
    void aMissingAttributeOrANonModelIsBadInput() throws Exception {
        Models.project(tmp, Models.BLOG);
        Path python = Models.python();
        assertThatThrownBy(() -> model(python, "app.models:Bsae").load("sqlite"))
                .hasMessage("module app.models has no attribute Bsae: app.models:Bsae is missing");
        assertThatThrownBy(() -> model(python, "app.models:Status").load("sqlite"))
                .hasMessage("app.models:Status is neither a MetaData nor a declarative Base: it is enum.EnumType");
    }

    @Test
    void aModelTheDialectCannotCompileIsBadInput() throws Exception {
        Models.project(tmp, """
                from sqlalchemy import MetaData, Table, Column, Integer
                from sqlalchemy.dialects.postgresql import TSVECTOR
                metadata = MetaData()
                Table("docs", metadata, Column("id", Integer, primary_key=True), Column("body", TSVECTOR))
                """);
        assertThatThrownBy(() -> model(Models.python(), "app.models:metadata").load("sqlite"))
                .isInstanceOfSatisfying(DbException.class, e -> {
                    assertThat(e.category()).isEqualTo(Category.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("SQLAlchemy cannot create app.models:metadata on sqlite: ");
                });
    }
}
