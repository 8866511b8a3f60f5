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

    private static String hint(Throwable e) {
        return ((SourceError) e).hint().orElse(null);
    }

    @Test
    void unknownKeyHintsTheClosestKnownKey() {
        String text = "-- revision: abc\n-- down_revison: none\n\n-- +upgrade\n-- +downgrade\n";
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, text))
                .satisfies(e -> assertThat(hint(e)).isEqualTo("did you mean 'down_revision'?"));
    }

    @Test
    void aHeaderLineWithoutColonHintsTheLineAsItShouldRead() {
        String text = "-- revision: abc\n-- down_revison 6caf000000aa\n\n-- +upgrade\n-- +downgrade\n";
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, text)).isInstanceOf(SourceError.class).hasMessage("""
                migrations/versions/abc_x.sql:2:4: expected 'key: value' in the header
                  -- down_revison 6caf000000aa
                     ^^^^^^^^^^^^^^^^^^^^^^^^^""")
                .satisfies(e -> assertThat(hint(e)).isEqualTo("write it as '-- down_revision: 6caf000000aa'"));
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, "-- revision: abc\n-- what is this\n-- +upgrade\n-- +downgrade\n"))
                .satisfies(e -> assertThat(hint(e)).startsWith("the header is '-- key: value' lines"));
    }

    @Test
    void aSecondUpgradeMarkerInPlaceOfTheDowngradeOneIsPointedAt() {
        String text = "-- revision: abc\n-- down_revision: none\n\n-- +upgrade\nCREATE TABLE t (x int);\n\n"
                + "-- +upgrade\nDROP TABLE t;\n\n";
        assertThatThrownBy(() -> ScriptFormat.parse(FILE, text)).isInstanceOf(SourceError.class).hasMessage("""
                migrations/versions/abc_x.sql:7:1: a second '-- +upgrade' line (the first is on line 4)
                  -- +upgrade
                  ^^^^^^^^^^^""")
                .satisfies(e -> assertThat(hint(e)).startsWith("did you mean '-- +downgrade'?"));
    }

    @Test
    void headerItemFindsTheNamedIdInItsLine() {
        String text = "-- revision: abc\n-- down_revision: p1, p12\n-- +upgrade\n-- down_revision: p12\n";
        assertThat(ScriptFormat.headerItem(text, "down_revision", "p12")).containsExactly(text.indexOf("p12"), 3);
        assertThat(ScriptFormat.headerItem(text, "down_revision", "p1")).containsExactly(text.indexOf("p1"), 2);
        assertThat(ScriptFormat.headerItem(text, "depends_on", "p1")).isNull();
    }
}
