package dev.pinwheel.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The versions folder: every {@code *.sql} revision script in it, read into a
 * {@link RevisionGraph}, plus the checksum file {@value #SUM_FILE}.
 *
 * <p>The checksum file lists every script oldest first and ends with a {@code heads:} line. Two
 * branches that each add a revision on the same head both rewrite that tail, so version control
 * reports a conflict at review time instead of two heads surprising a deploy.
 */
public final class ScriptDirectory {

    public static final String SUM_FILE = "pinwheel.sum";
    private static final String SUM_HEADER = """
            # pinwheel db: every revision script, oldest first (revision, down_revisions, sha256, file).
            # Written by `pinwheel db revision/merge/init`. A merge conflict here means two branches
            # added revisions on the same head: resolve it with `pinwheel db merge`.
            """;

    private final Path versionsDir;
    private final RevisionGraph graph;

    private ScriptDirectory(Path versionsDir, RevisionGraph graph) {
        this.versionsDir = versionsDir;
        this.graph = graph;
    }

    /**
     * Reads every script of the versions folder.
     *
     * @throws DbException when the folder is missing, a script is malformed or the graph is broken
     */
    public static ScriptDirectory load(Path versionsDir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(versionsDir, "*.sql")) {
            for (Path file : dir) {
                files.add(file);
            }
        } catch (NoSuchFileException e) {
            throw new DbException(DbException.Category.BAD_INPUT, "no migrations folder at " + versionsDir,
                    "create it with `pinwheel db init`");
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot read the scripts in " + versionsDir, null, e);
        }
        // Thousands of small files: reading them on every core pays for the thread start-up.
        List<Revision> revisions = (files.size() > 500 ? files.parallelStream() : files.stream())
                .map(ScriptDirectory::read).toList();
        return new ScriptDirectory(versionsDir, RevisionGraph.of(revisions));
    }

    private static Revision read(Path file) {
        try {
            return ScriptFormat.parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
    }

    public Path versionsDir() {
        return versionsDir;
    }

    public RevisionGraph graph() {
        return graph;
    }

    /** The checksum file's text for the current scripts. */
    String renderSums() {
        StringBuilder b = new StringBuilder(SUM_HEADER);
        for (Revision r : graph.topological()) {
            b.append(r.id()).append(' ')
                    .append(r.downRevisions().isEmpty() ? "-" : String.join(",", r.downRevisions())).append(' ')
                    .append(r.checksum()).append(' ')
                    .append(r.path() == null ? "-" : r.path().getFileName()).append('\n');
        }
        b.append("heads: ").append(String.join(" ", graph.heads().stream().map(Revision::id).toList())).append('\n');
        return b.toString();
    }

    /** Rewrites the checksum file. */
    void writeSums() {
        dev.pinwheel.support.AtomicFiles.write(versionsDir.resolve(SUM_FILE), renderSums());
    }

    /**
     * Compares the checksum file with the scripts: revisions missing from it or listed but absent,
     * changed parents, and unresolved merge-conflict markers. Empty when all agree.
     */
    public List<String> checkSums() {
        Path file = versionsDir.resolve(SUM_FILE);
        List<String> problems = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(SUM_FILE + " is missing from " + versionsDir);
            return problems;
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
        Map<String, String> listed = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.startsWith("<<<<<<<") || line.startsWith(">>>>>>>") || line.startsWith("=======")) {
                problems.add(SUM_FILE + ":" + lineNo + " has an unresolved merge conflict");
                return problems;
            }
            if (line.isBlank() || line.startsWith("#") || line.startsWith("heads:")) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            if (parts.length >= 2) {
                listed.put(parts[0], parts[1]);
            }
        }
        Set<String> missing = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        for (Revision r : graph.topological()) {
            String parents = listed.remove(r.id());
            if (parents == null) {
                missing.add(r.id());
            } else if (!parents.equals(r.downRevisions().isEmpty() ? "-" : String.join(",", r.downRevisions()))) {
                changed.add(r.id());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(SUM_FILE + " does not list " + String.join(", ", missing));
        }
        if (!listed.isEmpty()) {
            problems.add(SUM_FILE + " lists " + String.join(", ", new TreeSet<>(listed.keySet())) + ", which have no script");
        }
        if (!changed.isEmpty()) {
            problems.add("the down_revision of " + String.join(", ", changed) + " differs from " + SUM_FILE);
        }
        return problems;
    }
}
