package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.migrate.autogen.SqliteDdl.Constraint;
import dev.pinwheel.migrate.autogen.SqliteDdl.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteDdlTest {

    @Test
    void tableConstraintsKeepTheirNamesAndColumnsWhateverTheQuoting() {
        SqliteDdl.TableDef def = SqliteDdl.table("""
                CREATE TABLE "order" (
                    id INTEGER, -- the key, (not a group
                    [from] TEXT, `to` TEXT,
                    CONSTRAINT "pk order" PRIMARY KEY (id DESC),
                    CONSTRAINT uq_route UNIQUE ([from], "to" COLLATE nocase),
                    FOREIGN KEY (`to`) REFERENCES place (code) ON DELETE CASCADE,
                    CONSTRAINT ck_route CHECK ("from" <> 'a''s, (b)' AND length(`to`) > 0)
                )""");
        assertThat(def.constraints()).containsExactly(
                new Constraint(Kind.PRIMARY_KEY, "pk order", List.of("id"), null),
                new Constraint(Kind.UNIQUE, "uq_route", List.of("from", "to"), null),
                new Constraint(Kind.FOREIGN_KEY, null, List.of("to"), null),
                new Constraint(Kind.CHECK, "ck_route", List.of(), "\"from\" <> 'a''s, (b)' AND length(`to`) > 0"));
        assertThat(def.autoincrement()).isEmpty();
    }

    @Test
    void columnConstraintsAndAutoincrement() {
        SqliteDdl.TableDef def = SqliteDdl.table("CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT, "
                + "n NUMERIC(10, 2) NOT NULL CHECK (n > 0) UNIQUE, p INT CONSTRAINT fk_p REFERENCES t(id))");
        assertThat(def.constraints()).containsExactly(
                new Constraint(Kind.PRIMARY_KEY, "pk_t", List.of("id"), null),
                new Constraint(Kind.CHECK, null, List.of(), "n > 0"),
                new Constraint(Kind.UNIQUE, null, List.of("n"), null),
                new Constraint(Kind.FOREIGN_KEY, "fk_p", List.of("p"), null));
        assertThat(def.autoincrement()).containsExactly("id");
    }

    @Test
    void indexElementsAndPartialPredicate() {
        SqliteDdl.IndexDef def = SqliteDdl.index(
                "CREATE UNIQUE INDEX IF NOT EXISTS \"ix a\" ON t (lower(name), coalesce(a, ','), b DESC) WHERE a > 1 AND b <> ')'");
        assertThat(def.elements()).containsExactly("lower(name)", "coalesce(a, ',')", "b DESC");
        assertThat(def.where()).isEqualTo("a > 1 AND b <> ')'");
        assertThat(SqliteDdl.index("CREATE INDEX ix ON t (a)").where()).isNull();
        assertThat(SqliteDdl.index("CREATE INDEX ix ON t ((lower(a)), (b) DESC)").elements()).containsExactly("lower(a)", "(b) DESC");
    }
}
