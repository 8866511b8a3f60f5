package dev.pinwheel.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes scripts: {@code db init}, {@code db revision} and {@code db merge}, with Alembic's rules
 * for where a new revision may attach (a head, unless {@code --splice}) and its file naming.
 */
public final class ScriptAuthor {

    private static final Pattern TOKEN = Pattern.compile("%(?:\\((\\w+)\\)([-#0 +]*)(\\d*)(?:\\.(\\d+))?([sd])|%)");
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private ScriptAuthor() {
    }

    /** What {@code db revision} (and later autogenerate) asks for; bodies default to empty. */
    public record RevisionRequest(String message, String head, boolean splice, List<String> branchLabels,
                                  List<String> dependsOn, String revId, String upgradeSql, String downgradeSql) {
        public RevisionRequest {
            message = message == null ? "" : message;
            head = head == null ? "head" : head;
            branchLabels = List.copyOf(branchLabels);
            dependsOn = List.copyOf(dependsOn);
            upgradeSql = upgradeSql == null ? "" : upgradeSql;
            downgradeSql = downgradeSql == null ? "" : downgradeSql;
        }

        public static RevisionRequest of(String message) {
            return new RevisionRequest(message, "head", false, List.of(), List.of(), null, "", "");
        }
    }

    /**
     * Creates the migrations folder with its versions folder and an empty checksum file, and
     * records a non-default location in the project's config.
     *
     * @return the files and folders created, in order
     */
    public static List<Path> init(DbConfig config, Path directory) {
        List<Path> created = new ArrayList<>();
        try {
            if (Files.isDirectory(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw DbException.badInput("Directory " + directory + " already exists and is not empty");
                    }
                }
            } else {
                Files.createDirectories(directory);
                created.add(directory);
            }
            Path versions = directory.resolve("versions");
            Files.createDirectories(versions);
            created.add(versions);
            Path sums = versions.resolve(ScriptDirectory.SUM_FILE);
            ScriptDirectory empty = ScriptDirectory.load(versions);
            empty.writeSums();
            created.add(sums);
            Path readme = directory.resolve("README");
            Files.writeString(readme, """
                    pinwheel db migrations (Alembic's model, plain SQL).

                    versions/      one script per revision: a '-- key: value' header, then
                                   '-- +upgrade' and '-- +downgrade' parts
                    versions/pinwheel.sum   every script, oldest first; conflicts here mean
                                   two branches added revisions on one head (`pinwheel db merge`)

                    pinwheel db revision -m "add users"   new script on the current head
                    pinwheel db upgrade head              apply everything
                    pinwheel db downgrade -1              undo the last revision
                    """, StandardCharsets.UTF_8);
            created.add(readme);
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot create " + directory, null, e);
        }
        Path configFile = recordLocation(config, directory);
        if (configFile != null) {
            created.add(configFile);
        }
        return created;
    }

    /** Writes {@code script_location} into pyproject.toml (or a new pinwheel.toml) when it is not the default. */
    private static Path recordLocation(DbConfig config, Path directory) {
        Path root = config.projectRoot();
        if (directory.equals(config.scriptLocation())) {
            return null;
        }
        String location = (directory.startsWith(root) ? root.relativize(directory) : directory).toString()
                .replace('\\', '/');
        String entry = "script_location = \"" + location.replace("\"", "\\\"") + "\"\n";
        Path pyproject = root.resolve("pyproject.toml");
        try {
            if (config.source().isPresent()) {
                throw DbException.badInput("the migrations folder is configured in " + config.source().get()
                        + "; set script_location there to \"" + location + "\" yourself");
            }
            if (Files.isRegularFile(pyproject)) {
                String text = Files.readString(pyproject, StandardCharsets.UTF_8);
                String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                dev.pinwheel.support.AtomicFiles.write(pyproject, text + sep + "\n[tool.pinwheel.db]\n" + entry);
                return pyproject;
            }
            Path toml = root.resolve("pinwheel.toml");
            dev.pinwheel.support.AtomicFiles.write(toml, "[db]\n" + entry);
            return toml;
        } catch (IOException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot update " + pyproject, null, e);
        }
    }

    /** Creates a revision script and refreshes the checksum file; returns the new script's path. */
    public static Path revision(DbConfig config, ScriptDirectory dir, RevisionRequest request, Clock clock) {
        RevisionGraph g = dir.graph();
        List<String> parents;
        if (request.head().equals("base")) {
            parents = List.of();
        } else if (request.head().equals("head") && g.isEmpty()) {
            parents = List.of();
        } else {
            List<Revision> heads = g.heads();
            if (request.head().equals("head") && heads.size() > 1) {
                throw DbException.badInput("Multiple heads are present; please specify the head revision on which the new "
                                + "revision should be based, or perform a merge: " + Targets.ids(heads),
                        "pass --head REV, or join them with `pinwheel db merge -m \"merge heads\" heads`");
            }
            List<Revision> base = Targets.resolve(g, request.head(), List.of(), true);
            for (Revision b : base) {
                if (!request.splice() && !g.isHead(b)) {
                    throw DbException.badInput("Revision " + b.id() + " is not a head revision; please specify --splice "
                            + "to create a new branch from this revision");
                }
            }
            parents = base.stream().map(Revision::id).toList();
        }
        List<String> depends = new ArrayList<>();
        for (String d : request.dependsOn()) {
            depends.add(g.branchLabels().containsKey(d) ? d : g.lookup(d).id());
        }
        for (String label : request.branchLabels()) {
            if (!ScriptFormat.LABEL.matcher(label).matches()) {
                throw DbException.badInput("not a valid branch label: '" + label + "'");
            }
            if (g.branchLabels().containsKey(label)) {
                throw DbException.badInput("Branch name '" + label + "' is already used by revision "
                        + g.branchLabels().get(label).id());
            }
        }
        return write(config, dir, request.revId(), parents, request.branchLabels(), depends, request.message(),
                request.upgradeSql(), request.downgradeSql(), clock);
    }

    /** Creates a merge revision of two or more revisions (usually the heads). */
    public static Path merge(DbConfig config, ScriptDirectory dir, List<String> revisions, String message,
                             List<String> branchLabels, String revId, Clock clock) {
        RevisionGraph g = dir.graph();
        Set<String> parents = new LinkedHashSet<>();
        for (String ref : revisions) {
            for (Revision r : Targets.resolve(g, ref, List.of(), true)) {
                parents.add(r.id());
            }
        }
        if (parents.size() < 2) {
            throw DbException.badInput("a merge needs at least two revisions, got " + (parents.isEmpty() ? "none"
                    : String.join(", ", parents)), "name the heads to join, e.g. `pinwheel db merge -m MSG heads`");
        }
        return write(config, dir, revId, List.copyOf(parents), branchLabels, List.of(), message, "", "", clock);
    }

    private static Path write(DbConfig config, ScriptDirectory dir, String revId, List<String> parents,
                              List<String> labels, List<String> depends, String message, String up, String down,
                              Clock clock) {
        String id = revId == null || revId.isBlank() ? newId() : revId;
        if (!ScriptFormat.REVISION_ID.matcher(id).matches()) {
            throw DbException.badInput("not a valid revision id: '" + id + "' (1 to 32 letters, digits, '_', '.' or '-')");
        }
        if (dir.graph().get(id).isPresent()) {
            throw DbException.badInput("Revision " + id + " is already present");
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        String fileName = fileName(config.fileTemplate(), config.truncateSlugLength(), id, message, now) + ".sql";
        Path file = dir.versionsDir().resolve(fileName);
        if (Files.exists(file)) {
            throw DbException.badInput("file " + file + " already exists");
        }
        String text = ScriptFormat.render(id, parents, labels, depends, message,
                LocalDateTime.ofInstant(now.toInstant(), now.getZone()).format(CREATE_DATE), true, up, down);
        dev.pinwheel.support.AtomicFiles.write(file, text);
        ScriptDirectory.load(dir.versionsDir()).writeSums();
        return file;
    }

    /** Alembic's revision ids: the last twelve hex digits of a random UUID. */
    static String newId() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return hex.substring(hex.length() - 12);
    }

    /** Alembic's slug: the message's words joined by {@code _}, lower case, cut at a word boundary. */
    static String slug(String message, int truncate) {
        Matcher m = WORD.matcher(message == null ? "" : message);
        List<String> words = new ArrayList<>();
        while (m.find()) {
            words.add(m.group());
        }
        String slug = String.join("_", words).toLowerCase(Locale.ROOT);
        if (slug.length() > truncate) {
            String cut = slug.substring(0, truncate);
            int us = cut.lastIndexOf('_');
            slug = (us < 0 ? cut : cut.substring(0, us)) + "_";
        }
        return slug;
    }

    /** Expands a {@code file_template} with Python's %-format rules for its tokens. */
    static String fileName(String template, int truncate, String id, String message, ZonedDateTime now) {
        Map<String, Object> values = Map.of(
                "rev", id, "slug", slug(message, truncate), "epoch", now.toEpochSecond(),
                "year", now.getYear(), "month", now.getMonthValue(), "day", now.getDayOfMonth(),
                "hour", now.getHour(), "minute", now.getMinute(), "second", now.getSecond());
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "%";
            } else {
                Object v = values.get(m.group(1));
                if (v == null) {
                    throw DbException.badInput("file_template: unknown token '%(" + m.group(1) + ")' (known: "
                            + String.join(", ", new java.util.TreeSet<>(values.keySet())) + ")");
                }
                String flags = m.group(2);
                String width = m.group(3);
                String precision = m.group(4);
                if (m.group(5).equals("d")) {
                    if (!(v instanceof Number)) {
                        throw DbException.badInput("file_template: %(" + m.group(1) + ")d needs a number; use %(" + m.group(1) + ")s");
                    }
                    String digits = String.valueOf(((Number) v).longValue());
                    int min = precision == null ? 0 : Integer.parseInt(precision);
                    digits = "0".repeat(Math.max(0, min - digits.length())) + digits;
                    replacement = pad(digits, width, flags.contains("0") && precision == null ? '0' : ' ', flags.contains("-"));
                } else {
                    String s = String.valueOf(v);
                    if (precision != null) {
                        s = s.substring(0, Math.min(s.length(), Integer.parseInt(precision)));
                    }
                    replacement = pad(s, width, ' ', flags.contains("-"));
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String name = out.toString();
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw DbException.badInput("file_template '" + template + "' gives the file name '" + name + "'");
        }
        return name;
    }

    private static String pad(String s, String width, char fill, boolean left) {
        int w = width == null || width.isEmpty() ? 0 : Integer.parseInt(width);
        if (s.length() >= w) {
            return s;
        }
        String padding = String.valueOf(fill).repeat(w - s.length());
        return left ? s + padding.replace('0', ' ') : padding + s;
    }
}
