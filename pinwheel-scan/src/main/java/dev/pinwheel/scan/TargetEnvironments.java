package dev.pinwheel.scan;

import dev.pinwheel.env.Interpreter;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.support.Subprocess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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

    /**
     * The distributions installed in one site-packages directory: {@code *.dist-info} (METADATA,
     * RECORD) and {@code *.egg-info} (PKG-INFO, installed-files.txt), with top_level.txt where
     * present.
     */
    static List<InstalledDistributions.Installed> readSitePackages(Path dir) {
        List<InstalledDistributions.Installed> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                boolean distInfo = name.endsWith(".dist-info");
                if (!(distInfo || name.endsWith(".egg-info")) || !Files.isDirectory(e)) {
                    continue;
                }
                Path metadata = e.resolve(distInfo ? "METADATA" : "PKG-INFO");
                if (!Files.isRegularFile(metadata)) {
                    continue;
                }
                String[] nameVersion = nameAndVersion(Files.readString(metadata, StandardCharsets.UTF_8));
                if (nameVersion[0] == null || nameVersion[1] == null) {
                    continue;
                }
                List<String> files = new ArrayList<>();
                Path record = e.resolve(distInfo ? "RECORD" : "installed-files.txt");
                if (Files.isRegularFile(record)) {
                    for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                        String path = distInfo ? recordPath(line) : line.strip();
                        if (!path.isEmpty()) {
                            files.add(distInfo ? path : relativeToSite(e, path));
                        }
                    }
                }
                List<String> topLevel = new ArrayList<>();
                Path tl = e.resolve("top_level.txt");
                if (Files.isRegularFile(tl)) {
                    topLevel.addAll(Files.readAllLines(tl, StandardCharsets.UTF_8));
                }
                try {
                    out.add(new InstalledDistributions.Installed(ProjectName.parse(nameVersion[0]), nameVersion[1], files, topLevel));
                } catch (PinwheelException bad) {
                    // a distribution with an invalid name cannot be declared anyway
                }
            }
        } catch (IOException e) {
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "cannot read " + dir + ": " + e.getMessage(),
                    null, e);
        }
        return out;
    }

    private static String[] nameAndVersion(String metadata) {
        String[] nv = new String[2];
        for (String line : metadata.split("\r?\n")) {
            if (line.isEmpty()) {
                break; // the body (description) starts
            }
            if (nv[0] == null && line.regionMatches(true, 0, "Name:", 0, 5)) {
                nv[0] = line.substring(5).strip();
            } else if (nv[1] == null && line.regionMatches(true, 0, "Version:", 0, 8)) {
                nv[1] = line.substring(8).strip();
            }
        }
        return nv;
    }

    /** The path column of a RECORD line (CSV; a path with a comma is quoted). */
    private static String recordPath(String line) {
        if (line.startsWith("\"")) {
            int end = line.indexOf('"', 1);
            while (end > 0 && end + 1 < line.length() && line.charAt(end + 1) == '"') {
                end = line.indexOf('"', end + 2);
            }
            return end < 0 ? "" : line.substring(1, end).replace("\"\"", "\"");
        }
        int comma = line.indexOf(',');
        return (comma < 0 ? line : line.substring(0, comma)).strip();
    }

    /** installed-files.txt paths are relative to the egg-info directory. */
    private static String relativeToSite(Path eggInfo, String path) {
        Path site = eggInfo.getParent();
        Path p = eggInfo.resolve(path).normalize();
        return p.startsWith(site) ? site.relativize(p).toString().replace('\\', '/') : "../" + path;
    }
}
