package dev.pinwheel.migrate.schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical type text of the model: lower case, single spaces, no spaces inside the
 * parentheses ({@code numeric(10,2)}), and for PostgreSQL the short names of
 * {@code format_type()}'s long ones ({@code character varying(50)} is {@code varchar(50)},
 * {@code timestamp without time zone} is {@code timestamp}, {@code int4} is {@code integer}).
 * SQLite keeps its declared type (only case and spacing change), because there the declared
 * text decides behaviour: {@code INTEGER PRIMARY KEY} is a rowid alias, {@code INT PRIMARY KEY}
 * is not; a column declared without a type becomes {@code blob}, the same affinity. Quoted names (a PostgreSQL enum called {@code "Mood"}) are kept as they are.
 */
public final class SqlTypes {

    private static final Map<String, String> POSTGRES_ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("character", "char"), Map.entry("int", "integer"), Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("float", "double precision"),
            Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timetz", "time with time zone"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("time without time zone", "time"),
            Map.entry("varbit", "bit varying"));

    /** {@code base}, optional {@code (args)}, optional time-zone words after the arguments, optional array brackets. */
    private static final Pattern SHAPE = Pattern.compile(
            "([a-z_][a-z0-9_ ]*?)\\s*(?:\\(([^)]*)\\))?\\s*((?:with|without) time zone)?\\s*((?:\\[\\d*\\])*)");

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern OPEN = Pattern.compile("\\s*\\(\\s*");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern CLOSE = Pattern.compile("\\s*\\)");

    private SqlTypes() {
    }

    /** Normalizes {@code raw} as reported or written for the dialect ({@code postgresql} or {@code sqlite}). */
    public static String normalize(String dialect, String raw) {
        // A catalog names a few types thousands of times: each is worked out once.
        Map<String, String> memo = raw == null ? null
                : "postgresql".equals(dialect) ? POSTGRES_MEMO : "sqlite".equals(dialect) ? SQLITE_MEMO : null;
        if (memo == null) {
            return compute(dialect, raw);
        }
        String known = memo.get(raw);
        if (known != null) {
            return known;
        }
        String normalized = compute(dialect, raw);
        if (memo.size() < MEMO_LIMIT) {
            memo.put(raw, normalized);
        }
        return normalized;
    }

    private static final int MEMO_LIMIT = 4096;
    private static final Map<String, String> POSTGRES_MEMO = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> SQLITE_MEMO = new java.util.concurrent.ConcurrentHashMap<>();

    private static String compute(String dialect, String raw) {
        if ("sqlite".equals(dialect) && raw != null && raw.isBlank()) {
            return "blob";  // no declared type has BLOB affinity, as BLOB has
        }
        Invalid.name(raw, "type");
        String t = SPACES.matcher(raw.strip()).replaceAll(" ");
        if (t.indexOf('"') >= 0) {
            return t;
        }
        t = t.toLowerCase(Locale.ROOT);
        if (t.indexOf('(') >= 0) {
            t = CLOSE.matcher(COMMA.matcher(OPEN.matcher(t).replaceAll("(")).replaceAll(",")).replaceAll(")");
        }
        if (!"postgresql".equals(dialect)) {
            return t;
        }
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            return t;
        }
        String base = m.group(1).strip();
        String args = m.group(2);
        String zone = m.group(3);
        String array = m.group(4);
        if (zone != null) {
            base = base + " " + zone;
        }
        base = POSTGRES_ALIASES.getOrDefault(base, base);
        // The time-zone words follow the precision: timestamp(3) with time zone.
        String out;
        if (args != null && base.endsWith(" time zone")) {
            int space = base.indexOf(' ');
            out = base.substring(0, space) + "(" + args + ")" + base.substring(space);
            if (out.endsWith(" without time zone")) {
                out = out.substring(0, out.length() - " without time zone".length());
            }
        } else {
            out = args == null ? base : base + "(" + args + ")";
        }
        return out + array;
    }
}
