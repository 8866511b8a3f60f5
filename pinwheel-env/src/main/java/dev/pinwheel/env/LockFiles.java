package dev.pinwheel.env;

import dev.pinwheel.packaging.FormatControl;
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

        /**
         * The {@code --only-binary} / {@code --no-binary} choices of all files together: pip-sync
         * reads every file with one finder, so each file's values apply, in order, on top of the
         * earlier files' (a later {@code :none:} clears what an earlier file set).
         */
        public FormatControl formatControl() {
            FormatControl all = FormatControl.none();
            for (RequirementsOptions o : options) {
                all = all.then(o.formatControl());
            }
            return all;
        }
    }

    private LockFiles() {
    }

    /**
     * Names a local project directory that its lock line leaves unnamed ({@code -e .}) and whose
     * {@code pyproject.toml} does not state a static {@code [project] name}: the build backend's
     * metadata decides. {@code options} are those of all lock files (the index to fetch the
     * backend from).
     */
    @FunctionalInterface
    public interface ProjectNamer {
        ProjectName name(Path projectDir, boolean editable, List<RequirementsOptions> options);

        /** Names only projects with a static name; others are an error. */
        ProjectNamer STATIC_ONLY = (dir, editable, options) -> {
            throw new EnvException(Category.BAD_INPUT, "cannot tell the name of the project in " + dir
                    + " without its build backend", "name it: add #egg=name to the line");
        };
    }

    /**
     * Reads {@code paths} (as the user wrote them, relative to {@code cwd}); {@code env} expands
     * {@code ${VAR}}. Unnamed local projects must have a static name (see the overload).
     */
    public static Locked read(List<String> paths, Path cwd, Function<String, String> env, MarkerEnvironment target,
            boolean force) {
        return read(paths, cwd, env, target, force, ProjectNamer.STATIC_ONLY);
    }

    /** One requirement line to pin, with its file's text (for carets) and whether it was asked for. */
    private record Entry(RequirementLine line, boolean requested, String fileText) {
    }

    /**
     * Reads {@code paths} (as the user wrote them, relative to {@code cwd}); {@code env} expands
     * {@code ${VAR}}; {@code namer} names local projects whose lines and pyproject.toml do not.
     * The files are parsed first and pinned after, so that the namer sees every file's options.
     */
    public static Locked read(List<String> paths, Path cwd, Function<String, String> env, MarkerEnvironment target,
            boolean force, ProjectNamer namer) {
        Map<ProjectName, Pin> pins = new LinkedHashMap<>();
        List<RequirementsOptions> options = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean anyHashes = false;
        boolean requireHashes = false;
        Map<RequirementLine, ProjectName> unhashed = new LinkedHashMap<>();
        Set<Path> read = new LinkedHashSet<>();
        Map<String, String> texts = new LinkedHashMap<>();
        RequirementsFile.Loader loader = p -> {
            read.add(cwd.resolve(p).toAbsolutePath().normalize());
            return texts.computeIfAbsent(p, f -> load(cwd, f));
        };
        List<Entry> entries = new ArrayList<>();
        for (String path : paths) {
            RequirementsFile file = RequirementsFile.parse(path, loader.load(path), loader, env);
            options.add(file.options());
            requireHashes |= file.options().requireHashes();
            Map<String, Set<Integer>> requestedLines = new LinkedHashMap<>();
            for (RequirementLine line : file.requirements()) {
                if (line.constraint() || line.marker().map(m -> !m.evaluate(target)).orElse(false)) {
                    continue;
                }
                String text = texts.computeIfAbsent(line.file(), f -> load(cwd, f));
                Set<Integer> requested = requestedLines.computeIfAbsent(line.file(), f -> requestedLines(text));
                entries.add(new Entry(line, requested.contains(line.line()) || requested.contains(-1), text));
            }
        }
        for (Entry entry : entries) {
            RequirementLine line = entry.line();
            Pin pin = toPin(line, entry.requested(), cwd, entry.fileText(), options, namer, read);
            if (!pin.hashes().isEmpty()) {
                anyHashes = true;
            } else if (!pin.editable()) {
                unhashed.put(line, pin.name()); // by the pin's name: a local path line has none of its own
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
        if (anyHashes || requireHashes) {
            for (var e : unhashed.entrySet()) {
                RequirementLine line = e.getKey();
                if (pins.containsKey(e.getValue()) && pins.get(e.getValue()).hashes().isEmpty()) {
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

    private static Pin toPin(RequirementLine line, boolean requested, Path cwd, String fileText,
            List<RequirementsOptions> options, ProjectNamer namer, Set<Path> read) {
        ProjectName name = line.name().orElseGet(() -> nameLocalProject(line, cwd, fileText, options, namer, read));
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
     * The project of an unnamed path line ({@code -e .}, {@code ./vendor/pkg}): a relative path
     * is taken against the working directory, as pip and pip-sync do (not against the lock
     * file's directory: {@code pip install -r sub/req.txt} with {@code -e .} installs the
     * directory pip runs in). The name is pyproject.toml's static {@code [project] name}, an
     * sdist's file name, or else what {@code namer} gets from the build backend. The project's
     * build files join the files read, so a changed name invalidates a sync stamp.
     */
    private static ProjectName nameLocalProject(RequirementLine line, Path cwd, String fileText,
            List<RequirementsOptions> options, ProjectNamer namer, Set<Path> read) {
        String link = line.link().orElse(null);
        Optional<Path> local = link == null ? Optional.empty() : localPath(link, cwd);
        if (local.isEmpty()) {
            throw located(line, fileText, link == null ? line.text() : link, "cannot tell which package "
                    + line.text() + " is", "name it: `name @ url`, or add #egg=name to the URL");
        }
        Path path = local.get();
        if (Files.isRegularFile(path) && !line.editable()) {
            try {
                return dev.pinwheel.packaging.SdistFilename.parse(path.getFileName().toString()).name();
            } catch (RuntimeException e) {
                throw located(line, fileText, link, path.getFileName() + " is neither a wheel, an sdist nor a project"
                        + " directory", "point at a project directory, or name it with #egg=name");
            }
        }
        if (!Files.isDirectory(path)) {
            throw located(line, fileText, link, "no such directory: " + path, "a relative path is taken against the"
                    + " working directory " + cwd + " (as pip does): run sync from there, or write an absolute path");
        }
        Path pyproject = path.resolve("pyproject.toml");
        boolean hasPyproject = Files.isRegularFile(pyproject);
        if (!hasPyproject && !Files.isRegularFile(path.resolve("setup.py"))) {
            throw located(line, fileText, link, path + " is not a Python project: it has neither pyproject.toml nor"
                    + " setup.py", "point at the directory that holds the project's pyproject.toml");
        }
        for (String buildFile : LocalProjectNames.BUILD_FILES) {
            if (Files.isRegularFile(path.resolve(buildFile))) {
                read.add(path.resolve(buildFile).toAbsolutePath().normalize());
            }
        }
        if (hasPyproject) {
            Optional<ProjectName> declared = staticName(pyproject, line, fileText, link);
            if (declared.isPresent()) {
                return declared.get();
            }
        }
        return namer.name(path, line.editable(), options);
    }

    /** A link's local path: a path (relative to {@code cwd}) or a {@code file:} URL; empty for other URLs. */
    static Optional<Path> localPath(String link, Path cwd) {
        int hash = link.indexOf('#');
        String bare = hash >= 0 ? link.substring(0, hash) : link;
        if (bare.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Optional.of(Path.of(java.net.URI.create(bare)).normalize());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        if (bare.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !bare.matches("^[A-Za-z]:[\\\\/].*")) {
            return Optional.empty();
        }
        return Optional.of(cwd.resolve(bare).toAbsolutePath().normalize());
    }

    /**
     * pyproject.toml's {@code [project] name}, when present and not listed in
     * {@code [project] dynamic} (PEP 621 forbids a dynamic name, but a backend decides then).
     */
    static Optional<ProjectName> staticName(Path pyproject, RequirementLine line, String fileText, String link) {
        com.fasterxml.jackson.databind.JsonNode project;
        try {
            project = new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree(pyproject.toFile()).path("project");
        } catch (IOException e) {
            throw located(line, fileText, link, "cannot read " + pyproject + ": " + e.getMessage().lines().findFirst()
                    .orElse(""), "fix the project's pyproject.toml");
        }
        com.fasterxml.jackson.databind.JsonNode name = project.path("name");
        boolean dynamic = false;
        for (com.fasterxml.jackson.databind.JsonNode d : project.path("dynamic")) {
            dynamic |= d.asText().equals("name");
        }
        if (!name.isTextual() || dynamic) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProjectName.parse(name.asText()));
        } catch (dev.pinwheel.packaging.ParseException e) {
            throw located(line, fileText, link, pyproject + " names the project '" + name.asText() + "', which is not a"
                    + " valid project name", "fix [project] name in the project's pyproject.toml");
        }
    }

    /**
     * An error about {@code part} of a lock line, rendered as {@code file:line:column}, the line
     * and a caret under {@code part} (where the line shows it as written; else under the line).
     */
    static EnvException located(RequirementLine line, String fileText, String part, String reason, String hint) {
        String[] lines = fileText.split("\n", -1);
        int start = 0;
        for (int i = 0; i < line.line() - 1 && i < lines.length; i++) {
            start += lines[i].length() + 1;
        }
        String raw = line.line() - 1 < lines.length ? lines[line.line() - 1] : "";
        int at = part == null ? -1 : raw.indexOf(part);
        int length = at >= 0 ? part.length() : raw.strip().length();
        if (at < 0) {
            at = raw.length() - raw.stripLeading().length();
        }
        String rendered = new dev.pinwheel.packaging.ParseException(fileText, start + at, length, reason)
                .withSource(line.file(), 1).getMessage();
        return new EnvException(Category.BAD_INPUT, rendered, hint);
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
