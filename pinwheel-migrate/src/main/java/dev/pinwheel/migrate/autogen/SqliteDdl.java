package dev.pinwheel.migrate.autogen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What SQLite keeps only in the text of {@code sqlite_master.sql}: constraint names, CHECK
 * expressions, {@code AUTOINCREMENT}, and the expressions and predicates of indexes. The pragmas
 * give everything else. Traps handled: identifiers quoted four ways ({@code "x"}, {@code `x`},
 * {@code [x]}, bare), strings with doubled quotes, comments, nested parentheses, and
 * column-level constraints named with {@code CONSTRAINT}.
 */
final class SqliteDdl {

    private SqliteDdl() {
    }

    enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

    /** A constraint as written; {@code name} may be null; {@code expression} only for CHECK. */
    record Constraint(Kind kind, String name, List<String> columns, String expression) {
    }

    record TableDef(List<Constraint> constraints, Set<String> autoincrement) {
    }

    record IndexDef(List<String> elements, String where) {
    }

    /** Parses {@code CREATE TABLE name (...)}. */
    static TableDef table(String sql) {
        List<Token> top = lex(sql);
        Token body = top.stream().filter(t -> t.kind == TokenKind.GROUP).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column list in: " + sql));
        List<Constraint> constraints = new ArrayList<>();
        Set<String> autoincrement = new HashSet<>();
        for (List<Token> part : splitCommas(lex(body.text))) {
            if (part.isEmpty()) {
                continue;
            }
            String first = part.get(0).word();
            if (Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN").contains(first)) {
                tableConstraint(part, constraints);
            } else {
                columnConstraints(part, constraints, autoincrement);
            }
        }
        return new TableDef(List.copyOf(constraints), Set.copyOf(autoincrement));
    }

    private static void tableConstraint(List<Token> part, List<Constraint> into) {
        int i = 0;
        String name = null;
        if (part.get(0).word().equals("CONSTRAINT") && part.size() > 1) {
            name = part.get(1).value();
            i = 2;
        }
        String word = i < part.size() ? part.get(i).word() : "";
        Token group = firstGroup(part, i);
        switch (word) {
            case "PRIMARY" -> into.add(new Constraint(Kind.PRIMARY_KEY, name, columnNames(group), null));
            case "UNIQUE" -> into.add(new Constraint(Kind.UNIQUE, name, columnNames(group), null));
            case "CHECK" -> into.add(new Constraint(Kind.CHECK, name, List.of(), group == null ? "" : group.text.strip()));
            case "FOREIGN" -> into.add(new Constraint(Kind.FOREIGN_KEY, name, columnNames(group), null));
            default -> { }
        }
    }

    private static void columnConstraints(List<Token> part, List<Constraint> into, Set<String> autoincrement) {
        String column = part.get(0).value();
        String name = null;
        for (int i = 1; i < part.size(); i++) {
            String word = part.get(i).word();
            switch (word) {
                case "CONSTRAINT" -> {
                    name = i + 1 < part.size() ? part.get(i + 1).value() : null;
                    i++;
                }
                case "PRIMARY" -> {
                    into.add(new Constraint(Kind.PRIMARY_KEY, name, List.of(column), null));
                    name = null;
                }
                case "AUTOINCREMENT" -> autoincrement.add(column);
                case "UNIQUE" -> {
                    into.add(new Constraint(Kind.UNIQUE, name, List.of(column), null));
                    name = null;
                }
                case "CHECK" -> {
                    Token group = i + 1 < part.size() && part.get(i + 1).kind == TokenKind.GROUP ? part.get(++i) : null;
                    into.add(new Constraint(Kind.CHECK, name, List.of(), group == null ? "" : group.text.strip()));
                    name = null;
                }
                case "REFERENCES" -> {
                    into.add(new Constraint(Kind.FOREIGN_KEY, name, List.of(column), null));
                    name = null;
                }
                default -> { }
            }
        }
    }

    /** Parses {@code CREATE [UNIQUE] INDEX name ON table (elements) [WHERE predicate]}. */
    static IndexDef index(String sql) {
        List<Token> top = lex(sql);
        List<String> elements = new ArrayList<>();
        String where = null;
        for (int i = 0; i < top.size(); i++) {
            Token t = top.get(i);
            if (t.kind == TokenKind.GROUP && elements.isEmpty()) {
                for (List<Token> part : splitCommas(lex(t.text))) {
                    if (!part.isEmpty()) {
                        // (lower(x)) and lower(x) are one element; keep the text without the redundant pair.
                        boolean wrapped = part.size() == 1 && part.get(0).kind == TokenKind.GROUP;
                        elements.add(wrapped ? part.get(0).text.strip()
                                : t.text.substring(part.get(0).start, part.get(part.size() - 1).end).strip());
                    }
                }
            } else if (!elements.isEmpty() && t.word().equals("WHERE")) {
                where = sql.substring(t.end).strip();
                break;
            }
        }
        return new IndexDef(List.copyOf(elements), where);
    }

    private static Token firstGroup(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).kind == TokenKind.GROUP) {
                return tokens.get(i);
            }
        }
        return null;
    }

    /** The column names of {@code (a, "b" DESC, c COLLATE nocase)}. */
    private static List<String> columnNames(Token group) {
        if (group == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (List<Token> part : splitCommas(lex(group.text))) {
            if (!part.isEmpty()) {
                names.add(part.get(0).value());
            }
        }
        return names;
    }

    private static List<List<Token>> splitCommas(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind == TokenKind.COMMA) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        parts.add(current);
        return parts;
    }

    enum TokenKind { WORD, QUOTED, STRING, GROUP, COMMA, OTHER }

    /** {@code text}: the word, the unquoted identifier, or a group's inner text; start/end offsets in the input. */
    record Token(TokenKind kind, String text, int start, int end) {
        /** The keyword in upper case, or "" for anything but a bare word. */
        String word() {
            return kind == TokenKind.WORD ? text.toUpperCase(Locale.ROOT) : "";
        }

        /** An identifier's name, quoted or not. */
        String value() {
            return text;
        }
    }

    static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int j = quotedEnd(s, i, close);
                String inner = s.substring(i + 1, Math.max(i + 1, j - 1));
                if (close != ']') {
                    inner = inner.replace(String.valueOf(close) + close, String.valueOf(close));
                }
                out.add(new Token(c == '\'' ? TokenKind.STRING : TokenKind.QUOTED, inner, i, j));
                i = j;
            } else if (c == '(') {
                int j = groupEnd(s, i);
                out.add(new Token(TokenKind.GROUP, s.substring(i + 1, Math.max(i + 1, j - 1)), i, j));
                i = j;
            } else if (c == ',') {
                out.add(new Token(TokenKind.COMMA, ",", i, i + 1));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(TokenKind.WORD, s.substring(i, j), i, j));
                i = j;
            } else {
                out.add(new Token(TokenKind.OTHER, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }

    /** The offset after a quoted token starting at {@code i}; a doubled closing quote is an escape. */
    private static int quotedEnd(String s, int i, char close) {
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == close) {
                if (close != ']' && j + 1 < s.length() && s.charAt(j + 1) == close) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return s.length();
    }

    /** The offset after the parenthesis matching the one at {@code i}, skipping quotes and comments. */
    private static int groupEnd(String s, int i) {
        int depth = 0;
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                j = quotedEnd(s, j, c == '[' ? ']' : c);
                continue;
            }
            if (c == '-' && j + 1 < s.length() && s.charAt(j + 1) == '-') {
                int nl = s.indexOf('\n', j);
                j = nl < 0 ? s.length() : nl + 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
            j++;
        }
        return s.length();
    }
}
