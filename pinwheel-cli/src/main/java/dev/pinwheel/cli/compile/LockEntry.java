package dev.pinwheel.cli.compile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One package of a lock file as the writer sees it: the canonical name, the pinned version (or a
 * direct URL), extras, the marker the input gave it, why it is there, and its file hashes.
 *
 * @param name      the PEP 503 normalized name ({@code pydantic-core})
 * @param version   the pinned version text, or empty for a direct URL requirement
 * @param url       the direct URL ({@code name @ url}), when the input named one
 * @param extras    extras, printed sorted in brackets
 * @param marker    the marker of the input line, printed after {@code ; }
 * @param via       the parents: package names, {@code -r file.in}, {@code -c file}
 * @param hashes    {@code sha256:...} texts, printed sorted
 * @param unsafe    whether the package is one of the unsafe set (setuptools, pip, ...)
 * @param editable  whether {@code url} is an editable location as the input gave it ({@code -e .[dev]})
 */
public record LockEntry(String name, String version, Optional<String> url, SortedSet<String> extras,
                        Optional<String> marker, SortedSet<String> via, SortedSet<String> hashes, boolean unsafe,
                        boolean editable) {

    public LockEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(marker, "marker");
        extras = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(extras));
        via = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(via));
        hashes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(hashes));
        if (version.isEmpty() == url.isEmpty()) {
            throw new IllegalArgumentException("a lock entry has either a version or a URL: " + name);
        }
    }

    /** A pinned package with no extras, marker, hashes or parents yet. */
    public static LockEntry pinned(String name, String version) {
        return new LockEntry(name, version, Optional.empty(), new TreeSet<>(), Optional.empty(), new TreeSet<>(),
                new TreeSet<>(), false, false);
    }

    /** A direct URL requirement, written {@code name @ url}. */
    public static LockEntry direct(String name, String url) {
        return new LockEntry(name, "", Optional.of(url), new TreeSet<>(), Optional.empty(), new TreeSet<>(),
                new TreeSet<>(), false, false);
    }

    /** An editable project, written {@code -e LOCATION} with the location as the input gave it. */
    public static LockEntry editable(String name, String location) {
        return new LockEntry(name, "", Optional.of(location), new TreeSet<>(), Optional.empty(), new TreeSet<>(),
                new TreeSet<>(), false, true);
    }

    public LockEntry withExtras(java.util.Collection<String> value) {
        return new LockEntry(name, version, url, new TreeSet<>(value), marker, via, hashes, unsafe, editable);
    }

    public LockEntry withMarker(String value) {
        return new LockEntry(name, version, url, extras, Optional.ofNullable(value), via, hashes, unsafe, editable);
    }

    public LockEntry withVia(java.util.Collection<String> value) {
        return new LockEntry(name, version, url, extras, marker, new TreeSet<>(value), hashes, unsafe, editable);
    }

    public LockEntry withHashes(java.util.Collection<String> value) {
        return new LockEntry(name, version, url, extras, marker, via, new TreeSet<>(value), unsafe, editable);
    }

    public LockEntry withUnsafe(boolean value) {
        return new LockEntry(name, version, url, extras, marker, via, hashes, value, editable);
    }

    /** The requirement text pip-compile prints: {@code name[extra,...]==version} or {@code name @ url}. */
    String requirementText(boolean stripExtras) {
        if (editable) {
            return "-e " + url.get();
        }
        StringBuilder line = new StringBuilder(name);
        if (!extras.isEmpty() && !stripExtras) {
            line.append('[').append(String.join(",", extras)).append(']');
        }
        if (url.isPresent()) {
            line.append(" @ ").append(url.get());
        } else {
            line.append("==").append(version);
        }
        return line.toString();
    }

    static List<LockEntry> sorted(java.util.Collection<LockEntry> entries) {
        // pip-compile lists editables first, then the rest, each by name.
        return entries.stream().sorted(java.util.Comparator.comparing((LockEntry e) -> !e.editable())
                .thenComparing(LockEntry::name)).toList();
    }
}
