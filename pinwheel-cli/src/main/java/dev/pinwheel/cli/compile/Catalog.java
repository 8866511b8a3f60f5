package dev.pinwheel.cli.compile;

import dev.pinwheel.index.DistFile;
import dev.pinwheel.index.DistMetadata;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.ProjectPage;
import dev.pinwheel.packaging.CoreMetadata;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.SdistFilename;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.SupportedTags;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.WheelFilename;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What the index offers the resolver, for one target: per project the usable versions (files
 * whose tags the target supports, whose Requires-Python it satisfies, allowed by the binary
 * options and --exclude-newer), and per version its metadata, fetched once and in the background
 * as soon as the version looks likely to be needed.
 *
 * <p>Traps: every file of a version is assumed to share one metadata (uv does the same), so the
 * cheapest one is read; a version whose files are all yanked is kept but marked, since an exact
 * pin may still select it (PEP 592); an invalid Requires-Python is ignored like pip does.
 */
final class Catalog {

    /** One usable version of a project. */
    record Candidate(Version version, List<DistFile> files, boolean yanked) {
    }

    /** The usable versions of one project, newest first. */
    record Project(ProjectName name, boolean exists, List<Candidate> candidates, List<DistFile> allFiles) {
        Optional<Candidate> candidate(Version version) {
            return candidates.stream().filter(c -> c.version().equals(version)).findFirst();
        }
    }

    /** Which files may be used. */
    record Policy(SupportedTags tags, Version python, MarkerEnvironment markers, Set<String> noBinary,
                  Set<String> onlyBinary, Optional<Instant> excludeNewer, boolean pre, Map<ProjectName, Version> preferences) {

        boolean wheelsAllowed(ProjectName name) {
            return !(noBinary.contains(":all:") || noBinary.contains(name.toString())) || onlyBinary.contains(name.toString());
        }

        boolean sdistsAllowed(ProjectName name) {
            return !(onlyBinary.contains(":all:") || onlyBinary.contains(name.toString())) || noBinary.contains(name.toString());
        }
    }

    private final Set<ProjectName> excludedByDate = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final IndexClient client;
    private final Policy policy;
    private final Function<DistMetadata, String> sdistMetadata;
    private final CompileListener listener;
    private final Map<ProjectName, CompletableFuture<Project>> projects = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CoreMetadata>> metadata = new ConcurrentHashMap<>();
    /** The extras some requirement asked of a project so far: their dependencies are fetched ahead too. */
    private final Map<ProjectName, Set<ExtraName>> extras = new ConcurrentHashMap<>();
    private final AtomicInteger fetched = new AtomicInteger();
    private volatile int resolved;

    /**
     * @param sdistMetadata turns an sdist's PKG-INFO into trustworthy metadata text (building it when needed)
     */
    Catalog(IndexClient client, Policy policy, Function<DistMetadata, String> sdistMetadata, CompileListener listener) {
        this.client = client;
        this.policy = policy;
        this.sdistMetadata = sdistMetadata;
        this.listener = listener;
    }

    /** Starts fetching the project's page in the background. */
    CompletableFuture<Project> prefetch(ProjectName name) {
        return projects.computeIfAbsent(name, n -> client.pageAsync(n).thenApply(this::project).whenComplete((p, e) -> counted()));
    }

    Project project(ProjectName name) {
        return join(prefetch(name));
    }

    /**
     * The metadata of one version, which the resolver asked for or will most likely ask for next;
     * starts the fetch if nobody did yet. When it arrives, the pages of its dependencies and the
     * metadata of their likely versions are fetched too, without waiting for the resolver to get
     * there: on a cold cache the network, not the resolver's pace, then sets the time. Those
     * dependencies are one step of guessing away, so an sdist among them is built now as well
     * (a build takes seconds, which then overlap the resolve instead of stalling it); their own
     * dependencies, two steps away, are fetched only where a wheel has their metadata.
     */
    CompletableFuture<CoreMetadata> prefetchMetadata(ProjectName name, Version version) {
        return metadata(name, version, true);
    }

    /**
     * The metadata of a version the resolver may try soon (see
     * {@link dev.pinwheel.resolver.PackageSource#prefetchNext}), fetched only where a wheel has
     * it: no sdist is built for a guess, and its dependencies are looked ahead as for a guess.
     */
    void prefetchFromWheel(ProjectName name, Version version) {
        prefetch(name).thenAccept(project -> project.candidate(version)
                .filter(c -> c.files().stream().anyMatch(f -> isWheel(f.filename())))
                .ifPresent(c -> metadata(name, version, false)));
    }

    /** @param asked whether the resolver asked (or will most likely ask) for it, rather than a guess */
    private CompletableFuture<CoreMetadata> metadata(ProjectName name, Version version, boolean asked) {
        String key = name + "==" + version;
        CompletableFuture<CoreMetadata> existing = metadata.get(key);
        if (existing != null) {
            return existing;
        }
        return metadata.computeIfAbsent(key, k -> prefetch(name).thenCompose(project -> {
            Candidate candidate = project.candidate(version)
                    .orElseThrow(() -> new IllegalStateException("no files for " + key));
            return client.metadataAsync(candidate.files());
        }).thenApply(found -> {
            counted();
            CoreMetadata parsed = CoreMetadata.parse(found.fromSdist() ? sdistMetadata.apply(found) : found.text());
            speculate(name, parsed, extras.getOrDefault(name, Set.of()), asked);
            return parsed;
        }));
    }

    /**
     * Notes that a requirement asks {@code name} for these extras ({@code uvicorn[standard]}), so
     * that the dependencies they add are fetched ahead like the others: the resolver itself meets
     * them only when it gets to the extra, which on the seed's base.in was ~0.3 s after the
     * project's metadata had arrived. Metadata that arrived before is looked at again for them.
     */
    void wantExtras(ProjectName name, Set<ExtraName> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        Set<ExtraName> known = extras.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        Set<ExtraName> added = wanted.stream().filter(known::add).collect(java.util.stream.Collectors.toSet());
        if (added.isEmpty()) {
            return;
        }
        String prefix = name + "==";
        metadata.forEach((key, future) -> {
            if (key.startsWith(prefix) && future.isDone() && !future.isCompletedExceptionally()) {
                speculate(name, future.join(), added, false);
            }
        });
    }

    /**
     * Fetches the likely versions of {@code parsed}'s dependencies, building an sdist's metadata
     * only when {@code parsed} itself was asked for (see {@link #prefetchMetadata}).
     */
    private void speculate(ProjectName name, CoreMetadata parsed, Set<ExtraName> withExtras, boolean asked) {
        for (Requirement requirement : parsed.requiresDist()) {
            if (requirement.url().isPresent()
                    || !requirement.marker().map(m -> m.evaluate(policy.markers(), withExtras)).orElse(true)) {
                continue;
            }
            ProjectName dependency = requirement.name();
            // also an extra that asks for other extras of its own project (pkg[all] -> pkg[a,b]),
            // whose page is known, so it stops below
            wantExtras(dependency, requirement.extras());
            if (projects.containsKey(dependency)) {
                continue;
            }
            prefetch(dependency).thenAccept(project -> likely(project, requirement)
                    .filter(v -> asked || project.candidate(v).map(c -> c.files().stream().anyMatch(f -> isWheel(f.filename())))
                            .orElse(false))
                    .ifPresent(v -> metadata(dependency, v, false)));
        }
    }

    /** The version the resolver will most likely pick: the old pin if it fits, else the newest that fits. */
    private Optional<Version> likely(Project project, Requirement requirement) {
        Version pinned = policy.preferences().get(project.name());
        if (pinned != null && project.candidate(pinned).isPresent() && requirement.specifier().contains(pinned, true)) {
            return Optional.of(pinned);
        }
        boolean pre = policy.pre() || requirement.specifier().allowsPrereleases();
        return project.candidates().stream()
                .filter(c -> !c.yanked() && (pre || !c.version().isPrerelease()))
                .map(Candidate::version)
                .filter(v -> requirement.specifier().contains(v, true))
                .findFirst();
    }

    /** Every project whose page was asked for so far (for "did you mean"). */
    Set<ProjectName> knownProjects() {
        return Set.copyOf(projects.keySet());
    }

    /** Tells the progress display how many packages the resolver has decided. */
    void resolvedCount(int count) {
        resolved = count;
        listener.progress(resolved, fetched.get());
    }

    private void counted() {
        listener.progress(resolved, fetched.incrementAndGet());
    }

    private Project project(ProjectPage page) {
        ProjectName name = page.name();
        Map<Version, List<DistFile>> byVersion = new TreeMap<>(Comparator.reverseOrder());
        List<DistFile> all = new ArrayList<>();
        for (DistFile file : page.files()) {
            // DistFile.isWheel() lower-cases the name on every call; thousands of files make that count.
            Optional<Version> version = versionOf(file, name);
            if (version.isEmpty()) {
                continue;
            }
            all.add(file);
            if (usable(file, name)) {
                byVersion.computeIfAbsent(version.get(), v -> new ArrayList<>()).add(file);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        byVersion.forEach((version, files) -> candidates.add(
                new Candidate(version, List.copyOf(files), files.stream().allMatch(DistFile::isYanked))));
        return new Project(name, page.exists(), List.copyOf(candidates), List.copyOf(all));
    }

    /** Every listed file of one version, from every source, usable here or not (for --generate-hashes). */
    List<DistFile> allFiles(ProjectName name, Version version) {
        return project(name).allFiles().stream().filter(f -> versionOf(f, name).map(version::equals).orElse(false)).toList();
    }

    /*
     * Popular projects list thousands of files, and most share a few version strings and tag
     * triples: parsing each distinct string once keeps a warm resolve cheap.
     */
    private final Map<String, Optional<Version>> versions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> compatibleTags = new ConcurrentHashMap<>();
    private final Map<String, Boolean> pythonOk = new ConcurrentHashMap<>();

    private Optional<Version> versionOf(DistFile file, ProjectName name) {
        String filename = file.filename();
        if (isWheel(filename)) {
            // name-version[-build]-python-abi-platform.whl: the version sits between the first two dashes
            int dashes = 0;
            int first = -1;
            int second = -1;
            for (int i = 0, end = filename.length() - 4; i < end; i++) {
                if (filename.charAt(i) == '-') {
                    dashes++;
                    if (first < 0) {
                        first = i;
                    } else if (second < 0) {
                        second = i;
                    }
                }
            }
            if (dashes != 4 && dashes != 5) {
                return Optional.empty();
            }
            return versions.computeIfAbsent(filename.substring(first + 1, second), Catalog::parseVersion);
        }
        try {
            return Optional.of(SdistFilename.parse(filename, name).version());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Version> parseVersion(String text) {
        try {
            return Optional.of(Version.parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isWheel(String filename) {
        return filename.endsWith(".whl") || filename.endsWith(".WHL");
    }

    private boolean usable(DistFile file, ProjectName name) {
        if (isWheel(file.filename())) {
            if (!policy.wheelsAllowed(name)) {
                return false;
            }
            // the last three dash-separated parts (python-abi-platform), without splitting the whole name
            String filename = file.filename();
            int end = filename.length() - 4;
            int cut = end;
            for (int found = 0; found < 3 && cut > 0; ) {
                if (filename.charAt(--cut) == '-') {
                    found++;
                }
            }
            String tags = filename.substring(cut + 1, end);
            boolean compatible = compatibleTags.computeIfAbsent(tags, t -> {
                try {
                    return policy.tags().isCompatible(WheelFilename.parse("x-0-" + t + ".whl"));
                } catch (ParseException e) {
                    return false;
                }
            });
            if (!compatible) {
                return false;
            }
        } else if (!file.isSdist() || !policy.sdistsAllowed(name)) {
            return false;
        }
        if (file.requiresPython().isPresent()
                && !pythonOk.computeIfAbsent(file.requiresPython().get(), this::pythonSatisfies)) {
            return false;
        }
        if (policy.excludeNewer().isPresent() && file.uploadTime().isPresent()
                && file.uploadTime().get().isAfter(policy.excludeNewer().get())) {
            excludedByDate.add(name);
            return false;
        }
        return true;
    }

    /** The projects of which --exclude-newer left out at least one otherwise usable file. */
    Set<ProjectName> excludedByDate() {
        return Set.copyOf(excludedByDate);
    }

    private boolean pythonSatisfies(String requiresPython) {
        try {
            return SpecifierSet.parse(requiresPython).contains(policy.python(), true);
        } catch (ParseException e) {
            // pip ignores a Requires-Python it cannot parse; so do we.
            return true;
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
