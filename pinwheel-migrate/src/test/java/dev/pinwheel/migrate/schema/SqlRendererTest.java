package dev.pinwheel.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.testkit.Golden;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Golden SQL per dialect for every kind of change: upgrade and downgrade of each case in one file. */
class SqlRendererTest {

    static String render(String dialect, RenderCases.Case c) {
        List<SchemaChange> changes = SchemaDiff.compare(c.from(), c.to(), c.options());
        RenderedMigration m = SqlRenderer.forDialect(dialect).render(c.from(), changes);
        return "-- ===== upgrade\n" + m.upgradeSql() + "\n-- ===== downgrade\n" + m.downgradeSql();
    }

    private static Stream<DynamicTest> golden(String dialect, List<RenderCases.Case> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(dialect + "/" + c.name(),
                () -> Golden.assertMatches("schema/" + dialect + "/" + c.name() + ".sql", render(dialect, c))));
    }

    @TestFactory
    Stream<DynamicTest> postgres() {
        return Stream.concat(golden("postgresql", RenderCases.common()), golden("postgresql", RenderCases.postgres()));
    }

    @TestFactory
    Stream<DynamicTest> sqlite() {
        return Stream.concat(golden("sqlite", RenderCases.common()), golden("sqlite", RenderCases.sqlite()));
    }

    @Test
    void noChangesRenderNothing() {
        RenderedMigration m = SqlRenderer.forDialect("postgresql").render(RenderCases.base(), List.of());
        assertThat(m.isEmpty()).isTrue();
    }

    @Test
    void unknownDialectsAreRefused() {
        assertThatThrownBy(() -> SqlRenderer.forDialect("oracle")).hasMessage("no schema renderer for dialect 'oracle'");
    }

    @Test
    void sqliteRefusesEnumTypes() {
        assertThatThrownBy(() -> SqlRenderer.forDialect("sqlite").render(Schema.empty(),
                List.of(new SchemaChange.CreateEnum(EnumType.of("mood", "ok")))))
                .hasMessage("SQLite has no enum types or sequences: cannot render 'add enum type mood (ok)'");
    }
}
