package dev.pinwheel.cli.deps;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A project's intents and locks: every {@code requirements/NAME.in} with its {@code NAME.txt},
 * in dependency order. A pair depends on another when its {@code .in} includes the other's
 * {@code .in} ({@code -r base.in}) or constrains with the other's {@code .txt}
 * ({@code -c base.txt}): the other is compiled first, so a recompile sees its new lock.
 *
 * @param root  the project directory (the one holding {@code requirements/})
 * @param pairs the pairs, each after the pairs it depends on (ties by name, so base before dev)
 */
public record Layout(Path root, List<Pair> pairs) {

    /** The directory of intents and locks, relative to the project root. */
    public static final String DIR = "requirements";

    private static final Pattern INCLUDE = Pattern.compile(
            "^\\s*(-r|--requirement|-c|--constraint)(?:\\s*=\\s*|\\s+)(\\S+)");

    public Layout {
        pairs = List.copyOf(pairs);
    }

    /**
     * One intent and its lock.
     *
     * @param name        the stem ({@code base}, {@code dev})
     * @param in          the intent file
     * @param txt         the lock file compiled from it
     * @param reads       every file the intent reads through {@code -r}, itself first
     * @param constraints the {@code -c} files of the intent and its includes
     */
    public record Pair(String name, Path in, Path txt, Set<Path> reads, Set<Path> constraints) {
        public Pair {
            reads = Set.copyOf(reads);
            constraints = Set.copyOf(constraints);
        }
    }

    /**
     * The layout of the project at or above {@code start}: the first directory upwards with a
     * {@code requirements/} directory holding {@code .in} files.
     */
    public static Layout find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path requirements = dir.resolve(DIR);
            if (Files.isDirectory(requirements) && !inFiles(requirements).isEmpty()) {
                return of(dir, Map.of());
            }
        }
        throw new PinwheelException(Category.BAD_INPUT, "no " + DIR + "/*.in files in " + start + " or its parents",
                "pinwheel init creates requirements/base.in and requirements/dev.in");
    }

    /** The layout of {@code root}, reading intents from {@code staged} first (by absolute path), then from disk. */
    public static Layout of(Path projectRoot, Map<Path, String> staged) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path dir = root.resolve(DIR);
        List<Path> ins = inFiles(dir);
        Map<String, Pair> byName = new TreeMap<>();
        for (Path in : ins) {
            String file = in.getFileName().toString();
            String name = file.substring(0, file.length() - ".in".length());
            Set<Path> reads = new LinkedHashSet<>();
            Set<Path> constraints = new LinkedHashSet<>();
            follow(in, staged, reads, constraints);
            byName.put(name, new Pair(name, in, dir.resolve(name + ".txt"), reads, constraints));
        }
        return new Layout(root, order(byName));
    }

    private static List<Path> inFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".in") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot list " + dir, null, e);
        }
    }

    /** Follows {@code -r} includes (their {@code -c} files are recorded, not followed: they hold pins, not intents). */
    private static void follow(Path file, Map<Path, String> staged, Set<Path> reads, Set<Path> constraints) {
        Path normalized = file.toAbsolutePath().normalize();
        if (!reads.add(normalized)) {
            return;
        }
        Optional<String> text = read(normalized, staged);
        if (text.isEmpty()) {
            return; // a missing include is the compile's error to report, with file and line
        }
        for (String line : text.get().split("\\R")) {
            Matcher m = INCLUDE.matcher(line);
            if (!m.find() || m.group(2).contains("://")) {
                continue;
            }
            Path target = normalized.getParent().resolve(m.group(2)).normalize();
            if (m.group(1).equals("-r") || m.group(1).equals("--requirement")) {
                follow(target, staged, reads, constraints);
            } else {
                constraints.add(target);
            }
        }
    }

    static Optional<String> read(Path file, Map<Path, String> staged) {
        String text = staged.get(file);
        if (text != null) {
            return Optional.of(text);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
    }

    /** Dependencies first; among the ready ones, by name. */
    private static List<Pair> order(Map<String, Pair> byName) {
        Map<String, Set<String>> after = new HashMap<>();
        for (Pair p : byName.values()) {
            Set<String> deps = new LinkedHashSet<>();
            for (Pair other : byName.values()) {
                if (other != p && (p.reads().contains(other.in()) || p.constraints().contains(other.txt())
                        || p.constraints().contains(other.in()))) {
                    deps.add(other.name());
                }
            }
            after.put(p.name(), deps);
        }
        List<Pair> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < byName.size()) {
            Optional<Pair> next = byName.values().stream()
                    .filter(p -> !done.contains(p.name()) && done.containsAll(after.get(p.name()))).findFirst();
            if (next.isEmpty()) {
                List<String> cycle = byName.keySet().stream().filter(n -> !done.contains(n)).map(n -> DIR + "/" + n + ".in").toList();
                throw new PinwheelException(Category.BAD_INPUT, "these files include each other: " + String.join(", ", cycle),
                        "one of them must not include or constrain with the other");
            }
            ordered.add(next.get());
            done.add(next.get().name());
        }
        return ordered;
    }

    /** The pair of this stem or intent path ({@code dev}, {@code requirements/dev.in}). */
    public Optional<Pair> pair(String name) {
        return pairs.stream().filter(p -> p.name().equals(name) || p.in().equals(root.resolve(name).normalize())).findFirst();
    }

    /**
     * The pairs to recompile when these files changed, in order: those reading a changed intent,
     * then, transitively, those constrained by a lock that will be recompiled.
     */
    public List<Pair> affectedBy(Set<Path> changed) {
        Set<Path> dirty = new LinkedHashSet<>(changed);
        List<Pair> out = new ArrayList<>();
        for (Pair p : pairs) {
            boolean affected = p.reads().stream().anyMatch(dirty::contains) || p.constraints().stream().anyMatch(dirty::contains);
            if (affected) {
                out.add(p);
                dirty.add(p.txt());
            }
        }
        return out;
    }

    /**
     * The locks an environment of this project is synced with: {@code base.txt} and
     * {@code dev.txt} where they exist (the guide's rule), else every lock.
     */
    public List<Path> syncFiles() {
        List<Path> guide = pairs.stream().filter(p -> p.name().equals("base") || p.name().equals("dev")).map(Pair::txt).toList();
        return guide.isEmpty() ? pairs.stream().map(Pair::txt).toList() : guide;
    }

    /** The path as the user sees it: relative to the project root, '/'-separated. */
    public String show(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        String shown = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        return shown.replace('\\', '/');
    }

    /** The {@code .in} files in order, e.g. to tell where a name is declared. */
    public List<Path> intents() {
        return pairs.stream().map(Pair::in).toList();
    }
}
