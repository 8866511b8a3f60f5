package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>A journal file holds one intent per line (JSON). A sync appends the intents of all its
 * installs to one file ({@link Log}) instead of writing one file each: every new file is an
 * inode to allocate, which is slow on some file systems, and an install needs no record of being
 * done (its dist-info is). A line cut short by a kill parses as nothing and is skipped: it was
 * written before anything it names was touched.
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
        Path file = dir.resolve(action + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".json");
        Fs.writeAtomically(file, intent(action, distInfo, files).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static void done(Path journal) throws IOException {
        Files.deleteIfExists(journal);
    }

    /** One intent as a line of JSON: {@code {"action": ..., "dist_info": ..., "files": [...]}}. */
    static String intent(String action, Path distInfo, List<Path> files) {
        StringBuilder out = new StringBuilder(64 + files.size() * 96);
        out.append("{\"action\":");
        Json.appendString(out, action);
        out.append(",\"dist_info\":");
        Json.appendString(out, distInfo.toString());
        out.append(",\"files\":[");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Json.appendString(out, files.get(i).toString());
        }
        return out.append("]}").toString();
    }

    /**
     * The install intents of one sync, appended to one journal file (made with the first). Only
     * installs: whether one finished is visible (its dist-info), so recovery of a finished one
     * changes nothing, whereas a finished removal must not be repeated once the same files may
     * belong to a newer install; removals keep one file each, deleted when done.
     */
    static final class Log implements AutoCloseable {
        private final PythonEnvironment env;
        private Path file;
        private java.nio.channels.FileChannel channel;

        Log(PythonEnvironment env) {
            this.env = env;
        }

        /** Appends an install's intent, in one write, before any of its files is placed. */
        synchronized void install(Path distInfo, List<Path> files) throws IOException {
            if (channel == null) {
                Path dir = journalDir(env);
                Files.createDirectories(dir);
                file = dir.resolve("sync-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".json");
                channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND);
            }
            java.nio.ByteBuffer line = java.nio.ByteBuffer.wrap((intent("install", distInfo, files) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
        }

        /** Every recorded install finished: the journal goes. */
        synchronized void finish() throws IOException {
            close();
            if (file != null) {
                Files.deleteIfExists(file);
                file = null;
            }
        }

        /** Closes the file; unless {@link #finish} ran, it stays for the next sync's recovery. */
        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }

    /** The intents waiting in the journal (for a dry run, which repairs nothing). */
    static int pending(PythonEnvironment env) {
        Path dir = journalDir(env);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path journal : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".json"))::iterator) {
                count += intents(journal).size();
            }
        } catch (IOException e) {
            return count;
        }
        return count;
    }

    /** The intents of one journal file that parse; a line cut short by a kill does not. */
    private static List<Map<String, Object>> intents(Path journal) throws IOException {
        List<Map<String, Object>> intents = new ArrayList<>();
        for (String line : Files.readString(journal, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                intents.add(Json.parseObject(line));
            } catch (RuntimeException torn) {
                // Killed while writing this intent: nothing it names was touched yet.
            }
        }
        return intents;
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
                for (Map<String, Object> intent : intents(journal)) {
                    Path distInfo = Path.of((String) intent.get("dist_info"));
                    List<Path> files = ((List<Object>) intent.get("files")).stream().map(o -> Path.of((String) o)).toList();
                    boolean installed = Files.isRegularFile(distInfo.resolve("RECORD"));
                    if (!("install".equals(intent.get("action")) && installed)) {
                        // A removal to finish, or an install to roll back: the same deletions.
                        Uninstaller.deleteAll(env, files, distInfo);
                    }
                    repaired++;
                }
                Files.deleteIfExists(journal);
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
