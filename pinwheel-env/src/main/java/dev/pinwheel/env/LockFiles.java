package dev.pinwheel.env;

import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.RequirementLine;
import dev.pinwheel.packaging.RequirementsFile;
import dev.pinwheel.packaging.RequirementsOptions;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.VersionSpecifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the lock files of a sync ({@code requirements/base.txt}, {@code dev.txt}, ...) into the
 * set of pins for one target: lines whose markers do not hold for the target are dropped; every
 * other line must be an exact pin ({@code ==} / {@code ===}) or a URL, path or editable; two files
 * that pin a package differently are an error naming both places (with {@code force} the later
 * file wins). Constraint lines ({@code -c}) are not installed.
 *
 * <p>Which packages were asked for (PEP 376 {@code REQUESTED}) comes from pip-compile's
 * annotations: a pin followed by {@code # via -r <file>.in} was named by an input file. A lock
 * file without any {@code # via} annotations is hand-written, so all its pins count as requested.
 */
public final class LockFiles {

    /** The pins, the pip options of all files, the warnings (overridden pins with force). */
    /** {@code files}: every file read, includes too (absolute), in the order first read. */
    public record Locked(List<Pin> pins, List<RequirementsOptions> options, boolean requireHashes, List<String> warnings,
                         List<Path> files) {
        public Locked {
            files = List.copyOf(files);
        }
    }

    private LockFiles() {
    }

    /**
     * Reads {@code paths} (as the user wrote them, relative to {@code cwd}); {@code env} expands
     * {@code ${VAR}}.
     */
    public static Locked read(List<String> paths, Path cwd, Function<String, String> env, MarkerEnvironment target,
            boolean force) {
        Map<ProjectName, Pin> pins = new LinkedHashMap<>();
        List<RequirementsOptions> options = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean anyHashes = false;
        boolean requireHashes = false;
        List<RequirementLine> unhashed = new ArrayList<>();
        Set<Path> read = new LinkedHashSet<>();
        RequirementsFile.Loader loader = p -> {
            read.add(cwd.resolve(p).toAbsolutePath().normalize());
            return load(cwd, p);
        };
        for (String path : paths) {
            RequirementsFile file = RequirementsFile.parse(path, loader.load(path), loader, env);
            options.add(file.options());
            requireHashes |= file.options().requireHashes();
            Map<String, Set<Integer>> requestedLines = new LinkedHashMap<>();
            for (RequirementLine line : file.requirements()) {
                if (line.constraint() || line.marker().map(m -> !m.evaluate(target)).orElse(false)) {
                    continue;
                }
                Set<Integer> requested = requestedLines.computeIfAbsent(line.file(), f -> requestedLines(load(cwd, f)));
                Pin pin = toPin(line, requested.contains(line.line()) || requested.contains(-1), cwd);
                if (!pin.hashes().isEmpty()) {
                    anyHashes = true;
                } else if (!pin.editable()) {
                    unhashed.add(line);
                }
                Pin earlier = pins.get(pin.name());
                if (earlier == null) {
                    pins.put(pin.name(), pin);
                } else if (earlier.sameTarget(pin)) {
                    pins.put(pin.name(), merge(earlier, pin));
                } else if (force) {
                    warnings.add(pin.name() + ": " + pin.display() + " (" + pin.where() + ") overrides "
                            + earlier.display() + " (" + earlier.where() + ")");
                    pins.remove(pin.name());
                    pins.put(pin.name(), pin);
                } else {
                    throw new EnvException(Category.BAD_INPUT, "conflicting pins for " + pin.name() + ": "
                            + earlier.display() + " in " + earlier.where() + ", but " + pin.display() + " in "
                            + pin.where(), "make the lock files agree (compile dev.in with -c base.txt), or pass --force"
                            + " to let the later file win");
                }
            }
        }
        if (anyHashes || requireHashes) {
            for (RequirementLine line : unhashed) {
                if (pins.containsKey(line.name().orElse(null)) && pins.get(line.name().get()).hashes().isEmpty()) {
                    throw new EnvException(Category.BAD_INPUT, line.file() + ":" + line.line() + ": " + line.text()
                            + " has no --hash, but hash-checking mode is on (other requirements carry hashes)",
                            "compile every lock file with --generate-hashes, or none of them");
                }
            }
        }
        return new Locked(List.copyOf(pins.values()), options, anyHashes || requireHashes, warnings, List.copyOf(read));
    }

    private static Pin merge(Pin a, Pin b) {
        List<String> hashes = new ArrayList<>(a.hashes());
        b.hashes().stream().filter(h -> !hashes.contains(h)).forEach(hashes::add);
        return new Pin(a.name(), a.version(), a.url(), a.editable(), hashes, a.file(), a.line(),
                a.requested() || b.requested());
    }

    private static Pin toPin(RequirementLine line, boolean requested, Path cwd) {
        ProjectName name = line.name().orElseThrow(() -> new EnvException(Category.BAD_INPUT, line.file() + ":"
                + line.line() + ": cannot tell which package " + line.text() + " is",
                "name it: `name @ url`, or add #egg=name to the URL"));
        if (line.editable() || (line.link().isPresent() && line.requirement().flatMap(Requirement::url).isEmpty())) {
            return new Pin(name, Optional.empty(), Optional.of(absoluteUrl(line.link().orElseThrow(), cwd)), line.editable(), line.hashes(),
                    line.file(), line.line(), requested);
        }
        Requirement req = line.requirement().orElseThrow();
        if (req.url().isPresent()) {
            return new Pin(name, Optional.empty(), req.url().map(u -> absoluteUrl(u, cwd)), false, line.hashes(), line.file(),
                    line.line(), requested);
        }
        List<VersionSpecifier> specs = req.specifier().specifiers();
        if (specs.size() != 1 || specs.get(0).isWildcard()
                || (specs.get(0).operator() != VersionSpecifier.Operator.EQUAL
                    && specs.get(0).operator() != VersionSpecifier.Operator.ARBITRARY)) {
            throw new EnvException(Category.BAD_INPUT, line.file() + ":" + line.line() + ": " + line.text()
                    + " is not pinned to one version", "sync installs lock files: compile the .in file with "
                    + "`pinwheel compile` and sync the .txt it writes");
        }
        Version version = specs.get(0).version().orElseThrow();
        return new Pin(name, Optional.of(version), Optional.empty(), false, line.hashes(), line.file(), line.line(),
                requested);
    }

    /**
     * A path becomes a {@code file://} URL (relative paths against the working directory, as pip
     * does), so it compares equal to what {@code direct_url.json} records.
     */
    static String absoluteUrl(String link, Path cwd) {
        if (link.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return link;
        }
        String fragment = "";
        int hash = link.indexOf('#');
        if (hash >= 0) {
            fragment = link.substring(hash);
            link = link.substring(0, hash);
        }
        return cwd.resolve(link).normalize().toUri().toString().replaceFirst("/$", "") + fragment;
    }

    /**
     * Line numbers of pins that pip-compile annotated with {@code -r}: the pin line is followed
     * by comment lines ({@code # via -r x.in}, or {@code # via} then {@code #   -r x.in}). The
     * set holds -1 when the file has no annotations at all.
     */
    static Set<Integer> requestedLines(String text) {
        Set<Integer> lines = new HashSet<>();
        String[] all = text.split("\r?\n", -1);
        boolean annotated = false;
        int pinLine = 0;
        for (int i = 0; i < all.length; i++) {
            String t = all[i].strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.startsWith("#")) {
                if (!all[i].startsWith(" ") && !all[i].startsWith("\t") && !t.startsWith("-") || t.startsWith("-e")) {
                    pinLine = i + 1;
                }
                continue;
            }
            String comment = t.substring(1).strip();
            if (comment.startsWith("via")) {
                annotated = true;
                comment = comment.substring(3).strip();
            }
            if (pinLine > 0 && (comment.startsWith("-r ") || comment.startsWith("-r\t"))) {
                lines.add(pinLine);
            }
        }
        if (!annotated) {
            lines.add(-1);
        }
        return lines;
    }

    private static String load(Path cwd, String path) {
        Path file = cwd.resolve(path).normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new EnvException(Category.BAD_INPUT, "no such lock file: " + path,
                    "compile one first (`pinwheel compile`), or name the files to sync");
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot read " + path, null, e);
        }
    }
}
