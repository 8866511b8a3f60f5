package dev.pinwheel.migrate.schema;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@link SchemaDiff} compares: rename detection, which names take part (glob patterns with
 * {@code *} and {@code ?} over table, enum type and sequence names; ignored tables such as the
 * version and history tables never do) and the naming convention for unnamed constraints.
 */
public record DiffOptions(boolean renameDetection, Set<String> ignoredTables, List<String> include, List<String> exclude,
                          NamingConvention namingConvention) {

    public DiffOptions {
        Invalid.check(ignoredTables != null && include != null && exclude != null && namingConvention != null,
                "diff options must not be null");
        ignoredTables = Set.copyOf(ignoredTables);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Renames detected, {@code alembic_version} and {@code pinwheel_history} ignored, everything else included, no naming convention. */
    public static DiffOptions defaults() {
        return new DiffOptions(true, Set.of("alembic_version", "pinwheel_history"), List.of(), List.of(), NamingConvention.none());
    }

    public DiffOptions withRenameDetection(boolean on) {
        return new DiffOptions(on, ignoredTables, include, exclude, namingConvention);
    }

    /** Replaces the ignored tables (pass the configured version and history table names). */
    public DiffOptions withIgnoredTables(Set<String> tables) {
        return new DiffOptions(renameDetection, tables, include, exclude, namingConvention);
    }

    /** Only names matching one of these globs take part (empty: all). */
    public DiffOptions withInclude(List<String> globs) {
        return new DiffOptions(renameDetection, ignoredTables, globs, exclude, namingConvention);
    }

    /** Names matching one of these globs never take part. */
    public DiffOptions withExclude(List<String> globs) {
        return new DiffOptions(renameDetection, ignoredTables, include, globs, namingConvention);
    }

    public DiffOptions withNamingConvention(NamingConvention convention) {
        return new DiffOptions(renameDetection, ignoredTables, include, exclude, convention);
    }

    /**
     * The schema as the diff sees it: filtered by name and with the naming convention applied.
     * Render changes from {@code prepare(database)}, since they carry the conventional names.
     */
    public Schema prepare(Schema schema) {
        Schema filtered = new Schema(schema.tables().stream().filter(t -> includesTable(t.name())).toList(),
                schema.enums().stream().filter(e -> includesName(e.name())).toList(),
                schema.sequences().stream().filter(q -> includesName(q.name())).toList());
        return namingConvention.apply(filtered);
    }

    /** Whether the table takes part; introspection may use it to skip tables before reading them. */
    public boolean includesTable(String name) {
        return !ignoredTables.contains(name) && includesName(name);
    }

    /** Whether an enum type or sequence of this name takes part. */
    public boolean includesName(String name) {
        return (include.isEmpty() || include.stream().anyMatch(g -> glob(g, name)))
                && exclude.stream().noneMatch(g -> glob(g, name));
    }

    static boolean glob(String glob, String name) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name.matches(re.toString());
    }
}
