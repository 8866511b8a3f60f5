package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Installs an unpacked wheel into a virtualenv (PEP 427 / the binary distribution format):
 * the root goes to purelib or platlib as the WHEEL file says, {@code .data/<scheme>/} to the
 * matching scheme directory (scripts get their {@code #!python} rewritten, headers go to
 * {@code include/site/pythonX.Y/<name>}), console and GUI entry points become launchers, and the
 * {@code .dist-info} is completed with INSTALLER, REQUESTED, direct_url.json and a RECORD of
 * everything written, with digests and sizes.
 *
 * <p>Files are hard-linked from the cache (falling back to copies across file systems), copied,
 * or symlinked, by {@link LinkMode}. The dist-info directory is staged and renamed into place
 * last, under a {@link Journal} intent, so a killed install is either complete or rolled back by
 * the next sync.
 */
public final class WheelInstaller {

    /** How files get from the cache into site-packages. */
    public enum LinkMode { HARDLINK, COPY, SYMLINK }

    /** Options of one install. */
    public record InstallOptions(boolean requested, Optional<DirectUrl> directUrl) {

        public static InstallOptions of(boolean requested) {
            return new InstallOptions(requested, Optional.empty());
        }
    }

    private static final Set<String> WRITTEN_BY_US = Set.of("RECORD", "RECORD.jws", "RECORD.p7s", "INSTALLER",
            "REQUESTED", "direct_url.json");

    private final LinkMode mode;
    /** Set once a hard link failed (another file system): copy from then on. */
    private final AtomicBoolean hardlinksFail = new AtomicBoolean();
    /**
     * Per environment, the directory this installer stages dist-info directories in, each under its
     * own name (one sync installs a name once). Shared, not one per install: a directory made and
     * removed per package was two inode operations each, which this file system makes slow. The
     * empty directory is left for the next sync's {@link Journal#recover}, which clears staging.
     */
    private final java.util.concurrent.ConcurrentHashMap<Path, Path> stages = new java.util.concurrent.ConcurrentHashMap<>();
    /** Directories known to exist: most files of a wheel share a few, and each check is a system call. */
    private final java.util.concurrent.ConcurrentHashMap<Path, Boolean> madeDirs = new java.util.concurrent.ConcurrentHashMap<>();

    /** Threads that may help place the files of a big wheel; null: the installing thread alone. */
    private final Executor helpers;
    /** The journal all installs append their intents to; null: one journal file per install. */
    private final Journal.Log log;

    public WheelInstaller(LinkMode mode) {
        this(mode, null);
    }

    /**
     * An installer whose big wheels are placed by several threads: {@code helpers} runs extra
     * workers, which take slices of the wheel's files alongside the installing thread. One wheel
     * can be a large share of a sync (mypy is 40 % of the seed project's files), and without help
     * its files were placed on one core while the other sat idle at the end.
     */
    public WheelInstaller(LinkMode mode, Executor helpers) {
        this(mode, helpers, null);
    }

    /** With {@code log}, the intents go to one journal file for all installs (a sync's), not one file each. */
    WheelInstaller(LinkMode mode, Executor helpers, Journal.Log log) {
        this.mode = mode;
        this.helpers = helpers;
        this.log = log;
    }

    /**
     * A file to put in place: linked from the cache, or generated content. {@code recordPath} is
     * its RECORD path (relative to the library directory that holds the dist-info).
     */
    private record Placement(Path target, Path source, byte[] content, boolean executable, String hash, long size,
                             boolean sourceIsLink, String recordPath) {
    }

    /**
     * Installs {@code wheel} into {@code env}; the distribution must not be installed already.
     *
     * <p>The per-file work is kept to string operations and one link call: a wheel's paths
     * were checked when it was unpacked or its manifest read (relative, no {@code ..}), so a
     * file stays under its scheme directory, and only the scheme directories need checking
     * against the environment, once each.
     */
    public InstalledDistribution install(PythonEnvironment env, UnpackedWheel wheel, InstallOptions options) {
        InstallPaths paths = env.paths();
        Path root = env.root();
        Path lib = wheel.rootIsPurelib() ? paths.purelib() : paths.platlib();
        Path python = root.resolve("bin").resolve("python");
        String distInfo = wheel.distInfo();
        String distInfoPrefix = distInfo + "/";
        String dataPrefix = wheel.dataDir() + "/";
        Path tree = wheel.tree();
        List<Placement> files = new ArrayList<>(wheel.files().size());
        List<Placement> metadata = new ArrayList<>();
        Schemes schemes = new Schemes(wheel, paths, lib, root);
        boolean entryPoints = false;
        try {
            for (UnpackedWheel.FileInfo info : wheel.files()) {
                String path = info.path();
                if (path.startsWith(distInfoPrefix)) {
                    String rest = path.substring(distInfoPrefix.length());
                    entryPoints |= rest.equals("entry_points.txt");
                    if (!WRITTEN_BY_US.contains(rest)) {
                        Path target = Path.of(rest);
                        metadata.add(linked(target, tree.resolve(path), info,
                                distInfoPrefix + (Schemes.plain(rest) ? rest : target.toString())));
                    }
                } else if (path.startsWith(dataPrefix)) {
                    String inData = path.substring(dataPrefix.length());
                    int slash = inData.indexOf('/');
                    if (slash < 0) {
                        continue;
                    }
                    String scheme = inData.substring(0, slash);
                    String rest = inData.substring(slash + 1);
                    Schemes.Dir dir = schemes.dir(scheme, path);
                    Path target = dir.path().resolve(rest);
                    String recordPath = dir.recordPath(rest, target, lib);
                    if (scheme.equals("scripts")) {
                        Path source = tree.resolve(path);
                        byte[] rewritten = Scripts.startsWithPythonShebang(source)
                                ? Scripts.rewriteShebang(Files.readAllBytes(source), python) : null;
                        files.add(rewritten == null ? new Placement(target, source, null, true, info.hash(), info.size(),
                                info.linkTarget().isPresent(), recordPath)
                                : generated(target, rewritten, true, recordPath));
                    } else {
                        files.add(linked(target, tree.resolve(path), info, recordPath));
                    }
                } else {
                    Path target = lib.resolve(path);
                    files.add(linked(target, tree.resolve(path), info, Schemes.plain(path) ? path : recordPath(lib, target)));
                }
            }
            if (entryPoints) {
                Path scripts = schemes.dir("scripts", distInfo + "/entry_points.txt").path();
                String text = Files.readString(tree.resolve(distInfo).resolve("entry_points.txt"), StandardCharsets.UTF_8);
                for (Scripts.EntryPoint ep : Scripts.parseEntryPoints(text, distInfo + "/entry_points.txt")) {
                    Path target = scripts.resolve(ep.name());
                    files.add(generated(target, Scripts.launcher(python, ep).getBytes(StandardCharsets.UTF_8), true,
                            recordPath(lib, target)));
                }
            }

            Path finalDistInfo = lib.resolve(distInfo);
            List<Path> targets = new ArrayList<>(files.size());
            for (Placement p : files) {
                targets.add(p.target());
            }
            Path journal = null;
            if (log != null) {
                log.install(finalDistInfo, targets);
            } else {
                journal = Journal.begin(env, "install", finalDistInfo, targets);
            }
            placeAll(files);
            Path staged = stages.computeIfAbsent(env.root(), r -> Journal.stagingDir(env)
                    .resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()))).resolve(distInfo);
            // Only a failed earlier install of this name by this installer leaves one; what was
            // staged here before was moved away, so the directories known under it are gone too.
            if (Fs.deleteTree(staged)) {
                madeDirs.keySet().removeIf(d -> d.startsWith(staged));
            }
            List<Placement> record = new ArrayList<>(files.size() + metadata.size() + 4);
            record.addAll(files);
            List<Placement> ours = new ArrayList<>(3);
            ours.add(generated(Path.of("INSTALLER"), "pinwheel\n".getBytes(StandardCharsets.UTF_8), false,
                    distInfoPrefix + "INSTALLER"));
            if (options.requested()) {
                ours.add(generated(Path.of("REQUESTED"), new byte[0], false, distInfoPrefix + "REQUESTED"));
            }
            options.directUrl().ifPresent(u -> ours.add(generated(Path.of("direct_url.json"),
                    u.toJson().getBytes(StandardCharsets.UTF_8), false, distInfoPrefix + "direct_url.json")));
            Path lastDir = null;
            for (Placement m : concat(metadata, ours)) {
                // Nobody sees the staged directory before it is renamed into place: no temporary names.
                lastDir = place(new Placement(staged.resolve(m.target()), m.source(), m.content(), m.executable(), m.hash(),
                        m.size(), m.sourceIsLink(), m.recordPath()), lastDir, false);
                record.add(m);
            }
            record.sort((a, b) -> a.recordPath().compareTo(b.recordPath()));
            StringBuilder text = new StringBuilder(record.size() * 100);
            for (Placement p : record) {
                RecordFile.appendRow(text, p.recordPath(), p.hash(), Long.toString(p.size()));
            }
            RecordFile.appendRow(text, distInfoPrefix + "RECORD", "", "");
            Files.writeString(staged.resolve("RECORD"), text, StandardCharsets.UTF_8);
            if (Files.exists(finalDistInfo, LinkOption.NOFOLLOW_LINKS)) {
                // Left by a tool that is not pinwheel, or a copy of the same version: ours replaces it.
                Fs.deleteTree(finalDistInfo);
            }
            Files.move(staged, finalDistInfo, StandardCopyOption.ATOMIC_MOVE);
            if (journal != null) {
                Journal.done(journal);
            }
            return InstalledDistribution.installed(finalDistInfo, wheel.name(), wheel.version());
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot install " + wheel.name() + " " + wheel.version()
                    + " into " + env.root(), null, e);
        }
    }

    /**
     * The scheme directories a wheel's files go to, each checked once to lie inside the
     * environment, with its RECORD prefix relative to the library directory.
     */
    private static final class Schemes {
        private final UnpackedWheel wheel;
        private final InstallPaths paths;
        private final Path lib;
        private final Path root;
        private final Map<String, Dir> dirs = new HashMap<>();

        /** A scheme directory and its path relative to the library directory ({@code ../../../bin/}). */
        record Dir(Path path, String prefix) {
            String recordPath(String rest, Path target, Path lib) {
                return prefix != null && plain(rest) ? prefix + rest : WheelInstaller.recordPath(lib, target);
            }
        }

        Schemes(UnpackedWheel wheel, InstallPaths paths, Path lib, Path root) {
            this.wheel = wheel;
            this.paths = paths;
            this.lib = lib;
            this.root = root;
            dirs.put("", check(lib));
        }

        Dir dir(String scheme, String archivePath) {
            Dir dir = dirs.get(scheme);
            if (dir == null) {
                Path path = switch (scheme) {
                    case "purelib" -> paths.purelib();
                    case "platlib" -> paths.platlib();
                    case "headers" -> paths.include().resolve(wheel.name().toString());
                    case "data" -> paths.data();
                    case "scripts" -> paths.scripts();
                    default -> throw new EnvException(Category.BAD_INPUT, "refusing " + wheel.name() + ": unknown "
                            + ".data scheme '" + scheme + "' in " + archivePath);
                };
                dir = check(path);
                dirs.put(scheme, dir);
            }
            return dir;
        }

        private Dir check(Path dir) {
            Path normal = dir.normalize();
            if (!normal.startsWith(root)) {
                throw new EnvException(Category.BAD_INPUT, "refusing " + wheel.name() + ": it would write "
                        + normal + " outside the environment");
            }
            String relative = recordPath(lib, normal);
            return new Dir(dir, relative.isEmpty() ? "" : relative + "/");
        }

        /**
         * Whether an archive path is already in normal form (no empty or {@code .} segments), so
         * that the RECORD path is the string itself: nearly always; the rest goes through
         * {@link Path#normalize()} as before.
         */
        static boolean plain(String path) {
            return !path.isEmpty() && !path.startsWith("./") && !path.equals(".") && !path.endsWith("/")
                    && !path.endsWith("/.") && !path.contains("//") && !path.contains("/./");
        }
    }

    /** Files per slice when helpers share a wheel's files. */
    private static final int SLICE = 128;

    /**
     * Places every file, in slices that the installing thread and helper workers claim in turn.
     * The installing thread never waits for a helper that has not started (it claims the slices
     * itself), so helpers queued behind other installs on the same pool cannot deadlock it. The
     * first failure is rethrown once every claimed slice has ended.
     */
    private void placeAll(List<Placement> files) throws IOException {
        int slices = (files.size() + SLICE - 1) / SLICE;
        if (helpers == null || slices < 2) {
            placeSlice(files, 0, files.size());
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger unfinished = new java.util.concurrent.atomic.AtomicInteger(slices);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < slices; ) {
                try {
                    if (failure.get() == null) {
                        placeSlice(files, i * SLICE, Math.min(files.size(), (i + 1) * SLICE));
                    }
                } catch (IOException | RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    synchronized (unfinished) {
                        if (unfinished.decrementAndGet() == 0) {
                            unfinished.notifyAll();
                        }
                    }
                }
            }
        };
        for (int h = 1; h < Math.min(slices, HELPERS); h++) {
            try {
                helpers.execute(worker);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                break;
            }
        }
        worker.run();
        synchronized (unfinished) {
            while (unfinished.get() > 0) {
                try {
                    unfinished.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while installing");
                }
            }
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        } else if (t instanceof RuntimeException r) {
            throw r;
        } else if (t instanceof Error err) {
            throw err;
        }
    }

    /** Helper workers per wheel, at most: a few are enough to keep the cores busy. */
    private static final int HELPERS = 4;

    private void placeSlice(List<Placement> files, int from, int to) throws IOException {
        Path lastDir = null;
        for (int i = from; i < to; i++) {
            lastDir = place(files.get(i), lastDir, true);
        }
    }

    private static List<Placement> concat(List<Placement> a, List<Placement> b) {
        List<Placement> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String recordPath(Path lib, Path target) {
        return lib.relativize(target.normalize()).toString().replace('\\', '/');
    }

    private static Placement linked(Path target, Path source, UnpackedWheel.FileInfo info, String recordPath) {
        return new Placement(target, source, null, info.executable(), info.hash(), info.size(), info.linkTarget().isPresent(),
                recordPath);
    }

    private static Placement generated(Path target, byte[] content, boolean executable, String recordPath) {
        return new Placement(target, null, content, executable, Fs.recordHash(Fs.sha256(content)), content.length, false,
                recordPath);
    }

    /**
     * Puts one file in place; returns its directory, which the caller passes back for the next
     * file (most files share their directory with the one before). Generated content goes through
     * a temporary name when {@code replaceAtomically} (not in the staged dist-info, which nobody else sees).
     */
    private Path place(Placement p, Path lastDir, boolean replaceAtomically) throws IOException {
        Path target = p.target();
        Path dir = target.getParent();
        if (!dir.equals(lastDir)) {
            makeDirs(dir);
        }
        if (p.content() != null) {
            Path tmp = replaceAtomically ? Fs.installTemp(target) : target;
            Files.write(tmp, p.content());
            if (p.executable()) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (replaceAtomically) {
                Fs.moveReplacing(tmp, target);
            }
            return dir;
        }
        try {
            link(p, target);
        } catch (FileAlreadyExistsException e) {
            // Replace what is there in one rename so a reader never sees the file missing.
            Path tmp = Fs.installTemp(target);
            Files.deleteIfExists(tmp);
            link(p, tmp);
            Fs.moveReplacing(tmp, target);
        }
        return dir;
    }

    /** Creates {@code dir} once per installer; other threads wait until it exists. */
    private void makeDirs(Path dir) throws IOException {
        try {
            madeDirs.computeIfAbsent(dir, d -> {
                try {
                    Files.createDirectories(d);
                    return Boolean.TRUE;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void link(Placement p, Path target) throws IOException {
        Path source = p.source();
        // The cache's manifest says which entries are links: no stat call per file.
        if (p.sourceIsLink()) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            return;
        }
        LinkMode m = mode == LinkMode.HARDLINK && hardlinksFail.get() ? LinkMode.COPY : mode;
        switch (m) {
            case HARDLINK -> {
                try {
                    Files.createLink(target, source);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException | UnsupportedOperationException e) {
                    hardlinksFail.set(true);
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            case COPY -> Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            case SYMLINK -> Files.createSymbolicLink(target, source);
            default -> throw new IllegalStateException();
        }
    }
}
