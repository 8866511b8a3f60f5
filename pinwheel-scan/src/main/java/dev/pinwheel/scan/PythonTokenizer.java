package dev.pinwheel.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into logical lines of tokens, the way CPython's tokenizer does where it
 * matters for finding imports: strings of every form (all prefixes, triple quotes, f-strings
 * with nested replacement fields and, since 3.12, reused quotes), comments, backslash
 * continuations and bracketed continuations never produce or break statements.
 *
 * <p>It is tolerant: a problem (an unterminated string, an unmatched bracket, a stray
 * character, a bad dedent) is recorded and tokenizing goes on, so one bad spot does not hide
 * the imports of the rest of the file.
 */
final class PythonTokenizer {

    enum Kind { NAME, OP, STRING, NUMBER, OTHER }

    /** One token. {@code text} is the name or operator; for strings, the literal's value when it is a plain one. */
    record Token(Kind kind, String text, int line, int column) {

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    /** A logical line: its indentation width (tabs to multiples of 8, as CPython) and its tokens. */
    record LogicalLine(int indent, List<Token> tokens) {

        int line() {
            return tokens.get(0).line();
        }
    }

    /** A tokenizer problem at a 1-based line and column. */
    record Problem(int line, int column, String message) {
    }

    private final char[] s;
    private final int n;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;
    private final List<LogicalLine> lines = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private PythonTokenizer(char[] source, int length) {
        this.s = source; // plain array reads: String.charAt is slow on non-Latin-1 text
        this.n = length;
    }

    /** Tokenizes {@code source}; never throws for bad input, see {@link Result#problems()}. */
    static Result tokenize(String source) {
        return tokenize(source.toCharArray(), source.length());
    }

    /** Tokenizes the first {@code length} chars of {@code source} (a decoder's buffer, not copied). */
    static Result tokenize(char[] source, int length) {
        PythonTokenizer t = new PythonTokenizer(source, length);
        t.run();
        return new Result(List.copyOf(t.lines), List.copyOf(t.problems));
    }

    record Result(List<LogicalLine> lines, List<Problem> problems) {
    }

    private void run() {
        if (n > 0 && s[0] == '\uFEFF') {
            pos = 1;
        }
        List<Token> current = new ArrayList<>();
        int indent = 0;
        boolean atLineStart = true;
        while (pos < n) {
            if (atLineStart) {
                indent = measureIndent();
                atLineStart = false;
                if (pos >= n) {
                    break;
                }
            }
            char c = s[pos];
            switch (c) {
                case ' ', '\t', '\f' -> pos++;
                case '#' -> skipComment();
                case '\\' -> {
                    int after = pos + 1;
                    if (after < n && (s[after] == '\n' || s[after] == '\r')) {
                        pos = after;
                        consumeNewline();
                    } else if (after >= n) {
                        problem(pos, "unexpected end of file after line continuation character");
                        pos = after;
                    } else {
                        problem(pos, "unexpected character after line continuation character");
                        pos = after;
                    }
                }
                case '\n', '\r' -> {
                    consumeNewline();
                    if (depth == 0) {
                        if (!current.isEmpty()) {
                            lines.add(new LogicalLine(indent, current));
                            current = new ArrayList<>();
                        }
                        atLineStart = true;
                    }
                }
                case '\'', '"' -> current.add(string(pos, pos, 0));
                case '(', '[', '{' -> {
                    depth++;
                    current.add(op(pos, 1));
                }
                case ')', ']', '}' -> {
                    if (depth == 0) {
                        problem(pos, "unmatched '" + c + "'");
                    } else {
                        depth--;
                    }
                    current.add(op(pos, 1));
                }
                default -> {
                    if (isIdentifierStart(c)) {
                        current.add(nameOrString());
                    } else if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s[pos + 1]))) {
                        current.add(number());
                    } else if (c < 128 && "+-*/%@&|^~<>=!.,:;".indexOf(c) >= 0) {
                        current.add(operator());
                    } else {
                        problem(pos, "invalid character '" + c + "'");
                        current.add(new Token(Kind.OTHER, String.valueOf(c), line, col(pos)));
                        pos++;
                    }
                }
            }
        }
        if (depth > 0) {
            problem(n, "unexpected end of file: " + depth + " bracket(s) not closed");
        }
        if (!current.isEmpty()) {
            lines.add(new LogicalLine(indent, current));
        }
    }

    /** Measures the indentation of a physical line; blank and comment-only lines are skipped whole. */
    private int measureIndent() {
        while (true) {
            int width = 0;
            while (pos < n) {
                char c = s[pos];
                if (c == ' ') {
                    width++;
                } else if (c == '\t') {
                    width = (width / 8 + 1) * 8;
                } else if (c == '\f') {
                    width = 0;
                } else {
                    break;
                }
                pos++;
            }
            if (pos >= n) {
                return width;
            }
            char c = s[pos];
            if (c == '#') {
                skipComment();
                if (pos < n) {
                    consumeNewline();
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                consumeNewline();
                continue;
            }
            if (c == '\\' && pos + 1 < n && (s[pos + 1] == '\n' || s[pos + 1] == '\r')) {
                // A continuation on an otherwise empty line joins the next one; its indent is this one's.
                pos++;
                consumeNewline();
                return width;
            }
            return width;
        }
    }

    private void skipComment() {
        while (pos < n && s[pos] != '\n' && s[pos] != '\r') {
            pos++;
        }
    }

    private void consumeNewline() {
        if (s[pos] == '\r' && pos + 1 < n && s[pos + 1] == '\n') {
            pos++;
        }
        pos++;
        line++;
        lineStart = pos;
    }

    private int col(int at) {
        return at - lineStart + 1;
    }

    private void problem(int at, String message) {
        problems.add(new Problem(line, Math.max(1, col(at)), message));
    }

    private Token op(int at, int length) {
        Token t = new Token(Kind.OP, length == 1 && s[at] < 128 ? ONE_CHAR[s[at]] : new String(s, at, length), line, col(at));
        pos = at + length;
        return t;
    }

    /** Shared strings for one-character operators, the most frequent tokens after names. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ONE_CHAR[c] = String.valueOf(c).intern();
        }
    }

    private Token operator() {
        char c = s[pos];
        char d = pos + 1 < n ? s[pos + 1] : '\0';
        char e = pos + 2 < n ? s[pos + 2] : '\0';
        int length = 1;
        if ((c == '*' || c == '/' || c == '<' || c == '>') && d == c) {
            length = e == '=' ? 3 : 2; // ** // << >> and their augmented forms
        } else if (c == '.' && d == '.' && e == '.') {
            length = 3;
        } else if ((c == '-' && d == '>') || (d == '=' && "!:<>=+-*/%&|^@".indexOf(c) >= 0)) {
            length = 2;
        } else if (c == '!') {
            problem(pos, "invalid character '!'");
            Token t = new Token(Kind.OTHER, "!", line, col(pos));
            pos++;
            return t;
        }
        return op(pos, length);
    }

    /** Names repeat (self, def, return): one String per distinct name and file, not per occurrence. */
    private final String[] names = new String[1024];
    private final char[][] nameChars = new char[1024][];

    private String name(int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s[i];
        }
        int slot = (h ^ (h >>> 16)) & (names.length - 1);
        char[] cached = nameChars[slot];
        if (cached != null && cached.length == end - start
                && java.util.Arrays.equals(cached, 0, cached.length, s, start, end)) {
            return names[slot];
        }
        String fresh = new String(s, start, end - start);
        names[slot] = fresh;
        nameChars[slot] = java.util.Arrays.copyOfRange(s, start, end);
        return fresh;
    }

    private Token number() {
        int start = pos;
        while (pos < n) {
            char c = s[pos];
            if (isIdentifierPart(c) || c == '.') {
                pos++;
                if ((c == 'e' || c == 'E') && pos < n && (s[pos] == '+' || s[pos] == '-')
                        && isDecimalLiteral(start, pos - 1)) {
                    pos++;
                }
            } else {
                break;
            }
        }
        return new Token(Kind.NUMBER, "", line, col(start)); // its digits matter to nobody here
    }

    /** Whether s[start, end) could precede an exponent: a decimal literal, not hex like 0xE. */
    private boolean isDecimalLiteral(int start, int end) {
        return !(end - start >= 2 && s[start] == '0' && "xXoObB".indexOf(s[start + 1]) >= 0);
    }

    private Token nameOrString() {
        int start = pos;
        while (pos < n && isIdentifierPart(s[pos])) {
            pos++;
        }
        if (pos < n && (s[pos] == '\'' || s[pos] == '"') && pos - start <= 2) {
            int flags = prefixFlags(start, pos);
            if (flags >= 0) {
                return string(start, pos, flags);
            }
        }
        return new Token(Kind.NAME, name(start, pos), line, col(start));
    }

    private static final int RAW = 1;
    private static final int FORMATTED = 2;
    private static final int BYTES = 4;

    /** The flags of a string prefix s[start, end), or -1 if it is not one (r, u, b, f, t and pairs). */
    private int prefixFlags(int start, int end) {
        int flags = 0;
        for (int i = start; i < end; i++) {
            int bit = switch (Character.toLowerCase(s[i])) {
                case 'r' -> RAW;
                case 'f', 't' -> FORMATTED;
                case 'b' -> BYTES;
                case 'u' -> end - start == 1 ? 0 : -1;
                default -> -1;
            };
            if (bit < 0 || (bit != 0 && (flags & bit) != 0)) {
                return -1;
            }
            flags |= bit;
        }
        if ((flags & FORMATTED) != 0 && (flags & BYTES) != 0) {
            return -1;
        }
        return flags;
    }

    /** Reads a string literal whose prefix starts at {@code start} and whose quote is at {@code quoteAt}. */
    private Token string(int start, int quoteAt, int flags) {
        int startLine = line;
        int startCol = col(start);
        char q = s[quoteAt];
        boolean triple = quoteAt + 2 < n && s[quoteAt + 1] == q && s[quoteAt + 2] == q;
        pos = quoteAt + (triple ? 3 : 1);
        int bodyStart = pos;
        boolean escapes = false;
        int bodyEnd = -1;
        if ((flags & FORMATTED) != 0) {
            bodyEnd = fstringBody(q, triple, (flags & RAW) != 0, start);
            escapes = true;
        } else {
            while (pos < n) {
                char c = s[pos];
                if (c == '\\') {
                    escapes = true;
                    if (pos + 1 < n && (s[pos + 1] == '\n' || s[pos + 1] == '\r')) {
                        pos++;
                        consumeNewline();
                    } else {
                        pos += 2;
                    }
                } else if (c == q && (!triple || (pos + 2 < n && s[pos + 1] == q && s[pos + 2] == q))) {
                    bodyEnd = pos;
                    pos += triple ? 3 : 1;
                    break;
                } else if (c == '\n' || c == '\r') {
                    if (!triple) {
                        break;
                    }
                    consumeNewline();
                } else {
                    pos++;
                }
            }
        }
        if (bodyEnd < 0) {
            problems.add(new Problem(startLine, startCol, triple
                    ? "unterminated triple-quoted string literal" : "unterminated string literal"));
            pos = Math.min(pos, n);
        }
        String value = bodyEnd >= 0 && !escapes && (flags & BYTES) == 0 ? new String(s, bodyStart, bodyEnd - (bodyStart)) : null;
        return new Token(Kind.STRING, value, startLine, startCol);
    }

    /**
     * Skips an f-string (or t-string) body up to and including its closing quote and returns the
     * body's end offset, or -1 if unterminated. Replacement fields are tokenized far enough to find
     * their end: nested strings (any quotes, 3.12 rules), brackets, format specs with nested fields.
     */
    private int fstringBody(char q, boolean triple, boolean raw, int start) {
        while (pos < n) {
            char c = s[pos];
            if (c == '\\' && !raw) {
                if (pos + 1 < n && (s[pos + 1] == '\n' || s[pos + 1] == '\r')) {
                    pos++;
                    consumeNewline();
                } else {
                    pos += 2;
                }
            } else if (c == '\\') {
                pos += pos + 1 < n && s[pos + 1] == q ? 2 : 1;
            } else if (c == q && (!triple || (pos + 2 < n && s[pos + 1] == q && s[pos + 2] == q))) {
                int end = pos;
                pos += triple ? 3 : 1;
                return end;
            } else if (c == '\n' || c == '\r') {
                if (!triple) {
                    return -1;
                }
                consumeNewline();
            } else if (c == '{') {
                if (pos + 1 < n && s[pos + 1] == '{') {
                    pos += 2;
                } else {
                    pos++;
                    if (!replacementField(q, triple)) {
                        return -1;
                    }
                }
            } else {
                pos++;
            }
        }
        return -1;
    }

    /** Skips one replacement field after its '{'; false if the string ended inside it. */
    private boolean replacementField(char q, boolean triple) {
        int brackets = 0;
        while (pos < n) {
            char c = s[pos];
            switch (c) {
                case '\'', '"' -> {
                    if (c == q && !triple && brackets == 0 && !nestedQuoteLikely()) {
                        return false;
                    }
                    string(pos, pos, 0);
                }
                case '(', '[', '{' -> {
                    brackets++;
                    pos++;
                }
                case ')', ']' -> {
                    brackets = Math.max(0, brackets - 1);
                    pos++;
                }
                case '}' -> {
                    pos++;
                    if (brackets == 0) {
                        return true;
                    }
                    brackets--;
                }
                case ':' -> {
                    if (brackets == 0) {
                        pos++;
                        return formatSpec(q, triple);
                    }
                    pos++;
                }
                case '\n', '\r' -> consumeNewline();
                case '#' -> skipComment();
                default -> {
                    if (isIdentifierStart(c)) {
                        nameOrString();
                    } else {
                        pos++;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Inside a single-quoted f-string's field, a quote equal to the outer one ends the string
     * before 3.12 and opens a nested string since 3.12. Valid code of either era is read right by
     * taking it as nested when that nested string closes on the same line before the field ends.
     */
    private boolean nestedQuoteLikely() {
        char q = s[pos];
        for (int i = pos + 1; i < n; i++) {
            char c = s[i];
            if (c == '\\') {
                i++;
            } else if (c == q) {
                return true;
            } else if (c == '\n' || c == '\r') {
                return false;
            }
        }
        return false;
    }

    /** Skips a format spec up to and including the field's closing '}', with nested fields. */
    private boolean formatSpec(char q, boolean triple) {
        while (pos < n) {
            char c = s[pos];
            if (c == '}') {
                pos++;
                return true;
            } else if (c == '{') {
                pos++;
                if (!replacementField(q, triple)) {
                    return false;
                }
            } else if (c == q && (!triple || (pos + 2 < n && s[pos + 1] == q && s[pos + 2] == q))) {
                return false;
            } else if (c == '\n' || c == '\r') {
                if (!triple) {
                    return false;
                }
                consumeNewline();
            } else {
                pos++;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isUnicodeIdentifierStart(c) || Character.isHighSurrogate(c);
    }

    private static boolean isIdentifierPart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
        }
        return Character.isUnicodeIdentifierPart(c) || Character.isSurrogate(c);
    }
}
