package dev.pinwheel.migrate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One revision script: its header (id, parents, labels, dependencies, message, date, whether it
 * runs in a transaction) and its upgrade and downgrade SQL with the script lines they start on.
 * Immutable; the checksum is computed on first use because listing commands never need it.
 */
public final class Revision {

    private final String id;
    private final List<String> downRevisions;
    private final List<String> branchLabels;
    private final List<String> dependsOn;
    private final String message;
    private final String createDate;
    private final boolean transactional;
    private final Path path;
    private final String text;
    private final Section upgrade;
    private final Section downgrade;
    private volatile String checksum;

    /** SQL of one part of a script and the 1-based script line where it starts. */
    public record Section(String sql, int firstLine) {
        public Section {
            Objects.requireNonNull(sql, "sql");
        }
    }

    Revision(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
             String message, String createDate, boolean transactional, Path path, String text,
             Section upgrade, Section downgrade) {
        this.id = Objects.requireNonNull(id, "id");
        this.downRevisions = List.copyOf(downRevisions);
        this.branchLabels = List.copyOf(branchLabels);
        this.dependsOn = List.copyOf(dependsOn);
        this.message = message == null ? "" : message;
        this.createDate = createDate == null ? "" : createDate;
        this.transactional = transactional;
        this.path = path;
        this.text = text;
        this.upgrade = upgrade;
        this.downgrade = downgrade;
    }

    /** A revision with only a header, for graphs built in memory (tests, planning). */
    public static Revision of(String id, List<String> downRevisions) {
        return new Revision(id, downRevisions, List.of(), List.of(), "", "", true, null, "",
                new Section("", 1), new Section("", 1));
    }

    public Revision withLabels(List<String> labels) {
        return sameText(new Revision(id, downRevisions, labels, dependsOn, message, createDate, transactional, path, text,
                upgrade, downgrade));
    }

    public Revision withDependsOn(List<String> deps) {
        return sameText(new Revision(id, downRevisions, branchLabels, deps, message, createDate, transactional, path, text,
                upgrade, downgrade));
    }

    public Revision withMessage(String msg) {
        return sameText(new Revision(id, downRevisions, branchLabels, dependsOn, msg, createDate, transactional, path, text,
                upgrade, downgrade));
    }

    /** A copy with this script's text keeps its checksum, if computed. */
    private Revision sameText(Revision copy) {
        copy.checksum = checksum;
        return copy;
    }

    public String id() {
        return id;
    }

    /** The parents; empty for a base, several for a merge point. */
    public List<String> downRevisions() {
        return downRevisions;
    }

    public List<String> branchLabels() {
        return branchLabels;
    }

    public List<String> dependsOn() {
        return dependsOn;
    }

    public String message() {
        return message;
    }

    public String createDate() {
        return createDate;
    }

    /** False when the script asked to run outside a transaction (e.g. CREATE INDEX CONCURRENTLY). */
    public boolean transactional() {
        return transactional;
    }

    /** The script file; null only for revisions made in memory. */
    public Path path() {
        return path;
    }

    /** The whole script text (empty for revisions made in memory), to point errors at a header line. */
    String text() {
        return text;
    }

    public Section upgrade() {
        return upgrade;
    }

    public Section downgrade() {
        return downgrade;
    }

    public boolean isBase() {
        return downRevisions.isEmpty();
    }

    public boolean isMergePoint() {
        return downRevisions.size() > 1;
    }

    /** SHA-256 of the script text (line endings normalized), to notice scripts edited after they ran. */
    public String checksum() {
        String c = checksum;
        if (c == null) {
            c = HEX.formatHex(SHA_256.get().digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
            checksum = c;
        }
        return c;
    }

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per thread: looking one up costs more than hashing a small script. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    });

    @Override
    public String toString() {
        return id;
    }
}
