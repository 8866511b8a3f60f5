package dev.pinwheel.resolver.pubgrub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PubGrub version solving (Natalie Weizenbaum's algorithm, as in Dart's pub and pubgrub-rs):
 * unit propagation over incompatibilities, decisions by the provider's priority, and on a
 * conflict the resolution rule to learn a new incompatibility and backjump to the level where it
 * becomes almost satisfied.
 *
 * <p>Single-threaded and not reusable: one instance solves one problem.
 */
public final class Solver<P, V extends Comparable<V>> {

    private static final int SATISFIED = -1;
    private static final int CONTRADICTED = -2;
    private static final int INCONCLUSIVE = -3;

    private final DependencyProvider<P, V> provider;
    private final P root;
    private final V rootVersion;

    private final Map<P, List<Incompatibility<P, V>>> byPackage = new HashMap<>();
    private final List<Incompatibility<P, V>> contradicted = new ArrayList<>();
    private final Map<P, Set<V>> dependenciesAdded = new HashMap<>();

    // The partial solution: per package its derivations and decision, in first-assignment order.
    private final LinkedHashMap<P, Assignments<P, V>> assignments = new LinkedHashMap<>();
    private int level;
    private int nextIndex;

    private Solver(DependencyProvider<P, V> provider, P root, V rootVersion) {
        this.provider = provider;
        this.root = root;
        this.rootVersion = rootVersion;
    }

    /**
     * Finds versions for the root and everything it needs, or throws {@link NoSolutionException}
     * with the proof that none exist.
     *
     * @return the chosen version of every selected package (the root included), in decision order
     */
    public static <P, V extends Comparable<V>> Map<P, V> solve(DependencyProvider<P, V> provider, P root, V rootVersion) {
        return new Solver<>(provider, root, rootVersion).run();
    }

    private Map<P, V> run() {
        addIncompatibility(Incompatibility.external(new DerivationTree.NotRoot<>(root, rootVersion)));
        P next = root;
        while (true) {
            propagate(next);
            P best = null;
            Assignments<P, V> bestAssignments = null;
            long bestPriority = Long.MAX_VALUE;
            for (Map.Entry<P, Assignments<P, V>> e : assignments.entrySet()) {
                Assignments<P, V> a = e.getValue();
                if (a.decision == null && a.accumulated.positive()) {
                    // Priorities depend only on the allowed set: ask again only when it changed.
                    if (a.priorityFor != a.accumulated) {
                        a.priority = provider.priority(e.getKey(), a.accumulated.set());
                        a.priorityFor = a.accumulated;
                    }
                    long priority = a.priority;
                    if (best == null || priority < bestPriority) {
                        best = e.getKey();
                        bestAssignments = a;
                        bestPriority = priority;
                    }
                }
            }
            if (best == null) {
                Map<P, V> solution = new LinkedHashMap<>();
                assignments.values().stream()
                        .filter(a -> a.decision != null)
                        .sorted((x, y) -> Integer.compare(x.decisionIndex, y.decisionIndex))
                        .forEach(a -> solution.put(a.pkg, a.decision));
                return solution;
            }
            next = best;
            Ranges<V> allowed = bestAssignments.accumulated.set();
            V version = provider.chooseVersion(best, allowed);
            if (version == null) {
                addIncompatibility(Incompatibility.external(new DerivationTree.NoVersions<>(best, allowed)));
                continue;
            }
            if (!allowed.contains(version)) {
                throw new IllegalStateException("provider chose " + best + " " + version + " outside " + allowed);
            }
            if (!dependenciesAdded.computeIfAbsent(best, k -> new HashSet<>()).add(version)) {
                // Its dependencies are known and were not satisfied, or propagation would have said so.
                addDecision(best, version);
                continue;
            }
            DependencyProvider.Dependencies<P, V> deps = provider.dependencies(best, version);
            if (!deps.available()) {
                addIncompatibility(Incompatibility.external(
                        new DerivationTree.Unavailable<>(best, Ranges.singleton(version), deps.unavailableReason())));
                continue;
            }
            List<Incompatibility<P, V>> fresh = new ArrayList<>();
            Ranges<V> self = Ranges.singleton(version);
            for (DependencyProvider.Edge<P, V> edge : deps.edges()) {
                if (edge.pkg().equals(best)) {
                    if (!edge.set().contains(version)) {
                        throw new IllegalStateException(best + " " + version + " requires itself outside " + edge.set());
                    }
                    continue;
                }
                DerivationTree.External<P, V> fact;
                if (edge.constraint()) {
                    if (edge.set().isFull()) {
                        continue;
                    }
                    fact = new DerivationTree.Constraint<>(best, self, edge.pkg(), edge.set(), edge.tag());
                } else {
                    fact = new DerivationTree.Dependency<>(best, self, edge.pkg(), edge.set(), edge.tag());
                }
                Incompatibility<P, V> inc = Incompatibility.external(fact);
                addIncompatibility(inc);
                fresh.add(inc);
            }
            // Deciding is pointless when one of the new incompatibilities would be violated at once;
            // propagation from `best` will then rule this version out.
            Term<V> exact = Term.exact(version);
            boolean violated = false;
            for (Incompatibility<P, V> inc : fresh) {
                if (relation(inc, best, exact) == SATISFIED) {
                    violated = true;
                    break;
                }
            }
            if (!violated) {
                addDecision(best, version);
            }
        }
    }

    private void addIncompatibility(Incompatibility<P, V> inc) {
        for (Object p : inc.packages) {
            @SuppressWarnings("unchecked")
            P pkg = (P) p;
            byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(inc);
        }
    }

    private void propagate(P start) {
        ArrayDeque<P> changed = new ArrayDeque<>();
        changed.push(start);
        while (!changed.isEmpty()) {
            P current = changed.pop();
            Incompatibility<P, V> conflict = null;
            List<Incompatibility<P, V>> list = byPackage.getOrDefault(current, List.of());
            // Newest first: learned incompatibilities tend to be the most useful.
            for (int k = list.size() - 1; k >= 0; k--) {
                Incompatibility<P, V> inc = list.get(k);
                if (inc.contradictedAt >= 0) {
                    continue;
                }
                int rel = relation(inc, null, null);
                if (rel == SATISFIED) {
                    conflict = inc;
                    break;
                }
                if (rel >= 0) {
                    P almost = inc.pkg(rel);
                    if (!changed.contains(almost)) {
                        changed.push(almost);
                    }
                    addDerivation(almost, inc);
                    markContradicted(inc);
                } else if (rel == CONTRADICTED) {
                    markContradicted(inc);
                }
            }
            if (conflict != null) {
                Incompatibility<P, V> learned = resolveConflict(conflict);
                P pkg = learnedPackage;
                changed.clear();
                changed.push(pkg);
                addDerivation(pkg, learned);
                markContradicted(learned);
            }
        }
    }

    private void markContradicted(Incompatibility<P, V> inc) {
        inc.contradictedAt = level;
        contradicted.add(inc);
    }

    /**
     * SATISFIED, CONTRADICTED, INCONCLUSIVE, or the index of the one term that is undetermined
     * while all others are satisfied. {@code override} stands in for {@code overridden}'s
     * assignments when non-null.
     */
    private int relation(Incompatibility<P, V> inc, P overridden, Term<V> override) {
        int almost = -1;
        for (int i = 0; i < inc.packages.length; i++) {
            Term<V> term = inc.terms[i];
            Term<V> known;
            if (override != null && inc.packages[i].equals(overridden)) {
                known = override;
            } else {
                Assignments<P, V> a = assignments.get(inc.pkg(i));
                known = a == null ? null : a.term();
            }
            if (known != null) {
                if (known.isSubsetOf(term)) {
                    continue;
                }
                if (known.isDisjoint(term)) {
                    return CONTRADICTED;
                }
            }
            if (almost >= 0) {
                return INCONCLUSIVE;
            }
            almost = i;
        }
        return almost < 0 ? SATISFIED : almost;
    }

    private P learnedPackage;

    /** Returns the learned incompatibility and sets {@link #learnedPackage} to the package to derive. */
    private Incompatibility<P, V> resolveConflict(Incompatibility<P, V> conflict) {
        Incompatibility<P, V> current = conflict;
        boolean changed = false;
        while (true) {
            if (current.isTerminal(root, rootVersion)) {
                throw new NoSolutionException(tree(current));
            }
            int n = current.packages.length;
            Satisfier<P, V>[] sats = satisfiers(n);
            int latest = -1;
            for (int i = 0; i < n; i++) {
                sats[i] = satisfier(assignments.get(current.pkg(i)), current.terms[i].negate());
                if (latest < 0 || sats[i].index > sats[latest].index) {
                    latest = i;
                }
            }
            Satisfier<P, V> satisfier = sats[latest];
            P pkg = current.pkg(latest);
            // The previous satisfier: the latest assignment that, with the satisfier alone
            // standing in for its package, still satisfies the incompatibility.
            Assignments<P, V> pa = assignments.get(pkg);
            Term<V> own = satisfier.cause != null ? satisfier.cause.termOf(pkg).negate() : Term.exact(pa.decision);
            Term<V> rest = own.intersection(current.terms[latest].negate());
            sats[latest] = rest.positive() && rest.set().isEmpty() ? null : satisfier(pa, rest);
            int previousIndex = -1;
            int previousLevel = 1;
            for (Satisfier<P, V> s : sats) {
                if (s != null && s.index > previousIndex) {
                    previousIndex = s.index;
                    previousLevel = Math.max(1, s.level);
                }
            }
            if (previousLevel >= satisfier.level) {
                current = current.priorCause(satisfier.cause, pkg);
                changed = true;
                continue;
            }
            backtrack(previousLevel);
            if (changed) {
                addIncompatibility(current);
            }
            learnedPackage = pkg;
            return current;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <P, V extends Comparable<V>> Satisfier<P, V>[] satisfiers(int n) {
        return new Satisfier[n];
    }

    /** The earliest assignment of {@code a} after which its accumulated term excludes {@code start}. */
    private Satisfier<P, V> satisfier(Assignments<P, V> a, Term<V> start) {
        List<Dated<P, V>> ds = a.derivations;
        for (Dated<P, V> d : ds) {
            if (d.accumulated.isDisjoint(start)) {
                return new Satisfier<>(d.index, d.level, d.cause);
            }
        }
        if (a.decision == null) {
            throw new IllegalStateException("no satisfier for " + a.pkg + " " + start);
        }
        return new Satisfier<>(a.decisionIndex, a.highestLevel, null);
    }

    private void addDerivation(P pkg, Incompatibility<P, V> cause) {
        Term<V> term = cause.termOf(pkg).negate();
        Assignments<P, V> a = assignments.get(pkg);
        if (a == null) {
            a = new Assignments<>(pkg, level);
            a.accumulated = term;
            assignments.put(pkg, a);
        } else {
            if (a.decision != null) {
                throw new IllegalStateException("derivation for decided package " + pkg);
            }
            a.accumulated = a.accumulated.intersection(term);
        }
        a.highestLevel = level;
        a.derivations.add(new Dated<>(nextIndex++, level, cause, a.accumulated));
    }

    private void addDecision(P pkg, V version) {
        level++;
        Assignments<P, V> a = assignments.get(pkg);
        a.decision = version;
        a.decisionTerm = Term.exact(version);
        a.decisionIndex = nextIndex++;
        a.highestLevel = level;
    }

    private void backtrack(int target) {
        level = target;
        for (Iterator<Assignments<P, V>> it = assignments.values().iterator(); it.hasNext(); ) {
            Assignments<P, V> a = it.next();
            if (a.smallestLevel > target) {
                it.remove();
            } else if (a.highestLevel > target) {
                List<Dated<P, V>> ds = a.derivations;
                while (ds.get(ds.size() - 1).level > target) {
                    ds.remove(ds.size() - 1);
                }
                Dated<P, V> last = ds.get(ds.size() - 1);
                a.decision = null;
                a.decisionTerm = null;
                a.highestLevel = last.level;
                a.accumulated = last.accumulated;
            }
        }
        int kept = 0;
        for (Incompatibility<P, V> inc : contradicted) {
            if (inc.contradictedAt > target) {
                inc.contradictedAt = -1;
            } else {
                contradicted.set(kept++, inc);
            }
        }
        contradicted.subList(kept, contradicted.size()).clear();
    }

    private DerivationTree<P, V> tree(Incompatibility<P, V> top) {
        // Number derived nodes that are reached more than once so reports can refer back.
        Map<Incompatibility<P, V>, Integer> uses = new IdentityHashMap<>();
        ArrayDeque<Incompatibility<P, V>> stack = new ArrayDeque<>();
        stack.push(top);
        while (!stack.isEmpty()) {
            Incompatibility<P, V> inc = stack.pop();
            if (inc.external != null) {
                continue;
            }
            for (Incompatibility<P, V> c : List.of(inc.cause1, inc.cause2)) {
                if (uses.merge(c, 1, Integer::sum) == 1) {
                    stack.push(c);
                }
            }
        }
        Map<Incompatibility<P, V>, DerivationTree<P, V>> built = new IdentityHashMap<>();
        int[] ids = {0};
        return build(top, uses, built, ids);
    }

    private DerivationTree<P, V> build(Incompatibility<P, V> inc, Map<Incompatibility<P, V>, Integer> uses,
            Map<Incompatibility<P, V>, DerivationTree<P, V>> built, int[] ids) {
        DerivationTree<P, V> done = built.get(inc);
        if (done != null) {
            return done;
        }
        DerivationTree<P, V> node;
        if (inc.external != null) {
            node = inc.external;
        } else {
            DerivationTree<P, V> c1 = build(inc.cause1, uses, built, ids);
            DerivationTree<P, V> c2 = build(inc.cause2, uses, built, ids);
            Map<P, Term<V>> terms = new LinkedHashMap<>();
            for (int i = 0; i < inc.packages.length; i++) {
                terms.put(inc.pkg(i), inc.terms[i]);
            }
            int shared = uses.getOrDefault(inc, 0) > 1 ? ids[0]++ : -1;
            node = new DerivationTree.Derived<>(terms, shared, c1, c2);
        }
        built.put(inc, node);
        return node;
    }

    private static final class Assignments<P, V extends Comparable<V>> {
        final P pkg;
        final int smallestLevel;
        int highestLevel;
        final List<Dated<P, V>> derivations = new ArrayList<>(2);
        Term<V> accumulated;
        V decision;
        Term<V> decisionTerm;
        int decisionIndex;
        Term<V> priorityFor;
        long priority;

        Assignments(P pkg, int level) {
            this.pkg = pkg;
            this.smallestLevel = level;
            this.highestLevel = level;
        }

        Term<V> term() {
            return decision != null ? decisionTerm : accumulated;
        }
    }

    private record Dated<P, V extends Comparable<V>>(int index, int level, Incompatibility<P, V> cause, Term<V> accumulated) {
    }

    private record Satisfier<P, V extends Comparable<V>>(int index, int level, Incompatibility<P, V> cause) {
    }
}
