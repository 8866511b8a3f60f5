package dev.pinwheel.cli.compile;

import com.fasterxml.jackson.core.JacksonException;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each string value of a TOML document sits in the text, so that an error inside a
 * {@code pyproject.toml} string (a bad requirement, an unknown include-group) can name the
 * file's line and put the caret inside the string. Jackson's TOML reader builds a tree without
 * positions, so this is a second, lenient pass over text Jackson has already accepted: it knows
 * tables, dotted and quoted keys, arrays, inline tables and the four string forms, and stops
 * quietly at anything else (the caller then only names the file).
 *
 * <p>On text Jackson rejected, {@link #unclosed(String)} finds the one mistake Jackson reports
 * worst: an array, inline table or string that is never closed is reported at its opening
 * character rather than at the end of the file.
 */
public final class TomlPositions {

    /** A string value: where its content starts in the text, and the text offset of each decoded character. */
    record StringSpan(int[] rawOffsets) {
        /** The offset in the file of the {@code index}-th decoded character (clamped to the closing quote). */
        int offsetOf(int index) {
            return rawOffsets[Math.max(0, Math.min(index, rawOffsets.length - 1))];
        }
    }

    private final Map<List<Object>, StringSpan> strings;

    private TomlPositions(Map<List<Object>, StringSpan> strings) {
        this.strings = Map.copyOf(strings);
    }

    /**
     * The error for a TOML file the parser refused: at the opening of an array, inline table or
     * string that is never closed, else where the parser stopped, with the file's line and a
     * caret, and without the library's own position text.
     */
    public static PinwheelException invalid(String displayPath, String text, JacksonException e, String hint) {
        ParseException located = unclosed(text).orElseGet(() -> {
            var where = e.getLocation();
            int offset = where == null ? text.length() : offsetOf(text, where.getLineNr(), where.getColumnNr());
            String reason = e.getOriginalMessage();
            // Jackson appends its own position and source to some messages; the caret says it better.
            int at = reason.indexOf(" at [Source");
            reason = (at >= 0 ? reason.substring(0, at) : reason).strip();
            return new ParseException(text, offset, 1, "not valid TOML: " + lowerFirst(reason));
        }).withSource(displayPath, 1);
        return new PinwheelException(PinwheelException.Category.BAD_INPUT, located.getMessage(), hint);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || Character.isUpperCase(s.charAt(0)) && s.length() > 1 && Character.isUpperCase(s.charAt(1))
                ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); l++) {
            int next = text.indexOf('\n', offset);
            if (next < 0) {
                return text.length();
            }
            offset = next + 1;
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }

    /** The positions of the strings of {@code text}; empty where the scan gave up. */
    static TomlPositions scan(String text) {
        Scanner scanner = new Scanner(text);
        try {
            scanner.document();
        } catch (Unclosed | RuntimeException e) {
            // Lenient by design: what was found before the surprise is still right.
        }
        return new TomlPositions(scanner.found);
    }

    /**
     * The string at {@code path} (keys as {@code String}, array indexes as {@code Integer}),
     * e.g. {@code ["project", "dependencies", 2]}.
     */
    Optional<StringSpan> string(Object... path) {
        return Optional.ofNullable(strings.get(List.of(path)));
    }

    /** A parse error at the opening of the first array, inline table or string that is never closed, if any. */
    static Optional<ParseException> unclosed(String text) {
        try {
            new Scanner(text).document();
        } catch (Unclosed e) {
            return Optional.of(new ParseException(text, e.at, 1, "not valid TOML: " + e.what + " is never closed"));
        } catch (UnclosedString e) {
            return Optional.of(new ParseException(text, e.at, 1, "not valid TOML: this string is never closed"));
        } catch (RuntimeException e) {
            // Some other mistake: the caller reports Jackson's position.
        }
        return Optional.empty();
    }

    private static final class Unclosed extends Exception {
        private static final long serialVersionUID = 1L;
        final int at;
        final String what;

        Unclosed(int at, String what) {
            super(what, null, false, false);
            this.at = at;
            this.what = what;
        }
    }

    private static final class Scanner {
        private final String text;
        private int pos;
        private final Map<List<Object>, StringSpan> found = new HashMap<>();
        private final Map<List<Object>, Integer> arrayTables = new HashMap<>();

        Scanner(String text) {
            this.text = text;
        }

        void document() throws Unclosed {
            List<Object> table = List.of();
            while (true) {
                skipBlank(true);
                if (pos >= text.length()) {
                    return;
                }
                char c = text.charAt(pos);
                if (c == '[') {
                    boolean array = text.startsWith("[[", pos);
                    pos += array ? 2 : 1;
                    List<Object> key = key();
                    expect(array ? "]]" : "]");
                    if (array) {
                        int index = arrayTables.merge(key, 1, Integer::sum) - 1;
                        List<Object> path = new ArrayList<>(key);
                        path.add(index);
                        table = List.copyOf(path);
                    } else {
                        table = key;
                    }
                } else {
                    keyValue(table);
                }
                skipBlank(false);
                if (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    throw new IllegalStateException("expected the end of the line");
                }
            }
        }

        private void keyValue(List<Object> table) throws Unclosed {
            List<Object> path = new ArrayList<>(table);
            path.addAll(key());
            expect("=");
            value(path);
        }

        private List<Object> key() {
            List<Object> parts = new ArrayList<>();
            while (true) {
                skipBlank(false);
                if (pos >= text.length()) {
                    throw new IllegalStateException("expected a key");
                }
                char c = text.charAt(pos);
                if (c == '"' || c == '\'') {
                    parts.add(decode(pos, c == '"', false, null));
                } else {
                    int start = pos;
                    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                            || text.charAt(pos) == '_' || text.charAt(pos) == '-')) {
                        pos++;
                    }
                    if (start == pos) {
                        throw new IllegalStateException("expected a key");
                    }
                    parts.add(text.substring(start, pos));
                }
                skipBlank(false);
                if (pos < text.length() && text.charAt(pos) == '.') {
                    pos++;
                    continue;
                }
                return List.copyOf(parts);
            }
        }

        private void value(List<Object> path) throws Unclosed {
            skipBlank(false);
            if (pos >= text.length()) {
                throw new IllegalStateException("expected a value");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int open = pos;
                String quote = String.valueOf(c).repeat(3);
                boolean multi = text.startsWith(quote, pos);
                List<Integer> offsets = new ArrayList<>();
                decode(open, c == '"', multi, offsets);
                int[] raw = offsets.stream().mapToInt(Integer::intValue).toArray();
                found.put(List.copyOf(path), new StringSpan(raw));
            } else if (c == '[') {
                int open = pos++;
                int index = 0;
                while (true) {
                    skipBlank(true);
                    if (pos >= text.length()) {
                        throw new Unclosed(open, "this array");
                    }
                    if (text.charAt(pos) == ']') {
                        pos++;
                        return;
                    }
                    List<Object> item = new ArrayList<>(path);
                    item.add(index++);
                    value(item);
                    int end = pos;
                    skipBlank(true);
                    if (pos >= text.length()) {
                        throw new Unclosed(open, "this array");
                    }
                    if (text.charAt(pos) == ',') {
                        pos++;
                    } else if (text.charAt(pos) != ']') {
                        // What follows on a later line is the next key or table: the ']' was forgotten.
                        if (text.substring(end, pos).contains("\n")) {
                            throw new Unclosed(open, "this array");
                        }
                        throw new IllegalStateException("expected ',' or ']'");
                    }
                }
            } else if (c == '{') {
                int open = pos++;
                while (true) {
                    skipBlank(false);
                    if (pos >= text.length() || text.charAt(pos) == '\n') {
                        throw new Unclosed(open, "this inline table");
                    }
                    if (text.charAt(pos) == '}') {
                        pos++;
                        return;
                    }
                    keyValue(path);
                    skipBlank(false);
                    if (pos < text.length() && text.charAt(pos) == ',') {
                        pos++;
                    }
                }
            } else {
                // A number, boolean or date: up to the next delimiter.
                while (pos < text.length() && ",]}#\n\r".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
            }
        }

        /** Reads the string opening at {@code open}, recording each decoded character's offset, and returns it. */
        private String decode(int open, boolean basic, boolean multi, List<Integer> offsets) {
            String delimiter = (basic ? "\"" : "'").repeat(multi ? 3 : 1);
            pos = open + delimiter.length();
            if (multi && text.startsWith("\r\n", pos)) {
                pos += 2;
            } else if (multi && text.startsWith("\n", pos)) {
                pos++;
            }
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length() || (!multi && text.charAt(pos) == '\n')) {
                    throw new UnclosedString(open);
                }
                if (text.startsWith(delimiter, pos)) {
                    if (offsets != null) {
                        offsets.add(pos);
                    }
                    pos += delimiter.length();
                    return out.toString();
                }
                int at = pos;
                char c = text.charAt(pos++);
                if (basic && c == '\\' && pos < text.length()) {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'u', 'U' -> {
                            int digits = e == 'u' ? 4 : 8;
                            out.appendCodePoint(Integer.parseInt(text.substring(pos, pos + digits), 16));
                            pos += digits;
                        }
                        case '\n', ' ', '\t', '\r' -> {
                            // A line-ending backslash swallows the whitespace that follows.
                            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                                pos++;
                            }
                            continue;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
                if (offsets != null) {
                    while (offsets.size() < out.length()) {
                        offsets.add(at);
                    }
                }
            }
        }

        private void skipBlank(boolean newlines) {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private void expect(String token) {
            skipBlank(false);
            if (!text.startsWith(token, pos)) {
                throw new IllegalStateException("expected " + token);
            }
            pos += token.length();
        }
    }

    /** An unterminated string, turned into {@link Unclosed} by {@link #unclosed(String)}'s scan. */
    private static final class UnclosedString extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int at;

        UnclosedString(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }
}
