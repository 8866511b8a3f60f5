package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptDirectoryTest {

    @TempDir
    Path versions;

    private void script(String id, List<String> down) throws Exception {
        Files.writeString(versions.resolve(id + "_x.sql"), ScriptFormat.render(id, down, List.of(), List.of(), "rev " + id,
                "2026-01-01 00:00:00.000000", true, "CREATE TABLE t" + id + " (x int);\n", "DROP TABLE t" + id + ";\n"));
    }

    @Test
    void scriptsAreReadAsUtf8AndOtherBytesAreRefusedWithTheFileNamed() throws Exception {
        script("a1", List.of());
        Path file = versions.resolve("a1_x.sql");
        String text = Files.readString(file).replace("-- message: rev a1", "-- message: café ☕ 𝄞");
        Files.writeString(file, text);
        assertThat(ScriptDirectory.readUtf8(file)).isEqualTo(text);
        assertThat(ScriptDirectory.load(versions).graph().get("a1").orElseThrow().message()).isEqualTo("café ☕ 𝄞");
        // Latin-1, as an editor might save it: not UTF-8.
        Files.write(file, text.replace("café ☕ 𝄞", "caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ScriptDirectory.load(versions)).isInstanceOf(DbException.class)
                .hasMessageContaining("cannot read " + file);
        // Files that do not end in .sql are not scripts; a folder named like one cannot be read.
        Files.writeString(versions.resolve("notes.txt"), "not a script");
        Files.delete(file);
        assertThat(ScriptDirectory.load(versions).graph().heads()).isEmpty();
        Files.createDirectory(versions.resolve("b2_x.sql"));
        assertThatThrownBy(() -> ScriptDirectory.load(versions)).isInstanceOf(DbException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void wordsSplitAtRunsOfBlanksLikeTheRegexDid() {
        assertThat(ScriptDirectory.words("a  b\tc \u000B d")).containsExactly("a", "b", "c", "d");
        assertThat(ScriptDirectory.words("one")).containsExactly("one");
        assertThat(ScriptDirectory.words("")).isEmpty();
    }

    @Test
    void aSumFileRealignedWithTabsAndSpacesStillAgreesAndAnEditIsFound() throws Exception {
        script("a1", List.of());
        script("b2", List.of("a1"));
        ScriptDirectory.load(versions).writeSums();
        Path sums = versions.resolve("pinwheel.sum");
        String text = Files.readString(sums);
        Files.writeString(sums, text.replace(" ", " \t  "));
        assertThat(ScriptDirectory.load(versions).checkSums().problems()).isEmpty();
        assertThat(ScriptDirectory.load(versions).checkSums().edited()).isEmpty();

        Files.writeString(versions.resolve("b2_x.sql"), Files.readString(versions.resolve("b2_x.sql")).replace("x int", "y int"));
        ScriptDirectory.SumCheck edited = ScriptDirectory.load(versions).checkSums();
        assertThat(edited.problems()).isEmpty();
        assertThat(edited.edited()).containsExactly("b2");
    }

    @Test
    void checksumsTakenWhileReadingEqualThoseTakenLaterOnEveryThread() throws Exception {
        // Enough scripts to be read on several threads; one gets Windows line endings (its checksum
        // is of the text with them normalized), one a label (the graph copies labelled revisions).
        for (int i = 0; i < 600; i++) {
            script(String.format("r%04d", i), i == 0 ? List.of() : List.of(String.format("r%04d", i - 1)));
        }
        String before = ScriptDirectory.load(versions).graph().get("r0007").orElseThrow().checksum();
        Path crlf = versions.resolve("r0007_x.sql");
        Files.writeString(crlf, Files.readString(crlf).replace("\n", "\r\n"));
        Path labelled = versions.resolve("r0000_x.sql");
        Files.writeString(labelled, Files.readString(labelled).replace("-- branch_labels:", "-- branch_labels: core"));

        RevisionGraph eager = ScriptDirectory.load(versions, true).graph();
        RevisionGraph lazy = ScriptDirectory.load(versions).graph();
        assertThat(eager.get("r0000").orElseThrow().branchLabels()).containsExactly("core");
        assertThat(eager.get("r0007").orElseThrow().checksum()).isEqualTo(before);
        for (Revision r : lazy.topological()) {
            assertThat(eager.get(r.id()).orElseThrow().checksum()).as(r.id()).isEqualTo(r.checksum()).hasSize(64);
        }
        assertThat(lazy.topological().stream().map(Revision::checksum).distinct()).hasSize(600);
    }
}
