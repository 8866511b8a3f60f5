package dev.pinwheel.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a script into statements at top-level semicolons. A semicolon does not end a statement
 * inside a quoted string ({@code '...'} with doubled quotes, PostgreSQL's {@code E'...'} with
 * backslash escapes), a quoted identifier ({@code "..."}, SQLite's {@code `...`} and
 * {@code [...]}), a comment ({@code --} and {@code /* *}{@code /}, nested on PostgreSQL), a
 * dollar-quoted body ({@code $$...$$}, {@code $fn$...$fn$}), or the {@code BEGIN ... END} body of
 * a trigger or of a {@code BEGIN ATOMIC} function (with {@code CASE ... END} inside). Comments
 * before a statement are dropped; each statement keeps the line it starts on, for error messages.
 */
public final class SqlSplitter {

    /** Which lexical rules apply. */
    public enum Flavor { SQLITE, POSTGRES }

    /**
     * One statement, without its terminating semicolon, the 1-based line it starts on and the
     * offset of its first character in the split text (so a server's error position inside the
     * statement maps back to the script).
     */
    public record Statement(String sql, int line, int offset) {
    }

    private SqlSplitter() {
    }

    public static List<Statement> split(String sql, Flavor flavor) {
        List<Statement> out = new ArrayList<>();
        int n = sql.length();
        int start = -1;
        int startLine = 0;
        int line = 1;
        int depth = 0;
        boolean blocky = false;
        List<String> firstWords = new ArrayList<>(4);
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int nest = 1;
                i += 2;
                while (i < n && nest > 0) {
                    char d = sql.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (d == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
                        nest--;
                        i += 2;
                    } else if (flavor == Flavor.POSTGRES && d == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                        nest++;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (start < 0) {
                start = i;
                startLine = line;
            }
            if (c == ';') {
                if (depth == 0) {
                    String text = sql.substring(start, i).strip();
                    if (!text.isEmpty()) {
                        out.add(new Statement(text, startLine, start));
                    }
                    start = -1;
                    blocky = false;
                    firstWords.clear();
                }
                i++;
                continue;
            }
            if (c == '\'') {
                boolean backslashes = flavor == Flavor.POSTGRES && i > 0
                        && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isWordChar(sql.charAt(i - 2)));
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (backslashes && d == '\\') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\n') {
                            line++;
                        }
                        i += 2;
                        continue;
                    }
                    if (d == '\'') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                continue;
            }
            if (c == '"' || (flavor == Flavor.SQLITE && (c == '`' || c == '['))) {
                char close = c == '[' ? ']' : c;
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (d == close) {
                        if (close != ']' && i + 1 < n && sql.charAt(i + 1) == close) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                continue;
            }
            if (c == '$' && flavor == Flavor.POSTGRES && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int tagEnd = i + 1;
                while (tagEnd < n && (Character.isLetter(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_'
                        || (tagEnd > i + 1 && Character.isDigit(sql.charAt(tagEnd))))) {
                    tagEnd++;
                }
                if (tagEnd < n && sql.charAt(tagEnd) == '$') {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    int end = close < 0 ? n : close + tag.length();
                    for (int k = i; k < end; k++) {
                        if (sql.charAt(k) == '\n') {
                            line++;
                        }
                    }
                    i = end;
                    continue;
                }
                i++;
                continue;
            }
            if (isWordChar(c)) {
                int w = i;
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                String word = sql.substring(w, i).toUpperCase(Locale.ROOT);
                if (firstWords.size() < 4) {
                    firstWords.add(word);
                    blocky = blocky || startsBlockStatement(firstWords);
                }
                if (blocky) {
                    switch (word) {
                        case "BEGIN" -> depth++;
                        case "CASE" -> {
                            if (depth > 0) {
                                depth++;
                            }
                        }
                        case "END" -> {
                            if (depth > 0) {
                                depth--;
                            }
                        }
                        default -> {
                        }
                    }
                }
                continue;
            }
            i++;
        }
        if (start >= 0) {
            String text = sql.substring(start).strip();
            if (!text.isEmpty()) {
                out.add(new Statement(text, startLine, start));
            }
        }
        return out;
    }

    /** CREATE [TEMP] TRIGGER (SQLite bodies) and CREATE [OR REPLACE] FUNCTION/PROCEDURE (BEGIN ATOMIC bodies). */
    private static boolean startsBlockStatement(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("CREATE")) {
            return false;
        }
        for (int k = 1; k < words.size(); k++) {
            switch (words.get(k)) {
                case "TRIGGER", "FUNCTION", "PROCEDURE" -> {
                    return true;
                }
                case "TEMP", "TEMPORARY", "OR", "REPLACE" -> {
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
