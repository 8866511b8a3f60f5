package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptFormatTest {

    private static final Path FILE = Path.of("migrations/versions/abc_x.sql");

    @Test
    void renderedScriptsParseBack() {
        String text = ScriptFormat.render("abc", List.of("p1", "p2"), List.of("feature"), List.of("dep"), "merge things",
                "2026-01-01 00:00:00.000000", false, "CREATE TABLE t (x int);\n", "DROP TABLE t;\n");
        Revision r = ScriptFormat.parse(FILE, text);
        assertThat(r.id()).isEqualTo("abc");
        assertThat(r.downRevisions()).containsExactly("p1", "p2");
        assertThat(r.branchLabels()).containsExactly("feature");
        assertThat(r.dependsOn()).containsExactly("dep");
        assertThat(r.message()).isEqualTo("merge things");
        assertThat(r.transactional()).isFalse();
        assertThat(r.upgrade().sql()).isEqualTo("CREATE TABLE t (x int);\n\n");
        assertThat(r.upgrade().firstLine()).isEqualTo(10);
        assertThat(r.downgrade().sql()).isEqualTo("DROP TABLE t;\n");
        assertThat(r.downgrade().firstLine()).isEqualTo(13);
        assertThat(r.checksum()).hasSize(64);
    }

    @Test
    void brokenHeaderNamesFileLineAndColumn() {
        String text = "-- revision: abc\n-- down_revison: none\n\n-- +upgrade\n-- +downgrade\n";
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, text)).isInstanceOf(SourceError.class).hasMessage("""
                migrations/versions/abc_x.sql:2:4: unknown header key 'down_revison' (known: revision, down_revision, branch_labels, depends_on, message, create_date, transactional)
                  -- down_revison: none
                     ^^^^^^^^^^^^""");
    }

    @Test
    void badIdsAndMissingMarkersAreErrors() {
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, "-- revision: a b\n-- down_revision: none\n-- +upgrade\n-- +downgrade\n"))
                .hasMessageContaining(":1:14: a revision id is");
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, "-- revision: a\n-- down_revision: none\n-- +upgrade\n"))
                .hasMessageContaining("missing the '-- +downgrade' line");
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, "-- revision: a\n-- down_revision: x, x\n-- +upgrade\n-- +downgrade\n"))
                .hasMessageContaining("listed twice");
    }
}
