package dev.pinwheel.migrate;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
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
        return load(versionsDir, false);
    }

    /**
     * The same; with {@code checksums}, each script's checksum is computed as it is read, on the
     * same threads, for commands that check them all ({@link #checkSums()}, applied scripts).
     */
    public static ScriptDirectory load(Path versionsDir, boolean checksums) {
        List<Path> files = new ArrayList<>();
        // The names are matched here: a glob filter compiles and runs a regular expression per name.
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(versionsDir)) {
            for (Path file : dir) {
                if (file.getFileName().toString().endsWith(".sql")) {
                    files.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DbException(DbException.Category.BAD_INPUT, "no migrations folder at " + versionsDir,
                    "create it with `pinwheel db init`");
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot read the scripts in " + versionsDir, null, e);
        }
        // Thousands of small files: reading them on every core pays for the thread start-up.
        List<Revision> revisions = (files.size() > 500 ? files.parallelStream() : files.stream())
                .map(file -> {
                    Revision r = read(file);
                    if (checksums) {
                        r.checksum();
                    }
                    return r;
                }).toList();
        return new ScriptDirectory(versionsDir, RevisionGraph.of(revisions));
    }

    private static Revision read(Path file) {
        try {
            return ScriptFormat.parse(file, readUtf8(file));
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
    }

    /**
     * A script's text, refused unless it is UTF-8 as {@link Files#readString} refuses it. Through a
     * plain file stream: a file channel costs a small script about twice as much CPU to open, read
     * and close (1,000 scripts, one thread: ~23 vs ~40 ms at start-up).
     */
    static String readUtf8(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = new FileInputStream(file.toFile())) {
            bytes = in.readAllBytes();
        }
        for (byte b : bytes) {
            if (b < 0) {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1); // ASCII: one byte per character
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

    /** Rewrites the checksum file from the scripts. */
    public void writeSums() {
        dev.pinwheel.support.AtomicFiles.write(versionsDir.resolve(SUM_FILE), renderSums());
    }

    /**
     * How the checksum file compares with the scripts.
     *
     * @param problems disagreements about which scripts exist and how they connect: a missing
     *     file, an unresolved merge conflict, scripts it does not list or lists but that are gone,
     *     changed parents, other heads. Any of these means the file no longer guards against two
     *     branches adding revisions on one head, so commands that change a database refuse.
     * @param edited ids of scripts whose text changed since the file was written (their own
     *     checksum differs): normal while a new script is being written, worth recording
     */
    public record SumCheck(List<String> problems, List<String> edited) {
        public SumCheck {
            problems = List.copyOf(problems);
            edited = List.copyOf(edited);
        }

        public boolean inSync() {
            return problems.isEmpty() && edited.isEmpty();
        }
    }

    /**
     * The check, for a command about to change a database: refuses when the checksum file
     * disagrees about which scripts exist or how they connect. Scripts merely edited since it
     * was written do not count: that is every new script while its author writes it.
     *
     * @throws DbException (bad input) naming every problem, with the command that fixes it
     */
    public SumCheck requireSums() {
        SumCheck check = checkSums();
        if (check.problems().isEmpty()) {
            return check;
        }
        if (!Files.exists(versionsDir.resolve(SUM_FILE))) {
            throw new DbException(DbException.Category.BAD_INPUT, check.problems().get(0),
                    "it makes two branches that add revisions on one head conflict in version control; "
                            + "write it with `pinwheel db sums --write` and commit it with the scripts");
        }
        boolean severalHeads = graph.heads().size() > 1;
        String merge = "`pinwheel db merge -m \"merge heads\" heads` joins the heads and rewrites it";
        throw new DbException(DbException.Category.BAD_INPUT,
                SUM_FILE + " disagrees with the scripts: " + String.join("; ", check.problems()),
                severalHeads
                        ? "two branches probably added revisions on one head: " + merge
                        : "if the scripts are as intended (a resolved merge, a script added by hand), record them with "
                                + "`pinwheel db sums --write` and commit " + SUM_FILE);
    }

    /** One line about scripts edited since the checksum file was written; empty when none were. */
    public static String editedNote(SumCheck check) {
        List<String> ids = check.edited();
        if (ids.isEmpty()) {
            return "";
        }
        String list = ids.size() <= 5 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
        return SUM_FILE + " is out of date for " + list + " (edited since it was written); `pinwheel db sums --write` records "
                + (ids.size() == 1 ? "it" : "them");
    }

    /**
     * The words of a line, split at runs of blanks (what {@code split("\\s+")} gives for a stripped
     * line, without compiling a regex for each of a thousand lines); none for an empty line.
     */
    static String[] words(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Compares the checksum file with the scripts. */
    public SumCheck checkSums() {
        Path file = versionsDir.resolve(SUM_FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new SumCheck(List.of(SUM_FILE + " is missing from " + versionsDir), List.of());
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
        Map<String, String[]> listed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String headsLine = null;
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.startsWith("<<<<<<<") || line.startsWith(">>>>>>>") || line.startsWith("=======")) {
                return new SumCheck(List.of(SUM_FILE + ":" + lineNo + " has an unresolved merge conflict"), List.of());
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("heads:")) {
                headsLine = trimmed.substring(6).strip();
                continue;
            }
            String[] parts = words(trimmed);
            if (parts.length < 3) {
                problems.add(SUM_FILE + ":" + lineNo + " is not 'revision down_revisions sha256 file'");
                continue;
            }
            listed.put(parts[0], parts);
        }
        Set<String> missing = new TreeSet<>();
        Set<String> reparented = new TreeSet<>();
        List<String> edited = new ArrayList<>();
        for (Revision r : graph.topological()) {
            String[] entry = listed.remove(r.id());
            if (entry == null) {
                missing.add(r.id());
            } else if (!entry[1].equals(r.downRevisions().isEmpty() ? "-" : String.join(",", r.downRevisions()))) {
                reparented.add(r.id());
            } else if (!entry[2].equals(r.checksum())) {
                edited.add(r.id());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(SUM_FILE + " does not list " + String.join(", ", missing));
        }
        if (!listed.isEmpty()) {
            problems.add(SUM_FILE + " lists " + String.join(", ", new TreeSet<>(listed.keySet())) + ", which have no script");
        }
        if (!reparented.isEmpty()) {
            problems.add("the down_revision of " + String.join(", ", reparented) + " differs from " + SUM_FILE);
        }
        Set<String> heads = new TreeSet<>(graph.heads().stream().map(Revision::id).toList());
        Set<String> listedHeads = headsLine == null ? null
                : new TreeSet<>(List.of(words(headsLine)));
        if (listedHeads == null) {
            problems.add(SUM_FILE + " has no 'heads:' line");
        } else if (!listedHeads.equals(heads) && missing.isEmpty() && listed.isEmpty() && reparented.isEmpty()) {
            problems.add(SUM_FILE + " names the heads " + (listedHeads.isEmpty() ? "(none)" : String.join(", ", listedHeads))
                    + " but the scripts have " + (heads.isEmpty() ? "none" : String.join(", ", heads)));
        }
        return new SumCheck(problems, edited);
    }
}
