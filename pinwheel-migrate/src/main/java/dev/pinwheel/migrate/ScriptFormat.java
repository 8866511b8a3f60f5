package dev.pinwheel.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The plain-SQL revision script: a header of {@code -- key: value} lines, then the SQL after a
 * {@code -- +upgrade} line and the SQL after a {@code -- +downgrade} line.
 *
 * <pre>
 * -- message: add users
 * -- revision: 1f2a3b4c5d6e
 * -- down_revision: none
 * -- branch_labels:
 * -- depends_on:
 * -- create_date: 2026-11-26 12:30:00.123456
 * -- transactional: true
 *
 * -- +upgrade
 * CREATE TABLE users (id INTEGER PRIMARY KEY);
 *
 * -- +downgrade
 * DROP TABLE users;
 * </pre>
 *
 * A header line it does not understand is an error naming the file, line and column.
 */
final class ScriptFormat {

    static final String UPGRADE_MARKER = "-- +upgrade";
    static final String DOWNGRADE_MARKER = "-- +downgrade";
    static final Pattern REVISION_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,31}");
    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    static final List<String> KEYS = List.of("revision", "down_revision", "branch_labels", "depends_on", "message",
            "create_date", "transactional");
    static final String HEADER_HINT = "the header is '-- key: value' lines such as '-- down_revision: 1975ea83b712' "
            + "(keys: " + String.join(", ", KEYS) + "), then a '" + UPGRADE_MARKER + "' line";

    private ScriptFormat() {
    }

    static Revision parse(Path path, String text) {
        String file = path.toString();
        String id = null;
        List<String> down = null;
        List<String> labels = List.of();
        List<String> depends = List.of();
        String message = "";
        String date = "";
        boolean transactional = true;
        int upgradeAt = -1;
        int downgradeAt = -1;
        int upgradeLine = 0;
        int downgradeLine = 0;
        boolean inHeader = true;
        int line = 0;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            line++;
            int end = text.indexOf('\n', pos);
            int next = end < 0 ? n : end + 1;
            if (end < 0) {
                end = n;
            }
            int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            // Bounds instead of substrings: ten thousand scripts are parsed on every start.
            int a = skipBlanks(text, pos, contentEnd);
            int b = trimEnd(text, a, contentEnd);
            if (isLine(text, a, b, UPGRADE_MARKER)) {
                upgradeAt = next;
                upgradeLine = line + 1;
                break;
            } else if (isLine(text, a, b, DOWNGRADE_MARKER)) {
                throw new SourceError(file, text, pos, contentEnd - pos, "'" + DOWNGRADE_MARKER + "' before '"
                        + UPGRADE_MARKER + "'", "the upgrade SQL follows a '" + UPGRADE_MARKER + "' line after the header, "
                        + "then the downgrade SQL follows the '" + DOWNGRADE_MARKER + "' line");
            } else if (inHeader) {
                if (a == b) {
                    inHeader = id == null && down == null;
                } else if (!text.startsWith("--", pos)) {
                    throw new SourceError(file, text, pos, contentEnd - pos, "expected a '-- key: value' header line or '"
                            + UPGRADE_MARKER + "'", HEADER_HINT);
                } else {
                    int keyStart = pos + 2;
                    while (keyStart < contentEnd && text.charAt(keyStart) == ' ') {
                        keyStart++;
                    }
                    int colon = text.indexOf(':', keyStart);
                    if (colon < 0 || colon > contentEnd) {
                        throw new SourceError(file, text, keyStart, Math.max(1, contentEnd - keyStart),
                                "expected 'key: value' in the header", missingColonHint(text.substring(keyStart, contentEnd)));
                    }
                    String key = text.substring(keyStart, trimEnd(text, keyStart, colon)).toLowerCase(Locale.ROOT);
                    int valueAt = skipBlanks(text, colon + 1, contentEnd);
                    String value = text.substring(valueAt, trimEnd(text, valueAt, contentEnd));
                    switch (key) {
                        case "revision" -> {
                            if (!isRevisionId(value)) {
                                throw new SourceError(file, text, valueAt, Math.max(1, value.length()),
                                        "a revision id is 1 to 32 letters, digits, '_', '.' or '-'",
                                        "write one id, e.g. '-- revision: 1975ea83b712'");
                            }
                            id = value;
                        }
                        case "down_revision" -> down = list(file, text, valueAt, value, REVISION_ID, "revision id");
                        case "branch_labels" -> labels = list(file, text, valueAt, value, LABEL, "branch label");
                        case "depends_on" -> depends = list(file, text, valueAt, value, LABEL, "revision or label");
                        case "message" -> message = value;
                        case "create_date" -> date = value;
                        case "transactional" -> {
                            if (value.equalsIgnoreCase("true")) {
                                transactional = true;
                            } else if (value.equalsIgnoreCase("false")) {
                                transactional = false;
                            } else {
                                throw new SourceError(file, text, valueAt, Math.max(1, value.length()),
                                        "transactional is 'true' or 'false'",
                                        "'-- transactional: false' runs the script outside a transaction");
                            }
                        }
                        default -> throw new SourceError(file, text, keyStart, Math.max(1, colon - keyStart),
                                "unknown header key '" + key + "' (known: " + String.join(", ", KEYS) + ")",
                                unknownKeyHint(key));
                    }
                }
            }
            pos = next;
        }
        if (id == null) {
            throw new SourceError(file, text, 0, 1, "the header has no '-- revision: ID' line", HEADER_HINT);
        }
        if (down == null) {
            throw new SourceError(file, text, 0, 1, "the header has no '-- down_revision:' line (write 'none' for a base)",
                    HEADER_HINT);
        }
        if (upgradeAt < 0) {
            throw new SourceError(file, text, n, 1, "missing the '" + UPGRADE_MARKER + "' line", HEADER_HINT);
        }
        // The bodies are only searched for the markers (fast for thousands of scripts). A second
        // upgrade marker is looked for first: it is usually the downgrade marker mistyped, and
        // pointing at it beats reporting a missing downgrade at the end of the file.
        int again = markerLine(text, UPGRADE_MARKER, upgradeAt);
        if (again >= 0) {
            throw new SourceError(file, text, again, UPGRADE_MARKER.length(), "a second '" + UPGRADE_MARKER
                    + "' line (the first is on line " + (upgradeLine - 1) + ")",
                    "did you mean '" + DOWNGRADE_MARKER + "'? A script has one '" + UPGRADE_MARKER + "' line, then one '"
                            + DOWNGRADE_MARKER + "' line");
        }
        downgradeAt = markerLine(text, DOWNGRADE_MARKER, upgradeAt);
        if (downgradeAt < 0) {
            throw new SourceError(file, text, n, 1, "missing the '" + DOWNGRADE_MARKER + "' line",
                    "end the upgrade SQL with a '" + DOWNGRADE_MARKER + "' line, followed by the SQL that undoes it "
                            + "(or nothing)");
        }
        int twice = markerLine(text, DOWNGRADE_MARKER, downgradeAt + 1);
        if (twice >= 0) {
            throw new SourceError(file, text, twice, DOWNGRADE_MARKER.length(), "a second '" + DOWNGRADE_MARKER + "' line",
                    "a script has one '" + DOWNGRADE_MARKER + "' line; the SQL after it undoes the upgrade");
        }
        downgradeLine = upgradeLine + countLines(text, upgradeAt, downgradeAt) + 1;
        int downgradeBody = text.indexOf('\n', downgradeAt);
        String upSql = text.substring(upgradeAt, downgradeAt);
        String downSql = downgradeBody < 0 ? "" : text.substring(downgradeBody + 1);
        return new Revision(id, down, labels, depends, message, date, transactional, path, text,
                new Revision.Section(upSql, upgradeLine), new Revision.Section(downSql, downgradeLine));
    }

    /** For a header line without a colon: the line as it should read when its first word is a (misspelt) key. */
    private static String missingColonHint(String line) {
        String trimmed = line.strip();
        int blank = 0;
        while (blank < trimmed.length() && !isBlank(trimmed.charAt(blank))) {
            blank++;
        }
        String word = trimmed.substring(0, blank);
        List<String> keys = KEYS.contains(word.toLowerCase(Locale.ROOT)) ? List.of(word.toLowerCase(Locale.ROOT))
                : Closest.to(word.toLowerCase(Locale.ROOT), KEYS, 1);
        if (keys.isEmpty()) {
            return HEADER_HINT;
        }
        String rest = trimmed.substring(blank).strip();
        return "write it as '-- " + keys.get(0) + ": " + rest + "'";
    }

    private static String unknownKeyHint(String key) {
        List<String> close = Closest.to(key, KEYS, 2);
        return close.isEmpty() ? HEADER_HINT : "did you mean " + Closest.quotedOr(close) + "?";
    }

    /**
     * Where the header names {@code item} in the value of its {@code key} line: the offset and
     * length of the item, or of the whole value when the item is not found; null without such a
     * line. Graph errors (an unknown parent, a cycle, a reused label) use it to point at the line.
     */
    static int[] headerItem(String text, String key, String item) {
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int end = text.indexOf('\n', pos);
            int next = end < 0 ? n : end + 1;
            if (end < 0) {
                end = n;
            }
            int a = skipBlanks(text, pos, end);
            int b = trimEnd(text, a, end);
            if (isLine(text, a, b, UPGRADE_MARKER)) {
                return null;
            }
            if (text.startsWith("--", a)) {
                int k = skipBlanks(text, a + 2, b);
                int colon = text.indexOf(':', k);
                if (colon > 0 && colon < b && text.substring(k, trimEnd(text, k, colon)).equalsIgnoreCase(key)) {
                    int v = skipBlanks(text, colon + 1, b);
                    int from = v;
                    while (from < b) {
                        int i = text.indexOf(item, from);
                        if (i < 0 || i + item.length() > b) {
                            break;
                        }
                        boolean startOk = i == v || text.charAt(i - 1) == ',' || isBlank(text.charAt(i - 1));
                        int e = i + item.length();
                        boolean endOk = e == b || text.charAt(e) == ',' || isBlank(text.charAt(e));
                        if (startOk && endOk) {
                            return new int[] {i, item.length()};
                        }
                        from = i + 1;
                    }
                    return new int[] {v, Math.max(1, b - v)};
                }
            }
            pos = next;
        }
        return null;
    }

    /** The offset of a line that is exactly {@code marker} (trailing blanks allowed), at or after {@code from}; or -1. */
    private static int markerLine(String text, String marker, int from) {
        int at = from;
        while (true) {
            int i = text.indexOf(marker, at);
            if (i < 0) {
                return -1;
            }
            int end = i + marker.length();
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t' || text.charAt(end) == '\r')) {
                end++;
            }
            if ((i == 0 || text.charAt(i - 1) == '\n') && (end == text.length() || text.charAt(end) == '\n')) {
                return i;
            }
            at = i + 1;
        }
    }

    private static int countLines(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static List<String> list(String file, String text, int at, String value, Pattern item, String what) {
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        int from = 0;
        while (true) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? value.length() : comma;
            int a = skipBlanks(value, from, end);
            String v = value.substring(a, trimEnd(value, a, end));
            boolean valid = item == REVISION_ID ? isRevisionId(v) : item.matcher(v).matches();
            if (!valid) {
                throw new SourceError(file, text, at + a, Math.max(1, v.length()), "not a valid " + what + ": '" + v + "'",
                        "separate several with commas; each is letters, digits, '_', '.' or '-'");
            }
            if (out.contains(v)) {
                throw new SourceError(file, text, at + a, v.length(), what + " '" + v + "' is listed twice",
                        "remove one of them");
            }
            out.add(v);
            if (comma < 0) {
                return out;
            }
            from = comma + 1;
        }
    }

    /** {@link #REVISION_ID} without a regex engine (it runs for every id of every script). */
    static boolean isRevisionId(String s) {
        int n = s.length();
        if (n == 0 || n > 32 || !idChar(s.charAt(0)) || s.charAt(0) == '.' || s.charAt(0) == '-') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (!idChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean idChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || Character.isWhitespace(c);
    }

    private static int skipBlanks(String s, int from, int to) {
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Whether {@code text[a, b)} is {@code marker}, ignoring case. */
    private static boolean isLine(String text, int a, int b, String marker) {
        return b - a == marker.length() && text.regionMatches(true, a, marker, 0, marker.length());
    }

    /** The text of a new script. */
    static String render(String id, List<String> down, List<String> labels, List<String> depends, String message,
                         String createDate, boolean transactional, String upgradeSql, String downgradeSql) {
        StringBuilder b = new StringBuilder();
        b.append("-- message: ").append(message.replace('\n', ' ').strip()).append('\n');
        b.append("-- revision: ").append(id).append('\n');
        b.append("-- down_revision: ").append(down.isEmpty() ? "none" : String.join(", ", down)).append('\n');
        b.append("-- branch_labels: ").append(String.join(", ", labels)).append('\n');
        b.append("-- depends_on: ").append(String.join(", ", depends)).append('\n');
        b.append("-- create_date: ").append(createDate).append('\n');
        b.append("-- transactional: ").append(transactional).append('\n');
        b.append('\n').append(UPGRADE_MARKER).append('\n').append(upgradeSql);
        if (!upgradeSql.isEmpty() && !upgradeSql.endsWith("\n")) {
            b.append('\n');
        }
        b.append('\n').append(DOWNGRADE_MARKER).append('\n').append(downgradeSql);
        if (!downgradeSql.isEmpty() && !downgradeSql.endsWith("\n")) {
            b.append('\n');
        }
        return b.toString().replaceAll("(?m)[ \\t]+$", "");
    }
}
