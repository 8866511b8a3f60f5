package dev.pinwheel.cli.compile;

import dev.pinwheel.env.BuildFrontend;
import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.index.CachePolicy;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.index.Redactor;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.SupportedTags;
import dev.pinwheel.resolver.DistMetadata;
import dev.pinwheel.resolver.ResolutionException;
import dev.pinwheel.resolver.Resolution;
import dev.pinwheel.resolver.ResolveListener;
import dev.pinwheel.resolver.ResolveRequest;
import dev.pinwheel.resolver.Resolver;
import dev.pinwheel.resolver.RootRequirement;
import dev.pinwheel.support.AtomicFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The compile engine: inputs in, lock file out. Reads the inputs and the existing lock, sets up
 * the index client from pip's configuration plus the options of the command line and the files,
 * resolves for the target Python through the resolver over {@link Catalog}, collects hashes,
 * renders the lock with {@link LockWriter} and writes it atomically (a failed run leaves the
 * previous lock untouched).
 */
public final class Compiler {

    /** pip-compile's default unsafe set. */
    static final Set<String> DEFAULT_UNSAFE = Set.of("setuptools", "distribute", "pip");

    private Compiler() {
    }

    /** Credentials in a URL replaced the way pip shows them; other text unchanged. */
    public static String redactUrl(String text) {
        return Urls.isUrl(text) ? Redactor.url(text) : text;
    }

    /** The version a lock-file requirement pins, as pip-tools decides it: one exact {@code ==} or {@code ===} clause. */
    public static Optional<dev.pinwheel.packaging.Version> pinnedVersion(Requirement requirement) {
        return ExistingLock.pinnedVersion(requirement);
    }

    public static CompileResult compile(CompileRequest request, CompileListener listener) {
        CompilePaths paths = CompilePaths.locate(request);
        CompileRequest.ResolutionOptions options = request.resolution();
        Inputs inputs = Inputs.read(request, paths);
        IndexSettings settings = indexSettings(request, inputs.options());
        ExistingLock existing = options.upgrade() ? ExistingLock.none()
                : ExistingLock.read(paths.output(), request.cwd(), options.upgradePackages(), request.staged());
        Set<ProjectName> unsafe = new HashSet<>();
        (options.unsafePackages().isEmpty() ? DEFAULT_UNSAFE : Set.copyOf(options.unsafePackages()))
                .forEach(n -> unsafe.add(ProjectName.parse(n)));

        // The command line's format controls (--pip-args), then the files', as pip-compile hands both to pip.
        List<String> noBinary = concat(options.noBinary(), inputs.options().noBinary());
        List<String> onlyBinary = concat(options.onlyBinary(), inputs.options().onlyBinary());
        Interpreters interpreters = new Interpreters(settings.cachePolicy() == CachePolicy.DISABLED ? null : settings.cacheDir());
        List<LockEntry> entries;
        Map<String, LocalProject> locals = new java.util.HashMap<>();
        List<String> warnings = new ArrayList<>();
        Target target;
        try (IndexClient client = IndexClient.create(settings, new RequestLog(listener))) {
            // The input's pages do not depend on the target: fetch them while the interpreter is
            // inspected (a python3 start on a cold cache), not after.
            inputs.requirements().stream().filter(r -> r.requirement().url().isEmpty())
                    .forEach(r -> client.pageAsync(r.requirement().name()));
            target = Target.of(options.pythonVersion(), options.pythonPlatform(), request.cwd(), request.env(),
                    settings.cachePolicy() == CachePolicy.DISABLED ? null : settings.cacheDir());
            boolean pre = options.pre() || inputs.options().pre();
            Catalog.Policy policy = new Catalog.Policy(SupportedTags.of(target.python()), target.version(),
                    target.markers(), Set.copyOf(noBinary), Set.copyOf(onlyBinary),
                    excludeNewer(options.excludeNewer()), pre, options.upgrade() ? Map.of() : existing.pins());
            Supplier<Interpreter> python = memoized(() -> new EnvironmentFinder(interpreters, request.cwd(), request.env())
                    .findInterpreter(Optional.empty()));
            BuildFrontend frontend = new BuildFrontend(settings.cacheDir(), interpreters, client, options.buildIsolation());
            SdistBuilds builds = new SdistBuilds(client, new SdistBuilds.MetadataBuilder() {
                @Override
                public String builtBy() {
                    Interpreter i = python.get();
                    return i.implementation() + "-" + i.version() + "-" + i.sysconfigPlatform();
                }

                @Override
                public String prepareMetadata(Path sdist) {
                    return frontend.prepareMetadata(sdist, python.get());
                }
            }, listener, settings.cachePolicy() == CachePolicy.DISABLED ? null : settings.cacheDir());
            Catalog catalog = new Catalog(client, policy, builds::metadata, listener);
            // Projects named by path (-e .) are known by their metadata, read statically or through PEP 517.
            Map<String, DistMetadata> localMetadata = new java.util.LinkedHashMap<>();
            List<RootRequirement> localRoots = new ArrayList<>();
            for (LocalProject local : inputs.locals()) {
                DistMetadata metadata = localMetadata.computeIfAbsent(local.url(),
                        u -> local.metadata(dir -> frontend.prepareMetadata(dir, python.get())));
                localRoots.add(RootRequirement.of(local.requirement(metadata.name()), local.comesFrom(), local.location()));
                locals.put(local.url(), local);
            }
            // setup.py, setup.cfg and dynamic pyproject.toml inputs: the backend's Requires-Dist are roots.
            // With --build-deps-for, also what building them needs (--only-build-deps: that alone).
            Map<Path, String> projectMetadata = new java.util.HashMap<>();
            Function<Path, String> metadataOf = dir -> projectMetadata.computeIfAbsent(dir,
                    d -> frontend.prepareMetadata(d, python.get()));
            for (MetadataInput project : inputs.projects()) {
                List<RootRequirement> runtime = project.roots(metadataOf, target.markers(), options.extras(), options.allExtras());
                if (!options.onlyBuildDeps()) {
                    localRoots.addAll(runtime);
                }
                if (!options.buildDepsTargets().isEmpty()) {
                    localRoots.addAll(project.buildRoots(metadataOf.apply(project.directory()),
                            frontend.buildRequirements(project.directory(), python.get(), options.buildDepsTargets())));
                }
            }
            java.util.stream.Stream.concat(localRoots.stream(), inputs.requirements().stream()).map(RootRequirement::requirement)
                    .forEach(r -> catalog.wantExtras(r.name(), r.extras()));
            Resolution resolution = resolve(request, inputs, localRoots, existing, target,
                    new IndexPackageSource(catalog, localMetadata), catalog, client, pre);
            resolution.warnings().forEach(listener::warning);
            Map<ProjectName, Set<String>> hashes = options.generateHashes()
                    ? Hashes.collect(resolution.packages(), catalog, client, options.reuseHashes() ? existing : ExistingLock.none())
                    : Map.of();
            entries = LockBuilder.entries(resolution.packages(), unsafe, hashes, locals);
        }
        CompileRequest.OutputOptions output = request.output();
        String command = Optional.ofNullable(request.env().get("CUSTOM_COMPILE_COMMAND")).filter(s -> !s.isEmpty())
                .orElse(request.command());
        List<String> indexUrls = new ArrayList<>();
        if (!settings.noIndex()) {
            indexUrls.add(settings.indexUrl());
            indexUrls.addAll(settings.extraIndexUrls());
        }
        LockFormat format = new LockFormat(target.majorMinor(), command, output.header(), output.annotate(),
                output.annotationStyle(), output.stripExtras(), output.emitIndexUrl(), output.emitTrustedHost(),
                output.emitFindLinks(), output.emitOptions(), options.allowUnsafe(), indexUrls, settings.findLinks(),
                List.copyOf(new LinkedHashSet<>(inputs.trustedHostsInOrder(settings))),
                noBinary, onlyBinary,
                CompilePaths.newline(output.newline(), paths.output(), paths.sources()));
        String text = new LockWriter(format).write(entries);
        if (LockWriter.uninstallable(entries, options.allowUnsafe())) {
            warnings.add("The generated requirements file may be rejected by pip install. See # WARNING lines for details.");
        }
        if (!output.dryRun()) {
            AtomicFiles.write(paths.output(), text);
        }
        return new CompileResult(paths.output(), text, !output.dryRun(), entries.size(), warnings);
    }

    private static Resolution resolve(CompileRequest request, Inputs inputs, List<RootRequirement> localRoots,
                                      ExistingLock existing, Target target, IndexPackageSource source, Catalog catalog,
                                      IndexClient client, boolean pre) {
        CompileRequest.ResolutionOptions options = request.resolution();
        List<RootRequirement> constraints = new ArrayList<>(inputs.constraints());
        Set<ProjectName> upgraded = new HashSet<>();
        for (String spec : options.upgradePackages()) {
            Requirement requirement;
            try {
                requirement = Requirement.parse(spec);
            } catch (ParseException e) {
                throw e.withSource("--upgrade-package", 1);
            }
            upgraded.add(requirement.name());
            // pip-compile turns -P NAME<SPEC into a constraint with no file to name in # via.
            constraints.add(RootRequirement.of(requirement, "", "--upgrade-package " + spec));
        }
        List<RootRequirement> roots = new ArrayList<>(localRoots);
        roots.addAll(inputs.requirements());
        ResolveRequest resolveRequest = ResolveRequest.of(roots, target.markers())
                .withPythonVersion(target.version())
                .withConstraints(constraints)
                .withPrereleases(pre)
                .withPreferences(existing.pins())
                .withUpgrade(options.upgrade() ? ResolveRequest.Upgrade.all() : ResolveRequest.Upgrade.packages(upgraded));
        Set<ProjectName> decided = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ResolveListener progress = new ResolveListener() {
            @Override
            public void trying(ProjectName name, dev.pinwheel.packaging.Version version) {
                decided.add(name);
                catalog.resolvedCount(decided.size());
            }
        };
        try {
            return new Resolver(source, progress).resolve(resolveRequest);
        } catch (ResolutionException e) {
            if (e.missingProjects().isEmpty()) {
                Set<ProjectName> hidden = catalog.excludedByDate();
                if (!hidden.isEmpty() && options.excludeNewer().isPresent()) {
                    // name the projects the explanation mentions; the others only by number
                    List<String> named = hidden.stream().map(ProjectName::toString)
                            .filter(n -> java.util.regex.Pattern.compile("(?<![\\w.-])" + java.util.regex.Pattern.quote(n)
                                    + "(?![\\w-])").matcher(e.getMessage()).find())
                            .sorted().toList();
                    String which = named.isEmpty() ? hidden.size() + (hidden.size() == 1 ? " project" : " projects")
                            : String.join(", ", named);
                    throw new PinwheelException(Category.NEGATIVE, e.getMessage(), "--exclude-newer "
                            + options.excludeNewer().get() + " left out later uploads of " + which
                            + "; a later date may allow a solution", e);
                }
                throw e;
            }
            List<String> suggestions = new ArrayList<>();
            for (ProjectName missing : e.missingProjects()) {
                Set<ProjectName> seen = new HashSet<>(catalog.knownProjects());
                inputs.requirements().forEach(r -> seen.add(r.requirement().name()));
                seen.addAll(existing.pins().keySet());
                Suggestions.closest(missing, seen, client).ifPresent(s -> suggestions.add(s + " instead of " + missing));
            }
            if (suggestions.isEmpty()) {
                throw e;
            }
            throw new PinwheelException(Category.NEGATIVE, e.getMessage(), "did you mean " + String.join(", ", suggestions) + "?", e);
        }
    }

    /** pip's configuration, then the command line's options, then those of the input files, as pip applies them. */
    private static IndexSettings indexSettings(CompileRequest request, Inputs.FileOptions files) {
        Path home = Path.of(request.env().getOrDefault("HOME", System.getProperty("user.home")));
        IndexSettings.Builder b = IndexSettings.fromEnvironment(request.env(), home, request.cwd()).toBuilder();
        CompileRequest.IndexOptions cli = request.index();
        cli.cacheDir().ifPresent(b::cacheDir);
        cli.timeout().ifPresent(b::timeout);
        cli.retries().ifPresent(r -> b.attempts(r + 1));
        cli.indexUrl().ifPresent(b::indexUrl);
        cli.extraIndexUrls().forEach(b::extraIndexUrl);
        cli.findLinks().forEach(b::findLink);
        cli.trustedHosts().forEach(b::trustedHost);
        cli.cert().ifPresent(b::caBundle);
        cli.clientCert().ifPresent(b::clientCert);
        if (cli.noIndex()) {
            b.noIndex(true);
        }
        // A requirements file's --index-url replaces every index named so far, like pip's parser does.
        if (files.indexUrl().isPresent()) {
            b.indexUrl(files.indexUrl().get());
            b.extraIndexUrls(List.of());
        }
        files.extraIndexUrls().forEach(b::extraIndexUrl);
        files.findLinks().forEach(b::findLink);
        files.trustedHosts().forEach(b::trustedHost);
        if (files.noIndex()) {
            b.noIndex(true);
        }
        b.cachePolicy(cli.noCache() ? CachePolicy.DISABLED : cli.refresh() ? CachePolicy.REFRESH : CachePolicy.NORMAL);
        return b.build();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    static Optional<Instant> excludeNewer(Optional<String> text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().strip();
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            try {
                // A bare date means "nothing published after that day".
                return Optional.of(LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1));
            } catch (DateTimeParseException e) {
                throw new PinwheelException(Category.BAD_INPUT, "--exclude-newer " + value + " is not a date or instant",
                        "use e.g. 2024-05-01 or 2024-05-01T12:00:00Z");
            }
        }
    }

    /** Index requests as -v lines. */
    private record RequestLog(CompileListener listener) implements RequestListener {
        @Override
        public void requestStarted(Request request) {
            listener.debug(request.method() + " " + request.url() + (request.range() == null ? "" : " [" + request.range() + "]")
                    + (request.conditional() ? " (revalidate)" : "") + (request.attempt() > 1 ? " (try " + request.attempt() + ")" : ""));
        }

        @Override
        public void requestFinished(Request request, int status, long bytes, Duration elapsed) {
            listener.debug("  " + status + " " + request.url() + " (" + bytes + " bytes, " + elapsed.toMillis() + " ms)");
        }

        @Override
        public void requestFailed(Request request, String reason) {
            listener.debug("  failed " + request.url() + ": " + reason);
        }

        @Override
        public void cacheHit(String url) {
            listener.debug("cached " + url);
        }

        @Override
        public void warning(String message) {
            listener.warning(message);
        }
    }
}
