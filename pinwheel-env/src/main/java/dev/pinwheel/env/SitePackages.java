package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads what is installed in an environment: every dist-info and egg-info in its library dirs. */
public final class SitePackages {

    private SitePackages() {
    }

    /** Every installed distribution of {@code env} (purelib and platlib), sorted by name. */
    public static List<InstalledDistribution> scan(PythonEnvironment env) {
        Set<Path> dirs = new LinkedHashSet<>(List.of(env.paths().purelib(), env.paths().platlib()));
        List<InstalledDistribution> found = new ArrayList<>();
        for (Path dir : dirs) {
            found.addAll(scan(dir));
        }
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return found;
    }

    /** Every installed distribution in one directory; a directory that does not exist is empty. */
    public static List<InstalledDistribution> scan(Path dir) {
        List<InstalledDistribution> found = new ArrayList<>();
        for (Path entry : entries(dir)) {
            read(entry).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The {@code *.dist-info} and {@code *.egg-info} entries of one directory, for {@link #read(Path)}
     * (a caller may read them on several threads); a directory that does not exist has none.
     */
    public static List<Path> entries(Path dir) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String file = p.getFileName().toString();
                if (file.endsWith(".dist-info") || file.endsWith(".egg-info")) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot list the installed packages in " + dir, null, e);
        }
        return found;
    }

    /** The distribution one entry of {@link #entries(Path)} describes, if it is one. */
    public static Optional<InstalledDistribution> read(Path entry) {
        try {
            if (entry.getFileName().toString().endsWith(".dist-info")) {
                return Files.isDirectory(entry)
                        ? read(entry, InstalledDistribution.Kind.DIST_INFO, entry.resolve("METADATA")) : Optional.empty();
            }
            Path pkgInfo = Files.isDirectory(entry) ? entry.resolve("PKG-INFO") : entry;
            return read(entry, InstalledDistribution.Kind.EGG_INFO, pkgInfo);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot read " + entry, null, e);
        }
    }

    /**
     * Reads name and version from the metadata headers. A directory without readable metadata
     * (a half-written install of a tool that is not pinwheel) is not a distribution.
     */
    private static Optional<InstalledDistribution> read(Path dir, InstalledDistribution.Kind kind, Path metadata)
            throws IOException {
        if (!Files.isRegularFile(metadata)) {
            return Optional.empty();
        }
        // Only the header block is decoded: the description after it is often most of the file,
        // and readers of installed distributions (chill, a no-op sync) read every METADATA.
        String text = new String(headerBytes(metadata), StandardCharsets.UTF_8);
        String name = header(text, "Name");
        String version = header(text, "Version");
        if (name == null || version == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InstalledDistribution(kind, dir, ProjectName.parse(name), version, text));
        } catch (RuntimeException invalidName) {
            return Optional.empty();
        }
    }

    /**
     * The file's header block: read in chunks, up to and including the first blank line (a
     * METADATA file is mostly its description, which nothing here reads); all of it without one.
     */
    static byte[] headerBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            int length = 0;
            while (true) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    return Arrays.copyOf(buffer, length);
                }
                int scanFrom = Math.max(0, length - 2); // a blank line may straddle two reads
                length += n;
                int end = blankLineEnd(buffer, scanFrom, length);
                if (end >= 0) {
                    return Arrays.copyOf(buffer, end);
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
        }
    }

    /** The length of the header block: up to and including the first blank line's line break, else all. */
    static int headerBlockEnd(byte[] b) {
        int end = blankLineEnd(b, 0, b.length);
        return end < 0 ? b.length : end;
    }

    /** Where the first blank line ({@code \n\n} or {@code \n\r\n}) starting in {@code b[from, to)} ends, or -1. */
    private static int blankLineEnd(byte[] b, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') {
                    return i + 2;
                }
                if (b[i + 1] == '\r' && i + 2 < to && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** The first value of an RFC 822 style header in the header block (before the first blank line). */
    static String header(String text, String field) {
        // Line by line up to the blank line only: the description after it is often most of the
        // file, and a no-op sync reads every installed METADATA.
        int start = 0;
        int length = text.length();
        while (start < length) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? length : newline;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (lineEnd == start) {
                break;
            }
            int colon = text.indexOf(':', start);
            if (colon > start && colon < lineEnd) {
                int nameStart = start;
                int nameEnd = colon;
                while (nameStart < nameEnd && Character.isWhitespace(text.charAt(nameStart))) {
                    nameStart++;
                }
                while (nameEnd > nameStart && Character.isWhitespace(text.charAt(nameEnd - 1))) {
                    nameEnd--;
                }
                if (nameEnd - nameStart == field.length() && text.regionMatches(true, nameStart, field, 0, field.length())) {
                    return text.substring(colon + 1, lineEnd).strip();
                }
            }
            start = end + 1;
        }
        return null;
    }

    /** Reads one {@code .dist-info} directory (what an install just wrote). */
    static Optional<InstalledDistribution> readDistInfo(Path distInfo) {
        try {
            return read(distInfo, InstalledDistribution.Kind.DIST_INFO, distInfo.resolve("METADATA"));
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot read " + distInfo, null, e);
        }
    }

    /** The installed distribution called {@code name}, if any. */
    public static Optional<InstalledDistribution> find(PythonEnvironment env, ProjectName name) {
        return scan(env).stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
