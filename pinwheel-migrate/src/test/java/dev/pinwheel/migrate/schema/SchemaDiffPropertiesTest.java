package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SchemaDiffPropertiesTest {

    /** Column order is not a difference (it cannot be changed in place), so compare without it. */
    static Schema normalized(Schema s) {
        return s.withTables(s.tables().stream()
                .map(t -> t.withColumns(t.columns().stream().sorted(Comparator.comparing(Column::name)).toList())).toList());
    }

    private static void roundTrip(Schema a, Schema b, DiffOptions options) {
        List<SchemaChange> changes = SchemaDiff.compare(a, b, options);
        Schema reached = a;
        for (SchemaChange c : changes) {
            reached = c.applyTo(reached);
            assertForeignKeysReferToExistingTables(reached, c);
        }
        assertThat(normalized(reached)).isEqualTo(normalized(b));
        assertThat(SchemaDiff.compare(reached, b, options)).isEmpty();
        Schema back = reached;
        for (SchemaChange c : SchemaChange.reverseAll(changes)) {
            back = c.applyTo(back);
            assertForeignKeysReferToExistingTables(back, c);
        }
        assertThat(normalized(back)).isEqualTo(normalized(a));
        changes.forEach(c -> assertThat(c.reverse().reverse()).isEqualTo(c));
    }

    /** The generated schemas only refer to their own tables, so every step in between must too: that is the ordering. */
    private static void assertForeignKeysReferToExistingTables(Schema s, SchemaChange after) {
        for (Table t : s.tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                assertThat(s.table(fk.referredTable())).as("after %s: %s refers to %s", after.description(), t.name(),
                        fk.referredTable()).isPresent();
            }
        }
    }

    @Property(tries = 200)
    void applyingTheDiffReachesTheTargetAndItsReverseComesBack(@ForAll long seedA, @ForAll long seedB, @ForAll boolean renames) {
        Schema a = RandomSchemas.generate(new Random(seedA));
        Schema b = RandomSchemas.generate(new Random(seedB));
        roundTrip(a, b, DiffOptions.defaults().withRenameDetection(renames));
    }

    @Property(tries = 200)
    void renamesAndEditsRoundTrip(@ForAll long seed, @ForAll boolean renames) {
        Random r = new Random(seed);
        Schema a = RandomSchemas.generate(r);
        Schema b = RandomSchemas.mutate(a, r);
        roundTrip(a, b, DiffOptions.defaults().withRenameDetection(renames));
    }

    @Property(tries = 200)
    void aSchemaHasNoDifferencesFromItself(@ForAll long seed) {
        Schema a = RandomSchemas.generate(new Random(seed));
        assertThat(SchemaDiff.compare(a, a, DiffOptions.defaults())).isEmpty();
    }
}
