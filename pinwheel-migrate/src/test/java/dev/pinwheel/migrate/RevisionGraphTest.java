package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionGraphTest {

    static Revision rev(String id, String... parents) {
        return Revision.of(id, List.of(parents));
    }

    /** a1 <- b2 <- c3, c3 <- d4 (branch x), c3 <- e5; d4 + e5 <- f6 (merge). */
    static RevisionGraph branched() {
        return RevisionGraph.of(List.of(rev("a1"), rev("b2", "a1"), rev("c3", "b2"), rev("d4", "c3").withLabels(List.of("x")),
                rev("e5", "c3"), rev("f6", "d4", "e5")));
    }

    static List<String> ids(List<Revision> revs) {
        return revs.stream().map(Revision::id).toList();
    }

    @Test
    void headsAndBasesOfALinearChain() {
        RevisionGraph g = RevisionGraph.of(List.of(rev("c", "b"), rev("a"), rev("b", "a")));
        assertThat(ids(g.heads())).containsExactly("c");
        assertThat(ids(g.bases())).containsExactly("a");
        assertThat(ids(g.topological())).containsExactly("a", "b", "c");
    }

    @Test
    void twoRevisionsOnOneHeadGiveTwoHeadsAndABranchPoint() {
        RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "a")));
        assertThat(ids(g.heads())).containsExactly("b", "c");
        assertThat(g.isBranchPoint(g.lookup("a"))).isTrue();
    }

    @Test
    void mergePointJoinsHeads() {
        RevisionGraph g = branched();
        assertThat(ids(g.heads())).containsExactly("f6");
        assertThat(g.lookup("f6").isMergePoint()).isTrue();
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a"), rev("a"))))
                .hasMessageContaining("revision id 'a' is used twice");
    }

    @Test
    void unknownParentIsNamed() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a"), rev("b", "zz"))))
                .hasMessageContaining("revision b").hasMessageContaining("down_revision 'zz', which does not exist");
    }

    @Test
    void cyclesAreFound() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a"), rev("b", "c"), rev("c", "b"))))
                .hasMessageContaining("closes a cycle: b -> c -> b");
    }

    @Test
    void unknownDependencyIsRefused() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a").withDependsOn(List.of("nope")))))
                .hasMessageContaining("depends on 'nope'");
    }

    @Test
    void dependsOnOrdersTheDependencyFirstButKeepsItAHead() {
        RevisionGraph g = RevisionGraph.of(List.of(rev("b1"), rev("a1"), rev("a2", "a1").withDependsOn(List.of("b1"))));
        assertThat(ids(g.heads())).containsExactly("b1", "a2");
        assertThat(ids(g.ordered(g.ancestorsOf(List.of(g.lookup("a2"))), false))).containsExactly("a1", "b1", "a2");
    }

    @Test
    void partialIdsResolveAndAmbiguousPrefixesListCandidates() {
        RevisionGraph g = RevisionGraph.of(List.of(rev("abc123"), rev("abd456", "abc123"), rev("ffff", "abd456")));
        assertThat(g.lookup("abc").id()).isEqualTo("abc123");
        assertThat(g.lookup("f").id()).isEqualTo("ffff");
        assertThatThrownBy(() -> g.lookup("ab")).hasMessage("Multiple revisions start with 'ab': 'abc123', 'abd456'");
        assertThatThrownBy(() -> g.lookup("zz")).hasMessage("Can't locate revision identified by 'zz'");
    }

    @Test
    void targetFormsResolve() {
        RevisionGraph g = branched();
        List<Revision> none = List.of();
        assertThat(ids(Targets.resolve(g, "head", none, true))).containsExactly("f6");
        assertThat(ids(Targets.resolve(g, "heads", none, true))).containsExactly("f6");
        assertThat(ids(Targets.resolve(g, "base", none, true))).isEmpty();
        assertThat(ids(Targets.resolve(g, "a1+2", none, true))).containsExactly("c3");
        assertThat(ids(Targets.resolve(g, "c3-2", none, true))).containsExactly("a1");
        assertThat(ids(Targets.resolve(g, "+1", none, true))).containsExactly("a1");
        assertThat(ids(Targets.resolve(g, "+2", List.of(g.lookup("a1")), true))).containsExactly("c3");
        assertThat(ids(Targets.resolve(g, "-1", List.of(g.lookup("b2")), false))).containsExactly("a1");
        assertThat(ids(Targets.resolve(g, "-1", List.of(g.lookup("a1")), false))).isEmpty();
        assertThat(ids(Targets.resolve(g, "x", none, true))).containsExactly("d4");
        assertThat(ids(Targets.resolve(g, "x@head", none, true))).containsExactly("f6");
        assertThat(ids(Targets.resolve(g, "x@base", none, true))).containsExactly("c3");
        assertThatThrownBy(() -> Targets.resolve(g, "c3+1", none, true)).hasMessageContaining("c3 branches into d4, e5");
        assertThatThrownBy(() -> Targets.resolve(g, "f6-1", none, true)).hasMessageContaining("f6 merges d4, e5");
        assertThatThrownBy(() -> Targets.resolve(g, "a1-2", none, true)).hasMessageContaining("goes past base");
    }

    @Test
    void headRefusesWithSeveralHeadsAndHintsAtMerge() {
        RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "a")));
        assertThatThrownBy(() -> Targets.upgradeTo(g, "head", List.of()))
                .hasMessageContaining("Multiple head revisions").hasMessageContaining("b, c")
                .satisfies(e -> assertThat(((DbException) e).hint()).get().asString().contains("pinwheel db merge"));
    }

    @Test
    void upgradePlanAppliesMissingRevisionsParentsFirstAndMovesRows() {
        RevisionGraph g = branched();
        List<Step> steps = Planner.upgrade(g, List.of(g.lookup("b2")), Targets.upgradeTo(g, "heads", List.of()));
        assertThat(steps).extracting(s -> s.revision().id()).containsExactly("c3", "d4", "e5", "f6");
        assertThat(steps.get(0).removed()).containsExactly("b2");
        assertThat(steps.get(1).removed()).containsExactly("c3");
        assertThat(steps.get(2).removed()).isEmpty(); // c3 is no longer a row once d4 replaced it
        assertThat(steps.get(3).removed()).containsExactly("d4", "e5");
    }

    @Test
    void downgradeThroughAMergeBringsBackBothParents() {
        RevisionGraph g = branched();
        List<Step> steps = Planner.downgrade(g, List.of(g.lookup("f6")), Targets.downgradeRemoval(g, "c3", List.of(g.lookup("f6"))));
        assertThat(steps).extracting(s -> s.revision().id()).containsExactly("f6", "e5", "d4");
        assertThat(steps.get(0).added()).containsExactly("d4", "e5");
        assertThat(steps.get(1).added()).isEmpty();
        assertThat(steps.get(2).added()).containsExactly("c3");
    }

    @Test
    void downgradeBaseRemovesEverythingAppliedNewestFirst() {
        RevisionGraph g = branched();
        List<Step> steps = Planner.downgrade(g, List.of(g.lookup("c3")), Targets.downgradeRemoval(g, "base", List.of()));
        assertThat(steps).extracting(s -> s.revision().id()).containsExactly("c3", "b2", "a1");
        assertThat(steps.get(2).added()).isEmpty();
    }

    @Test
    void stampReplacesRowsOnTheSameLineOnly() {
        RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c"), rev("d", "c")));
        assertThat(Planner.stampRows(g, List.of("a", "c"), List.of(g.lookup("b")), false)).containsExactly("c", "b");
        assertThat(Planner.stampRows(g, List.of("a", "c"), List.of(g.lookup("b")), true)).containsExactly("b");
        assertThat(Planner.stampRows(g, List.of("b", "d"), List.of(), false)).isEmpty();
    }

    @Test
    void tenThousandRevisionsAreHandledWithoutDeepRecursion() {
        List<Revision> revs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            revs.add(i == 0 ? rev("r0") : rev("r" + i, "r" + (i - 1)));
        }
        RevisionGraph g = RevisionGraph.of(revs);
        assertThat(ids(g.heads())).containsExactly("r9999");
        BitSet all = g.ancestorsOf(g.heads());
        assertThat(all.cardinality()).isEqualTo(10_000);
        assertThat(Planner.upgrade(g, List.of(), g.heads())).hasSize(10_000);
    }

    private static Revision script(String id, String down, String labels, String depends, String date) {
        String text = "-- message: " + id + "\n-- revision: " + id + "\n-- down_revision: " + down + "\n-- branch_labels: "
                + labels + "\n-- depends_on: " + depends + "\n-- create_date: " + date + "\n\n-- +upgrade\n\n-- +downgrade\n";
        return ScriptFormat.parse(java.nio.file.Path.of("versions/" + id + ".sql"), text);
    }

    private static String hint(Throwable e) {
        return ((DbException) e).hint().orElse(null);
    }

    /** The audit's graph: 6caf <- bbb222 <- ccc333, 6caf <- bbb999 (feat) <- ddd111. */
    static List<Revision> auditGraph() {
        return new ArrayList<>(List.of(script("6caf000000aa", "none", "", "", "2026-01-01 00:00:00"),
                script("bbb222", "6caf000000aa", "", "", "2026-01-02 00:00:00"),
                script("ccc333", "bbb222", "", "", "2026-01-03 00:00:00"),
                script("bbb999", "6caf000000aa", "feat", "", "2026-01-04 00:00:00"),
                script("ddd111", "bbb999", "", "", "2026-01-05 00:00:00")));
    }

    @Test
    void aCycleNamesOnlyItsRevisionsAndPointsAtTheDownRevisionThatClosesIt() {
        List<Revision> revs = auditGraph();
        revs.set(1, script("bbb222", "ccc333", "", "", "2026-01-02 00:00:00"));
        revs.add(script("eee000", "ccc333, ddd111", "", "", "2026-01-06 00:00:00"));
        assertThatThrownBy(() -> RevisionGraph.of(revs)).isInstanceOf(SourceError.class).hasMessage("""
                versions/bbb222.sql:3:19: revision bbb222 has down_revision 'ccc333', which closes a cycle: bbb222 -> ccc333 -> bbb222
                  -- down_revision: ccc333
                                    ^^^^^^""");
    }

    @Test
    void aCycleThroughDependsOnIsFoundToo() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a"), rev("b", "a").withDependsOn(List.of("d")), rev("c", "b"),
                rev("d", "c"))))
                .hasMessage("revision b has depends_on 'd', which closes a cycle: b -> d -> c -> b");
    }

    @Test
    void anUnknownDownRevisionPointsAtTheHeaderAndSuggestsClosestIds() {
        List<Revision> revs = auditGraph();
        revs.set(1, script("bbb222", "6caf000000ab", "", "", "2026-01-02 00:00:00"));
        assertThatThrownBy(() -> RevisionGraph.of(revs)).isInstanceOf(SourceError.class).hasMessage("""
                versions/bbb222.sql:3:19: revision bbb222 has down_revision '6caf000000ab', which does not exist
                  -- down_revision: 6caf000000ab
                                    ^^^^^^^^^^^^""")
                .satisfies(e -> assertThat(hint(e)).isEqualTo("did you mean '6caf000000aa'? If not, restore the missing script"));
    }

    @Test
    void anUnknownDependencyPointsAtTheHeaderAndSuggestsLabelsToo() {
        List<Revision> revs = auditGraph();
        revs.add(script("fff000", "ccc333", "", "fet", "2026-01-06 00:00:00"));
        assertThatThrownBy(() -> RevisionGraph.of(revs)).isInstanceOf(SourceError.class).hasMessage("""
                versions/fff000.sql:5:16: revision fff000 depends on 'fet', which is neither a revision nor a branch label
                  -- depends_on: fet
                                 ^^^""")
                .satisfies(e -> assertThat(hint(e)).isEqualTo("did you mean 'feat'? If not, restore the missing script"));
    }

    @Test
    void aReusedBranchLabelNamesTheOtherScript() {
        List<Revision> revs = auditGraph();
        revs.add(script("fff000", "ccc333", "feat", "", "2026-01-06 00:00:00"));
        assertThatThrownBy(() -> RevisionGraph.of(revs)).isInstanceOf(SourceError.class).hasMessage("""
                versions/fff000.sql:4:19: branch label 'feat' is on two revisions: bbb999 (bbb999.sql) and fff000
                  -- branch_labels: feat
                                    ^^^^""")
                .satisfies(e -> assertThat(hint(e)).isEqualTo("a branch label names one branch; rename it here or remove it from bbb999.sql"));
    }

    @Test
    void labelsSpreadLikeAlembicsAlongTheLabelledBranchAndThroughMerges() {
        List<Revision> revs = auditGraph();
        RevisionGraph before = RevisionGraph.of(revs);
        assertThat(before.labelsOf(before.lookup("ddd111"))).containsExactly("feat");
        assertThat(before.labelsOf(before.lookup("bbb999"))).containsExactly("feat");
        assertThat(before.labelsOf(before.lookup("6caf000000aa"))).isEmpty();
        assertThat(before.labelsOf(before.lookup("ccc333"))).isEmpty();
        revs.add(script("eee000", "ccc333, ddd111", "", "", "2026-01-06 00:00:00"));
        RevisionGraph after = RevisionGraph.of(revs);
        assertThat(after.labelsOf(after.lookup("eee000"))).containsExactly("feat");
        assertThat(after.labelsOf(after.lookup("ccc333"))).isEmpty();
    }

    @Test
    void aLabelInTheMiddleOfAnUnbranchedChainNamesTheWholeChain() {
        // Alembic: `a1 -> b1 (x)` with b1 labelled x also shows `<base> -> a1 (x)`.
        RevisionGraph g = RevisionGraph.of(List.of(rev("a1"), rev("b1", "a1").withLabels(List.of("x")), rev("c1", "b1")));
        assertThat(g.labelsOf(g.lookup("a1"))).containsExactly("x");
        // ...but not when the labelled part branches: then only b1 and what is built on it.
        RevisionGraph h = RevisionGraph.of(List.of(rev("a1"), rev("b1", "a1").withLabels(List.of("x")), rev("c1", "b1"),
                rev("c2", "b1")));
        assertThat(h.labelsOf(h.lookup("a1"))).isEmpty();
        assertThat(h.labelsOf(h.lookup("c2"))).containsExactly("x");
    }
}
