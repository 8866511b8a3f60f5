package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.support.Hashing;
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
 * no links leaving the archive, and every file must match its RECORD digest.
 *
 * <p>Installed files are hard links to these by default: editing a file in site-packages edits
 * the cached copy too, as with uv. {@code --link-mode copy} avoids that.
 */
public final class WheelCache {

    private static final Pattern DIST_INFO = Pattern.compile("[^/]+-[^/]+\\.dist-info");

    private final Path root;
    /** Unpacking is CPU and disk work: more at once than there are cores only makes each slower. */
    private final Semaphore unpackSlots;

    public WheelCache(Path cacheDir) {
        this(cacheDir, Integer.MAX_VALUE);
    }

    /** A cache that unpacks at most {@code parallelUnpacks} wheels at once (callers may be many more threads). */
    public WheelCache(Path cacheDir, int parallelUnpacks) {
        this.root = cacheDir.resolve("wheels-v1");
        this.unpackSlots = new Semaphore(parallelUnpacks);
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
                Files.createDirectories(root);
                Path tmp = root.resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                unpackSlots.acquireUninterruptibly();
                try {
                    Map<String, UnpackedWheel.FileInfo> files = extract(wheel, tmp.resolve("tree"));
                    Files.move(tmp, entry);
                    return describe(sha256, entry.resolve("tree"), files);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                    // Another process unpacked the same wheel first; its copy is as good as ours.
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

    /** The wheel with this SHA-256 if it is unpacked already; never touches the network or the archive. */
    public Optional<UnpackedWheel> find(String sha256) {
        Path entry = root.resolve(sha256);
        if (!Files.isRegularFile(entry.resolve("manifest"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(load(sha256, entry));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Map<String, UnpackedWheel.FileInfo> extract(Path wheel, Path tree) throws IOException {
        Map<String, Integer> modes = ZipModes.read(wheel);
        Map<String, UnpackedWheel.FileInfo> files = new HashMap<>();
        String record = null;
        Files.createDirectories(tree);
        // Most entries share a few directories; each createDirectories is several system calls.
        Set<Path> made = new HashSet<>();
        made.add(tree);
        byte[] buffer = new byte[1 << 16];
        try (ZipFile zip = new ZipFile(wheel.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                checkName(wheel, name);
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
                    files.put(name, new UnpackedWheel.FileInfo("", 0, false, Optional.of(link)));
                    continue;
                }
                MessageDigest md = Hashing.sha256Digest();
                long size = 0;
                boolean isRecord = name.endsWith(".dist-info/RECORD") && name.indexOf('/') == name.lastIndexOf('/');
                java.io.ByteArrayOutputStream recordBytes = isRecord ? new java.io.ByteArrayOutputStream() : null;
                try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0; size += n) {
                        md.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        if (recordBytes != null) {
                            recordBytes.write(buffer, 0, n);
                        }
                    }
                }
                boolean executable = (mode & 0111) != 0;
                if (executable) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                files.put(name, new UnpackedWheel.FileInfo(Fs.recordHash(md.digest()), size, executable, Optional.empty()));
                if (recordBytes != null) {
                    record = recordBytes.toString(StandardCharsets.UTF_8);
                }
            }
        }
        if (record == null) {
            throw broken(wheel, "it has no .dist-info/RECORD");
        }
        for (RecordFile.Entry r : RecordFile.parse(record)) {
            UnpackedWheel.FileInfo actual = files.get(r.path());
            if (r.hash().isPresent() && actual != null && actual.linkTarget().isEmpty()) {
                String expected = r.hash().get();
                if (!expected.startsWith("sha256=")) {
                    continue;
                }
                if (!expected.equals(actual.hash())) {
                    throw broken(wheel, r.path() + " does not match its RECORD digest");
                }
            }
        }
        List<String> lines = new ArrayList<>();
        files.forEach((path, info) -> lines.add(String.join("\t", path, info.hash(), String.valueOf(info.size()),
                info.linkTarget().isPresent() ? "l" : info.executable() ? "x" : "-", info.linkTarget().orElse(""))));
        lines.sort(null);
        Files.write(tree.resolveSibling("manifest"), lines, StandardCharsets.UTF_8);
        return files;
    }

    private static void checkName(Path wheel, String name) {
        boolean drive = name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))
                && name.charAt(0) < 128;
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || drive) {
            throw unsafe(wheel, name, "an absolute path");
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

    private static UnpackedWheel load(String sha256, Path entry) throws IOException {
        Map<String, UnpackedWheel.FileInfo> files = new HashMap<>();
        for (String line : Files.readAllLines(entry.resolve("manifest"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            files.put(f[0], new UnpackedWheel.FileInfo(f[1], Long.parseLong(f[2]), f[3].equals("x"),
                    f[3].equals("l") ? Optional.of(f[4]) : Optional.empty()));
        }
        return describe(sha256, entry.resolve("tree"), files);
    }

    /** The wheel's identity from its unpacked tree: the one .dist-info, its WHEEL and METADATA. */
    private static UnpackedWheel describe(String sha256, Path tree, Map<String, UnpackedWheel.FileInfo> files)
            throws IOException {
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
        boolean purelib = "true".equalsIgnoreCase(SitePackages.header(wheelFile, "Root-Is-Purelib"));
        String metadata = Files.readString(tree.resolve(distInfo).resolve("METADATA"), StandardCharsets.UTF_8);
        String name = SitePackages.header(metadata, "Name");
        String version = SitePackages.header(metadata, "Version");
        if (name == null || version == null) {
            throw new EnvException(Category.BAD_INPUT, distInfo + "/METADATA lacks Name or Version");
        }
        return new UnpackedWheel(sha256, tree, files, distInfo, ProjectName.parse(name), version, purelib, metadata);
    }
}
