package dev.pinwheel.migrate.schema;

import dev.pinwheel.migrate.SqlSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named before/after schema pairs, one per kind of change, shared by the golden and the SQLite execution tests. */
final class RenderCases {

    record Case(String name, Schema from, Schema to, DiffOptions options) {
    }

    private RenderCases() {
    }

    static Table users() {
        return Table.builder("users")
                .columns(Column.of("id", "integer").notNull(),
                        Column.of("email", "varchar(255)").notNull(),
                        Column.of("name", "varchar(50)"),
                        Column.of("active", "boolean").notNull().withDefault("true"))
                .primaryKey(PrimaryKey.of("pk_users", List.of("id")))
                .unique(UniqueConstraint.of("uq_users_email", List.of("email")))
                .index(Index.of("ix_users_name", List.of("name")))
                .build();
    }

    static Table orders() {
        return Table.builder("orders")
                .columns(Column.of("id", "integer").notNull(),
                        Column.of("user_id", "integer").notNull(),
                        Column.of("total", "numeric(10,2)").notNull().withDefault("0"),
                        Column.of("note", "text"))
                .primaryKey(PrimaryKey.of("pk_orders", List.of("id")))
                .foreignKey(ForeignKey.of("fk_orders_user_id_users", List.of("user_id"), "users", List.of("id"))
                        .withActions(ReferentialAction.CASCADE, ReferentialAction.NO_ACTION))
                .check(CheckConstraint.of("ck_orders_total_positive", "total >= 0"))
                .index(Index.of("ix_orders_user_id", List.of("user_id")))
                .build();
    }

    static Schema base() {
        return Schema.of(List.of(users(), orders()));
    }

    private static Schema withTable(Schema s, Table t) {
        List<Table> tables = new ArrayList<>(s.tables().stream().filter(x -> !x.name().equals(t.name())).toList());
        tables.add(t);
        return s.withTables(tables);
    }

    private static Table replaceColumn(Table t, Column c) {
        return t.withColumns(t.columns().stream().map(x -> x.name().equals(c.name()) ? c : x).toList());
    }

    private static Case c(String name, Schema from, Schema to) {
        return new Case(name, from, to, DiffOptions.defaults());
    }

    /** Cases that both dialects render. */
    static List<Case> common() {
        Schema base = base();
        Table u = users();
        Table o = orders();
        List<Case> out = new ArrayList<>();
        out.add(c("create_tables", Schema.empty(), base));
        out.add(c("drop_table", base, Schema.of(List.of(u))));
        out.add(c("rename_table", base, withTable(Schema.of(List.of(u)), o.withName("purchases"))));
        out.add(c("add_column", base, withTable(base, u.withColumns(append(u.columns(), Column.of("nickname", "varchar(30)"))))));
        out.add(c("add_column_not_null_with_default", base, withTable(base,
                u.withColumns(append(u.columns(), Column.of("score", "integer").notNull().withDefault("0"))))));
        out.add(c("add_column_not_null_without_default", base, withTable(base,
                u.withColumns(append(u.columns(), Column.of("tenant", "integer").notNull())))));
        out.add(c("drop_column", base, withTable(base, o.withColumns(o.columns().subList(0, 3)))));
        out.add(c("drop_indexed_column", base, withTable(base, u.withIndexes(List.of())
                .withColumns(List.of(u.columns().get(0), u.columns().get(1), u.columns().get(3))))));
        out.add(c("rename_column", base, withTable(base, o.withColumns(append(o.columns().subList(0, 3), Column.of("remark", "text"))))));
        out.add(c("alter_column_widen", base, withTable(base, replaceColumn(u, Column.of("name", "varchar(100)")))));
        out.add(c("alter_column_narrow", base, withTable(base, replaceColumn(u, Column.of("name", "varchar(20)")))));
        out.add(c("alter_column_set_not_null", base, withTable(base, replaceColumn(u, Column.of("name", "varchar(50)").notNull()
                .withDefault("'anonymous'")))));
        out.add(c("alter_column_default", base, withTable(base, replaceColumn(u, Column.of("active", "boolean").notNull()
                .withDefault("false")))));
        out.add(c("alter_key_column_types_under_foreign_key", base, Schema.of(List.of(
                replaceColumn(u, Column.of("id", "bigint").notNull()),
                replaceColumn(o, Column.of("user_id", "bigint").notNull())))));
        out.add(c("add_foreign_key", Schema.of(List.of(u, o.withForeignKeys(List.of()))), base));
        out.add(c("change_foreign_key_actions", base, withTable(base, o.withForeignKeys(List.of(o.foreignKeys().get(0)
                .withActions(ReferentialAction.SET_NULL, ReferentialAction.CASCADE))))));
        out.add(c("add_unique_constraint", Schema.of(List.of(u.withUniqueConstraints(List.of()), o)), base));
        out.add(c("drop_unique_constraint", base, Schema.of(List.of(u.withUniqueConstraints(List.of()), o))));
        out.add(c("add_check_constraint", Schema.of(List.of(u, o.withChecks(List.of()))), base));
        out.add(c("drop_check_constraint", base, Schema.of(List.of(u, o.withChecks(List.of())))));
        out.add(c("add_primary_key", Schema.of(List.of(u, o.withPrimaryKey(null))), base));
        out.add(c("create_indexes", Schema.of(List.of(u.withIndexes(List.of()), o)), withTable(base, u.withIndexes(List.of(
                Index.of("ix_users_name", List.of("name")),
                Index.unique("ix_users_active_email", List.of("email")).withWhere("active"),
                new Index(Optional.of("ix_users_lower_name"), false, List.of(Index.Element.expression("lower(name)")), Optional.empty()))))));
        out.add(c("drop_index", base, Schema.of(List.of(u.withIndexes(List.of()), o))));
        out.add(c("cycle_of_new_tables", Schema.empty(), Schema.of(List.of(
                Table.builder("a").columns(Column.of("id", "integer").notNull(), Column.of("b_id", "integer"))
                        .primaryKey(PrimaryKey.of("pk_a", List.of("id")))
                        .foreignKey(ForeignKey.of("fk_a_b_id_b", List.of("b_id"), "b", List.of("id"))).build(),
                Table.builder("b").columns(Column.of("id", "integer").notNull(), Column.of("a_id", "integer"))
                        .primaryKey(PrimaryKey.of("pk_b", List.of("id")))
                        .foreignKey(ForeignKey.of("fk_b_a_id_a", List.of("a_id"), "a", List.of("id"))).build()))));
        out.add(c("reserved_words_are_quoted", Schema.empty(), Schema.of(List.of(Table.builder("order")
                .columns(Column.of("user", "text"), Column.of("Group", "text")).index(Index.of("ix_order_user", List.of("user"))).build()))));
        return out;
    }

    /** Cases of PostgreSQL only: enum types, sequences, comments, identities, type conversions. */
    static List<Case> postgres() {
        Schema base = base();
        Table u = users();
        Table o = orders();
        EnumType mood = EnumType.of("mood", "sad", "ok", "happy");
        Table withMood = u.withColumns(append(u.columns(), Column.of("mood", "mood").notNull().withDefault("'ok'::mood")));
        Schema moody = Schema.of(List.of(withMood, o), List.of(mood), List.of());
        List<Case> out = new ArrayList<>();
        out.add(c("create_enum_and_column", base, moody));
        out.add(c("enum_add_values", moody, moody.withEnums(List.of(EnumType.of("mood", "awful", "sad", "ok", "great", "happy")))));
        out.add(c("enum_rename_value", moody, moody.withEnums(List.of(EnumType.of("mood", "sad", "fine", "happy")))));
        out.add(c("enum_renames_trade_labels", moody, moody.withEnums(List.of(EnumType.of("mood", "glad", "happy", "ok")))));
        out.add(c("enum_remove_value", moody.withEnums(List.of(EnumType.of("mood", "sad", "ok", "meh", "happy"))), moody));
        Table moods = Table.builder("moods").columns(Column.of("mood", "mood").notNull())
                .primaryKey(PrimaryKey.of("pk_moods", List.of("mood"))).build();
        Table days = Table.builder("days").columns(Column.of("id", "integer").notNull(), Column.of("mood", "mood"))
                .primaryKey(PrimaryKey.of("pk_days", List.of("id")))
                .foreignKey(ForeignKey.of("fk_days_mood_moods", List.of("mood"), "moods", List.of("mood"))).build();
        Schema keyed = Schema.of(List.of(moods, days), List.of(mood), List.of());
        out.add(c("enum_remove_value_under_foreign_key", keyed.withEnums(List.of(EnumType.of("mood", "sad", "ok", "meh", "happy"))),
                keyed));
        out.add(c("sequences", base, Schema.of(base.tables(), List.of(), List.of(Sequence.of("invoice_no").withStart(1000)))));
        out.add(c("alter_sequence", Schema.of(base.tables(), List.of(), List.of(Sequence.of("invoice_no"))),
                Schema.of(base.tables(), List.of(), List.of(new Sequence("invoice_no", "integer", 1000, 10)))));
        out.add(c("comments", base, withTable(base, replaceColumn(u.withComment("people who log in"),
                Column.of("name", "varchar(50)").withComment("display name")))));
        out.add(c("alter_column_convert", base, withTable(base, replaceColumn(o, Column.of("note", "integer")))));
        out.add(c("alter_column_casts_through_text_and_integer", moody, withTable(moody, replaceColumn(replaceColumn(withMood,
                Column.of("mood", "varchar(10)").notNull().withDefault("'ok'::character varying")),
                Column.of("active", "smallint").notNull().withDefault("1")))));
        out.add(c("serial_and_identity", Schema.empty(), Schema.of(List.of(Table.builder("events")
                .columns(Column.of("id", "bigint").notNull().withIdentity(Identity.SERIAL),
                        Column.of("seq", "integer").notNull().withIdentity(Identity.ALWAYS),
                        Column.of("at", "timestamp with time zone").notNull().withDefault("now()"))
                .primaryKey(PrimaryKey.of("pk_events", List.of("id"))).build()))));
        out.add(c("alter_column_to_identity", base, withTable(base, replaceColumn(u, Column.of("id", "integer").notNull()
                .withIdentity(Identity.BY_DEFAULT)))));
        out.add(c("alter_column_to_serial", base, withTable(base, replaceColumn(o, Column.of("id", "integer").notNull()
                .withIdentity(Identity.SERIAL)))));
        out.add(c("replace_referenced_primary_key", base, withTable(base, u.withPrimaryKey(PrimaryKey.of("users_pkey", List.of("id"))))));
        return out;
    }

    /** Cases of SQLite only. */
    static List<Case> sqlite() {
        List<Case> out = new ArrayList<>();
        out.add(c("autoincrement", Schema.empty(), Schema.of(List.of(Table.builder("events")
                .columns(Column.of("id", "integer").notNull().withIdentity(Identity.AUTOINCREMENT), Column.of("at", "datetime")
                        .withDefault("CURRENT_TIMESTAMP"))
                .primaryKey(PrimaryKey.of(List.of("id"))).build()))));
        Schema base = base();
        Table u = users();
        out.add(c("add_column_with_expression_default", base, withTable(base, u.withColumns(append(u.columns(),
                Column.of("created", "datetime").withDefault("CURRENT_TIMESTAMP"))))));
        out.add(c("rebuild_with_several_changes", base, withTable(base, Table.builder("users")
                .columns(Column.of("id", "integer").notNull(),
                        Column.of("email_address", "varchar(255)").notNull(),
                        Column.of("name", "varchar(80)").notNull().withDefault("''"),
                        Column.of("active", "boolean").notNull().withDefault("true"),
                        Column.of("tenant", "integer").notNull().withDefault("1"))
                .primaryKey(PrimaryKey.of("pk_users", List.of("id")))
                .unique(UniqueConstraint.of("uq_users_email", List.of("email_address")))
                .check(CheckConstraint.of("ck_users_tenant", "tenant > 0"))
                .index(Index.of("ix_users_name", List.of("name")))
                .build())));
        return out;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** Runs a rendered script in one transaction, as the migrator does. */
    static void run(Connection c, String sql, SqlSplitter.Flavor flavor) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (SqlSplitter.Statement st : SqlSplitter.split(sql, flavor)) {
                s.execute(st.sql());
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** New table name → old table name, for the renames among the changes. */
    static Map<String, String> renamedTables(List<SchemaChange> changes) {
        Map<String, String> renamed = new HashMap<>();
        changes.stream().filter(x -> x instanceof SchemaChange.RenameTable)
                .map(x -> (SchemaChange.RenameTable) x).forEach(r -> renamed.put(r.to(), r.from()));
        return renamed;
    }

    /** The tables of {@code reached} that existed (maybe under another name) before and keep the filled rows 1 and 2. */
    static Map<String, List<String>> rowsKept(Schema from, Schema reached, Map<String, String> renamedTables) {
        Map<String, List<String>> kept = new HashMap<>();
        for (Table t : reached.tables()) {
            String origin = renamedTables.getOrDefault(t.name(), t.name());
            if (from.table(origin).isPresent() && t.column("id").isPresent()) {
                kept.put(t.name(), List.of("1", "2"));
            }
        }
        return kept;
    }
}
