package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.support.Hashing;
import dev.pinwheel.support.NativeCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Wheels unpacked once, keyed by the archive's SHA-256: {@code <cache>/wheels-v1/<sha256>/tree}
 * holds the files, {@code manifest} what the installer needs about each (digest, size, mode).
 * A wheel is unpacked into a temporary directory and renamed into place, so a reader sees a
 * complete entry or none. Entries are checked on the way in: no absolute paths, no {@code ..},
 * no links leaving the archive.
 *
 * <p>What is trusted: the archive's SHA-256, which the caller checked against the index's or the
 * lock file's hash before unpacking. The digests in the wheel's RECORD are copied, not checked
 * file by file (pip and uv do the same; hashing every unpacked byte a second time was a quarter
 * of a cold sync's CPU). A file RECORD lists without a well-formed {@code sha256=} digest, or
 * does not list, is hashed while it is written, so the installed RECORD is always complete.
 *
 * <p>Installed files are hard links to these by default: editing a file in site-packages edits
 * the cached copy too, as with uv. {@code --link-mode copy} avoids that.
 */
public final class WheelCache {

    private static final Pattern DIST_INFO = Pattern.compile("[^/]+-[^/]+\\.dist-info");

    private final Path root;
    /** Unpacking is CPU and disk work: more at once than there are cores only makes each slower. */
    private final Semaphore unpackSlots;
    /** Where a wheel read from a stream may get help writing its files (null: none). */
    private final java.util.concurrent.Executor helpers;
    private final int maxHelpers;

    public WheelCache(Path cacheDir) {
        this(cacheDir, Integer.MAX_VALUE);
    }

    /** A cache that unpacks at most {@code parallelUnpacks} wheels at once (callers may be many more threads). */
    public WheelCache(Path cacheDir, int parallelUnpacks) {
        this(cacheDir, parallelUnpacks, null, 0);
    }

    /**
     * Like {@link #WheelCache(Path, int)}; a wheel read from a stream may also have up to
     * {@code maxHelpers} tasks on {@code helpers} write its files (see {@link Unpacking}).
     */
    public WheelCache(Path cacheDir, int parallelUnpacks, java.util.concurrent.Executor helpers, int maxHelpers) {
        this.root = cacheDir.resolve("wheels-v1");
        this.unpackSlots = new Semaphore(parallelUnpacks);
        this.helpers = helpers;
        this.maxHelpers = maxHelpers;
    }

    /** Creates {@code dir} unless this unpacking made it already; safe from several threads. */
    private static void makeDirectory(Set<Path> made, Path dir) throws IOException {
        if (!made.contains(dir)) {
            // Marked only once it exists: another thread must not open a file in it before.
            Files.createDirectories(dir);
            made.add(dir);
        }
    }

    /** Unpacks (or finds already unpacked) the wheel at {@code wheel}. */
    public UnpackedWheel unpack(Path wheel) {
        return unpack(wheel, Hashing.sha256Hex(wheel));
    }

    /** Like {@link #unpack(Path)} when the caller already knows the archive's SHA-256. */
    public UnpackedWheel unpack(Path wheel, String sha256) {
        Path entry = root.resolve(sha256);
        try {
            if (!Files.isRegularFile(entry.resolve("manifest"))) {
                Path tmp = newStaging();
                unpackSlots.acquireUninterruptibly();
                try {
                    return commit(sha256, tmp, extract(wheel, tmp.resolve("tree")));
                } finally {
                    unpackSlots.release();
                    Fs.deleteTree(tmp);
                }
            }
            return load(sha256, entry);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot unpack " + wheel.getFileName() + " into the cache", null, e);
        }
    }

    /**
     * A wheel unpacked from a stream into a staging directory of the cache, not yet an entry:
     * {@link #commit(String, Staged)} makes it one once the caller has checked the archive's
     * hashes; {@link #close()} deletes what was not committed.
     */
    public static final class Staged implements AutoCloseable {
        private final Path dir;
        private final List<UnpackedWheel.FileInfo> files;

        private Staged(Path dir, List<UnpackedWheel.FileInfo> files) {
            this.dir = dir;
            this.files = files;
        }

        @Override
        public void close() {
            try {
                Fs.deleteTree(dir);
            } catch (IOException e) {
                // a leftover staging directory; the next unpack of this wheel starts afresh
            }
        }
    }

    /**
     * Unpacks the wheel {@code filename} while reading {@code body} once, front to back (as it
     * downloads): no archive file is written and read back. The same checks as
     * {@link #unpack(Path, String)}: every path before it is written, links when the archive has
     * been read. Throws {@link ZipStream.Unsupported} for an archive that must be read from a
     * file instead (see {@link ZipStream}); nothing is left behind then or on any failure.
     */
    public Staged stage(String filename, InputStream body) throws IOException {
        Path tmp = newStaging();
        try {
            return new Staged(tmp, extract(Path.of(filename), body, tmp.resolve("tree")));
        } catch (IOException | RuntimeException | Error e) {
            Fs.deleteTree(tmp);
            throw e;
        }
    }

    /** Makes a staged wheel the cache entry for {@code sha256} (the archive's, checked by the caller). */
    public UnpackedWheel commit(String sha256, Staged staged) {
        try {
            return commit(sha256, staged.dir, staged.files);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot move an unpacked wheel into the cache " + root, null, e);
        }
    }

    /** Whether an archive read from a stream must be read from a file instead (see {@link ZipStream}). */
    public static boolean needsFile(RuntimeException e) {
        return e instanceof ZipStream.Unsupported;
    }

    private Path newStaging() throws IOException {
        Files.createDirectories(root);
        return root.resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** Writes the manifest beside the staged tree and renames the staging directory into place. */
    private UnpackedWheel commit(String sha256, Path tmp, List<UnpackedWheel.FileInfo> files) throws IOException {
        Path entry = root.resolve(sha256);
        try {
            Identity id = identify(sha256, tmp.resolve("tree"));
            writeManifest(tmp, id, files);
            Files.move(tmp, entry);
            return id.wheel(sha256, entry.resolve("tree"), files);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // Another process unpacked the same wheel first; its copy is as good as ours.
            return load(sha256, entry);
        }
    }

    /** The wheel with this SHA-256 if it is unpacked already; never touches the network or the archive. */
    public Optional<UnpackedWheel> find(String sha256) {
        Path entry = root.resolve(sha256);
        try {
            return Optional.of(load(sha256, entry));
        } catch (IOException | RuntimeException e) {
            // Not unpacked (no manifest), or an entry this version cannot read: unpack again.
            return Optional.empty();
        }
    }

    private List<UnpackedWheel.FileInfo> extract(Path wheel, Path tree) throws IOException {
        Map<String, Integer> modes = ZipModes.read(wheel);
        Map<String, UnpackedWheel.FileInfo> files = new HashMap<>();
        Files.createDirectories(tree);
        // Most entries share a few directories; each createDirectories is several system calls.
        Set<Path> made = new HashSet<>();
        made.add(tree);
        byte[] buffer = new byte[1 << 16];
        try (ZipFile zip = new ZipFile(wheel.toFile(), StandardCharsets.UTF_8)) {
            List<ZipEntry> entries = new ArrayList<>(zip.size());
            ZipEntry record = null;
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry e = all.nextElement();
                // Every name is checked before anything is written.
                checkName(wheel, e.getName());
                entries.add(e);
                if (isRecord(e.getName())) {
                    record = e;
                }
            }
            if (record == null) {
                throw broken(wheel, "it has no .dist-info/RECORD");
            }
            Map<String, String> recorded = recordedDigests(zip, record);
            for (ZipEntry e : entries) {
                String name = e.getName();
                if (e.isDirectory()) {
                    Path dir = tree.resolve(name);
                    if (made.add(dir)) {
                        Files.createDirectories(dir);
                    }
                    continue;
                }
                int mode = modes.getOrDefault(name, 0644);
                Path target = tree.resolve(name);
                if (made.add(target.getParent())) {
                    Files.createDirectories(target.getParent());
                }
                if ((mode & ZipModes.TYPE_MASK) == ZipModes.SYMLINK) {
                    String link;
                    try (InputStream in = zip.getInputStream(e)) {
                        link = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    checkLink(wheel, name, link);
                    Files.createSymbolicLink(target, Path.of(link));
                    files.put(name, new UnpackedWheel.FileInfo(name, "", 0, false, Optional.of(link)));
                    continue;
                }
                // The digest RECORD gives is taken as it is (pip and uv do the same): the archive
                // itself was checked against the index's or the lock's SHA-256. Only a file
                // RECORD does not hash is hashed here, so the installed RECORD is complete.
                String digest = recorded.get(name);
                MessageDigest md = digest == null ? NativeCrypto.sha256() : null;
                long size = 0;
                try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0; size += n) {
                        if (md != null) {
                            md.update(buffer, 0, n);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                boolean executable = (mode & 0111) != 0;
                if (executable) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                files.put(name, new UnpackedWheel.FileInfo(name, md != null ? Fs.recordHash(md.digest()) : digest, size,
                        executable, Optional.empty()));
            }
        }
        List<UnpackedWheel.FileInfo> sorted = new ArrayList<>(files.values());
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        return sorted;
    }

    /**
     * {@link #extract(Path, Path)} for an archive read once from a stream (see {@link ZipStream}).
     * Entries whose sizes their headers give are taken as compressed bytes and inflated and
     * written by {@link Unpacking}: by this thread and, when it reads faster than it writes (the
     * big wheel whose download ends last), by helpers, so that no single wheel's files are
     * created by one thread while the other cores idle. Where libdeflate inflates entries whole
     * ({@link EntryInflater}), big entries are taken whole too: waiting for an entry's last byte
     * and then inflating it at libdeflate's speed beat zlib inflating it as it streamed (fresh-cold
     * syncs of the seed project, 8 alternating rounds: 1.81 s against 2.04 s, CPU 2.99 s against
     * 3.41 s; zlib throughout: 2.23 s, 3.66 s).
     */
    private List<UnpackedWheel.FileInfo> extract(Path wheel, InputStream body, Path tree) throws IOException {
        Files.createDirectories(tree);
        Set<Path> made = java.util.concurrent.ConcurrentHashMap.newKeySet();
        made.add(tree);
        byte[] chunk = new byte[1 << 16];
        Map<String, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> seen = new HashSet<>();
        String record = null;
        Map<String, Integer> modes;
        ZipStream zip = new ZipStream(body);
        Unpacking work = new Unpacking(helpers, maxHelpers);
        try {
            for (String name; (name = zip.next()) != null; ) {
                // Every name is checked before anything is written for it; the staging directory
                // is deleted when a later one is refused.
                checkName(wheel, name);
                if (name.endsWith("/")) {
                    makeDirectory(made, tree.resolve(name));
                    zip.copyTo(OutputStream.nullOutputStream(), chunk);
                    continue;
                }
                if (!seen.add(name)) {
                    // which copy wins must not depend on which thread writes last
                    throw new ZipStream.Unsupported("a duplicate entry " + name);
                }
                Path target = tree.resolve(name);
                if (isRecord(name)) {
                    record = name;
                }
                String key = name;
                if (zip.sized() && (zip.compressedSize() <= Unpacking.MAX_ENTRY
                        || EntryInflater.inflatesWhole(zip.size()))) {
                    ZipStream.Entry entry = zip.raw();
                    work.add(entry.raw().length, inflater -> {
                        makeDirectory(made, target.getParent());
                        sizes.put(key, inflater.write(entry, target));
                    });
                } else {
                    makeDirectory(made, target.getParent());
                    try (OutputStream out = new java.io.FileOutputStream(target.toFile())) {
                        sizes.put(key, zip.copyTo(out, chunk));
                    }
                }
            }
            modes = zip.finish();
            work.finish();
        } finally {
            zip.close();
            work.close();
        }
        if (record == null) {
            throw broken(wheel, "it has no .dist-info/RECORD");
        }
        // RECORD is read once: parsed, and hashed below (it never lists its own digest).
        byte[] recordBytes = Files.readAllBytes(tree.resolve(record));
        Map<String, String> recorded = recordedDigests(new String(recordBytes, StandardCharsets.UTF_8));
        List<UnpackedWheel.FileInfo> files = new ArrayList<>(sizes.size());
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            String name = e.getKey();
            Path target = tree.resolve(name);
            int mode = modes.getOrDefault(name, 0644);
            if ((mode & ZipModes.TYPE_MASK) == ZipModes.SYMLINK) {
                // Written as a file while streaming; a link only now that its target is checked.
                String link = Files.readString(target, StandardCharsets.UTF_8);
                checkLink(wheel, name, link);
                Files.delete(target);
                Files.createSymbolicLink(target, Path.of(link));
                files.add(new UnpackedWheel.FileInfo(name, "", 0, false, Optional.of(link)));
                continue;
            }
            boolean executable = (mode & 0111) != 0;
            if (executable) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            // As in extract(Path, Path): RECORD's digest is taken as it is; a file it does not
            // hash (RECORD itself, mostly) is hashed from the fresh copy.
            String digest = recorded.get(name);
            if (digest == null) {
                MessageDigest md = NativeCrypto.sha256();
                md.update(name.equals(record) ? recordBytes : Files.readAllBytes(target));
                digest = Fs.recordHash(md.digest());
            }
            files.add(new UnpackedWheel.FileInfo(name, digest,
                    e.getValue(), executable, Optional.empty()));
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        return files;
    }

    /**
     * The manifest: one line per file, sorted by path: path, digest, size, kind ({@code -} file,
     * {@code x} executable, {@code l} link), link target, tab-separated (paths cannot hold tabs or
     * line breaks: checked on the way in). Beside it, {@code identity} holds the dist-info
     * directory, name, version and purelib/platlib, so a warm sync reads two small files per
     * wheel instead of listing the tree and reading WHEEL and METADATA; an entry made by an
     * earlier version gets it on first use (and earlier versions ignore it).
     */
    private static void writeManifest(Path dir, Identity id, List<UnpackedWheel.FileInfo> files) throws IOException {
        StringBuilder out = new StringBuilder(files.size() * 96);
        for (UnpackedWheel.FileInfo f : files) {
            out.append(f.path()).append('\t').append(f.hash()).append('\t').append(f.size()).append('\t')
                    .append(f.linkTarget().isPresent() ? 'l' : f.executable() ? 'x' : '-').append('\t')
                    .append(f.linkTarget().orElse("")).append('\n');
        }
        Files.writeString(dir.resolve("manifest"), out, StandardCharsets.UTF_8);
        if (id.storable()) {
            Files.writeString(dir.resolve("identity"), id.line(), StandardCharsets.UTF_8);
        }
    }

    /** {@code <name>-<version>.dist-info/RECORD} at the top of the archive. */
    private static boolean isRecord(String name) {
        int slash = name.indexOf('/');
        return slash > 0 && slash == name.lastIndexOf('/') && name.endsWith(".dist-info/RECORD");
    }

    private static final Pattern RECORD_SHA256 = Pattern.compile("sha256=[A-Za-z0-9_-]{43}");

    /** Archive path to its well-formed {@code sha256=} digest in RECORD; rows without one are left out. */
    private static Map<String, String> recordedDigests(ZipFile zip, ZipEntry record) throws IOException {
        try (InputStream in = zip.getInputStream(record)) {
            return recordedDigests(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> recordedDigests(String text) {
        Map<String, String> digests = new HashMap<>();
        for (RecordFile.Entry r : RecordFile.parse(text)) {
            r.hash().filter(h -> RECORD_SHA256.matcher(h).matches()).ifPresent(h -> digests.put(r.path(), h));
        }
        return digests;
    }

    private static void checkName(Path wheel, String name) {
        boolean drive = name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))
                && name.charAt(0) < 128;
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || drive) {
            throw unsafe(wheel, name, "an absolute path");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\t') >= 0) {
            throw unsafe(wheel, name, "a name with a control character");
        }
        for (int start = 0; start <= name.length(); ) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? name.length() : slash;
            if (end - start == 2 && name.startsWith("..", start)) {
                throw unsafe(wheel, name, "a path leaving the archive");
            }
            start = end + 1;
        }
    }

    private static void checkLink(Path wheel, String name, String link) {
        if (link.indexOf('\n') >= 0 || link.indexOf('\r') >= 0 || link.indexOf('\t') >= 0 || link.indexOf('\0') >= 0) {
            throw unsafe(wheel, name, "a link with a control character in its target");
        }
        Path resolved = Path.of("/wheel").resolve(name).getParent().resolve(link).normalize();
        if (link.startsWith("/") || !resolved.startsWith("/wheel")) {
            throw unsafe(wheel, name, "a link pointing outside the archive (" + link + ")");
        }
    }

    private static EnvException unsafe(Path wheel, String name, String what) {
        return new EnvException(Category.BAD_INPUT, "refusing " + wheel.getFileName() + ": entry '" + name + "' is " + what,
                "the archive tries to write outside its target; do not install it");
    }

    private static EnvException broken(Path wheel, String why) {
        return new EnvException(Category.BAD_INPUT, "refusing " + wheel.getFileName() + ": " + why,
                "the wheel is corrupt or was modified after it was built");
    }

    /**
     * Reads a manifest back. Every path is checked as on the way in (a cache entry edited by
     * hand must not make the installer write outside the environment).
     */
    private static UnpackedWheel load(String sha256, Path entry) throws IOException {
        Path tree = entry.resolve("tree");
        String text = Files.readString(entry.resolve("manifest"), StandardCharsets.UTF_8);
        List<UnpackedWheel.FileInfo> files = new ArrayList<>(text.length() / 80 + 1);
        int length = text.length();
        String[] f = new String[5];
        for (int start = 0; start < length; ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (fields(text, start, end, f) != 5) {
                throw new IOException("malformed line in " + entry.resolve("manifest"));
            }
            start = end + 1;
            checkName(entry, f[0]);
            boolean link = f[3].equals("l");
            files.add(new UnpackedWheel.FileInfo(f[0], f[1], Long.parseLong(f[2]), f[3].equals("x"),
                    link ? Optional.of(f[4]) : Optional.empty()));
        }
        Identity id;
        Path identity = entry.resolve("identity");
        try {
            String line = Files.readString(identity, StandardCharsets.UTF_8);
            if (fields(line, 0, line.endsWith("\n") ? line.length() - 1 : line.length(), f) != 4
                    || !DIST_INFO.matcher(f[0]).matches()) {
                throw new IOException("malformed " + identity);
            }
            id = new Identity(f[0], f[1], f[2], f[3].equals("purelib") ? "true" : "false");
        } catch (java.nio.file.NoSuchFileException made) {
            // Unpacked by an earlier version: the identity comes from the tree, and is kept.
            id = identify(sha256, tree);
            if (id.storable()) {
                try {
                    Fs.writeAtomically(identity, id.line().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // A read-only cache: read from the tree again next time.
                }
            }
        }
        return id.wheel(sha256, tree, files);
    }

    /**
     * Splits {@code text[start, end)} at tabs into {@code out}; returns the number of fields, or
     * more than {@code out.length} when there are too many.
     */
    private static int fields(String text, int start, int end, String[] out) {
        int n = 0;
        for (int at = start; ; ) {
            int tab = text.indexOf('\t', at);
            if (tab < 0 || tab >= end) {
                out[n++] = text.substring(at, end);
                return n;
            }
            if (n == out.length - 1) {
                return out.length + 1;
            }
            out[n++] = text.substring(at, tab);
            at = tab + 1;
        }
    }

    /** What {@code WHEEL} and {@code METADATA} say about the wheel, as they say it. */
    private record Identity(String distInfo, String name, String version, String purelibText) {

        boolean purelib() {
            return "true".equalsIgnoreCase(purelibText);
        }

        /** Whether the identity file can hold it (one tab-separated line). */
        boolean storable() {
            return (distInfo + name + version).chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r');
        }

        String line() {
            return distInfo + "\t" + name + "\t" + version + "\t" + (purelib() ? "purelib" : "platlib") + "\n";
        }

        UnpackedWheel wheel(String sha256, Path tree, List<UnpackedWheel.FileInfo> files) {
            return new UnpackedWheel(sha256, tree, files, distInfo, ProjectName.parse(name), version, purelib());
        }
    }

    /** The wheel's identity from its unpacked tree: the one .dist-info, its WHEEL and METADATA. */
    private static Identity identify(String sha256, Path tree) throws IOException {
        String distInfo = null;
        try (var top = Files.list(tree)) {
            for (Path p : (Iterable<Path>) top::iterator) {
                String n = p.getFileName().toString();
                if (DIST_INFO.matcher(n).matches() && Files.isDirectory(p)) {
                    if (distInfo != null) {
                        throw new EnvException(Category.BAD_INPUT, "the wheel " + sha256 + " has two .dist-info directories");
                    }
                    distInfo = n;
                }
            }
        }
        if (distInfo == null) {
            throw new EnvException(Category.BAD_INPUT, "the wheel " + sha256 + " has no .dist-info directory");
        }
        String wheelFile = Files.readString(tree.resolve(distInfo).resolve("WHEEL"), StandardCharsets.UTF_8);
        String wheelVersion = SitePackages.header(wheelFile, "Wheel-Version");
        if (wheelVersion == null || !wheelVersion.startsWith("1.")) {
            throw new EnvException(Category.BAD_INPUT, "unsupported Wheel-Version " + wheelVersion + " in " + distInfo,
                    "pinwheel installs wheels of format version 1.x");
        }
        String purelib = SitePackages.header(wheelFile, "Root-Is-Purelib");
        byte[] metadata = Files.readAllBytes(tree.resolve(distInfo).resolve("METADATA"));
        String headers = new String(metadata, 0, SitePackages.headerBlockEnd(metadata), StandardCharsets.UTF_8);
        String name = SitePackages.header(headers, "Name");
        String version = SitePackages.header(headers, "Version");
        if (name == null || version == null) {
            throw new EnvException(Category.BAD_INPUT, distInfo + "/METADATA lacks Name or Version");
        }
        ProjectName.parse(name);
        return new Identity(distInfo, name, version, purelib == null ? "false" : purelib);
    }
}
