package dev.pinwheel.resolver.pubgrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The generic solver over string packages and integer versions (the PubGrub documentation's examples). */
class SolverTest {

    /** package -> version -> list of (dependency, low, high) meaning dependency in [low, high). */
    static final class World implements DependencyProvider<String, Integer> {
        final Map<String, TreeMap<Integer, List<Object[]>>> packages = new LinkedHashMap<>();
        final List<String> seen = new ArrayList<>();
        int dependencyCalls;

        World add(String pkg, int version, Object... deps) {
            List<Object[]> list = new ArrayList<>();
            for (int i = 0; i < deps.length; i += 3) {
                list.add(new Object[] {deps[i], deps[i + 1], deps[i + 2]});
            }
            packages.computeIfAbsent(pkg, k -> new TreeMap<>()).put(version, list);
            return this;
        }

        @Override
        public long priority(String pkg, Ranges<Integer> allowed) {
            if (!seen.contains(pkg)) {
                seen.add(pkg);
            }
            return seen.indexOf(pkg);
        }

        @Override
        public Integer chooseVersion(String pkg, Ranges<Integer> allowed) {
            TreeMap<Integer, List<Object[]>> versions = packages.get(pkg);
            if (versions == null) {
                return null;
            }
            for (Integer v : versions.descendingKeySet()) {
                if (allowed.contains(v)) {
                    return v;
                }
            }
            return null;
        }

        @Override
        public Dependencies<String, Integer> dependencies(String pkg, Integer version) {
            dependencyCalls++;
            List<Edge<String, Integer>> edges = new ArrayList<>();
            for (Object[] d : packages.get(pkg).get(version)) {
                edges.add(Edge.requires((String) d[0], Ranges.between((Integer) d[1], (Integer) d[2]), null));
            }
            return Dependencies.of(edges);
        }

        Map<String, Integer> solve() {
            return Solver.solve(this, "root", 1);
        }

        String failure() {
            NoSolutionException e = catchThrowableOfType(NoSolutionException.class, this::solve);
            assertThat(e).as("expected no solution").isNotNull();
            return Reporter.report(e.<String, Integer>tree(), Reporter.plainFormatter());
        }
    }

    @Test
    void noConflicts() {
        World w = new World()
                .add("root", 1, "foo", 1, 2)
                .add("foo", 1, "bar", 1, 2)
                .add("bar", 1)
                .add("bar", 2);
        assertThat(w.solve()).containsExactly(Map.entry("root", 1), Map.entry("foo", 1), Map.entry("bar", 1));
    }

    @Test
    void avoidsAConflictDuringDecisionMaking() {
        World w = new World()
                .add("root", 1, "foo", 10, 20, "bar", 10, 20)
                .add("foo", 11, "bar", 20, 30)
                .add("foo", 10)
                .add("bar", 10).add("bar", 11).add("bar", 20);
        assertThat(w.solve()).containsEntry("foo", 10).containsEntry("bar", 11);
    }

    @Test
    void performsConflictResolution() {
        World w = new World()
                .add("root", 1, "foo", 1, 100)
                .add("foo", 2, "bar", 1, 2)
                .add("foo", 1)
                .add("bar", 1, "foo", 1, 2);
        assertThat(w.solve()).containsEntry("foo", 1).doesNotContainKey("bar");
    }

    @Test
    void conflictResolutionWithAPartialSatisfier() {
        // foo 1.1 needs left and right, which need incompatible shared versions.
        World w = new World()
                .add("root", 1, "foo", 10, 20, "target", 20, 30)
                .add("foo", 11, "left", 10, 20, "right", 10, 20)
                .add("foo", 10)
                .add("left", 10, "shared", 10, 1000)
                .add("right", 10, "shared", 0, 10)
                .add("shared", 20)
                .add("shared", 9, "target", 10, 20)
                .add("target", 20).add("target", 10);
        assertThat(w.solve()).containsEntry("foo", 10).containsEntry("target", 20);
    }

    @Test
    void linearErrorReporting() {
        World w = new World()
                .add("root", 1, "foo", 10, 20, "baz", 10, 20)
                .add("foo", 10, "bar", 20, 30)
                .add("bar", 20, "baz", 30, 40)
                .add("baz", 10).add("baz", 30);
        assertThat(w.failure()).isEqualTo("""
                Because foo [10, 20) depends on bar [20, 30) and bar [20, 30) depends on baz [30, 40), foo [10, 20) depends on baz [30, 40).
                And because root 1 depends on foo [10, 20) and root 1 depends on baz [10, 20), root 1 is forbidden.""");
    }

    @Test
    void branchingErrorReportingNumbersSharedLines() {
        World w = new World()
                .add("root", 1, "foo", 10, 20)
                .add("foo", 10, "a", 10, 20, "b", 10, 20)
                .add("foo", 11, "x", 10, 20, "y", 10, 20)
                .add("a", 10, "b", 20, 30)
                .add("b", 10).add("b", 20)
                .add("x", 10, "y", 20, 30)
                .add("y", 10).add("y", 20);
        String report = w.failure();
        assertThat(report).contains("(1)").endsWith("root 1 is forbidden.");
        assertThat(report.lines().filter(String::isEmpty).count()).isEqualTo(1);
    }

    @Test
    void missingPackageIsReported() {
        World w = new World().add("root", 1, "ghost", 1, 2);
        assertThat(w.failure()).isEqualTo(
                "Because there is no version of ghost in [1, 2) and root 1 depends on ghost [1, 2), root 1 is forbidden.");
    }

    @Test
    void askesForDependenciesOncePerVersion() {
        World w = new World()
                .add("root", 1, "a", 0, 100, "b", 0, 100)
                .add("a", 2, "c", 2, 3).add("a", 1, "c", 1, 2)
                .add("b", 2, "c", 1, 2).add("b", 1, "c", 1, 2)
                .add("c", 2).add("c", 1);
        assertThat(w.solve()).containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 1);
        assertThat(w.dependencyCalls).isLessThanOrEqualTo(6);
    }

    @Test
    void chooseOutsideAllowedIsABug() {
        DependencyProvider<String, Integer> bad = new World().add("root", 1, "a", 1, 2).add("a", 5);
        World w = (World) bad;
        w.packages.get("a").put(1, List.of());
        assertThat(w.solve()).containsEntry("a", 1);
        DependencyProvider<String, Integer> liar = new DependencyProvider<>() {
            @Override
            public long priority(String pkg, Ranges<Integer> allowed) {
                return 0;
            }

            @Override
            public Integer chooseVersion(String pkg, Ranges<Integer> allowed) {
                return 7;
            }

            @Override
            public Dependencies<String, Integer> dependencies(String pkg, Integer version) {
                return pkg.equals("root") ? Dependencies.of(List.of(Edge.requires("a", Ranges.singleton(1), null)))
                        : Dependencies.of(List.of());
            }
        };
        assertThatThrownBy(() -> Solver.solve(liar, "root", 7)).isInstanceOf(IllegalStateException.class);
    }

    // ---- exhaustive comparison with brute force on small random worlds ----

    @Property(tries = 400)
    void agreesWithBruteForce(@ForAll("worlds") World w) {
        Map<String, Integer> solution;
        try {
            solution = w.solve();
        } catch (NoSolutionException e) {
            assertThat(bruteForce(w)).as("brute force found a solution").isFalse();
            assertThat(Reporter.report(e.<String, Integer>tree(), Reporter.plainFormatter())).isNotBlank();
            return;
        }
        assertThat(valid(w, solution)).as("solution %s", solution).isTrue();
    }

    static boolean valid(World w, Map<String, Integer> sel) {
        if (!Integer.valueOf(1).equals(sel.get("root"))) {
            return false;
        }
        for (Map.Entry<String, Integer> e : sel.entrySet()) {
            TreeMap<Integer, List<Object[]>> versions = w.packages.get(e.getKey());
            if (versions == null || !versions.containsKey(e.getValue())) {
                return false;
            }
            for (Object[] d : versions.get(e.getValue())) {
                Integer v = sel.get((String) d[0]);
                if (v == null || v < (Integer) d[1] || v >= (Integer) d[2]) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean bruteForce(World w) {
        List<String> names = new ArrayList<>(w.packages.keySet());
        return search(w, names, 0, new LinkedHashMap<>());
    }

    private static boolean search(World w, List<String> names, int i, Map<String, Integer> sel) {
        if (i == names.size()) {
            return valid(w, sel);
        }
        String name = names.get(i);
        if (!name.equals("root") && search(w, names, i + 1, sel)) {
            return true;
        }
        for (Integer v : w.packages.get(name).keySet()) {
            sel.put(name, v);
            if (search(w, names, i + 1, sel)) {
                return true;
            }
            sel.remove(name);
        }
        return false;
    }

    @Provide
    Arbitrary<World> worlds() {
        String[] names = {"a", "b", "c", "d", "e"};
        Arbitrary<Object[]> dep = Arbitraries.of(names).flatMap(n -> Arbitraries.integers().between(1, 4)
                .flatMap(lo -> Arbitraries.integers().between(lo, 5).map(hi -> new Object[] {n, lo, hi})));
        Arbitrary<List<Object[]>> deps = dep.list().ofMaxSize(3);
        return deps.list().ofSize(1 + names.length * 3).map(all -> {
            World w = new World();
            List<Object[]> rootDeps = all.get(0);
            w.add("root", 1, flatten(rootDeps));
            int k = 1;
            for (String n : names) {
                for (int v = 1; v <= 3; v++) {
                    List<Object[]> ds = all.get(k++).stream().filter(d -> !d[0].equals(n)).toList();
                    w.add(n, v, flatten(ds));
                }
            }
            return w;
        });
    }

    private static Object[] flatten(List<Object[]> deps) {
        List<Object> out = new ArrayList<>();
        for (Object[] d : deps) {
            out.add(d[0]);
            out.add(d[1]);
            out.add(d[2]);
        }
        return out.toArray();
    }
}
