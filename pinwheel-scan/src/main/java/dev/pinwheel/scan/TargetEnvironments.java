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
            List<String> files = d.files().stream().map(RecordFile.Entry::path).toList();
            out.add(new InstalledDistributions.Installed(d.name(), d.versionText(), files, topLevel(d)));
        }
        return out;
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
