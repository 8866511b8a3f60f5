package dev.pinwheel.migrate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checked graph of revisions: every parent and dependency exists, ids and labels are unique,
 * there is no cycle. Everything here is linear in the number of revisions (ten thousand
 * revisions are routine): revisions are numbered in one topological order (parents first, a
 * {@code depends_on} target before its dependents) and sets of revisions are bit sets over
 * those numbers.
 *
 * <p>Heads and bases are Alembic's "real" ones: only {@code down_revision} edges count, so a
 * revision that another merely depends on is still a head of its branch.
 */
public final class RevisionGraph {

    private final Revision[] order;
    private final Map<String, Integer> index;
    private final int[][] parents;      // down_revision edges, as indices
    private final int[][] deps;         // depends_on edges, as indices
    private final int[][] children;     // reverse of parents
    private final int[][] dependents;   // reverse of deps
    private final Map<String, Integer> labels;
    private final List<List<String>> effectiveLabels; // own labels, then inherited ones (Alembic's branch_labels)

    private RevisionGraph(Revision[] order, Map<String, Integer> index, int[][] parents, int[][] deps,
                          Map<String, Integer> labels) {
        this.order = order;
        this.index = index;
        this.parents = parents;
        this.deps = deps;
        this.labels = labels;
        int n = order.length;
        int[] childCount = new int[n];
        int[] depCount = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : parents[i]) {
                childCount[p]++;
            }
            for (int d : deps[i]) {
                depCount[d]++;
            }
        }
        children = new int[n][];
        dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = new int[childCount[i]];
            dependents[i] = new int[depCount[i]];
        }
        int[] cFill = new int[n];
        int[] dFill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : parents[i]) {
                children[p][cFill[p]++] = i;
            }
            for (int d : deps[i]) {
                dependents[d][dFill[d]++] = i;
            }
        }
        effectiveLabels = inheritLabels();
    }

    /**
     * Alembic's {@code RevisionMap._add_branches}: a label also names every revision built on the
     * labelled one (over down_revision edges, through merges), and Alembic then walks down from
     * the last revision its descent visited towards the base, labelling until a branch point (a
     * revision with several children or dependents) or a merge point. That walk only leaves the
     * labelled part when it is one unbranched chain (its last revision is the chain's head), so
     * only then is it done here; elsewhere it would only revisit labelled revisions.
     */
    private List<List<String>> inheritLabels() {
        int n = order.length;
        List<java.util.TreeSet<String>> inherited = new ArrayList<>(java.util.Collections.nCopies(n, null));
        Map<Integer, List<String>> owners = new TreeMap<>();
        labels.forEach((label, i) -> owners.computeIfAbsent(i, k -> new ArrayList<>()).add(label));
        owners.forEach((r, own) -> {
            BitSet down = descendantsOfByParents(order[r]);
            boolean chain = true;
            int last = r;
            for (int i = down.nextSetBit(0); i >= 0; i = down.nextSetBit(i + 1)) {
                add(inherited, i, own);
                if (children[i].length > 1) {
                    chain = false;
                } else if (children[i].length == 0) {
                    last = i;
                }
            }
            for (int i = last; chain && children[i].length + dependents[i].length <= 1 && parents[i].length <= 1; ) {
                add(inherited, i, own);
                if (parents[i].length == 0) {
                    break;
                }
                i = parents[i][0];
            }
        });
        List<List<String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> mine = order[i].branchLabels();
            if (inherited.get(i) == null) {
                out.add(mine);
            } else {
                LinkedHashSet<String> all = new LinkedHashSet<>(mine);
                all.addAll(inherited.get(i));
                out.add(List.copyOf(all));
            }
        }
        return out;
    }

    private static void add(List<java.util.TreeSet<String>> sets, int i, List<String> labels) {
        if (sets.get(i) == null) {
            sets.set(i, new java.util.TreeSet<>());
        }
        sets.get(i).addAll(labels);
    }

    /**
     * Checks and orders the revisions.
     *
     * @throws DbException (bad input) for a duplicate id or label, an unknown parent or dependency, or a cycle
     */
    public static RevisionGraph of(Collection<Revision> revisions) {
        Revision[] input = revisions.toArray(Revision[]::new);
        int n = input.length;
        Map<String, Integer> byId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Integer old = byId.putIfAbsent(input[i].id(), i);
            if (old != null) {
                throw located(input[i], "revision", input[i].id(), "revision id '" + input[i].id() + "' is used twice: "
                        + where(input[old]) + " and " + where(input[i]), "give one of them a new id (pinwheel db revision makes unique ids)");
            }
        }
        Map<String, Integer> labelOwner = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String label : input[i].branchLabels()) {
                if (byId.containsKey(label)) {
                    throw located(input[i], "branch_labels", label, "branch label '" + label + "' of " + where(input[i])
                            + " is also a revision id", "a branch label must differ from every revision id; rename the label");
                }
                Integer old = labelOwner.putIfAbsent(label, i);
                if (old != null) {
                    throw located(input[i], "branch_labels", label, "branch label '" + label + "' is on two revisions: "
                            + input[old].id() + " (" + where(input[old]) + ") and " + input[i].id(),
                            "a branch label names one branch; rename it here or remove it from " + where(input[old]));
                }
            }
        }
        // Edges as input indices; then Kahn's algorithm, ties broken by id for a stable order.
        int[][] up = new int[n][];
        int[][] dep = new int[n][];
        int[] waiting = new int[n];
        int[] outCount = new int[n];
        for (int i = 0; i < n; i++) {
            Revision r = input[i];
            List<String> ps = r.downRevisions();
            up[i] = new int[ps.size()];
            for (int j = 0; j < ps.size(); j++) {
                Integer p = byId.get(ps.get(j));
                if (p == null) {
                    throw located(r, "down_revision", ps.get(j), "revision " + r.id() + " has down_revision '"
                            + ps.get(j) + "', which does not exist", unknownHint(ps.get(j), byId.keySet()));
                }
                up[i][j] = p;
                outCount[p]++;
            }
            int[] ds = new int[r.dependsOn().size()];
            int k = 0;
            for (String d : r.dependsOn()) {
                Integer t = byId.containsKey(d) ? byId.get(d) : labelOwner.get(d);
                if (t == null) {
                    List<String> known = new ArrayList<>(byId.keySet());
                    known.addAll(labelOwner.keySet());
                    throw located(r, "depends_on", d, "revision " + r.id() + " depends on '" + d
                            + "', which is neither a revision nor a branch label", unknownHint(d, known));
                }
                if (!ps.contains(input[t].id())) {
                    ds[k++] = t;
                    outCount[t]++;
                }
            }
            dep[i] = k == ds.length ? ds : java.util.Arrays.copyOf(ds, k);
            waiting[i] = up[i].length + k;
        }
        int[][] next = new int[n][];
        for (int i = 0; i < n; i++) {
            next[i] = new int[outCount[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : up[i]) {
                next[p][fill[p]++] = i;
            }
            for (int d : dep[i]) {
                next[d][fill[d]++] = i;
            }
        }
        Comparator<Integer> byIdOrder = Comparator.comparing(i -> input[i].id());
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                roots.add(i);
            }
        }
        roots.sort(byIdOrder);
        ready.addAll(roots);
        int[] position = new int[n];
        int[] orderIdx = new int[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            position[i] = count;
            orderIdx[count++] = i;
            int[] cs = next[i];
            if (cs.length == 1) {
                if (--waiting[cs[0]] == 0) {
                    ready.add(cs[0]);
                }
            } else if (cs.length > 1) {
                List<Integer> sorted = new ArrayList<>(cs.length);
                for (int c : cs) {
                    sorted.add(c);
                }
                sorted.sort(byIdOrder);
                for (int c : sorted) {
                    if (--waiting[c] == 0) {
                        ready.add(c);
                    }
                }
            }
        }
        if (count < n) {
            throw cycle(input, up, dep, waiting, byId, labelOwner);
        }
        Revision[] order = new Revision[n];
        int[][] parents = new int[n][];
        int[][] deps = new int[n][];
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int k = 0; k < n; k++) {
            int i = orderIdx[k];
            order[k] = input[i];
            index.put(input[i].id(), k);
            parents[k] = new int[up[i].length];
            for (int j = 0; j < up[i].length; j++) {
                parents[k][j] = position[up[i][j]];
            }
            deps[k] = new int[dep[i].length];
            for (int j = 0; j < dep[i].length; j++) {
                deps[k][j] = position[dep[i][j]];
            }
        }
        Map<String, Integer> labels = new HashMap<>();
        labelOwner.forEach((label, i) -> labels.put(label, position[i]));
        return new RevisionGraph(order, index, parents, deps, labels);
    }

    /**
     * The error for a cycle. The revisions Kahn's algorithm could not order are the cycle and
     * everything built on it; each has an unordered parent or dependency, so walking from one to
     * such a predecessor must come back to a revision already seen, and the walk from there is
     * exactly the cycle. The edge blamed is one naming a newer revision (by create_date), which is
     * the usual mistake; without dates, the edge from the revision with the smallest id.
     */
    private static DbException cycle(Revision[] input, int[][] up, int[][] dep, int[] waiting,
                                     Map<String, Integer> byId, Map<String, Integer> labelOwner) {
        int start = -1;
        for (int i = 0; i < input.length; i++) {
            if (waiting[i] > 0 && (start < 0 || input[i].id().compareTo(input[start].id()) < 0)) {
                start = i;
            }
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<Integer> walk = new ArrayList<>();
        int i = start;
        while (!seenAt.containsKey(i)) {
            seenAt.put(i, walk.size());
            walk.add(i);
            int next = -1;
            for (int[] edges : new int[][] {up[i], dep[i]}) {
                for (int p : edges) {
                    if (next < 0 && waiting[p] > 0) {
                        next = p;
                    }
                }
            }
            i = next;
        }
        List<Integer> cycle = new ArrayList<>(walk.subList(seenAt.get(i), walk.size()));
        int k = cycle.size();
        int blame = 0;
        for (int j = 0; j < k; j++) {
            if (input[cycle.get(j)].id().compareTo(input[cycle.get(blame)].id()) < 0) {
                blame = j;
            }
        }
        for (int j = 0; j < k; j++) {
            Revision from = input[cycle.get(j)];
            Revision to = input[cycle.get((j + 1) % k)];
            if (!from.createDate().isEmpty() && from.createDate().compareTo(to.createDate()) < 0) {
                blame = j;
                break;
            }
        }
        java.util.Collections.rotate(cycle, -blame);
        Revision from = input[cycle.get(0)];
        Revision to = input[cycle.get(k > 1 ? 1 : 0)];
        String key = from.downRevisions().contains(to.id()) ? "down_revision" : "depends_on";
        String named = to.id();
        if (key.equals("depends_on")) {
            for (String d : from.dependsOn()) {
                Integer t = byId.containsKey(d) ? byId.get(d) : labelOwner.get(d);
                if (t != null && input[t] == to) {
                    named = d;
                }
            }
        }
        StringBuilder path = new StringBuilder();
        for (int c : cycle) {
            path.append(input[c].id()).append(" -> ");
        }
        path.append(from.id());
        return located(from, key, named, "revision " + from.id() + " has " + key + " '" + named
                        + "', which closes a cycle: " + path,
                "a down_revision or depends_on must name an older revision; here each revision names the next one");
    }

    /**
     * A bad-input error pointing at the header line {@code key} of the script of {@code r} (at
     * {@code item} in its value), with the line and a caret; for a revision without a script (made
     * in memory), the plain message.
     */
    private static DbException located(Revision r, String key, String item, String reason, String hint) {
        int[] at = r.path() == null ? null : ScriptFormat.headerItem(r.text(), key, item);
        if (at == null) {
            return DbException.badInput(reason, hint);
        }
        return new SourceError(r.path().toString(), r.text(), at[0], at[1], reason, hint);
    }

    private static String unknownHint(String name, Collection<String> known) {
        List<String> close = Closest.to(name, known, 3);
        return close.isEmpty() ? "check the id against the '-- revision:' lines of the scripts, or restore the missing script"
                : "did you mean " + Closest.quotedOr(close) + "? If not, restore the missing script";
    }

    /** Labels of {@code r} as Alembic shows them: its own, then those it inherits along its branch. */
    public List<String> labelsOf(Revision r) {
        return effectiveLabels.get(indexOf(r.id()));
    }

    /** Alembic's real head: no revision names it as down_revision or in depends_on. */
    boolean isRealHead(Revision r) {
        int i = indexOf(r.id());
        return children[i].length == 0 && dependents[i].length == 0;
    }

    /** Alembic's real branch point: more than one revision builds on it or depends on it. */
    boolean isRealBranchPoint(Revision r) {
        int i = indexOf(r.id());
        return children[i].length + dependents[i].length > 1;
    }

    private static String where(Revision r) {
        return r.path() == null ? r.id() : r.path().getFileName().toString();
    }

    public int size() {
        return order.length;
    }

    public boolean isEmpty() {
        return order.length == 0;
    }

    /** All revisions, parents before children. */
    public List<Revision> topological() {
        return List.of(order);
    }

    public Optional<Revision> get(String id) {
        Integer i = index.get(id);
        return i == null ? Optional.empty() : Optional.of(order[i]);
    }

    int indexOf(String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new DbException(DbException.Category.BAD_INPUT, "Can't locate revision identified by '" + id + "'");
        }
        return i;
    }

    Revision at(int i) {
        return order[i];
    }

    /** Heads: revisions no other revision names as its down_revision, in topological order. */
    public List<Revision> heads() {
        List<Revision> out = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if (children[i].length == 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    /** Bases: revisions with no down_revision. */
    public List<Revision> bases() {
        List<Revision> out = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if (parents[i].length == 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    public boolean isHead(Revision r) {
        return children[indexOf(r.id())].length == 0;
    }

    public boolean isBranchPoint(Revision r) {
        return children[indexOf(r.id())].length > 1;
    }

    /** The revisions naming {@code r} as their down_revision. */
    public List<Revision> children(Revision r) {
        int[] cs = children[indexOf(r.id())];
        List<Revision> out = new ArrayList<>(cs.length);
        for (int c : cs) {
            out.add(order[c]);
        }
        return out;
    }

    /** Branch labels to the revision that carries each, sorted by label. */
    public Map<String, Revision> branchLabels() {
        Map<String, Revision> out = new TreeMap<>();
        labels.forEach((l, i) -> out.put(l, order[i]));
        return out;
    }

    /**
     * One revision by full id, branch label, or unambiguous id prefix.
     *
     * @throws DbException naming the candidates of an ambiguous prefix, or that nothing matches
     */
    public Revision lookup(String ref) {
        Integer i = index.get(ref);
        if (i == null) {
            i = labels.get(ref);
        }
        if (i != null) {
            return order[i];
        }
        // A scan, not a sorted index: prefixes are rare, and sorting every id would slow every start.
        List<String> candidates = new ArrayList<>();
        for (Revision r : order) {
            if (r.id().startsWith(ref)) {
                candidates.add(r.id());
            }
        }
        candidates.sort(null);
        if (candidates.size() == 1) {
            return order[index.get(candidates.get(0))];
        }
        if (candidates.isEmpty()) {
            throw new DbException(DbException.Category.BAD_INPUT,
                    "Can't locate revision identified by '" + ref + "'",
                    "list the revisions with `pinwheel db history`");
        }
        int shown = Math.min(candidates.size(), 10);
        StringBuilder names = new StringBuilder();
        for (int j = 0; j < shown; j++) {
            names.append(j == 0 ? "" : ", ").append('\'').append(candidates.get(j)).append('\'');
        }
        if (candidates.size() > shown) {
            names.append(", ... (").append(candidates.size() - shown).append(" more)");
        }
        throw new DbException(DbException.Category.BAD_INPUT,
                "Multiple revisions start with '" + ref + "': " + names, "give more characters of the id");
    }

    /** The set of revisions {@code from} and everything it needs (parents and dependencies, transitively). */
    BitSet ancestorsOf(Collection<Revision> from) {
        return closure(from, parents, deps);
    }

    /** The set of revisions {@code from} and everything that needs it (children and dependents, transitively). */
    BitSet descendantsOf(Collection<Revision> from) {
        return closure(from, children, dependents);
    }

    /** {@code from} and every revision reachable from it over either kind of edge. */
    private BitSet closure(Collection<Revision> from, int[][] edges, int[][] moreEdges) {
        BitSet seen = new BitSet(order.length);
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (Revision r : from) {
            int i = indexOf(r.id());
            if (!seen.get(i)) {
                seen.set(i);
                stack.push(i);
            }
        }
        while (!stack.isEmpty()) {
            int i = stack.pop();
            for (int[] next : new int[][] {edges[i], moreEdges[i]}) {
                for (int j : next) {
                    if (!seen.get(j)) {
                        seen.set(j);
                        stack.push(j);
                    }
                }
            }
        }
        return seen;
    }

    /**
     * The members of {@code set}, newest first, in the order Alembic's {@code history} lists them
     * (its {@code RevisionMap._topological_sort}): starting from {@code heads} in script-file
     * order, down one branch for as long as no other pending head still needs the next revision,
     * then over to the head that does. A merge continues with its first down_revision.
     */
    List<Revision> walkOrder(BitSet set, Collection<Revision> heads) {
        Integer[] byFile = new Integer[order.length];
        for (int i = 0; i < order.length; i++) {
            byFile[i] = i;
        }
        java.util.Arrays.sort(byFile, java.util.Comparator.comparing((Integer i) -> fileKey(order[i])));
        int[] rank = new int[order.length];
        for (int k = 0; k < byFile.length; k++) {
            rank[byFile[k]] = k;
        }
        BitSet todo = (BitSet) set.clone();
        List<Integer> current = new ArrayList<>();
        for (Revision h : heads) {
            int i = indexOf(h.id());
            if (todo.get(i) && !current.contains(i)) {
                current.add(i);
            }
        }
        current.sort(java.util.Comparator.comparingInt(i -> rank[i]));
        List<BitSet> ancestors = new ArrayList<>();
        for (int h : current) {
            ancestors.add(ancestorsOf(List.of(order[h])));
        }
        List<Revision> out = new ArrayList<>(set.cardinality());
        int at = 0;
        while (!current.isEmpty()) {
            int candidate = current.get(at);
            int other = -1;
            for (int k = 0; k < ancestors.size(); k++) {
                if (k != at && ancestors.get(k).get(candidate)) {
                    other = k;
                    break;
                }
            }
            if (other >= 0) {
                at = other; // another head needs this revision: walk that one first
                continue;
            }
            if (todo.get(candidate)) {
                out.add(order[candidate]);
                todo.clear(candidate);
            }
            List<Integer> next = new ArrayList<>();
            for (int[][] edges : new int[][][] {parents, deps}) {
                for (int p : edges[candidate]) {
                    if (todo.get(p) && !current.contains(p) && !next.contains(p)) {
                        next.add(p);
                    }
                }
            }
            if (next.isEmpty()) {
                current.remove(at);
                ancestors.remove(at);
                at = Math.max(at - 1, 0);
            } else if (deps[candidate].length == 0 && parents[candidate].length == 1) {
                current.set(at, next.get(0));
                ancestors.get(at).clear(candidate);
            } else {
                current.set(at, next.get(0));
                ancestors.set(at, ancestorsOf(List.of(order[next.get(0)])));
                for (int p : next.subList(1, next.size())) {
                    current.add(p);
                    ancestors.add(ancestorsOf(List.of(order[p])));
                }
            }
        }
        return out;
    }

    private static String fileKey(Revision r) {
        return r.path() == null ? r.id() : r.path().getFileName().toString();
    }

    /** The members of {@code set} in topological order (or reverse). */
    List<Revision> ordered(BitSet set, boolean reverse) {
        List<Revision> out = new ArrayList<>(set.cardinality());
        if (reverse) {
            for (int i = set.previousSetBit(order.length - 1); i >= 0; i = set.previousSetBit(i - 1)) {
                out.add(order[i]);
            }
        } else {
            for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                out.add(order[i]);
            }
        }
        return out;
    }

    /**
     * The heads of a set of applied revisions: members no other member names as its
     * down_revision. This is what the version table holds for that set.
     */
    List<Revision> headsOf(BitSet applied) {
        List<Revision> out = new ArrayList<>();
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            boolean head = true;
            for (int c : children[i]) {
                if (applied.get(c)) {
                    head = false;
                    break;
                }
            }
            if (head) {
                out.add(order[i]);
            }
        }
        return out;
    }

    /** The heads reachable from {@code r} (its own branch's heads). */
    List<Revision> headsFrom(Revision r) {
        BitSet down = descendantsOfByParents(r);
        List<Revision> out = new ArrayList<>();
        for (int i = down.nextSetBit(0); i >= 0; i = down.nextSetBit(i + 1)) {
            if (children[i].length == 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    /** {@code r} and the revisions built on it over down_revision edges only. */
    BitSet descendantsOfByParents(Revision r) {
        BitSet seen = new BitSet(order.length);
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        int start = indexOf(r.id());
        seen.set(start);
        stack.push(start);
        while (!stack.isEmpty()) {
            int i = stack.pop();
            for (int c : children[i]) {
                if (!seen.get(c)) {
                    seen.set(c);
                    stack.push(c);
                }
            }
        }
        return seen;
    }

    /** The down_revisions of {@code r} as revisions. */
    List<Revision> parents(Revision r) {
        int[] ps = parents[indexOf(r.id())];
        List<Revision> out = new ArrayList<>(ps.length);
        for (int p : ps) {
            out.add(order[p]);
        }
        return out;
    }

    /** The depends_on revisions of {@code r} (labels resolved), beyond its parents. */
    List<Revision> dependencies(Revision r) {
        int[] ds = deps[indexOf(r.id())];
        List<Revision> out = new ArrayList<>(ds.length);
        for (int d : ds) {
            out.add(order[d]);
        }
        return out;
    }

    /** Ids in {@code ids} that are not revisions of this graph. */
    Set<String> unknown(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (!index.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
