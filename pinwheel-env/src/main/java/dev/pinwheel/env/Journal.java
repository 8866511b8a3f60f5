package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Makes installs and removals survive being killed at any moment. Before touching
 * site-packages the installer writes an intent (which files it is about to write or delete) to
 * {@code <env>/.pinwheel/journal/}; the {@code .dist-info} directory is moved into place last, in
 * one rename, and the intent is deleted after. {@link #recover} (run under the environment lock
 * before every sync) finishes what a killed run left: an install whose dist-info never arrived is
 * rolled back file by file; a removal is completed. Either way the environment is again exactly
 * what its dist-info directories say, and the planner can take it from there.
 */
final class Journal {

    static final String DIR = ".pinwheel";

    private Journal() {
    }

    static Path journalDir(PythonEnvironment env) {
        return env.root().resolve(DIR).resolve("journal");
    }

    static Path stagingDir(PythonEnvironment env) {
        return env.root().resolve(DIR).resolve("staging");
    }

    /** Records the intent; returns the journal file to {@link #done} when finished. */
    static Path begin(PythonEnvironment env, String action, Path distInfo, List<Path> files) throws IOException {
        Path dir = journalDir(env);
        Files.createDirectories(dir);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("action", action);
        intent.put("dist_info", distInfo.toString());
        intent.put("files", files.stream().map(Path::toString).toList());
        Path file = dir.resolve(action + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".json");
        Fs.writeAtomically(file, Json.write(intent).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static void done(Path journal) throws IOException {
        Files.deleteIfExists(journal);
    }

    /** Finishes or rolls back whatever a killed run left; returns how many operations it repaired. */
    @SuppressWarnings("unchecked")
    static int recover(PythonEnvironment env) {
        Path dir = journalDir(env);
        int repaired = 0;
        try {
            Fs.deleteTree(stagingDir(env));
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            List<Path> journals;
            List<Path> unfinished;
            try (Stream<Path> s = Files.list(dir)) {
                Map<Boolean, List<Path>> byKind = s.sorted()
                        .collect(java.util.stream.Collectors.partitioningBy(p -> p.toString().endsWith(".json")));
                journals = byKind.get(true);
                unfinished = byKind.get(false);
            }
            // Temporary files of an intent whose atomic write was killed: the intent never
            // existed, so nothing in site-packages was touched for it.
            for (Path leftover : unfinished) {
                Files.deleteIfExists(leftover);
            }
            for (Path journal : journals) {
                Map<String, Object> intent;
                try {
                    intent = Json.parseObject(Files.readString(journal, StandardCharsets.UTF_8));
                } catch (RuntimeException torn) {
                    // Killed while writing the intent itself: nothing was touched yet.
                    Files.deleteIfExists(journal);
                    continue;
                }
                Path distInfo = Path.of((String) intent.get("dist_info"));
                List<Path> files = ((List<Object>) intent.get("files")).stream().map(o -> Path.of((String) o)).toList();
                boolean installed = Files.isRegularFile(distInfo.resolve("RECORD"));
                if (!("install".equals(intent.get("action")) && installed)) {
                    // A removal to finish, or an install to roll back: the same deletions.
                    Uninstaller.deleteAll(env, files, distInfo);
                }
                Files.deleteIfExists(journal);
                repaired++;
            }
            return repaired;
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot repair the interrupted changes in " + env.root(),
                    "remove the environment and create it again with `pinwheel venv --clear`", e);
        }
    }

    /** Paths sorted deepest first, so directories empty out before their parents are tried. */
    static List<Path> deepestFirst(List<Path> dirs) {
        List<Path> sorted = new ArrayList<>(dirs);
        sorted.sort(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Comparator.naturalOrder()));
        return sorted;
    }
}
