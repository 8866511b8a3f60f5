package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.migrate.schema.SchemaChange.RenameColumn;
import dev.pinwheel.migrate.schema.SchemaChange.RenameTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static final DiffOptions DEFAULTS = DiffOptions.defaults();

    private static Table users() {
        return Table.builder("users")
                .columns(Column.of("id", "integer").notNull().withIdentity(Identity.SERIAL),
                        Column.of("name", "varchar(50)").notNull())
                .primaryKey(PrimaryKey.of("pk_users", List.of("id")))
                .build();
    }

    private static Table orders() {
        return Table.builder("orders")
                .columns(Column.of("id", "integer").notNull(), Column.of("user_id", "integer").notNull())
                .primaryKey(PrimaryKey.of("pk_orders", List.of("id")))
                .foreignKey(ForeignKey.of("fk_orders_user_id_users", List.of("user_id"), "users", List.of("id")))
                .build();
    }

    private static List<String> describe(List<SchemaChange> changes) {
        return changes.stream().map(SchemaChange::description).toList();
    }

    @Test
    void equalSchemasHaveNoDifferences() {
        Schema s = Schema.of(List.of(users(), orders()));
        assertThat(SchemaDiff.compare(s, s, DEFAULTS)).isEmpty();
    }

    @Test
    void newTablesComeReferencedFirstAndGoReferencingFirst() {
        Schema empty = Schema.empty();
        Schema full = Schema.of(List.of(orders(), users()));
        assertThat(describe(SchemaDiff.compare(empty, full, DEFAULTS)))
                .containsExactly("add table users (2 columns)", "add table orders (2 columns)");
        assertThat(describe(SchemaDiff.compare(full, empty, DEFAULTS)))
                .containsExactly("drop table orders", "drop table users");
    }

    @Test
    void aCycleOfNewTablesGetsOneForeignKeyAfterwards() {
        Table a = Table.builder("a").columns(Column.of("id", "integer"), Column.of("b_id", "integer"))
                .foreignKey(ForeignKey.of("fk_a_b", List.of("b_id"), "b", List.of("id"))).build();
        Table b = Table.builder("b").columns(Column.of("id", "integer"), Column.of("a_id", "integer"))
                .foreignKey(ForeignKey.of("fk_b_a", List.of("a_id"), "a", List.of("id"))).build();
        List<SchemaChange> changes = SchemaDiff.compare(Schema.empty(), Schema.of(List.of(a, b)), DEFAULTS);
        assertThat(describe(changes)).containsExactly("add table a (2 columns)", "add table b (2 columns)",
                "add foreign key fk_a_b on a (b_id) -> b (id)");
        assertThat(describe(SchemaChange.reverseAll(changes))).containsExactly(
                "drop foreign key fk_a_b on a (b_id) -> b (id)", "drop table b", "drop table a");
    }

    @Test
    void aColumnOfTheSameShapeIsARenameWithEvidence() {
        Table renamed = users().withColumns(List.of(users().columns().get(0), Column.of("full_name", "varchar(50)").notNull()));
        List<SchemaChange> changes = SchemaDiff.compare(Schema.of(List.of(users())), Schema.of(List.of(renamed)), DEFAULTS);
        assertThat(changes).singleElement().isInstanceOfSatisfying(RenameColumn.class, r -> assertThat(r.evidence()).isEqualTo(
                "column users.name was dropped and users.full_name added, both varchar(50) NOT NULL; "
                        + "no other dropped or added column of users has this shape"));
        assertThat(describe(SchemaDiff.compare(Schema.of(List.of(users())), Schema.of(List.of(renamed)),
                DEFAULTS.withRenameDetection(false))))
                .containsExactly("add column users.full_name varchar(50) NOT NULL", "drop column users.name");
    }

    @Test
    void ambiguousRenamesAreNotGuessed() {
        Table before = Table.of("t", List.of(Column.of("a", "text"), Column.of("b", "text")));
        Table after = Table.of("t", List.of(Column.of("c", "text"), Column.of("d", "text")));
        assertThat(describe(SchemaDiff.compare(Schema.of(List.of(before)), Schema.of(List.of(after)), DEFAULTS)))
                .containsExactly("add column t.c text NULL", "add column t.d text NULL", "drop column t.a", "drop column t.b");
    }

    @Test
    void aTableOfTheSameShapeIsARenameAndForeignKeysFollowIt() {
        Table accounts = users().withName("accounts");
        Table ordersOfAccounts = orders().withForeignKeys(List.of(
                ForeignKey.of("fk_orders_user_id_users", List.of("user_id"), "accounts", List.of("id"))));
        List<SchemaChange> changes = SchemaDiff.compare(Schema.of(List.of(users(), orders())),
                Schema.of(List.of(accounts, ordersOfAccounts)), DEFAULTS);
        assertThat(changes).singleElement().isInstanceOfSatisfying(RenameTable.class, r -> {
            assertThat(r.description()).isEqualTo("rename table users to accounts");
            assertThat(r.evidence()).isEqualTo("table users was dropped and accounts added with the same 2 columns (id, name)"
                    + " and the same 1 constraints and indexes; no other dropped or added table has this shape");
        });
    }

    @Test
    void columnChangesAreOneAlterPerColumn() {
        Table after = users().withColumns(List.of(users().columns().get(0),
                Column.of("name", "varchar(100)").withDefault("'x'::character varying").withComment("display name")));
        assertThat(describe(SchemaDiff.compare(Schema.of(List.of(users())), Schema.of(List.of(after)), DEFAULTS)))
                .containsExactly("alter column users.name: type varchar(50) -> varchar(100), drop NOT NULL, "
                        + "default none -> 'x'::character varying, set comment");
    }

    @Test
    void enumsComeBeforeTheColumnsThatUseThemAndGoAfter() {
        Table plain = Table.of("t", List.of(Column.of("id", "integer")));
        Table withMood = Table.of("t", List.of(Column.of("id", "integer"), Column.of("mood", "mood").notNull().withDefault("'ok'::mood")));
        Schema before = Schema.of(List.of(plain));
        Schema after = Schema.of(List.of(withMood), List.of(EnumType.of("mood", "sad", "ok")), List.of());
        List<SchemaChange> changes = SchemaDiff.compare(before, after, DEFAULTS);
        assertThat(describe(changes)).containsExactly("add enum type mood (sad, ok)",
                "add column t.mood mood NOT NULL DEFAULT 'ok'::mood");
        assertThat(describe(SchemaDiff.compare(after, before, DEFAULTS))).containsExactly("drop column t.mood", "drop enum type mood");
    }

    @Test
    void enumValueChangesSayWhatHappens() {
        EnumType v1 = EnumType.of("mood", "sad", "ok");
        Schema s1 = Schema.of(List.of(), List.of(v1), List.of());
        Schema added = Schema.of(List.of(), List.of(EnumType.of("mood", "sad", "meh", "ok", "happy")), List.of());
        Schema renamed = Schema.of(List.of(), List.of(EnumType.of("mood", "unhappy", "ok")), List.of());
        assertThat(describe(SchemaDiff.compare(s1, added, DEFAULTS))).containsExactly("add values 'meh', 'happy' to enum type mood");
        assertThat(describe(SchemaDiff.compare(s1, renamed, DEFAULTS))).containsExactly("rename value 'sad' to 'unhappy' of enum type mood");
        assertThat(describe(SchemaDiff.compare(s1, renamed, DEFAULTS.withRenameDetection(false))))
                .containsExactly("change values of enum type mood (sad, ok) -> (unhappy, ok), removing 'sad'");
        assertThat(describe(SchemaDiff.compare(added, s1, DEFAULTS)))
                .containsExactly("change values of enum type mood (sad, meh, ok, happy) -> (sad, ok), removing 'meh', 'happy'");
    }

    @Test
    void replacingAReferencedKeyDetachesTheForeignKeysOnIt() {
        Table usersNewPk = users().withPrimaryKey(PrimaryKey.of("users_pkey", List.of("id")));
        assertThat(describe(SchemaDiff.compare(Schema.of(List.of(users(), orders())), Schema.of(List.of(usersNewPk, orders())), DEFAULTS)))
                .containsExactly(
                        "drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id)",
                        "drop primary key pk_users on users (id)",
                        "add primary key users_pkey on users (id)",
                        "add foreign key fk_orders_user_id_users on orders (user_id) -> users (id)");
    }

    @Test
    void theVersionAndHistoryTablesAndExcludedNamesAreIgnored() {
        Table version = Table.of("alembic_version", List.of(Column.of("version_num", "varchar(32)").notNull()));
        Table history = Table.of("pinwheel_history", List.of(Column.of("id", "integer")));
        Table scratch = Table.of("tmp_scratch", List.of(Column.of("id", "integer")));
        Schema db = Schema.of(List.of(version, history, scratch, users()));
        Schema model = Schema.of(List.of(users()));
        assertThat(describe(SchemaDiff.compare(db, model, DEFAULTS))).containsExactly("drop table tmp_scratch");
        assertThat(SchemaDiff.compare(db, model, DEFAULTS.withExclude(List.of("tmp_*")))).isEmpty();
        assertThat(SchemaDiff.compare(db, model, DEFAULTS.withInclude(List.of("user?")))).isEmpty();
        assertThat(describe(SchemaDiff.compare(db, model, DEFAULTS.withIgnoredTables(Set.of()).withInclude(List.of("alembic_*")))))
                .containsExactly("drop table alembic_version");
    }

    @Test
    void theNamingConventionNamesUnnamedConstraintsOnBothSides() {
        Table unnamed = Table.builder("t").columns(Column.of("a", "text")).unique(UniqueConstraint.of(null, List.of("a"))).build();
        DiffOptions options = DEFAULTS.withNamingConvention(NamingConvention.of(Map.of("uq", "uq_%(table_name)s_%(column_0_name)s")));
        assertThat(describe(SchemaDiff.compare(Schema.of(List.of(Table.of("t", List.of(Column.of("a", "text"))))),
                Schema.of(List.of(unnamed)), options))).containsExactly("add unique constraint uq_t_a on t (a)");
        assertThat(SchemaDiff.compare(Schema.of(List.of(unnamed)), Schema.of(List.of(unnamed)), options)).isEmpty();
        // Changes carry the conventional names, so they apply to (and render from) the prepared schema.
        List<SchemaChange> drop = SchemaDiff.compare(Schema.of(List.of(unnamed)), Schema.of(List.of(Table.of("t",
                List.of(Column.of("a", "text"))))), options);
        assertThat(describe(drop)).containsExactly("drop unique constraint uq_t_a on t (a)");
        assertThat(SqlRenderer.forDialect("postgresql").render(options.prepare(Schema.of(List.of(unnamed))), drop).upgradeSql())
                .contains("ALTER TABLE t DROP CONSTRAINT uq_t_a;");
    }

    @Test
    void sequencesAreCreatedAlteredAndDropped() {
        Schema none = Schema.empty();
        Schema one = Schema.of(List.of(), List.of(), List.of(Sequence.of("invoice_no").withStart(1000)));
        Schema stepped = Schema.of(List.of(), List.of(), List.of(Sequence.of("invoice_no").withStart(1000).withIncrement(10)));
        assertThat(describe(SchemaDiff.compare(none, one, DEFAULTS))).containsExactly("add sequence invoice_no");
        assertThat(describe(SchemaDiff.compare(one, stepped, DEFAULTS))).containsExactly("alter sequence invoice_no: increment 1 -> 10");
        assertThat(describe(SchemaDiff.compare(one, none, DEFAULTS))).containsExactly("drop sequence invoice_no");
    }

    @Test
    void renamingAColumnRewritesTheExpressionsThatNameIt() {
        assertThat(Apply.renameIdentifier("lower(name) || 'name' || \"name\" || names", "name", "title"))
                .isEqualTo("lower(title) || 'name' || \"title\" || names");
    }
}
