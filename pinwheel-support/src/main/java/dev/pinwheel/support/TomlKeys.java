package dev.pinwheel.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the keys of a TOML document are written, for error messages that point at a key: the
 * parser (Jackson's) builds a tree without positions. A lenient line-by-line pass that knows
 * table headers, dotted and quoted keys, and skips strings and multi-line values.
 */
public final class TomlKeys {

    private TomlKeys() {
    }

    /** A key as written: the table it is in (dotted, may be empty), its dotted name, where it is. */
    public record Key(String table, String name, int offset, int length, boolean header) {
        /** The dotted path of the key from the document root. */
        public String path() {
            return table.isEmpty() ? name : name.isEmpty() ? table : table + "." + name;
        }
    }

    /** A key written twice: where first, and where again. */
    public record Duplicate(Key first, Key again) {
    }

    /** Where the key {@code name} of table {@code table} is written, if it is written on a line of its own. */
    public static Optional<Key> locate(String text, String table, String name) {
        String path = table.isEmpty() ? name : table + "." + name;
        return keys(text).stream().filter(k -> !k.header() && k.path().equals(path)).findFirst();
    }

    /** The first key of the document written a second time, if any. */
    public static Optional<Duplicate> firstDuplicate(String text) {
        Map<String, Key> seen = new HashMap<>();
        for (Key k : keys(text)) {
            Key before = seen.putIfAbsent(k.path(), k);
            if (before != null) {
                return Optional.of(new Duplicate(before, k));
            }
        }
        return Optional.empty();
    }

    /**
     * The keys of a document, line by line: table headers and {@code key = value} lines (not the
     * keys inside inline tables). Multi-line strings and arrays are skipped. Good enough to point
     * at a key; Jackson remains the parser that decides what the document means.
     */
    public static List<Key> keys(String text) {
        List<Key> out = new ArrayList<>();
        String table = "";
        int arrayTables = 0;
        String openString = null;
        int depth = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int i = 0;
            if (openString != null) {
                int close = line.indexOf(openString);
                if (close < 0) {
                    lineStart = lineEnd + 1;
                    continue;
                }
                i = close + 3;
                openString = null;
            } else if (depth == 0) {
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '[') {
                    boolean array = line.startsWith("[[", i);
                    int from = i + (array ? 2 : 1);
                    List<String> parts = new ArrayList<>();
                    int end = dottedKey(line, from, parts);
                    table = String.join(".", parts);
                    if (array) {
                        // Each [[x]] starts a new table: its keys never repeat an earlier one's.
                        table = table + ".#" + arrayTables++;
                    } else {
                        int at = skipBlanks(line, from);
                        out.add(new Key(table, "", lineStart + at, Math.max(1, end - at), true));
                    }
                    lineStart = lineEnd + 1;
                    continue;
                }
                if (i < line.length() && line.charAt(i) != '#' && line.charAt(i) != '\r') {
                    List<String> parts = new ArrayList<>();
                    int end = dottedKey(line, i, parts);
                    int eq = skipBlanks(line, end);
                    if (!parts.isEmpty() && eq < line.length() && line.charAt(eq) == '=') {
                        out.add(new Key(table, String.join(".", parts), lineStart + i, end - i, false));
                        i = eq + 1;
                    } else {
                        i = line.length();
                    }
                } else {
                    i = line.length();
                }
            }
            // The rest of the line is a value: follow strings and brackets to the line's end.
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '#') {
                    break;
                }
                if (line.startsWith("\"\"\"", i) || line.startsWith("'''", i)) {
                    String q = line.substring(i, i + 3);
                    int close = line.indexOf(q, i + 3);
                    if (close < 0) {
                        openString = q;
                        break;
                    }
                    i = close + 3;
                } else if (c == '"' || c == '\'') {
                    i++;
                    while (i < line.length() && line.charAt(i) != c) {
                        i += c == '"' && line.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                } else {
                    if (c == '[' || c == '{') {
                        depth++;
                    } else if ((c == ']' || c == '}') && depth > 0) {
                        depth--;
                    }
                    i++;
                }
            }
            lineStart = lineEnd + 1;
        }
        return out;
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Reads {@code a."b c".d} from {@code from} into {@code parts}; returns where the key ends. */
    private static int dottedKey(String line, int from, List<String> parts) {
        int i = skipBlanks(line, from);
        int end = i;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    return end;
                }
                parts.add(line.substring(i + 1, close));
                i = close + 1;
            } else {
                int w = i;
                while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_'
                        || line.charAt(i) == '-')) {
                    i++;
                }
                if (w == i) {
                    return end;
                }
                parts.add(line.substring(w, i));
            }
            end = i;
            i = skipBlanks(line, i);
            if (i < line.length() && line.charAt(i) == '.') {
                i = skipBlanks(line, i + 1);
            } else {
                return end;
            }
        }
        return end;
    }
}
