package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.migrate.DbException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaModelTest {

    private static Table users() {
        return Table.builder("users")
                .columns(Column.of("id", "integer").notNull().withIdentity(Identity.SERIAL),
                        Column.of("email", "varchar(255)").notNull(),
                        Column.of("org_id", "integer"))
                .primaryKey(PrimaryKey.of("pk_users", List.of("id")))
                .foreignKey(ForeignKey.of("fk_users_org_id_orgs", List.of("org_id"), "orgs", List.of("id"))
                        .withActions(ReferentialAction.CASCADE, ReferentialAction.NO_ACTION))
                .unique(UniqueConstraint.of("uq_users_email", List.of("email")))
                .index(Index.of("ix_users_org_id", List.of("org_id")))
                .index(new Index(Optional.of("ix_users_lower_email"), false,
                        List.of(Index.Element.expression("lower((email)::text)")), Optional.of("org_id IS NOT NULL")))
                .build();
    }

    @Test
    void columnsAreEqualOnlyWhenEveryPropertyIs() {
        Column base = new Column("id", "integer", false, Optional.of("0"), Optional.of("key"), Identity.NONE);
        assertThat(new Column("id", "integer", false, Optional.of("0"), Optional.of("key"), Identity.NONE))
                .isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(List.of(base.withName("key"), base.withType("bigint"), base.withNullable(true),
                base.withDefault("1"), base.withDefault(null), base.withComment("id"), base.withComment(null),
                base.withDefault(null).withIdentity(Identity.SERIAL)))
                .allSatisfy(other -> assertThat(other).isNotEqualTo(base));
        assertThat(base).isNotEqualTo(null).isNotEqualTo("id");
    }

    @Test
    void constraintOrderFromTheCatalogDoesNotMatter() {
        Table a = users();
        Table b = a.withIndexes(List.of(a.indexes().get(1), a.indexes().get(0)));
        assertThat(b).isEqualTo(a);
        assertThat(Schema.of(List.of(a, Table.of("orgs", List.of(Column.of("id", "integer"))))))
                .isEqualTo(Schema.of(List.of(Table.of("orgs", List.of(Column.of("id", "integer"))), a)));
    }

    @Test
    void columnOrderIsKept() {
        assertThat(users().columns()).extracting(Column::name).containsExactly("id", "email", "org_id");
    }

    @Test
    void constraintsMayOnlyUseColumnsOfTheirTable() {
        assertThatThrownBy(() -> users().withPrimaryKey(PrimaryKey.of(List.of("uid"))))
                .isInstanceOf(DbException.class)
                .hasMessage("invalid schema: primary key in table users uses unknown column 'uid'");
        assertThatThrownBy(() -> users().withIndexes(List.of(Index.of("ix", List.of("nope")))))
                .hasMessage("invalid schema: index ix in table users uses unknown column 'nope'");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> Table.of("t", List.of(Column.of("a", "text"), Column.of("a", "integer"))))
                .hasMessage("invalid schema: duplicate column in table t 'a'");
        assertThatThrownBy(() -> users().withChecks(List.of(CheckConstraint.of("pk_users", "id > 0"))))
                .hasMessage("invalid schema: duplicate constraint name in table users 'pk_users'");
        assertThatThrownBy(() -> EnumType.of("mood", "sad", "sad"))
                .hasMessage("invalid schema: duplicate value of enum mood 'sad'");
        assertThatThrownBy(() -> Schema.of(List.of(Table.of("t", List.of()), Table.of("t", List.of()))))
                .hasMessage("invalid schema: duplicate table 't'");
    }

    @Test
    void foreignKeyColumnCountsMustAgree() {
        assertThatThrownBy(() -> ForeignKey.of(null, List.of("a", "b"), "t", List.of("id")))
                .hasMessage("invalid schema: foreign key [a, b] refers to 1 columns of t but has 2");
    }

    @Test
    void identityExcludesAServerDefault() {
        assertThatThrownBy(() -> Column.of("id", "integer").withDefault("0").withIdentity(Identity.ALWAYS))
                .hasMessage("invalid schema: column 'id' has both identity ALWAYS and a server default");
    }

    @Test
    void referentialActionsParseWordsAndCatalogCodes() {
        assertThat(ReferentialAction.parse("set null")).isEqualTo(ReferentialAction.SET_NULL);
        assertThat(ReferentialAction.parse("c")).isEqualTo(ReferentialAction.CASCADE);
        assertThat(ReferentialAction.parse("a")).isEqualTo(ReferentialAction.NO_ACTION);
        assertThatThrownBy(() -> ReferentialAction.parse("explode")).hasMessage("invalid schema: unknown referential action 'explode'");
    }

    @Test
    void indexColumnsLeaveExpressionsOut() {
        Index i = new Index(Optional.of("ix"), true, List.of(Index.Element.column("a"), Index.Element.expression("lower(b)")),
                Optional.empty());
        assertThat(i.columns()).containsExactly("a");
    }

    @Test
    void postgresTypesTakeTheirShortCanonicalNames() {
        assertThat(SqlTypes.normalize("postgresql", "character varying(50)")).isEqualTo("varchar(50)");
        assertThat(SqlTypes.normalize("postgresql", "CHARACTER VARYING")).isEqualTo("varchar");
        assertThat(SqlTypes.normalize("postgresql", "timestamp without time zone")).isEqualTo("timestamp");
        assertThat(SqlTypes.normalize("postgresql", "timestamp(3) with time zone")).isEqualTo("timestamp(3) with time zone");
        assertThat(SqlTypes.normalize("postgresql", "timestamptz")).isEqualTo("timestamp with time zone");
        assertThat(SqlTypes.normalize("postgresql", "TIMESTAMP(6) WITHOUT TIME ZONE")).isEqualTo("timestamp(6)");
        assertThat(SqlTypes.normalize("postgresql", "NUMERIC( 10 , 2 )")).isEqualTo("numeric(10,2)");
        assertThat(SqlTypes.normalize("postgresql", "int4")).isEqualTo("integer");
        assertThat(SqlTypes.normalize("postgresql", "int8")).isEqualTo("bigint");
        assertThat(SqlTypes.normalize("postgresql", "bool")).isEqualTo("boolean");
        assertThat(SqlTypes.normalize("postgresql", "double  precision")).isEqualTo("double precision");
        assertThat(SqlTypes.normalize("postgresql", "character varying(20)[]")).isEqualTo("varchar(20)[]");
        assertThat(SqlTypes.normalize("postgresql", "\"Mood\"")).isEqualTo("\"Mood\"");
    }

    @Test
    void sqliteTypesKeepTheirDeclaredWords() {
        assertThat(SqlTypes.normalize("sqlite", "INT")).isEqualTo("int");
        assertThat(SqlTypes.normalize("sqlite", "VARCHAR (50)")).isEqualTo("varchar(50)");
        assertThat(SqlTypes.normalize("sqlite", "DATETIME")).isEqualTo("datetime");
        assertThat(SqlTypes.normalize("sqlite", "")).isEqualTo("blob");
    }

    @Test
    void namingConventionNamesOnlyUnnamedObjects() {
        NamingConvention nc = NamingConvention.of(Map.of(
                "ix", "ix_%(column_0_label)s",
                "uq", "uq_%(table_name)s_%(column_0_name)s",
                "ck", "ck_%(table_name)s_%(constraint_name)s",
                "fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
                "pk", "pk_%(table_name)s"));
        Table t = Table.builder("orders")
                .columns(Column.of("id", "integer"), Column.of("user_id", "integer"), Column.of("code", "text"))
                .primaryKey(PrimaryKey.of(List.of("id")))
                .foreignKey(ForeignKey.of(null, List.of("user_id"), "users", List.of("id")))
                .unique(UniqueConstraint.of(null, List.of("code", "user_id")))
                .unique(UniqueConstraint.of("keep_me", List.of("user_id")))
                .index(Index.of(null, List.of("user_id")))
                .check(CheckConstraint.of(null, "id > 0"))
                .build();
        Table named = nc.apply(Schema.of(List.of(t))).tables().get(0);
        assertThat(named.primaryKey().orElseThrow().name()).contains("pk_orders");
        assertThat(named.foreignKeys().get(0).name()).contains("fk_orders_user_id_users");
        assertThat(named.uniqueConstraints()).extracting(u -> u.name().orElseThrow()).containsExactly("keep_me", "uq_orders_code");
        assertThat(named.indexes().get(0).name()).contains("ix_orders_user_id");
        // A check template needing constraint_name cannot name an unnamed check.
        assertThat(named.checks().get(0).name()).isEmpty();
    }

    @Test
    void namingConventionJoinsAllColumnsAndCutsLongNames() {
        NamingConvention nc = NamingConvention.of(Map.of("uq", "uq_%(table_name)s_%(column_0_N_name)s",
                "ix", "ix_%(column_0N_name)s"));
        assertThat(nc.name("uq", "t", List.of("a", "b", "c"), null, List.of(), null)).isEqualTo("uq_t_a_b_c");
        assertThat(nc.name("ix", "t", List.of("a", "b"), null, List.of(), null)).isEqualTo("ix_ab");
        String longName = nc.withMaxIdentifierLength(20).name("uq", "a_very_long_table_name", List.of("col"), null, List.of(), null);
        assertThat(longName).hasSize(17).startsWith("uq_a_very_lo_").matches("uq_a_very_lo_[0-9a-f]{4}");
        assertThatThrownBy(() -> NamingConvention.of(Map.of("xx", "a"))).hasMessageContaining("'xx' is not one of");
        assertThatThrownBy(() -> NamingConvention.of(Map.of("ix", "%(bogus)s"))).hasMessageContaining("unknown token %(bogus)s");
    }
}
