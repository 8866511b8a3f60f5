package dev.pinwheel.scan;

import dev.pinwheel.env.InstalledDistribution;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.RecordFile;
import dev.pinwheel.env.SitePackages;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.Subprocess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Builds the scanner's view of a real environment from an interpreter pinwheel-env inspected. */
public final class TargetEnvironments {

    private TargetEnvironments() {
    }

    /**
     * What the scanner needs of {@code interpreter}'s environment: its version, its own
     * standard-library list (asked of it, 3.10+) and its installed distributions.
     */
    public static TargetEnvironment inspect(Interpreter interpreter) {
        Optional<Set<String>> stdlib = Optional.empty();
        if (interpreter.major() == 3 && interpreter.minor() >= 10) {
            stdlib = Optional.of(stdlibNames(interpreter.executable()));
        }
        Set<Path> dirs = new LinkedHashSet<>(List.of(interpreter.paths().purelib(), interpreter.paths().platlib()));
        List<InstalledDistributions.Installed> installed = new ArrayList<>();
        for (Path dir : dirs) {
            installed.addAll(readSitePackages(dir));
        }
        return new TargetEnvironment(interpreter.prefix().toString(), interpreter.version(), stdlib,
                InstalledDistributions.index(installed));
    }

    private static Set<String> stdlibNames(Path python) {
        Subprocess.Result r = Subprocess.run(List.of(python.toString(), "-I", "-c",
                "import sys; print('\\n'.join(sorted(sys.stdlib_module_names)))"), null, null, null, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT,
                    "could not ask " + python + " for its standard library: " + r.stderr().strip());
        }
        Set<String> names = new TreeSet<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** The installed distributions as the index needs them, read by pinwheel-env. */
    static List<InstalledDistributions.Installed> readSitePackages(Path dir) {
        List<InstalledDistributions.Installed> out = new ArrayList<>();
        for (InstalledDistribution d : SitePackages.scan(dir)) {
            out.add(new InstalledDistributions.Installed(d.name(), d.versionText(), files(d), topLevel(d)));
        }
        return out;
    }

    /**
     * The paths a distribution installed: a dist-info's RECORD read for its first column only
     * (the import mapping needs no hashes or sizes, and an environment lists tens of thousands of
     * files), else what pinwheel-env makes of an egg-info.
     */
    private static List<String> files(InstalledDistribution d) {
        if (d.kind() != InstalledDistribution.Kind.DIST_INFO) {
            return d.files().stream().map(RecordFile.Entry::path).toList();
        }
        Path record = d.metadataPath().resolve("RECORD");
        String text;
        try {
            if (!Files.isRegularFile(record)) {
                return List.of();
            }
            text = Files.readString(record, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // unreadable: top_level.txt may still answer
        }
        return recordPaths(text);
    }

    /**
     * The first CSV column of every non-blank line of a RECORD (quoted fields as RecordFile reads
     * them), but files in {@code __pycache__}.
     */
    static List<String> recordPaths(String text) {
        List<String> paths = new ArrayList<>();
        int length = text.length();
        int start = 0;
        while (start < length) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? length : newline;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!blank(text, start, lineEnd) && !text.startsWith("__pycache__/", pycacheAt(text, start, lineEnd))) {
                paths.add(firstField(text, start, lineEnd));
            }
            start = end + 1;
        }
        return paths;
    }

    /**
     * Where a bytecode cache directory would start in the line's path (its last directory): such
     * files (half of a RECORD) show only packages their sources show too, so they are skipped.
     */
    private static int pycacheAt(String text, int start, int end) {
        int comma = start;
        while (comma < end && text.charAt(comma) != ',') {
            comma++;
        }
        int slash = text.lastIndexOf('/', comma - 1);
        if (slash < start) {
            return end; // no directory: nothing to skip
        }
        int dirStart = text.lastIndexOf('/', slash - 1);
        return dirStart < start ? start : dirStart + 1;
    }

    private static boolean blank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String firstField(String text, int start, int end) {
        int comma = start;
        while (comma < end && text.charAt(comma) != ',' && text.charAt(comma) != '"') {
            comma++;
        }
        if (comma == end || text.charAt(comma) == ',') {
            return text.substring(start, comma); // the usual unquoted path
        }
        return RecordFile.splitCsv(text.substring(start, end)).get(0); // a quoted path: RECORD's CSV rules
    }

    /** top_level.txt: the only module list of an egg-info without installed-files.txt. */
    private static List<String> topLevel(InstalledDistribution d) {
        Path tl = d.metadataPath().resolve("top_level.txt");
        try {
            return Files.isRegularFile(tl) ? Files.readAllLines(tl, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of(); // unreadable: RECORD still answers
        }
    }
}
