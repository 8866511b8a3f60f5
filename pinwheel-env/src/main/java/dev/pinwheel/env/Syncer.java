package dev.pinwheel.env;

import dev.pinwheel.index.CachePolicy;
import dev.pinwheel.index.DistFile;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.index.ProjectPage;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.packaging.FormatControl;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.RequirementsOptions;
import dev.pinwheel.packaging.SupportedTags;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.WheelFilename;
import dev.pinwheel.support.FileLock;
import dev.pinwheel.support.Hashing;
import dev.pinwheel.support.NativeCrypto;
import dev.pinwheel.support.Subprocess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code pinwheel sync}: makes an environment equal to its lock files. Under the environment's
 * lock it repairs what an interrupted run left ({@link Journal}), reads what is installed, plans
 * ({@link SyncPlanner}), fetches and unpacks the wheels it needs in parallel (the best wheel for
 * the interpreter's tags, every file checked against the lock's hashes), removes, installs in
 * parallel, and optionally compiles bytecode for the files it installed.
 */
public final class Syncer {

    /** Everything a sync needs to know besides the environment. */
    public record SyncRequest(List<String> lockFiles, Path cwd, Function<String, String> environ, boolean force,
                              Set<ProjectName> keep, boolean dryRun, boolean compile, WheelInstaller.LinkMode linkMode,
                              Path cacheDir, IndexSettings indexSettings) {
        public SyncRequest {
            lockFiles = List.copyOf(lockFiles);
            keep = Set.copyOf(keep);
        }
    }

    /** What the CLI hears while a sync runs. All methods have no-op defaults. */
    public interface Listener {
        /** Warnings that do not stop the sync (a pin overridden with --force). */
        default void warning(String message) {
        }

        /** The plan, before anything changes. */
        default void planned(SyncPlan plan) {
        }

        /** Asked once before changing anything (for {@code --ask}); false cancels. */
        default boolean confirm(SyncPlan plan) {
            return true;
        }

        /** A finished phase: "Prepared" 3 packages in 120 ms. */
        default void phase(String verb, int packages, Duration elapsed) {
        }

        /** Live status for a progress line. */
        default void progress(String status) {
        }

        /** Requests to package indexes. */
        default RequestListener requests() {
            return RequestListener.NONE;
        }
    }

    /** The outcome: the plan, whether it was carried out, and the lock files read (includes too). */
    public record SyncResult(SyncPlan plan, boolean applied, List<Path> lockFiles) {
        public SyncResult {
            lockFiles = List.copyOf(lockFiles);
        }
    }

    /**
     * The environment's paths a sync's plan rests on, besides the lock files: the environment's
     * directory, its interpreter link (whose target decides the markers) and {@code pyvenv.cfg},
     * pinwheel's journal directory and both library directories (or, where one is missing, the
     * directory it would appear in), and every installed distribution's metadata directory (or
     * egg-info file) with the files in it. A distribution installed or
     * removed changes a library directory; rewritten metadata changes one of its files; an
     * interrupted sync leaves a journal. So while none of these changes (nor the lock files, nor
     * the variables they expand), a sync finds the same plan.
     */
    public static List<Path> environmentInputs(PythonEnvironment env) {
        Set<Path> paths = new LinkedHashSet<>();
        Path root = env.root();
        paths.add(root);
        paths.add(env.python().getParent());
        paths.add(env.python());
        Path cfg = root.resolve("pyvenv.cfg");
        if (Files.exists(cfg)) {
            paths.add(cfg);
        }
        // Where an interrupted sync's journal would appear: the journal directory, else the first
        // of its parents that exists (not the staging directory beside it, which a sync leaves
        // for the next one to clear).
        nearestDirectory(Journal.journalDir(env), root).ifPresent(paths::add);
        for (Path lib : new LinkedHashSet<>(List.of(env.paths().purelib(), env.paths().platlib()))) {
            if (!Files.isDirectory(lib)) {
                nearestDirectory(lib.getParent(), root).ifPresent(paths::add); // where it would appear
                continue;
            }
            paths.add(lib);
            for (Path entry : SitePackages.entries(lib)) {
                paths.add(entry);
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.list(entry)) {
                        files.sorted().forEach(paths::add);
                    } catch (IOException e) {
                        throw new EnvException(Category.ENVIRONMENT, "cannot list " + entry, null, e);
                    }
                }
            }
        }
        return List.copyOf(paths);
    }

    /** {@code path} if it is a directory, else its nearest parent that is, up to {@code root}. */
    private static Optional<Path> nearestDirectory(Path path, Path root) {
        for (Path dir = path; dir != null && dir.startsWith(root); dir = dir.getParent()) {
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Downloads in flight at once, at most (uv uses 50; the index client caps requests at its parallelism). */
    private static final int PREPARE_THREADS = 16;

    private final Listener listener;

    public Syncer(Listener listener) {
        this.listener = listener;
    }

    public SyncResult sync(PythonEnvironment env, SyncRequest request) {
        long start = System.nanoTime();
        MarkerEnvironment markers = MarkerEnvironment.of(env.interpreter().markers());
        // The lock files are parsed on a second thread while this one takes the environment's
        // lock, repairs and reads what is installed: both are a visible part of a warm or no-op
        // sync, and parsing touches nothing, so a failure there is only reported after the scan.
        CompletableFuture<LockFiles.Locked> parsed = new CompletableFuture<>();
        Thread parser = new Thread(() -> {
            try {
                parsed.complete(LockFiles.read(request.lockFiles(), request.cwd(), request.environ(), markers,
                        request.force(), namer(env, request)));
            } catch (RuntimeException | Error e) {
                parsed.completeExceptionally(e);
            }
        }, "pinwheel-lock-files");
        parser.setDaemon(true);
        parser.start();
        Path lockFile = env.root().resolve(Journal.DIR).resolve("lock");
        try (FileLock lock = FileLock.acquire(lockFile, Duration.ofMinutes(10), "the environment " + env.root())) {
            int repairs = request.dryRun() ? pendingRepairs(env) : Journal.recover(env);
            List<InstalledDistribution> installed = SitePackages.scan(env);
            LockFiles.Locked locked = join(parsed);
            locked.warnings().forEach(listener::warning);
            Set<ProjectName> protect = new HashSet<>(SyncPlanner.DEFAULT_PROTECTED);
            protect.addAll(request.keep());
            SyncPlan plan = SyncPlanner.plan(locked.pins(), installed, protect, repairs);
            listener.phase("Resolved", locked.pins().size(), since(start));
            listener.planned(plan);
            if (request.dryRun() || !plan.changes()) {
                return new SyncResult(plan, false, locked.files());
            }
            if (!listener.confirm(plan)) {
                return new SyncResult(plan, false, locked.files());
            }
            apply(env, request, locked, plan);
            return new SyncResult(plan, true, locked.files());
        }
    }

    /**
     * Names an unnamed local project ({@code -e .} whose pyproject.toml has no static name) from
     * the metadata its build backend prepares, fetching the backend from the lock files' index.
     */
    private LockFiles.ProjectNamer namer(PythonEnvironment env, SyncRequest request) {
        return (dir, editable, options) -> {
            boolean noCache = request.indexSettings().cachePolicy() == CachePolicy.DISABLED;
            LocalProjectNames known = noCache ? null : new LocalProjectNames(request.cacheDir());
            String key = null;
            if (known != null) {
                try {
                    key = LocalProjectNames.key(dir, editable);
                    Optional<ProjectName> name = known.get(key);
                    if (name.isPresent()) {
                        return name.get();
                    }
                } catch (IOException e) {
                    key = null; // the backend will say what is wrong with the files
                }
            }
            ProjectName name = nameFromBackend(env, request, dir, editable, options, noCache);
            if (key != null) {
                known.put(key, name);
            }
            return name;
        };
    }

    private ProjectName nameFromBackend(PythonEnvironment env, SyncRequest request, Path dir, boolean editable,
            List<RequirementsOptions> options, boolean noCache) {
        Path cacheDir = noCache ? temporaryCache() : request.cacheDir();
        listener.progress("reading the metadata of " + dir.getFileName());
        try (IndexClient client = IndexClient.create(indexSettings(request, options), listener.requests())) {
            BuildFrontend frontend = new BuildFrontend(cacheDir, new Interpreters(noCache ? null : cacheDir), client);
            String metadata = editable ? frontend.prepareEditableMetadata(dir, env.interpreter())
                    : frontend.prepareMetadata(dir, env.interpreter());
            String name = SitePackages.header(metadata, "Name");
            try {
                return ProjectName.parse(String.valueOf(name));
            } catch (ParseException e) {
                throw new EnvException(Category.BAD_INPUT, "the build backend of " + dir + " names no valid project"
                        + " (Name: " + name + ")", "fix the project's metadata, or add #egg=name to the lock line");
            }
        } finally {
            if (noCache) {
                deleteQuietly(cacheDir);
            }
        }
    }

    private void apply(PythonEnvironment env, SyncRequest request, LockFiles.Locked locked, SyncPlan plan) {
        List<SyncPlan.Action> installs = plan.installs();
        List<SyncPlan.Action> removals = plan.removals();
        // Preparing is mostly waiting for the network: many at once, so the big downloads start
        // early and overlap; the CPU- and disk-bound unpacking is limited separately (unpackSlots).
        int threads = Math.max(PREPARE_THREADS, Runtime.getRuntime().availableProcessors() * 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pinwheel-sync");
            t.setDaemon(true);
            return t;
        });
        boolean noCache = request.indexSettings().cachePolicy() == CachePolicy.DISABLED;
        Path cacheDir = noCache ? temporaryCache() : request.cacheDir();
        boolean refresh = request.indexSettings().cachePolicy() != CachePolicy.NORMAL;
        // A wheel unpacked from its download may have one pool thread per further core write its files.
        int cores = Runtime.getRuntime().availableProcessors();
        WheelCache cache = new WheelCache(cacheDir, Math.max(2, cores), pool, Math.max(1, cores - 1));
        Remote remote = new Remote(request, locked, env, cacheDir, noCache);
        try {
            long t0 = System.nanoTime();
            Map<ProjectName, Prepared> wheels = new LinkedHashMap<>();
            if (!installs.isEmpty()) {
                String target = describeTarget(env.interpreter().targetPython());
                Map<ProjectName, CompletableFuture<Prepared>> futures = new LinkedHashMap<>();
                for (SyncPlan.Action a : installs) {
                    Pin pin = a.target().orElseThrow();
                    futures.put(pin.name(), CompletableFuture.supplyAsync(() -> prepare(pin, remote, cache, env, cacheDir,
                            target, refresh), pool));
                }
                for (Map.Entry<ProjectName, CompletableFuture<Prepared>> f : futures.entrySet()) {
                    wheels.put(f.getKey(), join(f.getValue()));
                    listener.progress("prepared " + wheels.size() + "/" + futures.size());
                }
                listener.phase("Prepared", wheels.size(), since(t0));
            }
            if (!removals.isEmpty()) {
                long t1 = System.nanoTime();
                runAll(pool, removals.stream().map(a -> (Runnable) () ->
                        Uninstaller.uninstall(env, a.installed().orElseThrow())).toList());
                listener.phase("Uninstalled", removals.size(), since(t1));
            }
            if (!installs.isEmpty()) {
                long t2 = System.nanoTime();
                Journal.Log log = new Journal.Log(env);
                WheelInstaller installer = new WheelInstaller(request.linkMode(), pool, log);
                List<InstalledDistribution> done = java.util.Collections.synchronizedList(new ArrayList<>());
                // The biggest wheels first, so that no big one starts last and runs alone.
                List<SyncPlan.Action> order = new ArrayList<>(installs);
                order.sort(java.util.Comparator.comparingInt((SyncPlan.Action a) ->
                        wheels.get(a.target().orElseThrow().name()).wheel().files().size()).reversed());
                try (log) {
                    runAll(pool, order.stream().map(a -> (Runnable) () -> {
                        Pin pin = a.target().orElseThrow();
                        Prepared prepared = wheels.get(pin.name());
                        done.add(installer.install(env, prepared.wheel(), new WheelInstaller.InstallOptions(pin.requested(),
                                prepared.origin())));
                    }).toList());
                    log.finish();
                } catch (java.io.IOException e) {
                    throw new EnvException(Category.ENVIRONMENT, "cannot write the journal in " + env.root(), null, e);
                }
                listener.phase("Installed", installs.size(), since(t2));
                if (request.compile()) {
                    long t3 = System.nanoTime();
                    compile(env, done);
                    listener.phase("Compiled", done.size(), since(t3));
                }
            }
        } finally {
            pool.shutdownNow();
            remote.close();
            if (noCache) {
                deleteQuietly(cacheDir);
            }
        }
    }

    /** {@code --no-cache}: wheels are unpacked into a directory of this run only (installed files are hard links or copies, so they outlive it). */
    private static Path temporaryCache() {
        try {
            return Files.createTempDirectory("pinwheel-sync-");
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot create a temporary cache directory", null, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Fs.deleteTree(dir);
        } catch (IOException e) {
            // A leftover in the temporary directory; the environment is complete.
        }
    }

    /** A wheel ready to install and where it came from (for direct_url.json). */
    private record Prepared(UnpackedWheel wheel, Optional<DirectUrl> origin) {
    }

    /**
     * The index client, the interpreter's wheel tags and the build frontend, made when the first
     * pin needs one: a warm sync of exact pins finds every wheel in the cache and needs none
     * (computing the tags alone was a visible part of a warm sync).
     */
    private final class Remote implements AutoCloseable {
        private final SyncRequest request;
        private final LockFiles.Locked locked;
        private final PythonEnvironment env;
        private final Path cacheDir;
        private final boolean noCache;
        private IndexClient client;
        private SupportedTags tags;
        private BuildFrontend frontend;
        private final FormatControl formats;

        Remote(SyncRequest request, LockFiles.Locked locked, PythonEnvironment env, Path cacheDir, boolean noCache) {
            this.request = request;
            this.locked = locked;
            this.env = env;
            this.cacheDir = cacheDir;
            this.noCache = noCache;
            this.formats = locked.formatControl();
        }

        synchronized IndexClient client() {
            if (client == null) {
                client = IndexClient.create(indexSettings(request, locked), listener.requests());
            }
            return client;
        }

        synchronized SupportedTags tags() {
            if (tags == null) {
                tags = SupportedTags.of(env.interpreter().targetPython());
            }
            return tags;
        }

        synchronized BuildFrontend frontend() {
            if (frontend == null) {
                frontend = new BuildFrontend(cacheDir, new Interpreters(noCache ? null : cacheDir), client());
            }
            return frontend;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * Finds, downloads, verifies and unpacks the wheel for one pin; builds it first (PEP 517)
     * when the pin is a source tree, an sdist or an editable, or when the release has no wheel.
     */
    private Prepared prepare(Pin pin, Remote remote, WheelCache cache, PythonEnvironment env, Path cacheDir, String target,
            boolean refresh) {
        Prepared prepared;
        if (pin.url().isPresent()) {
            prepared = prepareUrl(pin, remote.client(), cache, env, remote.frontend());
        } else {
            Choice choice = choiceFile(cacheDir, pin, target, remote.formats);
            // --refresh asks the index again: a wheel uploaded for the pinned version since may fit better.
            Optional<UnpackedWheel> remembered = refresh ? Optional.empty() : remembered(choice, pin, cache);
            if (remembered.isPresent()) {
                prepared = new Prepared(remembered.get(), Optional.empty());
            } else {
                // Wheels will be downloaded: load the native crypto while the index pages come.
                NativeCrypto.startLoading();
                IndexClient client = remote.client();
                DistFile file = chooseFile(pin, client, remote.tags(), env, remote.formats);
                Optional<UnpackedWheel> streamed = file.isWheel() ? streamWheel(pin, file, client, cache) : Optional.empty();
                String sha256;
                if (streamed.isPresent()) {
                    prepared = new Prepared(streamed.get(), Optional.empty());
                    sha256 = streamed.get().sha256();
                } else {
                    Path local = client.download(file);
                    sha256 = checkHashes(pin, file, local);
                    Path wheel = file.isWheel() ? local : remote.frontend().buildWheel(local, env.interpreter());
                    prepared = new Prepared(cache.unpack(wheel, file.isWheel() ? sha256 : Hashing.sha256Hex(wheel)),
                            Optional.empty());
                }
                remember(choice, sha256, prepared.wheel().sha256());
            }
        }
        UnpackedWheel wheel = prepared.wheel();
        if (!wheel.name().equals(pin.name())
                || pin.version().map(v -> !Version.isValid(wheel.version()) || !Version.parse(wheel.version()).equals(v)).orElse(false)) {
            throw new EnvException(Category.BAD_INPUT, "the wheel for " + pin.display() + " (" + pin.where() + ") contains "
                    + wheel.name() + " " + wheel.version());
        }
        listener.progress(pin.name().toString());
        return prepared;
    }

    /**
     * Where the wheel chosen for {@code name==version} on this interpreter is remembered: a warm
     * sync of an exact pin then needs no index page at all (the pin cannot move; a wheel
     * uploaded later for the same version is not looked for). The file is named by a
     * non-cryptographic hash of its key ({@link Hashing#cacheKey}: a SHA-256 would initialize the
     * security providers, which a warm sync otherwise never needs) and states the whole key on its
     * first line, so another key under the same name is a miss.
     */
    private static Choice choiceFile(Path cacheDir, Pin pin, String target, FormatControl formats) {
        // A choice made under --no-binary / --only-binary is another choice (unrestricted keys stay as they were).
        String restriction = (formats.allowsBinary(pin.name()) ? "" : "\nno-binary")
                + (formats.allowsSource(pin.name()) ? "" : "\nonly-binary");
        String key = escape(target + "\n" + pin.name() + "==" + pin.version().orElseThrow() + restriction);
        return new Choice(cacheDir.resolve("sync-choices-v2").resolve(Hashing.cacheKey(key)), key);
    }

    /** A remembered choice's file and the key it must state. */
    private record Choice(Path file, String key) {
    }

    /**
     * The interpreter as far as choosing a wheel goes: the inputs of its supported tags. Built
     * from strings, not {@code TargetPython.toString()}, whose platform record's generated
     * {@code toString} spins method handles on first use.
     */
    static String describeTarget(dev.pinwheel.packaging.TargetPython target) {
        return target.interpreterTag() + (target.freeThreaded() ? "t" : "") + " " + String.join(",", target.abis()) + " "
                + String.join(",", target.platform().tags());
    }

    /** The key on one line (names and versions cannot hold line breaks, but stay safe). */
    private static String escape(String key) {
        return key.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** The remembered wheel, when it is still unpacked and its source file matches the lock's hashes. */
    private static Optional<UnpackedWheel> remembered(Choice choice, Pin pin, WheelCache cache) {
        try {
            String text = Files.readString(choice.file());
            int newline = text.indexOf('\n');
            if (newline < 0 || !text.substring(0, newline).equals(choice.key())) {
                return Optional.empty();
            }
            String[] shas = text.substring(newline + 1).strip().split("\t");
            if (shas.length != 2 || (!pin.hashes().isEmpty() && !pin.hashes().contains("sha256:" + shas[0]))) {
                return Optional.empty();
            }
            return cache.find(shas[1]);
        } catch (IOException e) {
            // Not remembered (NoSuchFileException) or unreadable: choose again.
            return Optional.empty();
        }
    }

    private static void remember(Choice choice, String sourceSha256, String wheelSha256) {
        try {
            Files.createDirectories(choice.file().getParent());
            Fs.writeAtomically(choice.file(), (choice.key() + "\n" + sourceSha256 + "\t" + wheelSha256 + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Only a shortcut for the next sync is lost.
        }
    }

    private Prepared prepareUrl(Pin pin, IndexClient client, WheelCache cache, PythonEnvironment env, BuildFrontend frontend) {
        String url = pin.url().orElseThrow();
        int hash = url.indexOf('#');
        String bare = hash >= 0 ? url.substring(0, hash) : url;
        if (bare.matches("^(git|hg|svn|bzr)\\+.*")) {
            throw new EnvException(Category.BAD_INPUT, pin.display() + " (" + pin.where() + ") is a version-control URL,"
                    + " which pinwheel does not check out", "pin a released version, or a wheel or sdist URL");
        }
        Path dir = bare.startsWith("file:") ? Path.of(URI.create(bare)) : null;
        if (dir != null && Files.isDirectory(dir)) {
            Path wheel = pin.editable() ? frontend.buildEditable(dir, env.interpreter())
                    : frontend.buildWheel(dir, env.interpreter());
            return new Prepared(cache.unpack(wheel), Optional.of(DirectUrl.directory(bare, pin.editable())));
        }
        if (pin.editable()) {
            throw new EnvException(Category.BAD_INPUT, pin.display() + " (" + pin.where() + "): editable installs need a "
                    + "local project directory", null);
        }
        DistFile file = urlFile(pin, bare);
        Path local = client.download(file);
        String sha256 = checkHashes(pin, file, local);
        Path wheel = file.isWheel() ? local : frontend.buildWheel(local, env.interpreter());
        return new Prepared(cache.unpack(wheel, file.isWheel() ? sha256 : Hashing.sha256Hex(wheel)),
                Optional.of(DirectUrl.archive(bare, sha256)));
    }

    /**
     * The wheel unpacked into the cache while it downloads (no archive written and read back;
     * the unpacking overlaps the transfer), or empty when the archive must be read from a file
     * ({@link WheelCache#needsFile}). The staged tree becomes a cache entry only after the whole
     * archive matched the index's hashes and the lock's.
     */
    private static Optional<UnpackedWheel> streamWheel(Pin pin, DistFile file, IndexClient client, WheelCache cache) {
        // Refuse before downloading when the index already names a hash the lock does not list.
        file.sha256().filter(h -> !file.isLocal()).ifPresent(h -> checkHash(pin, file, h));
        Optional<UnpackedWheel> unpacked = file.sha256().filter(h -> !file.isLocal()).flatMap(cache::find);
        if (unpacked.isPresent()) {
            return unpacked;
        }
        try {
            IndexClient.Streamed<WheelCache.Staged> streamed = client.stream(file, body -> cache.stage(file.filename(), body));
            try (WheelCache.Staged staged = streamed.value()) {
                checkHash(pin, file, streamed.sha256());
                return Optional.of(cache.commit(streamed.sha256(), staged));
            }
        } catch (RuntimeException e) {
            if (WheelCache.needsFile(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Throws unless the lock lists {@code sha256} for the pin (or lists no hashes). */
    private static void checkHash(Pin pin, DistFile file, String sha256) {
        if (!pin.hashes().isEmpty() && !pin.hashes().contains("sha256:" + sha256)) {
            throw new EnvException(Category.BAD_INPUT, "hash mismatch for " + pin.display() + " (" + pin.where() + "): "
                    + file.filename() + " has sha256:" + sha256 + ", which the lock file does not list",
                    "the file changed on the index, or the lock is stale; recompile it with --generate-hashes");
        }
    }

    /** The file's SHA-256, checked against the lock's hashes when it has any. */
    private static String checkHashes(Pin pin, DistFile file, Path local) {
        String sha256 = file.sha256().filter(h -> !file.isLocal()).orElseGet(() -> Hashing.sha256Hex(local));
        checkHash(pin, file, sha256);
        return sha256;
    }

    /**
     * The file to install for an exact pin: the best-fitting wheel, else the sdist to build.
     * {@code --no-binary} for the project rules out wheels and {@code --only-binary} rules out
     * the sdist (pip's FormatControl; an explicit name beats {@code :all:}).
     */
    static DistFile chooseFile(Pin pin, IndexClient client, SupportedTags tags, PythonEnvironment env,
            FormatControl formats) {
        boolean binary = formats.allowsBinary(pin.name());
        boolean source = formats.allowsSource(pin.name());
        Version want = pin.version().orElseThrow();
        ProjectPage page = client.page(pin.name());
        Map<WheelFilename, DistFile> wheels = new LinkedHashMap<>();
        DistFile sdist = null;
        boolean hashFiltered = false;
        for (DistFile f : page.files()) {
            if (f.isSdist()) {
                boolean hashOk = pin.hashes().isEmpty() || f.sha256().map(h -> pin.hashes().contains("sha256:" + h)).orElse(true);
                if (sdist == null && hashOk && versionOf(f).map(want::equals).orElse(false)) {
                    sdist = f;
                }
                continue;
            }
            if (!f.isWheel() || !mayBeVersion(f.filename(), want)) {
                continue;
            }
            WheelFilename wf;
            try {
                wf = WheelFilename.parse(f.filename());
            } catch (ParseException e) {
                continue;
            }
            if (!wf.version().equals(want)) {
                continue;
            }
            if (!pin.hashes().isEmpty() && f.sha256().isPresent() && !pin.hashes().contains("sha256:" + f.sha256().get())) {
                hashFiltered = true;
                continue;
            }
            wheels.put(wf, f);
        }
        Optional<WheelFilename> best = tags.best(new ArrayList<>(wheels.keySet()));
        if (best.isPresent() && binary) {
            return wheels.get(best.get());
        }
        if (sdist != null && source) {
            // No wheel fits (or --no-binary): build one from the source distribution, as pip does.
            return sdist;
        }
        String target = describe(env.interpreter().targetPython());
        if (!page.exists()) {
            throw new EnvException(Category.ENVIRONMENT, "no project " + pin.name() + " on the configured indexes ("
                    + pin.where() + ")", "check the name, --index-url and --find-links");
        }
        if (!binary && sdist == null && best.isPresent()) {
            throw new EnvException(Category.ENVIRONMENT, "--no-binary forbids the wheel of " + pin.display()
                    + ", and it has no source distribution to build (" + pin.where() + ")",
                    "drop " + pin.name() + " from --no-binary in the lock file, or name it in --only-binary");
        }
        if (!source && sdist != null && best.isEmpty()) {
            throw new EnvException(Category.ENVIRONMENT, "no wheel of " + pin.display() + " fits " + target
                    + ", and --only-binary forbids building its source distribution (" + pin.where() + ")",
                    "drop " + pin.name() + " from --only-binary in the lock file (or name it in --no-binary), or pin a"
                    + " version that ships a wheel for this platform");
        }
        if (hashFiltered && wheels.isEmpty()) {
            throw new EnvException(Category.BAD_INPUT, "no file of " + pin.display() + " matches the hashes in "
                    + pin.where(), "the lock is stale; recompile it with --generate-hashes");
        }
        throw new EnvException(Category.ENVIRONMENT, "no wheel of " + pin.display() + " fits " + target
                + " and there is no source distribution (" + pin.where() + ")",
                "pin a version that ships a wheel for this platform");
    }

    /**
     * False when the wheel's file name plainly carries another version: big projects list
     * thousands of wheels, and parsing every one's tags for a single pin was a visible part of
     * a cold sync. Anything unusual is left to the full parse.
     */
    static boolean mayBeVersion(String filename, Version want) {
        int first = filename.indexOf('-');
        int second = first < 0 ? -1 : filename.indexOf('-', first + 1);
        if (second < 0) {
            return true;
        }
        String version = filename.substring(first + 1, second);
        String wanted = want.toString();
        if (version.equals(wanted)) {
            return true;
        }
        // Most of a big project's files are of other releases: their leading release numbers
        // tell them apart without parsing (two parses per file were a visible part of a cold sync).
        long[] release = plainRelease(version);
        long[] wantedRelease = release == null ? null : plainRelease(wanted);
        if (release != null && wantedRelease != null && !sameRelease(release, wantedRelease)) {
            return false;
        }
        try {
            return Version.parse(version).equals(want);
        } catch (ParseException e) {
            return true;
        }
    }

    /**
     * The numbers of the release that {@code text} starts with (digits and dots, up to the first
     * other character), or null when that is not a plain release: an epoch, a leading {@code v},
     * a number too long for a long. Only used to tell versions apart, never to say they are equal.
     */
    static long[] plainRelease(String text) {
        if (text.indexOf('!') >= 0 || text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return null;
        }
        long[] out = new long[8];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            long value = 0;
            for (char c; i < text.length() && (c = text.charAt(i)) >= '0' && c <= '9'; i++) {
                if (i - start >= 18) {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (i == start) {
                break;
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = value;
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Release numbers compared as PEP 440 does: missing trailing parts are zeros. */
    private static boolean sameRelease(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if ((i < a.length ? a[i] : 0) != (i < b.length ? b[i] : 0)) {
                return false;
            }
        }
        return true;
    }

    /** {@code cp311 on manylinux_2_36_x86_64}: the interpreter as wheel tags name it. */
    static String describe(dev.pinwheel.packaging.TargetPython target) {
        List<String> platforms = target.platform().tags();
        String platform = platforms.stream().filter(t -> !t.startsWith("linux_")).findFirst()
                .orElse(platforms.isEmpty() ? "?" : platforms.get(0));
        return target.interpreterTag() + " on " + platform;
    }

    private static Optional<Version> versionOf(DistFile f) {
        try {
            return Optional.of(dev.pinwheel.packaging.SdistFilename.parse(f.filename()).version());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A URL or path pin as a file the index client can fetch. */
    private static DistFile urlFile(Pin pin, String bare) {
        String name = bare.substring(bare.lastIndexOf('/') + 1);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String h : pin.hashes()) {
            int colon = h.indexOf(':');
            hashes.put(h.substring(0, colon), h.substring(colon + 1));
        }
        DistFile file = new DistFile(name, URI.create(bare), hashes, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), "lock file " + pin.where());
        if (!file.isWheel() && !file.isSdist()) {
            throw new EnvException(Category.BAD_INPUT, pin.display() + " (" + pin.where() + ") is neither a wheel, an sdist"
                    + " nor a project directory", null);
        }
        return file;
    }

    private static IndexSettings indexSettings(SyncRequest request, LockFiles.Locked locked) {
        return indexSettings(request, locked.options());
    }

    private static IndexSettings indexSettings(SyncRequest request, List<RequirementsOptions> options) {
        IndexSettings.Builder b = request.indexSettings().toBuilder();
        for (RequirementsOptions o : options) {
            o.indexUrl().ifPresent(b::indexUrl);
            o.extraIndexUrls().forEach(b::extraIndexUrl);
            o.findLinks().forEach(f -> b.findLink(f.location()));
            if (o.noIndex()) {
                b.noIndex(true);
            }
            o.trustedHosts().forEach(b::trustedHost);
        }
        return b.build();
    }

    /** Runs the tasks on the pool and waits for all; the first failure is rethrown after all ended. */
    private static void runAll(ExecutorService pool, List<Runnable> tasks) {
        List<CompletableFuture<Void>> futures = tasks.stream().map(t -> CompletableFuture.runAsync(t, pool)).toList();
        RuntimeException first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                join(f);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EnvException(Category.INTERNAL, String.valueOf(e.getCause()), null, e.getCause());
        }
    }

    /** Bytecode for exactly the installed .py files, by the target interpreter. */
    private static void compile(PythonEnvironment env, List<InstalledDistribution> installed) {
        StringBuilder files = new StringBuilder();
        for (InstalledDistribution d : installed) {
            for (RecordFile.Entry e : d.files()) {
                if (e.path().endsWith(".py")) {
                    Path p = d.installRoot().resolve(e.path()).normalize();
                    if (p.startsWith(env.paths().purelib()) || p.startsWith(env.paths().platlib())) {
                        files.append(p).append('\n');
                    }
                }
            }
        }
        Subprocess.Result r = Subprocess.run(List.of(env.python().toString(), "-m", "compileall", "-q", "-i", "-"),
                null, null, files.toString(), Duration.ofMinutes(10));
        // compileall exits 1 when a file has a syntax error (some packages ship such test files); pip ignores those too.
        if (r.exitCode() > 1) {
            throw new EnvException(Category.ENVIRONMENT, "compiling bytecode failed: " + r.stderr().strip());
        }
    }

    private static int pendingRepairs(PythonEnvironment env) {
        return Journal.pending(env);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

}
