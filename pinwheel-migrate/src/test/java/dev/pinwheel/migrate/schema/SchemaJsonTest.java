package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SchemaJsonTest {

    /** Texts that JSON must escape or that are easy to mangle: quotes, backslashes, line breaks, non-ASCII. */
    private static final String[] AWKWARD = {"it's \"quoted\"", "back\\slash", "two\nlines\ttab", "é ß 日本 😀", "",
            "{\"looks\": [\"like json\"]}", "\u0000\u001f"};

    /** RandomSchemas' schemas, with every identity, every referential action, odd sequences and awkward text. */
    private static Schema varied(Random r) {
        Schema s = RandomSchemas.generate(r);
        List<Table> tables = s.tables().stream().map(t -> {
            List<Column> columns = t.columns().stream().map(c -> {
                Column out = c;
                if (r.nextInt(3) == 0) {
                    out = out.withDefault(null).withIdentity(Identity.values()[r.nextInt(Identity.values().length)]);
                }
                if (r.nextInt(3) == 0) {
                    out = out.withComment(AWKWARD[r.nextInt(AWKWARD.length)]);
                }
                if (out.identity() == Identity.NONE && r.nextInt(4) == 0) {
                    out = out.withDefault("'" + AWKWARD[r.nextInt(AWKWARD.length)].replace("'", "''") + "'::text");
                }
                return out;
            }).toList();
            Table out = t.withColumns(columns).withForeignKeys(t.foreignKeys().stream().map(fk -> fk.withActions(
                    ReferentialAction.values()[r.nextInt(ReferentialAction.values().length)],
                    ReferentialAction.values()[r.nextInt(ReferentialAction.values().length)])).toList());
            if (r.nextBoolean()) {
                out = out.withChecks(List.of(CheckConstraint.of("ck_" + t.name() + "_odd",
                        "c0 <> '" + AWKWARD[r.nextInt(AWKWARD.length)].replace("'", "''") + "'")));
            }
            return r.nextInt(3) == 0 ? out.withComment(AWKWARD[r.nextInt(AWKWARD.length)]) : out;
        }).toList();
        List<Sequence> sequences = s.sequences().stream()
                .map(q -> q.withStart(r.nextLong()).withIncrement(r.nextBoolean() ? -1 : Long.MAX_VALUE)).toList();
        return Schema.of(tables, s.enums(), sequences);
    }

    @Property(tries = 300)
    void everySchemaReadsBackEqual(@ForAll long seed) {
        Random r = new Random(seed);
        Schema s = varied(r);
        assertThat(SchemaJson.read(SchemaJson.write(s))).isEqualTo(s);
        Schema pg = RandomSchemas.forPostgres(RandomSchemas.generate(r));
        assertThat(SchemaJson.read(SchemaJson.write(pg))).isEqualTo(pg);
        Schema lite = RandomSchemas.forSqlite(RandomSchemas.generate(r));
        assertThat(SchemaJson.read(SchemaJson.write(lite))).isEqualTo(lite);
    }

    @Test
    void absentAndEmptyAreDifferent() {
        Table t = Table.builder("t").column(Column.of("a", "text").withComment("").withDefault("''"))
                .column(Column.of("b", "text")).primaryKey(PrimaryKey.of(List.of("a")))
                .index(new Index(Optional.empty(), true, List.of(Index.Element.expression("lower(a)")), Optional.of("b IS NULL")))
                .build();
        Schema s = Schema.of(List.of(t));
        Schema back = SchemaJson.read(SchemaJson.write(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.table("t").orElseThrow().column("a").orElseThrow().comment()).contains("");
        assertThat(back.table("t").orElseThrow().column("b").orElseThrow().comment()).isEmpty();
        assertThat(back.table("t").orElseThrow().primaryKey().orElseThrow().name()).isEmpty();
    }

    @Test
    void damagedDocumentsAreRefusedNotMisread() {
        String good = SchemaJson.write(Schema.of(List.of(Table.of("t", List.of(Column.of("a", "integer"))))));
        assertThat(SchemaJson.read(good).tables()).hasSize(1);
        for (String bad : List.of(good.substring(0, good.length() / 2), "", "[]", "{}", good + "x",
                good.replace("\"integer\"", "7"), good.replace("NONE", "SOMETIMES"), good.replace("\"a\"", "\"\""),
                good.replace("\"nullable\":true", "\"nullable\":null"))) {
            assertThatThrownBy(() -> SchemaJson.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a schema document");
        }
    }
}
