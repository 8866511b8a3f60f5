package dev.pinwheel.scan;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.support.Parallel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code pinwheel chill}'s engine: what an environment was asked for, like pip-chill without its
 * bugs. Top-level = installed distributions that no other installed distribution requires, with
 * markers evaluated for the environment and extras followed (a requirement {@code x[y]} brings
 * x's {@code extra == "y"} dependencies; a top-level distribution whose extra's dependencies are
 * all installed is reported with that extra). Dependency cycles do not hide packages: a group of
 * distributions that require each other and that nothing else requires is top-level as a whole.
 * {@code REQUESTED} files count when they discriminate (when not every distribution has one, as
 * after installing a lock file). The result splits runtime from development tools and tool-chain
 * leftovers.
 */
public final class Chill {

    /** An installed distribution as chill needs it. */
    public record Dist(ProjectName name, String version, String metadata, boolean requested) {

        public Dist {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** What kind of top-level need a distribution is. */
    public enum Group { RUNTIME, DEV, LEFTOVER }

    /** One line: a distribution, the extras it was installed with, and (for the rest) what it is installed for. */
    public record Entry(ProjectName name, String version, Set<String> extras, Group group, List<ProjectName> requiredBy) {

        public Entry {
            extras = Set.copyOf(extras);
            requiredBy = List.copyOf(requiredBy);
        }
    }

    /** Top-level entries sorted by name, the rest (dependencies) sorted by name, and warnings. */
    public record Result(List<Entry> topLevel, List<Entry> dependencies, List<String> warnings) {

        public Result {
            topLevel = List.copyOf(topLevel);
            dependencies = List.copyOf(dependencies);
            warnings = List.copyOf(warnings);
        }
    }

    /** The installer's own tools, hidden unless asked for ({@code --all}). */
    public static final Set<String> TOOLING = Set.of("pip", "setuptools", "wheel", "distribute");

    private static final Set<String> DEV_TOOLS = Set.of("pytest", "coverage", "mypy", "ruff", "black", "isort", "flake8",
            "pylint", "tox", "nox", "pre-commit", "ipython", "ipdb", "pdbpp", "jupyter", "jupyterlab", "notebook",
            "sphinx", "mkdocs", "mkdocs-material", "pip-tools", "build", "twine", "hatch", "bandit", "pyright", "autopep8",
            "yapf", "bump2version", "faker", "factory-boy", "freezegun", "hypothesis", "respx", "responses",
            "pytest-asyncio", "pytest-cov", "pytest-mock", "pytest-django", "pytest-xdist", "httpie", "locust", "memray",
            "py-spy", "watchdog", "commitizen", "codespell", "pydocstyle", "pyupgrade", "vulture", "safety", "pip-audit",
            "pipdeptree", "pip-chill", "pipreqs", "virtualenv", "poetry", "pdm", "uv");
    /** Plugins and stubs of development tools: a name starting with one of these, or ending in {@code -stubs}. */
    private static final List<String> DEV_PREFIXES = List.of("pytest-", "flake8-", "mypy-", "sphinx-", "mkdocs-", "types-");
    /** Packages that tools leave behind (setuptools' vendored world, bleach's CSS parser): not runtime needs. */
    private static final Set<String> LEFTOVERS = Set.of("tinycss2", "webencodings", "autocommand", "inflect", "typeguard",
            "zipp", "importlib-metadata", "importlib-resources", "backports-tarfile", "more-itertools", "wcwidth");
    private static final String LEFTOVER_PREFIX = "jaraco-";

    private Chill() {
    }

    /** One header field of a metadata text: its name's start, its colon, its first line's end, its end. */
    private interface FieldVisitor {
        void field(String text, int start, int colon, int lineEnd, int end);
    }

    /**
     * Walks the fields of a METADATA text up to the end of its header block (the description after
     * it is most of the text), each with its continuation lines, as the core-metadata parser reads
     * them: a line that is neither a field nor a continuation starts the description.
     */
    private static void forEachField(String metadata, FieldVisitor visitor) {
        int start = metadata.startsWith("\uFEFF") ? 1 : 0;
        int length = metadata.length();
        while (start < length) {
            int newline = metadata.indexOf('\n', start);
            int end = newline < 0 ? length : newline + 1;
            int lineEnd = newline < 0 ? length : newline;
            if (lineEnd > start && metadata.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            if (lineEnd == start) {
                return; // the blank line: the description follows
            }
            char first = metadata.charAt(start);
            if (first == ' ' || first == '\t') {
                start = end; // a continuation without a field before it
                continue;
            }
            int colon = metadata.indexOf(':', start);
            if (colon <= start || colon >= lineEnd || !isFieldName(metadata, start, colon)) {
                return; // no field: the parser takes the description to start here
            }
            int fieldEnd = fieldEnd(metadata, end);
            visitor.field(metadata, start, colon, lineEnd, fieldEnd);
            start = fieldEnd;
        }
    }

    /** A field's value with its continuation lines joined by single spaces, as the metadata parser flattens it. */
    private static String value(String text, int from, int to) {
        String raw = text.substring(from, to);
        if (raw.indexOf('\n') < 0 || raw.indexOf('\n') == raw.length() - 1) {
            return raw.strip();
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (String line : raw.split("\n")) {
            String part = line.strip();
            if (!part.isEmpty()) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(part);
            }
        }
        return out.toString();
    }

    /**
     * What chill reads of a distribution's metadata: the Requires-Dist fields of projects in
     * {@code installed} (normalized names; a requirement of something not installed draws no
     * edge, and parsing it is most of the work), its Provides-Extra fields, and what could not be
     * read. Nothing else is parsed, so a distribution whose version is not PEP 440 or whose other
     * fields are odd still has its dependencies known.
     */
    record Parsed(List<Requirement> requires, Set<ExtraName> provides, List<String> problems) {

        static Parsed read(String metadata, Set<String> installed) {
            List<Requirement> requires = new ArrayList<>();
            Set<ExtraName> provides = new LinkedHashSet<>();
            List<String> problems = new ArrayList<>();
            forEachField(metadata, (text, start, colon, lineEnd, end) -> {
                if (isField(text, start, colon, "Requires-Dist")) {
                    if (installed.contains(requirementName(text, colon + 1, lineEnd))) {
                        String value = value(text, colon + 1, end);
                        try {
                            requires.add(Requirement.parse(value));
                        } catch (ParseException e) {
                            problems.add("Requires-Dist '" + value + "' is not a PEP 508 requirement, ignored (" + e.reason() + ")");
                        }
                    }
                } else if (isField(text, start, colon, "Provides-Extra")) {
                    String value = value(text, colon + 1, end);
                    try {
                        provides.add(ExtraName.parse(value));
                    } catch (ParseException e) {
                        problems.add("Provides-Extra '" + value + "' is not an extra name, ignored (" + e.reason() + ")");
                    }
                }
            });
            return new Parsed(requires, provides, problems);
        }
    }

    /**
     * The normalized project name a Requires-Dist value starts with (PEP 503: lower case, runs of
     * {@code -_.} as one {@code -}); a value that does not start with a name gives "", which
     * names no installed project.
     */
    static String requirementName(String text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        StringBuilder name = new StringBuilder(24);
        boolean separator = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                separator = true;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                if (separator && name.length() > 0) {
                    name.append('-');
                }
                separator = false;
                name.append(Character.toLowerCase(c));
            } else {
                break;
            }
        }
        return name.toString();
    }

    /** Where the field whose first line ends before {@code next} ends: after its continuation lines. */
    private static int fieldEnd(String text, int next) {
        int at = next;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            int newline = text.indexOf('\n', at);
            at = newline < 0 ? text.length() : newline + 1;
        }
        return at;
    }

    private static boolean mentionsExtra(String text, int from, int to) {
        int semicolon = text.indexOf(';', from);
        if (semicolon < 0 || semicolon >= to) {
            return false; // no marker
        }
        int at = text.indexOf("extra", semicolon);
        return at >= 0 && at < to;
    }

    /** As the core-metadata parser has it: printable ASCII without blanks. */
    private static boolean isFieldName(String text, int start, int colon) {
        for (int i = start; i < colon; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static boolean isField(String text, int start, int colon, String field) {
        return colon - start == field.length() && text.regionMatches(true, start, field, 0, field.length());
    }

    public static Result find(List<Dist> installed, MarkerEnvironment env, boolean all) {
        Map<ProjectName, Dist> byName = new TreeMap<>();
        Map<ProjectName, List<Requirement>> requires = new HashMap<>();
        Map<ProjectName, Set<ExtraName>> provides = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        installed.forEach(d -> names.add(d.name().toString()));
        List<Parsed> parsed = Parallel.map(installed, d -> Parsed.read(d.metadata(), names));
        for (int i = 0; i < installed.size(); i++) {
            Dist d = installed.get(i);
            Parsed p = parsed.get(i);
            byName.put(d.name(), d);
            requires.put(d.name(), p.requires());
            provides.put(d.name(), p.provides());
            for (String problem : p.problems()) {
                warnings.add(d.name() + " " + d.version() + ": " + problem);
            }
        }
        // Whether an extra was asked for: its installed requirements (parsed above) must hide
        // something, and it must have no requirement that is not installed. The second is read
        // (names and markers of the metadata's other Requires-Dist fields) only for an extra that
        // passes the first, once per distribution: most top-level distributions have none.
        Map<ProjectName, Map<ExtraName, List<ProjectName>>> installedByExtra = new HashMap<>();
        Map<ProjectName, Set<ExtraName>> incomplete = new HashMap<>();
        Function<ProjectName, Map<ExtraName, List<ProjectName>>> installedOf = n -> installedByExtra.computeIfAbsent(n,
                k -> namesByExtra(installedNeeds(requires.getOrDefault(k, List.of())), provides.getOrDefault(k, Set.of()), env));
        Function<ProjectName, Set<ExtraName>> incompleteOf = n -> incomplete.computeIfAbsent(n,
                k -> namesByExtra(uninstalledNeeds(byName.get(k).metadata(), names), provides.getOrDefault(k, Set.of()), env)
                        .keySet());
        Map<ProjectName, Set<ExtraName>> active = new HashMap<>();
        Map<ProjectName, Holding> holding = new HashMap<>();
        Map<ProjectName, Set<ProjectName>> requiredBy = new TreeMap<>();
        Set<ProjectName> top;
        // Follow extras to a fixpoint: a newly active extra may require more, and an inferred one hides more.
        while (true) {
            requiredBy.clear();
            boolean changed = edges(byName, requires, active, env, requiredBy, holding);
            top = topLevel(byName.keySet(), requiredBy);
            changed |= inferExtras(top, byName, installedOf, incompleteOf, provides, active);
            if (!changed) {
                break;
            }
        }
        boolean requestedDiscriminates = installed.stream().anyMatch(Dist::requested)
                && !installed.stream().allMatch(Dist::requested);
        Set<ProjectName> topSet = new TreeSet<>(top);
        if (requestedDiscriminates) {
            installed.stream().filter(Dist::requested).forEach(d -> topSet.add(d.name()));
        }
        List<Entry> topEntries = new ArrayList<>();
        List<Entry> deps = new ArrayList<>();
        for (Dist d : byName.values()) {
            if (!all && TOOLING.contains(d.name().toString())) {
                continue;
            }
            Set<String> extras = new TreeSet<>();
            active.getOrDefault(d.name(), Set.of()).forEach(x -> extras.add(x.toString()));
            List<ProjectName> by = new ArrayList<>(requiredBy.getOrDefault(d.name(), Set.of()));
            by.remove(d.name());
            Entry e = new Entry(d.name(), d.version(), topSet.contains(d.name()) ? extras : Set.of(), group(d.name()), by);
            (topSet.contains(d.name()) ? topEntries : deps).add(e);
        }
        return new Result(topEntries, deps, warnings);
    }

    /** A requirement as extras inference needs it: whom it names, and when. */
    record Need(ProjectName name, Marker marker) {
    }

    /** The installed requirements of a distribution that carry a marker: those that may depend on its extras. */
    static List<Need> installedNeeds(List<Requirement> parsed) {
        List<Need> out = new ArrayList<>();
        for (Requirement r : parsed) {
            r.marker().ifPresent(m -> out.add(new Need(r.name(), m)));
        }
        return out;
    }

    /**
     * The Requires-Dist fields of a distribution that name a project not installed and mention
     * {@code extra}, of which only the name and the marker are read. A field that cannot be read
     * is left out, as the metadata parser does.
     */
    static List<Need> uninstalledNeeds(String metadata, Set<String> installed) {
        List<Need> out = new ArrayList<>();
        for (String value : uninstalledExtraRequirements(metadata, installed)) {
            int semicolon = value.indexOf(';');
            int at = value.indexOf('@');
            try {
                if (at >= 0 && at < semicolon) { // name @ URL ; marker: the URL may hold a ';'
                    Requirement r = Requirement.parse(value);
                    r.marker().ifPresent(m -> out.add(new Need(r.name(), m)));
                } else {
                    String name = requirementName(value, 0, semicolon);
                    out.add(new Need(ProjectName.parse(name), Marker.parse(value.substring(semicolon + 1))));
                }
            } catch (PinwheelException unreadable) {
                // not a PEP 508 requirement: ignored, as CoreMetadata ignores it
            }
        }
        return out;
    }

    /**
     * The values (continuation lines joined) of the Requires-Dist fields of a header block that
     * name a project not in {@code installed} and have a marker mentioning {@code extra}.
     */
    private static List<String> uninstalledExtraRequirements(String metadata, Set<String> installed) {
        List<String> out = new ArrayList<>();
        forEachField(metadata, (text, start, colon, lineEnd, end) -> {
            if (isField(text, start, colon, "Requires-Dist") && mentionsExtra(text, colon + 1, end)
                    && !installed.contains(requirementName(text, colon + 1, lineEnd))) {
                out.add(value(text, colon + 1, end));
            }
        });
        return out;
    }

    /**
     * For each extra, the names of the requirements that hold with that extra asked for and not
     * without it. A marker that does not look at the extras holds with any or none, so only the
     * others are evaluated per extra.
     */
    static Map<ExtraName, List<ProjectName>> namesByExtra(List<Need> needs, Set<ExtraName> extras, MarkerEnvironment env) {
        Map<ExtraName, List<ProjectName>> out = new HashMap<>();
        for (Need need : needs) {
            Marker marker = need.marker();
            // Extras the marker does not name all give it one value: evaluated once for all of them.
            // (Null: it looks at the extras in a way that is not analysed; empty: not at all.)
            Set<String> named = marker.comparedExtras().orElse(null);
            if (named != null && named.isEmpty() || marker.evaluate(env, Set.of())) {
                continue;
            }
            Boolean unnamed = null;
            for (ExtraName x : extras) {
                boolean holds;
                if (named == null || named.contains(x.toString())) {
                    holds = marker.evaluate(env, Set.of(x));
                } else {
                    if (unnamed == null) {
                        unnamed = marker.evaluate(env, Set.of(x));
                    }
                    holds = unnamed;
                }
                if (holds) {
                    out.computeIfAbsent(x, k -> new ArrayList<>()).add(need.name());
                }
            }
        }
        return out;
    }

    static Group group(ProjectName name) {
        String n = name.toString();
        if (DEV_TOOLS.contains(n) || startsWithAndMore(n, DEV_PREFIXES) || n.endsWith("-stubs") && n.length() > "-stubs".length()) {
            return Group.DEV;
        }
        if (LEFTOVERS.contains(n) || startsWithAndMore(n, List.of(LEFTOVER_PREFIX))) {
            return Group.LEFTOVER;
        }
        return Group.RUNTIME;
    }

    /** Whether {@code name} is one of the prefixes followed by at least one more character. */
    private static boolean startsWithAndMore(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.length() > prefix.length() && name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The installed requirements of a distribution that hold with these extras (the markers evaluated once per set). */
    private record Holding(Set<ExtraName> extras, List<Requirement> requirements) {
    }

    /** Builds required-by edges for the active extras; true when an extra became active. */
    private static boolean edges(Map<ProjectName, Dist> byName, Map<ProjectName, List<Requirement>> requires,
            Map<ProjectName, Set<ExtraName>> active, MarkerEnvironment env, Map<ProjectName, Set<ProjectName>> requiredBy,
            Map<ProjectName, Holding> holding) {
        boolean changed = false;
        Deque<ProjectName> work = new ArrayDeque<>(byName.keySet());
        Set<ProjectName> queued = new HashSet<>(byName.keySet());
        while (!work.isEmpty()) {
            ProjectName from = work.poll();
            queued.remove(from);
            Set<ExtraName> extras = active.getOrDefault(from, Set.of());
            Holding h = holding.get(from);
            if (h == null || !h.extras().equals(extras)) {
                List<Requirement> holds = new ArrayList<>();
                for (Requirement r : requires.getOrDefault(from, List.of())) {
                    if (byName.containsKey(r.name()) && (r.marker().isEmpty() || r.marker().get().evaluate(env, extras))) {
                        holds.add(r);
                    }
                }
                h = new Holding(Set.copyOf(extras), holds);
                holding.put(from, h);
            }
            for (Requirement r : h.requirements()) {
                requiredBy.computeIfAbsent(r.name(), k -> new TreeSet<>()).add(from);
                if (!r.extras().isEmpty()) {
                    Set<ExtraName> a = active.computeIfAbsent(r.name(), k -> new TreeSet<>());
                    if (a.addAll(r.extras())) {
                        changed = true;
                        if (queued.add(r.name())) {
                            work.add(r.name());
                        }
                    }
                }
            }
        }
        return changed;
    }

    /**
     * Top-level: nothing else requires it. In the graph's condensation that is a source component;
     * a component of several (a cycle) is top-level as a whole, so cycles hide nothing.
     */
    static Set<ProjectName> topLevel(Set<ProjectName> nodes, Map<ProjectName, Set<ProjectName>> requiredBy) {
        Map<ProjectName, Set<ProjectName>> requires = new HashMap<>();
        requiredBy.forEach((to, froms) -> froms.forEach(f -> requires.computeIfAbsent(f, k -> new TreeSet<>()).add(to)));
        Map<ProjectName, Integer> component = Tarjan.components(nodes, requires);
        Set<Integer> hasOutsideParent = new HashSet<>();
        requiredBy.forEach((to, froms) -> {
            for (ProjectName f : froms) {
                if (!component.get(f).equals(component.get(to))) {
                    hasOutsideParent.add(component.get(to));
                }
            }
        });
        Set<ProjectName> top = new TreeSet<>();
        for (ProjectName n : nodes) {
            if (!hasOutsideParent.contains(component.get(n))) {
                top.add(n);
            }
        }
        return top;
    }

    /** For a top-level distribution, an extra whose every dependency is installed was most likely asked for. */
    private static boolean inferExtras(Set<ProjectName> top, Map<ProjectName, Dist> byName,
            Function<ProjectName, Map<ExtraName, List<ProjectName>>> installedByExtra,
            Function<ProjectName, Set<ExtraName>> incomplete,
            Map<ProjectName, Set<ExtraName>> provides, Map<ProjectName, Set<ExtraName>> active) {
        boolean changed = false;
        for (ProjectName t : top) {
            if (provides.getOrDefault(t, Set.of()).isEmpty()) {
                continue;
            }
            Map<ExtraName, List<ProjectName>> byExtra = installedByExtra.apply(t);
            for (ExtraName x : provides.get(t)) {
                if (active.getOrDefault(t, Set.of()).contains(x)) {
                    continue;
                }
                List<ProjectName> forExtra = byExtra.getOrDefault(x, List.of());
                boolean hidesSomething = forExtra.stream().anyMatch(top::contains);
                // A runtime package's test/typing extra (python-jose[test] -> pytest) is not why a dev tool is
                // installed: the tool was asked for on its own. Likewise for anything with a REQUESTED file.
                boolean ownerIsDev = group(t) == Group.DEV;
                boolean hidesOwnRequest = forExtra.stream().filter(top::contains)
                        .anyMatch(r -> byName.get(r).requested() || (!ownerIsDev && group(r) == Group.DEV));
                if (hidesSomething && !hidesOwnRequest && !incomplete.apply(t).contains(x)) {
                    active.computeIfAbsent(t, k -> new TreeSet<>()).add(x);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Strongly connected components (Tarjan, iterative: deep dependency chains must not overflow the stack). */
    private static final class Tarjan {
        static Map<ProjectName, Integer> components(Set<ProjectName> nodes, Map<ProjectName, Set<ProjectName>> edges) {
            Map<ProjectName, Integer> index = new HashMap<>();
            Map<ProjectName, Integer> low = new HashMap<>();
            Map<ProjectName, Integer> comp = new HashMap<>();
            Deque<ProjectName> stack = new ArrayDeque<>();
            Set<ProjectName> onStack = new HashSet<>();
            int[] counter = {0, 0};
            for (ProjectName start : nodes) {
                if (index.containsKey(start)) {
                    continue;
                }
                Deque<Object[]> call = new ArrayDeque<>();
                call.push(new Object[] {start, new ArrayList<>(edges.getOrDefault(start, Set.of())).iterator()});
                index.put(start, counter[0]);
                low.put(start, counter[0]++);
                stack.push(start);
                onStack.add(start);
                while (!call.isEmpty()) {
                    Object[] frame = call.peek();
                    ProjectName v = (ProjectName) frame[0];
                    @SuppressWarnings("unchecked")
                    java.util.Iterator<ProjectName> it = (java.util.Iterator<ProjectName>) frame[1];
                    if (it.hasNext()) {
                        ProjectName w = it.next();
                        if (!nodes.contains(w)) {
                            continue;
                        }
                        if (!index.containsKey(w)) {
                            index.put(w, counter[0]);
                            low.put(w, counter[0]++);
                            stack.push(w);
                            onStack.add(w);
                            call.push(new Object[] {w, new ArrayList<>(edges.getOrDefault(w, Set.of())).iterator()});
                        } else if (onStack.contains(w)) {
                            low.put(v, Math.min(low.get(v), index.get(w)));
                        }
                    } else {
                        call.pop();
                        if (!call.isEmpty()) {
                            ProjectName parent = (ProjectName) call.peek()[0];
                            low.put(parent, Math.min(low.get(parent), low.get(v)));
                        }
                        if (low.get(v).equals(index.get(v))) {
                            ProjectName w;
                            do {
                                w = stack.pop();
                                onStack.remove(w);
                                comp.put(w, counter[1]);
                            } while (!w.equals(v));
                            counter[1]++;
                        }
                    }
                }
            }
            return comp;
        }
    }

    /**
     * Renders a result like pip-chill: runtime top-level lines first (ready for base.in), then
     * development tools under their own heading (for dev.in), then leftovers commented out; with
     * {@code verbose}, every other distribution as a comment naming what it is installed for.
     */
    public static String render(Result r, boolean verbose, boolean withVersions) {
        StringBuilder sb = new StringBuilder();
        for (Group g : Group.values()) {
            List<Entry> entries = r.topLevel().stream().filter(e -> e.group() == g).toList();
            if (entries.isEmpty()) {
                continue;
            }
            if (g == Group.DEV) {
                sb.append("# development tools (for dev.in):\n");
            } else if (g == Group.LEFTOVER) {
                sb.append("# tool-chain leftovers, not runtime needs:\n");
            }
            for (Entry e : entries) {
                sb.append(g == Group.LEFTOVER ? "# " : "").append(line(e, withVersions)).append('\n');
            }
        }
        if (verbose) {
            for (Entry e : r.dependencies()) {
                sb.append("# ").append(line(e, withVersions)).append("  # installed for: ")
                        .append(String.join(", ", e.requiredBy().stream().map(ProjectName::toString).toList())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String line(Entry e, boolean withVersions) {
        String extras = e.extras().isEmpty() ? "" : "[" + String.join(",", new TreeSet<>(e.extras())) + "]";
        return e.name() + extras + (withVersions ? "==" + e.version() : "");
    }
}
