package dev.pinwheel.migrate.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLAlchemy's {@code MetaData(naming_convention=...)}: templates keyed {@code ix}, {@code uq},
 * {@code ck}, {@code fk}, {@code pk} with tokens {@code %(table_name)s},
 * {@code %(column_0_name)s}, {@code %(column_0_label)s} ({@code table_column}), {@code %(column_0_key)s},
 * {@code %(column_0N_name)s} (all columns run together), {@code %(column_0_N_name)s} (joined
 * with {@code _}), the same for {@code label}/{@code key}, {@code %(referred_table_name)s},
 * {@code %(referred_column_0_name)s} (and its N forms) and {@code %(constraint_name)s}.
 * It names only what has no name; a template that needs a token the object cannot give (a
 * check's {@code constraint_name}, a column of an expression-only index) leaves it unnamed. Names
 * longer than the identifier limit are cut as SQLAlchemy cuts them: the first {@code max - 8}
 * characters, {@code _} and the last four hex digits of the name's MD5.
 */
public record NamingConvention(Map<String, String> templates, int maxIdentifierLength) {

    private static final Set<String> KEYS = Set.of("ix", "uq", "ck", "fk", "pk");
    private static final Pattern TOKEN = Pattern.compile("%\\(([a-zA-Z0-9_]+)\\)s");
    private static final Pattern COLUMN_TOKEN = Pattern.compile("(referred_)?column_(\\d+)(N|_N)?_(name|key|label)");

    public NamingConvention {
        Invalid.check(templates != null, "naming convention must not be null");
        templates = Map.copyOf(new LinkedHashMap<>(templates));
        for (Map.Entry<String, String> e : templates.entrySet()) {
            Invalid.check(KEYS.contains(e.getKey()), "naming convention key '" + e.getKey() + "' is not one of ix, uq, ck, fk, pk");
            Matcher m = TOKEN.matcher(e.getValue());
            while (m.find()) {
                String token = m.group(1);
                Invalid.check(token.equals("table_name") || token.equals("referred_table_name")
                                || token.equals("constraint_name") || COLUMN_TOKEN.matcher(token).matches(),
                        "naming convention " + e.getKey() + " uses unknown token %(" + token + ")s");
            }
        }
        Invalid.check(maxIdentifierLength > 0, "maximum identifier length must be positive");
    }

    /** These templates, no length limit. */
    public static NamingConvention of(Map<String, String> templates) {
        return new NamingConvention(templates, Integer.MAX_VALUE);
    }

    /** SQLAlchemy's default: only {@code ix: ix_%(column_0_label)s}. */
    public static NamingConvention sqlalchemyDefault() {
        return of(Map.of("ix", "ix_%(column_0_label)s"));
    }

    public static NamingConvention none() {
        return of(Map.of());
    }

    /** PostgreSQL cuts identifiers at 63 bytes; SQLite has no limit. */
    public NamingConvention withMaxIdentifierLength(int max) {
        return new NamingConvention(templates, max);
    }

    /** The schema with every unnamed constraint and index named where a template applies. */
    public Schema apply(Schema schema) {
        if (templates.isEmpty()) {
            return schema;
        }
        return schema.withTables(schema.tables().stream().map(this::apply).toList());
    }

    Table apply(Table t) {
        Optional<PrimaryKey> pk = t.primaryKey().map(p -> p.name().isPresent() ? p
                : p.withName(name("pk", t.name(), p.columns(), null, List.of(), null)));
        return t.withPrimaryKey(pk.orElse(null))
                .withForeignKeys(t.foreignKeys().stream().map(f -> f.name().isPresent() ? f
                        : f.withName(name("fk", t.name(), f.columns(), f.referredTable(), f.referredColumns(), null))).toList())
                .withUniqueConstraints(t.uniqueConstraints().stream().map(u -> u.name().isPresent() ? u
                        : u.withName(name("uq", t.name(), u.columns(), null, List.of(), null))).toList())
                .withChecks(t.checks().stream().map(c -> c.name().isPresent() ? c
                        : c.withName(name("ck", t.name(), List.of(), null, List.of(), null))).toList())
                .withIndexes(t.indexes().stream().map(i -> i.name().isPresent() ? i
                        : i.withName(name("ix", t.name(), i.columns(), null, List.of(), null))).toList());
    }

    /**
     * The conventional name of one object, or {@code null} when there is no template or it needs
     * what the object lacks.
     */
    String name(String key, String table, List<String> columns, String referredTable, List<String> referredColumns,
                String constraintName) {
        String template = templates.get(key);
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(template);
        int last = 0;
        while (m.find()) {
            String value = token(m.group(1), table, columns, referredTable, referredColumns, constraintName);
            if (value == null) {
                return null;
            }
            out.append(template, last, m.start()).append(value);
            last = m.end();
        }
        out.append(template.substring(last));
        return truncate(out.toString());
    }

    private static String token(String token, String table, List<String> columns, String referredTable,
                                List<String> referredColumns, String constraintName) {
        switch (token) {
            case "table_name": return table;
            case "referred_table_name": return referredTable;
            case "constraint_name": return constraintName;
            default: break;
        }
        Matcher m = COLUMN_TOKEN.matcher(token);
        if (!m.matches()) {
            return null;
        }
        boolean referred = m.group(1) != null;
        List<String> cols = referred ? referredColumns : columns;
        String owner = referred ? referredTable : table;
        int index = Integer.parseInt(m.group(2));
        String form = m.group(4);
        Function<String, String> render = c -> form.equals("label") ? owner + "_" + c : c;
        if (m.group(3) == null) {
            return index < cols.size() ? render.apply(cols.get(index)) : null;
        }
        if (index >= cols.size()) {
            return null;
        }
        List<String> rendered = cols.subList(index, cols.size()).stream().map(render).toList();
        return String.join(m.group(3).equals("N") ? "" : "_", rendered);
    }

    private String truncate(String name) {
        if (name.length() <= maxIdentifierLength) {
            return name;
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return name.substring(0, maxIdentifierLength - 8) + "_" + hex.substring(hex.length() - 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
