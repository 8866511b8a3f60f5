package dev.pinwheel.migrate.schema;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What changing a column's type does to its values: nothing, widening, narrowing, or converting between families. */
enum TypeChange {
    SAME, WIDENING, NARROWING, CONVERSION;

    private static final Pattern SHAPE = Pattern.compile("([a-z][a-z ]*?)\\s*(?:\\((\\d+)(?:,(\\d+))?\\))?((?:\\[\\d*\\])*)");
    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("smallint", "int"), Map.entry("integer", "int"), Map.entry("int", "int"), Map.entry("bigint", "int"),
            Map.entry("tinyint", "int"), Map.entry("mediumint", "int"),
            Map.entry("real", "float"), Map.entry("double precision", "float"), Map.entry("double", "float"), Map.entry("float", "float"),
            Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"),
            Map.entry("char", "string"), Map.entry("varchar", "string"), Map.entry("text", "string"), Map.entry("nvarchar", "string"),
            Map.entry("character", "string"), Map.entry("clob", "string"));
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("tinyint", 0), Map.entry("smallint", 1), Map.entry("mediumint", 2), Map.entry("integer", 3), Map.entry("int", 3),
            Map.entry("bigint", 4), Map.entry("real", 1), Map.entry("float", 2), Map.entry("double", 2), Map.entry("double precision", 2));

    static TypeChange of(String from, String to) {
        if (from.equals(to)) {
            return SAME;
        }
        Matcher a = SHAPE.matcher(from);
        Matcher b = SHAPE.matcher(to);
        if (!a.matches() || !b.matches() || !a.group(4).equals(b.group(4))) {
            return CONVERSION;
        }
        String fa = FAMILY.get(a.group(1));
        String fb = FAMILY.get(b.group(1));
        if (fa == null || !fa.equals(fb)) {
            return CONVERSION;
        }
        switch (fa) {
            case "int":
            case "float":
                return compare(RANK.get(a.group(1)), RANK.get(b.group(1)));
            case "numeric": {
                if (b.group(2) == null) {
                    return WIDENING;  // unbounded numeric holds anything
                }
                if (a.group(2) == null) {
                    return NARROWING;
                }
                int pa = Integer.parseInt(a.group(2));
                int sa = a.group(3) == null ? 0 : Integer.parseInt(a.group(3));
                int pb = Integer.parseInt(b.group(2));
                int sb = b.group(3) == null ? 0 : Integer.parseInt(b.group(3));
                return pb - sb < pa - sa || sb < sa ? NARROWING : WIDENING;
            }
            default: {
                // Strings: a length limit narrows, text and bare varchar are unbounded.
                long la = length(a);
                long lb = length(b);
                return lb < la ? NARROWING : WIDENING;
            }
        }
    }

    private static long length(Matcher m) {
        if (m.group(2) != null) {
            return Long.parseLong(m.group(2));
        }
        return m.group(1).equals("char") || m.group(1).equals("character") ? 1 : Long.MAX_VALUE;
    }

    private static TypeChange compare(int a, int b) {
        return a == b ? WIDENING : b < a ? NARROWING : WIDENING;
    }
}
