package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlAlchemyModelTest {

    /** SQLAlchemy emits a table's indexes in the order of a set hashed by identity: they are put in one order. */
    @Test
    void indexesOfATableComeInOneOrderWhateverOrderTheInterpreterPrintedThem() {
        List<String> printed = List.of(
                "CREATE TYPE mood AS ENUM ('ok')",
                "CREATE TABLE users (id INTEGER)",
                "CREATE INDEX ix_users_name ON users (name)",
                "CREATE UNIQUE INDEX ix_users_email ON users (email)",
                "COMMENT ON TABLE users IS 'people'",
                "CREATE TABLE posts (id INTEGER)",
                "create index ix_posts_title ON posts (title)",
                "CREATE INDEX ix_posts_author ON posts (author)");
        List<String> otherRun = List.of(
                "CREATE TYPE mood AS ENUM ('ok')",
                "CREATE TABLE users (id INTEGER)",
                "CREATE UNIQUE INDEX ix_users_email ON users (email)",
                "CREATE INDEX ix_users_name ON users (name)",
                "COMMENT ON TABLE users IS 'people'",
                "CREATE TABLE posts (id INTEGER)",
                "CREATE INDEX ix_posts_author ON posts (author)",
                "create index ix_posts_title ON posts (title)");
        assertThat(SqlAlchemyModel.stableIndexOrder(printed)).isEqualTo(SqlAlchemyModel.stableIndexOrder(otherRun))
                .containsExactly(
                        "CREATE TYPE mood AS ENUM ('ok')",
                        "CREATE TABLE users (id INTEGER)",
                        "CREATE INDEX ix_users_name ON users (name)",
                        "CREATE UNIQUE INDEX ix_users_email ON users (email)",
                        "COMMENT ON TABLE users IS 'people'",
                        "CREATE TABLE posts (id INTEGER)",
                        "CREATE INDEX ix_posts_author ON posts (author)",
                        "create index ix_posts_title ON posts (title)");
    }
}
