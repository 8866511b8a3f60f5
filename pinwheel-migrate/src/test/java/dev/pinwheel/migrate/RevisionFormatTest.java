package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lines compared with what Alembic 1.20 prints for the same graph (RevisionGraphTest.auditGraph). */
class RevisionFormatTest {

    private static List<Revision> withMerge() {
        List<Revision> revs = RevisionGraphTest.auditGraph();
        revs.add(ScriptFormat.parse(java.nio.file.Path.of("versions/eee000.sql"),
                "-- message: merge\n-- revision: eee000\n-- down_revision: ccc333, ddd111\n-- create_date: d\n\n"
                        + "-- +upgrade\n\n-- +downgrade\n"));
        return revs;
    }

    @Test
    void headsShowTheInheritedBranchLabel() {
        RevisionGraph g = RevisionGraph.of(RevisionGraphTest.auditGraph());
        RevisionFormat f = new RevisionFormat(g, Set.of());
        // alembic heads
        assertThat(g.heads().stream().map(r -> f.line(r, true, false, false, false)).toList())
                .containsExactlyInAnyOrder("ccc333 (head)", "ddd111 (feat) (head)");
    }

    @Test
    void historyShowsLabelsAndMergePoint() {
        RevisionGraph g = RevisionGraph.of(withMerge());
        RevisionFormat f = new RevisionFormat(g, Set.of());
        // alembic history
        assertThat(f.line(g.lookup("eee000"), true, true, true, true))
                .isEqualTo("ccc333, ddd111 -> eee000 (feat) (head) (mergepoint), merge");
        assertThat(f.line(g.lookup("ddd111"), true, true, true, true)).isEqualTo("bbb999 -> ddd111 (feat), ddd111");
        assertThat(f.line(g.lookup("ccc333"), true, true, true, true)).isEqualTo("bbb222 -> ccc333, ccc333");
        assertThat(f.line(g.lookup("6caf000000aa"), true, true, true, true))
                .isEqualTo("<base> -> 6caf000000aa (branchpoint), 6caf000000aa");
    }

    @Test
    void showNamesTheInheritedBranch() {
        RevisionGraph g = RevisionGraph.of(withMerge());
        String entry = new RevisionFormat(g, Set.of()).entry(g.lookup("eee000"));
        assertThat(entry).startsWith("Rev: eee000 (head) (mergepoint)\nMerges: ccc333, ddd111\nBranch names: feat\nPath: ");
    }

    @Test
    void aHeadOthersDependOnIsAnEffectiveHead() {
        // alembic history: `b1 -> c1 (effective head), c` when d1 depends on c1
        RevisionGraph g = RevisionGraph.of(List.of(Revision.of("b1", List.of()), Revision.of("c1", List.of("b1")).withMessage("c"),
                Revision.of("d1", List.of()).withDependsOn(List.of("c1"))));
        assertThat(new RevisionFormat(g, Set.of()).line(g.lookup("c1"), true, true, true, true)).isEqualTo("b1 -> c1 (effective head), c");
    }

    @Test
    void historyWalksEachBranchDownBeforeTheNextLikeAlembic() {
        // alembic 1.20.1 history for these ten revisions (merges r06 = r05 + r03, r07 = r02 + r04, r08 = r06 + r07)
        RevisionGraph g = RevisionGraph.of(List.of(Revision.of("r00", List.of()), Revision.of("r01", List.of("r00")),
                Revision.of("r02", List.of("r00")), Revision.of("r03", List.of("r00")), Revision.of("r04", List.of("r00")),
                Revision.of("r05", List.of("r01")), Revision.of("r06", List.of("r05", "r03")),
                Revision.of("r07", List.of("r02", "r04")), Revision.of("r08", List.of("r06", "r07"))));
        assertThat(HistoryRange.select(g, null, List.of())).extracting(Revision::id)
                .containsExactly("r08", "r06", "r05", "r01", "r07", "r02", "r03", "r04", "r00");
        // alembic history -r r02: (the revisions from r02 up)
        assertThat(HistoryRange.select(g, "r02:", List.of())).extracting(Revision::id).containsExactly("r08", "r07", "r02");
    }

    @Test
    void historyOfTheLabelledBranchAndItsMergeLikeAlembic() {
        List<Revision> revs = withMerge();
        RevisionGraph g = RevisionGraph.of(revs);
        // alembic history: the merge, then its first parent's line down, then the labelled branch
        assertThat(HistoryRange.select(g, null, List.of())).extracting(Revision::id)
                .containsExactly("eee000", "ccc333", "bbb222", "ddd111", "bbb999", "6caf000000aa");
    }
}
