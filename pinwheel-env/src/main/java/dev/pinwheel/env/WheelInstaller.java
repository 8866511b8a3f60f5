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
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    public WheelInstaller(LinkMode mode) {
        this.mode = mode;
    }

    /** A file to put in place: linked from the cache, or generated content. */
    private record Placement(Path target, Path source, byte[] content, boolean executable, String hash, long size,
                             boolean sourceIsLink) {
    }

    /** Installs {@code wheel} into {@code env}; the distribution must not be installed already. */
    public InstalledDistribution install(PythonEnvironment env, UnpackedWheel wheel, InstallOptions options) {
        InstallPaths paths = env.paths();
        Path lib = wheel.rootIsPurelib() ? paths.purelib() : paths.platlib();
        Path python = env.root().resolve("bin").resolve("python");
        String distInfo = wheel.distInfo();
        String data = wheel.dataDir();
        List<Placement> files = new ArrayList<>();
        List<Placement> metadata = new ArrayList<>();
        try {
            for (String path : wheel.paths()) {
                UnpackedWheel.FileInfo info = wheel.files().get(path);
                Path source = wheel.tree().resolve(path);
                if (path.startsWith(distInfo + "/")) {
                    String rest = path.substring(distInfo.length() + 1);
                    if (!WRITTEN_BY_US.contains(rest)) {
                        metadata.add(linked(Path.of(rest), source, info));
                    }
                } else if (path.startsWith(data + "/")) {
                    String[] parts = path.substring(data.length() + 1).split("/", 2);
                    if (parts.length < 2) {
                        continue;
                    }
                    String rest = parts[1];
                    switch (parts[0]) {
                        case "purelib" -> files.add(linked(paths.purelib().resolve(rest), source, info));
                        case "platlib" -> files.add(linked(paths.platlib().resolve(rest), source, info));
                        case "headers" -> files.add(linked(paths.include().resolve(wheel.name().toString()).resolve(rest),
                                source, info));
                        case "data" -> files.add(linked(paths.data().resolve(rest), source, info));
                        case "scripts" -> {
                            byte[] content = Files.readAllBytes(source);
                            byte[] rewritten = Scripts.rewriteShebang(content, python);
                            files.add(rewritten == null ? new Placement(paths.scripts().resolve(rest), source, null, true,
                                    info.hash(), info.size(), info.linkTarget().isPresent())
                                    : generated(paths.scripts().resolve(rest), rewritten, true));
                        }
                        default -> throw new EnvException(Category.BAD_INPUT, "refusing " + wheel.name() + ": unknown "
                                + ".data scheme '" + parts[0] + "' in " + path);
                    }
                } else {
                    files.add(linked(lib.resolve(path), source, info));
                }
            }
            Path entryPoints = wheel.tree().resolve(distInfo).resolve("entry_points.txt");
            if (Files.isRegularFile(entryPoints)) {
                for (Scripts.EntryPoint ep : Scripts.parseEntryPoints(Files.readString(entryPoints, StandardCharsets.UTF_8),
                        distInfo + "/entry_points.txt")) {
                    files.add(generated(paths.scripts().resolve(ep.name()),
                            Scripts.launcher(python, ep).getBytes(StandardCharsets.UTF_8), true));
                }
            }
            Path root = env.root();
            for (Placement p : files) {
                if (!p.target().normalize().startsWith(root)) {
                    throw new EnvException(Category.BAD_INPUT, "refusing " + wheel.name() + ": it would write "
                            + p.target().normalize() + " outside the environment");
                }
            }

            Path finalDistInfo = lib.resolve(distInfo);
            Path journal = Journal.begin(env, "install", finalDistInfo, files.stream().map(Placement::target).toList());
            for (Placement p : files) {
                place(p);
            }
            Path staged = stages.computeIfAbsent(env.root(), r -> Journal.stagingDir(env)
                    .resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()))).resolve(distInfo);
            // Only a failed earlier install of this name by this installer leaves one; what was
            // staged here before was moved away, so the directories known under it are gone too.
            Fs.deleteTree(staged);
            madeDirs.keySet().removeIf(d -> d.startsWith(staged));
            List<RecordFile.Entry> record = new ArrayList<>();
            for (Placement p : files) {
                record.add(RecordFile.Entry.of(recordPath(lib, p.target()), p.hash(), p.size()));
            }
            List<Placement> ours = new ArrayList<>();
            ours.add(generated(Path.of("INSTALLER"), "pinwheel\n".getBytes(StandardCharsets.UTF_8), false));
            if (options.requested()) {
                ours.add(generated(Path.of("REQUESTED"), new byte[0], false));
            }
            options.directUrl().ifPresent(u -> ours.add(generated(Path.of("direct_url.json"),
                    u.toJson().getBytes(StandardCharsets.UTF_8), false)));
            for (Placement m : concat(metadata, ours)) {
                Placement at = new Placement(staged.resolve(m.target()), m.source(), m.content(), m.executable(), m.hash(),
                        m.size(), m.sourceIsLink());
                place(at);
                record.add(RecordFile.Entry.of(distInfo + "/" + m.target().toString().replace('\\', '/'), m.hash(), m.size()));
            }
            record.sort((a, b) -> a.path().compareTo(b.path()));
            record.add(RecordFile.Entry.unhashed(distInfo + "/RECORD"));
            Files.writeString(staged.resolve("RECORD"), RecordFile.render(record), StandardCharsets.UTF_8);
            if (Files.exists(finalDistInfo, LinkOption.NOFOLLOW_LINKS)) {
                // Left by a tool that is not pinwheel, or a copy of the same version: ours replaces it.
                Fs.deleteTree(finalDistInfo);
            }
            Files.move(staged, finalDistInfo, StandardCopyOption.ATOMIC_MOVE);
            Journal.done(journal);
            return SitePackages.readDistInfo(finalDistInfo).orElseThrow(() -> new EnvException(Category.INTERNAL, "installed " + distInfo + " but cannot read it back"));
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot install " + wheel.name() + " " + wheel.version()
                    + " into " + env.root(), null, e);
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

    private static Placement linked(Path target, Path source, UnpackedWheel.FileInfo info) {
        return new Placement(target, source, null, info.executable(), info.hash(), info.size(), info.linkTarget().isPresent());
    }

    private static Placement generated(Path target, byte[] content, boolean executable) {
        return new Placement(target, null, content, executable, Fs.recordHash(Fs.sha256(content)), content.length, false);
    }

    private void place(Placement p) throws IOException {
        Path target = p.target();
        makeDirs(target.getParent());
        if (p.content() != null) {
            Path tmp = Fs.installTemp(target);
            Files.write(tmp, p.content());
            if (p.executable()) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Fs.moveReplacing(tmp, target);
            return;
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
