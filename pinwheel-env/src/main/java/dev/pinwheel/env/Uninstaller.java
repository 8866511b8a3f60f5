package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes an installed distribution: exactly the files its RECORD (or an egg-info's
 * installed-files.txt) lists, the bytecode Python cached for its {@code .py} files, the metadata
 * directory, and the directories this leaves empty. A listed path outside the environment is
 * never touched (it is reported back instead).
 */
public final class Uninstaller {

    /** What a removal did. {@code skipped} are listed paths outside the environment. */
    public record Result(InstalledDistribution distribution, int removedFiles, List<String> skipped) {
    }

    private Uninstaller() {
    }

    public static Result uninstall(PythonEnvironment env, InstalledDistribution dist) {
        if (!dist.hasFileList()) {
            throw new EnvException(Category.ENVIRONMENT, "cannot uninstall " + dist + ": " + dist.metadataPath().getFileName()
                    + " does not list its files (no RECORD)", "recreate the environment with `pinwheel venv --clear` and sync again");
        }
        Path root = env.root();
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (RecordFile.Entry entry : dist.files()) {
            Path p = dist.installRoot().resolve(entry.path()).normalize();
            if (!p.startsWith(root) || p.equals(root)) {
                skipped.add(entry.path());
                continue;
            }
            if (p.startsWith(dist.metadataPath()) || !seen.add(p)) {
                continue;
            }
            files.add(p);
            if (p.getFileName().toString().endsWith(".py")) {
                files.addAll(cachedBytecode(p));
            }
        }
        try {
            Path journal = Journal.begin(env, "remove", dist.metadataPath(), files);
            int removed = deleteAll(env, files, dist.metadataPath());
            Journal.done(journal);
            return new Result(dist, removed, List.copyOf(skipped));
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot uninstall " + dist, null, e);
        }
    }

    /** {@code __pycache__/<stem>.*.pyc} beside a module. */
    private static List<Path> cachedBytecode(Path py) {
        String file = py.getFileName().toString();
        String stem = file.substring(0, file.length() - 3);
        Path cache = py.resolveSibling("__pycache__");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(cache)) {
            try (DirectoryStream<Path> pycs = Files.newDirectoryStream(cache, glob(stem) + ".*.pyc")) {
                pycs.forEach(found::add);
            } catch (IOException e) {
                // Unreadable cache directory: the files stay, which Python tolerates.
            }
        }
        return found;
    }

    private static String glob(String s) {
        return s.replaceAll("([\\[\\]{}*?\\\\])", "\\\\$1");
    }

    /**
     * Deletes {@code files} (and their installer temporaries) and the metadata directory, then
     * prunes directories left empty, never above the environment's scheme directories. Shared by
     * uninstall and by the journal's roll-back. Returns the number of files deleted.
     */
    static int deleteAll(PythonEnvironment env, List<Path> files, Path metadataDir) throws IOException {
        Path root = env.root();
        Set<Path> parents = new LinkedHashSet<>();
        int removed = 0;
        for (Path f : files) {
            if (!f.startsWith(root) || f.equals(root)) {
                continue;
            }
            if (Files.deleteIfExists(f)) {
                removed++;
            }
            Files.deleteIfExists(Fs.installTemp(f));
            parents.add(f.getParent());
        }
        if (metadataDir.startsWith(root) && !metadataDir.equals(root)) {
            if (Files.isDirectory(metadataDir, LinkOption.NOFOLLOW_LINKS)) {
                Fs.deleteTree(metadataDir);
            } else {
                Files.deleteIfExists(metadataDir);
            }
        }
        Set<Path> keep = protectedDirs(env);
        for (Path dir : Journal.deepestFirst(new ArrayList<>(parents))) {
            for (Path d = dir; d != null && d.startsWith(root) && !keep.contains(d); d = d.getParent()) {
                if (!deleteIfEmpty(d)) {
                    break;
                }
            }
        }
        return removed;
    }

    private static boolean deleteIfEmpty(Path dir) {
        try {
            return Files.deleteIfExists(dir) || !Files.exists(dir);
        } catch (IOException notEmpty) {
            return false;
        }
    }

    /**
     * The scheme directories and everything above them up to the root: never pruned. The headers
     * directory ({@code include/site/...}) is made by installs, so it goes when it empties.
     */
    private static Set<Path> protectedDirs(PythonEnvironment env) {
        Set<Path> keep = new HashSet<>();
        InstallPaths paths = env.paths();
        for (Path p : List.of(paths.purelib(), paths.platlib(), paths.scripts(), paths.data())) {
            for (Path d = p; d != null; d = d.getParent()) {
                keep.add(d);
            }
        }
        keep.add(env.root().resolve("include"));
        return keep;
    }
}
