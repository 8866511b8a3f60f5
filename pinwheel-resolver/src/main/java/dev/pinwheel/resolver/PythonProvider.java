package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.VersionSpecifier;
import dev.pinwheel.resolver.pubgrub.DependencyProvider;
import dev.pinwheel.resolver.pubgrub.Ranges;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The Python side of PubGrub: candidates from a {@link PackageSource}, pip's choice rules,
 * dependencies from core metadata with markers and extras, and background prefetching.
 *
 * <p>Rules, and why:
 * <ul>
 * <li>Filtered out before solving (so PubGrub's learned facts stay true): versions whose
 *     Requires-Python excludes the target, yanked versions unless a root requirement or
 *     constraint pins exactly that version with {@code ==}/{@code ===} (uv's rule; PEP 592),
 *     versions uploaded after {@code --exclude-newer}.</li>
 * <li>Pre-releases (pip's rules): with {@code --pre}, or for a project whose root requirement or
 *     constraint names a pre-release, they compete like final releases. Otherwise the newest
 *     final release in the allowed range wins, and a pre-release is taken only when the range
 *     holds no final release at all ("only pre-releases satisfy", as pip's specifier filter
 *     does). The range is PubGrub's current one, so a pre-release may also be chosen after
 *     backtracking excluded every final release of the range.</li>
 * <li>Preferences (the existing lock) are tried first when still allowed and usable, unless the
 *     project is upgraded.</li>
 * <li>Priorities (uv's): projects fixed by a URL, then projects pinned with {@code ==}, then the
 *     rest in the order they were discovered.</li>
 * <li>Prefetching: when a dependency edge names a project for the first time, its page is
 *     requested at once and, when it arrives, the metadata of the version that will probably be
 *     chosen ({@link PackageSource#prefetchFirstChoice}), all in the background on the source's
 *     threads. Backtracking asks only for the versions it tries: batches of older versions (uv's)
 *     cost a real input a third more time than they saved (docs/benchmarks.md).</li>
 * </ul>
 */
final class PythonProvider implements DependencyProvider<PyPackage, VersionPoint> {

    static final VersionPoint ROOT_VERSION = VersionPoint.of(Version.parse("0"));

    private final PackageSource source;
    private final ResolveRequest request;
    private final ResolveListener listener;
    private final Version target;

    private final Map<ProjectName, Project> projects = new HashMap<>();
    private final Map<PyPackage, Integer> seen = new HashMap<>();
    private final Map<PyPackage, Map<Version, List<Edge<PyPackage, VersionPoint>>>> edges = new HashMap<>();
    private final Set<ProjectName> explicitPre = new HashSet<>();
    private final Map<ProjectName, Set<Version>> allowedYanked = new HashMap<>();
    private final Map<ProjectName, String> urls = new HashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<Edge<PyPackage, VersionPoint>> rootEdges = new ArrayList<>();
    private final Map<SpecifierSet, Ranges<VersionPoint>> rangeCache = new HashMap<>();

    PythonProvider(PackageSource source, ResolveRequest request, ResolveListener listener) {
        this.source = source;
        this.request = request;
        this.listener = listener;
        this.target = request.pythonVersion();
        List<RootRequirement> all = new ArrayList<>(request.requirements());
        all.addAll(request.constraints());
        for (RootRequirement root : all) {
            Requirement r = root.requirement();
            if (!applies(r)) {
                continue;
            }
            if (r.specifier().allowsPrereleases()) {
                explicitPre.add(r.name());
            }
            for (VersionSpecifier s : r.specifier().specifiers()) {
                boolean exact = (s.operator() == VersionSpecifier.Operator.EQUAL && !s.isWildcard())
                        || s.operator() == VersionSpecifier.Operator.ARBITRARY;
                if (exact && s.version().isPresent()) {
                    allowedYanked.computeIfAbsent(r.name(), k -> new HashSet<>()).add(s.version().get());
                }
            }
            if (r.url().isPresent()) {
                String previous = urls.putIfAbsent(r.name(), r.url().get());
                if (previous != null && !previous.equals(r.url().get())) {
                    throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                            "conflicting URLs for " + r.name() + ": " + previous + " and " + r.url().get()
                                    + (root.location().isEmpty() ? "" : " (" + root.location() + ")"));
                }
            }
        }
        for (RootRequirement root : request.requirements()) {
            Requirement r = root.requirement();
            if (applies(r)) {
                Ranges<VersionPoint> range = Pep440Ranges.of(r.specifier());
                rootEdges.add(Edge.requires(PyPackage.base(r.name()), range, root));
                for (ExtraName e : r.extras()) {
                    rootEdges.add(Edge.requires(PyPackage.extra(r.name(), e), range, root));
                }
            }
        }
        for (RootRequirement root : request.constraints()) {
            Requirement r = root.requirement();
            if (applies(r)) {
                rootEdges.add(Edge.constrains(PyPackage.base(r.name()), Pep440Ranges.of(r.specifier()), root));
            }
        }
        // Start every fetch the root needs right away.
        for (Edge<PyPackage, VersionPoint> e : rootEdges) {
            discover(e.pkg(), e.set());
        }
    }

    private boolean applies(Requirement r) {
        return r.marker().map(m -> m.evaluate(request.environment(), Set.of())).orElse(true);
    }

    // ---- projects and their candidates ----

    /** What the solver knows about one project. */
    final class Project {
        final ProjectName name;
        final String url;
        CompletableFuture<ProjectVersions> listing;
        /** The listing filtered once, on whichever thread completes it first. */
        CompletableFuture<Candidates> filtered;
        CompletableFuture<DistMetadata> urlMetadata;
        Candidates candidates;
        Version lastChosen;
        /** The versions of the project itself (not its extras) chosen so far. */
        final Set<Version> tried = new HashSet<>();
        final Map<Version, CompletableFuture<DistMetadata>> metadata = new HashMap<>();

        Project(ProjectName name) {
            this.name = name;
            this.url = urls.get(name);
            if (url != null) {
                urlMetadata = source.urlMetadata(name, url);
            } else {
                listing = source.versions(name);
                filtered = listing.thenApply(PythonProvider.this::filter);
            }
        }

        Candidates candidates() {
            if (candidates == null) {
                candidates = url != null ? Candidates.ofUrl(join(urlMetadata).version()) : join(filtered);
            }
            return candidates;
        }

        CompletableFuture<DistMetadata> metadata(Version v) {
            if (url != null) {
                return urlMetadata;
            }
            return metadata.computeIfAbsent(v, k -> source.metadata(name, k));
        }
    }

    /**
     * The usable versions of a project, newest first, and why the others were dropped. Pure:
     * also computed on the source's threads for prefetching.
     */
    record Candidates(boolean found, List<CandidateVersion> usable, Map<Version, String> dropped, List<Version> listed) {
        static Candidates ofUrl(Version v) {
            return new Candidates(true, List.of(CandidateVersion.of(v)), Map.of(), List.of(v));
        }
    }

    private static final Comparator<CandidateVersion> NEWEST_FIRST = (a, b) -> b.version().compareTo(a.version());

    Candidates filter(ProjectVersions pv) {
        Set<Version> yankOk = allowedYanked.getOrDefault(pv.name(), Set.of());
        List<CandidateVersion> usable = new ArrayList<>();
        Map<Version, String> dropped = new HashMap<>();
        List<Version> listed = new ArrayList<>();
        for (CandidateVersion c : pv.versions()) {
            listed.add(c.version());
            if (request.excludeNewer().isPresent() && c.uploadTime().isPresent()
                    && c.uploadTime().get().isAfter(request.excludeNewer().get())) {
                dropped.put(c.version(), "was uploaded after " + request.excludeNewer().get());
            } else if (!c.requiresPython().contains(target, true)) {
                dropped.put(c.version(), "requires Python" + c.requiresPython());
            } else if (c.yanked() && !yankOk.contains(c.version())) {
                dropped.put(c.version(), "is yanked");
            } else {
                usable.add(c);
            }
        }
        usable.sort(NEWEST_FIRST);
        listed.sort(Comparator.naturalOrder());
        return new Candidates(pv.found(), Collections.unmodifiableList(usable), Collections.unmodifiableMap(dropped),
                Collections.unmodifiableList(listed));
    }

    Project project(ProjectName name) {
        return projects.computeIfAbsent(name, Project::new);
    }

    /** The project if the resolver has asked about it, else null. */
    Project known(ProjectName name) {
        return projects.get(name);
    }

    Version target() {
        return target;
    }

    private void discover(PyPackage pkg, Ranges<VersionPoint> range) {
        seen.putIfAbsent(pkg, seen.size());
        if (projects.containsKey(pkg.name())) {
            return;
        }
        Project p = project(pkg.name());
        if (p.filtered != null) {
            ProjectName name = pkg.name();
            // Runs on the source's thread: touches only immutable state and the thread-safe source.
            p.filtered.thenAccept(c -> {
                CandidateVersion likely = pick(name, c, range);
                if (likely != null) {
                    source.prefetchFirstChoice(name, likely.version());
                }
            });
        }
    }

    // ---- DependencyProvider ----

    @Override
    public long priority(PyPackage pkg, Ranges<VersionPoint> allowed) {
        if (pkg.isRoot()) {
            return Long.MIN_VALUE;
        }
        long kind;
        if (urls.containsKey(pkg.name())) {
            kind = 0;
        } else if (isPinned(allowed)) {
            kind = 1;
        } else {
            kind = 2;
        }
        return (kind << 32) | seen.getOrDefault(pkg, Integer.MAX_VALUE);
    }

    /** Whether the range is one version: {@code ==v} with or without its local versions. */
    private static boolean isPinned(Ranges<VersionPoint> r) {
        if (r.segmentCount() != 1 || r.lower(0) == null || r.upper(0) == null) {
            return false;
        }
        VersionPoint lo = r.lower(0);
        VersionPoint hi = r.upper(0);
        return r.singletonValue() != null
                || (lo.kind() == VersionPoint.Kind.EXACT && hi.kind() == VersionPoint.Kind.AFTER_LOCALS
                        && hi.version().equals(lo.version()));
    }

    @Override
    public VersionPoint chooseVersion(PyPackage pkg, Ranges<VersionPoint> allowed) {
        if (pkg.isRoot()) {
            return ROOT_VERSION;
        }
        Project p = project(pkg.name());
        Candidates c = p.candidates();
        if (pkg.extra() != null && p.lastChosen != null && allowed.contains(VersionPoint.of(p.lastChosen))) {
            // An extra follows its project: anything else is ruled out by its first dependency.
            return VersionPoint.of(p.lastChosen);
        }
        CandidateVersion chosen = pick(pkg.name(), c, allowed);
        if (chosen == null) {
            return null;
        }
        if (pkg.extra() == null) {
            p.lastChosen = chosen.version();
            if (p.tried.add(chosen.version()) && p.tried.size() >= WALK_AFTER) {
                fetchAhead(p, c, allowed, chosen);
            }
        }
        listener.trying(pkg.name(), chosen.version());
        return VersionPoint.of(chosen.version());
    }

    /** From the second version of a project tried on, {@link #WALK_AHEAD} more are fetched ahead. */
    static final int WALK_AFTER = 2;
    static final int WALK_AHEAD = 3;

    /**
     * A project whose first choice was ruled out is usually walked down version by version, each
     * step waiting for one more metadata fetch; so the source hears of the next {@link #WALK_AHEAD}
     * versions the walk would come to (older, allowed now, final releases unless pre-releases
     * compete), and each further step keeps that many ahead ({@link PackageSource#prefetchNext}).
     * On the dispatch input (cold, 5 alternating rounds) this took the compile from 6.40 s to
     * 5.06 s at the same CPU: its last 2.8 s had been 30 such fetches one after another (15
     * versions of google-api-core among them), ~60 ms each. Three ahead after two tried beat six
     * ahead (4.98 s, within the noise) and waiting for three tried (5.51 s). Unlike the batches of
     * session 7 (docs/benchmarks.md), the window is small, starts only once a walk has begun, and
     * never builds an sdist for a guess.
     */
    private void fetchAhead(Project p, Candidates c, Ranges<VersionPoint> allowed, CandidateVersion chosen) {
        if (p.url != null || WALK_AHEAD <= 0) {
            return;
        }
        boolean pre = request.prereleases() || explicitPre.contains(p.name) || chosen.version().isPrerelease();
        boolean below = false;
        int asked = 0;
        for (CandidateVersion cv : c.usable()) {
            if (!below) {
                below = cv == chosen;
                continue;
            }
            if (allowed.contains(VersionPoint.of(cv.version())) && (pre || !cv.version().isPrerelease())) {
                source.prefetchNext(p.name, cv.version());
                if (++asked == WALK_AHEAD) {
                    return;
                }
            }
        }
    }

    /** pip's choice within {@code allowed}: preference, newest final release, newest pre-release. */
    private CandidateVersion pick(ProjectName name, Candidates c, Ranges<VersionPoint> allowed) {
        Version preferred = request.preferences().get(name);
        if (preferred != null && !request.upgrade().covers(name) && allowed.contains(VersionPoint.of(preferred))) {
            for (CandidateVersion cv : c.usable()) {
                if (cv.version().equals(preferred)) {
                    return cv;
                }
            }
        }
        boolean pre = request.prereleases() || explicitPre.contains(name);
        CandidateVersion firstPre = null;
        for (CandidateVersion cv : c.usable()) {
            if (allowed.contains(VersionPoint.of(cv.version()))) {
                if (pre || !cv.version().isPrerelease()) {
                    return cv;
                }
                if (firstPre == null) {
                    firstPre = cv;
                }
            }
        }
        return firstPre;
    }

    @Override
    public Dependencies<PyPackage, VersionPoint> dependencies(PyPackage pkg, VersionPoint version) {
        if (pkg.isRoot()) {
            return Dependencies.of(rootEdges);
        }
        Version v = version.version();
        Project p = project(pkg.name());
        DistMetadata meta;
        try {
            meta = join(p.metadata(v));
        } catch (PinwheelException e) {
            // Broken or unbuildable metadata rules out this version only; a failing network does not.
            if (e.category() == PinwheelException.Category.BAD_INPUT || e.category() == PinwheelException.Category.NEGATIVE) {
                return Dependencies.unavailable("its metadata cannot be read: " + e.getMessage());
            }
            throw e;
        }
        if (pkg.extra() == null && !meta.requiresPython().contains(target, true)) {
            return Dependencies.unavailable("it requires Python" + meta.requiresPython() + " and the target is Python " + target);
        }
        List<Edge<PyPackage, VersionPoint>> out = new ArrayList<>();
        if (pkg.extra() != null) {
            out.add(Edge.requires(PyPackage.base(pkg.name()), Ranges.singleton(version), null));
            if (!meta.providesExtra().isEmpty() && !meta.providesExtra().contains(pkg.extra())) {
                warnings.add(pkg.name() + " " + v + " does not provide the extra '" + pkg.extra() + "'");
            }
        }
        Set<ExtraName> none = Set.of();
        Set<ExtraName> mine = pkg.extra() == null ? none : Set.of(pkg.extra());
        for (Requirement r : meta.requiresDist()) {
            if (r.marker().isPresent()) {
                Marker m = r.marker().get();
                if (!m.evaluate(request.environment(), mine)) {
                    continue;
                }
                // An extra adds only what its marker switches on; the rest belongs to the project.
                if (pkg.extra() != null && m.evaluate(request.environment(), none)) {
                    continue;
                }
            } else if (pkg.extra() != null) {
                continue;
            }
            if (r.url().isPresent() && !urls.containsKey(r.name())) {
                return Dependencies.unavailable("it depends on " + r.name() + " @ " + r.url().get()
                        + ", a direct URL that is not among the root requirements");
            }
            Ranges<VersionPoint> range = r.url().isPresent() ? Ranges.full() : ranges(r.specifier());
            if (!r.name().equals(pkg.name())) {
                out.add(Edge.requires(PyPackage.base(r.name()), range, r));
            }
            for (ExtraName e : r.extras()) {
                PyPackage target = PyPackage.extra(r.name(), e);
                if (!target.equals(pkg)) {
                    out.add(Edge.requires(target, range, r));
                }
            }
        }
        for (Edge<PyPackage, VersionPoint> e : out) {
            discover(e.pkg(), e.set());
        }
        edges.computeIfAbsent(pkg, k -> new HashMap<>()).put(v, List.copyOf(out));
        return Dependencies.of(out);
    }

    /** Many requirements repeat the same specifier ({@code >=1.0}); convert each text once. */
    private Ranges<VersionPoint> ranges(SpecifierSet specifier) {
        Ranges<VersionPoint> r = rangeCache.get(specifier);
        if (r == null) {
            r = Pep440Ranges.of(specifier);
            rangeCache.put(specifier, r);
        }
        return r;
    }

    /** The edges recorded for a version (after {@link #dependencies}); the root's for {@link PyPackage#ROOT}. */
    List<Edge<PyPackage, VersionPoint>> edgesOf(PyPackage pkg, Version v) {
        if (pkg.isRoot()) {
            return rootEdges;
        }
        return edges.getOrDefault(pkg, Map.of()).getOrDefault(v, List.of());
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    String url(ProjectName name) {
        return urls.get(name);
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "interrupted while resolving", null, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, String.valueOf(cause.getMessage()), null, cause);
        }
    }
}
