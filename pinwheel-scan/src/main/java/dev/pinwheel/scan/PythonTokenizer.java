package dev.pinwheel.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Splits Python source into logical lines of tokens, the way CPython's tokenizer does where it
 * matters for finding imports: strings of every form (all prefixes, triple quotes, f-strings
 * with nested replacement fields and, since 3.12, reused quotes), comments, backslash
 * continuations and bracketed continuations never produce or break statements.
 *
 * <p>Most logical lines of real code hold nothing a scanner wants (assignments, calls,
 * returns), and making token objects for them was most of the scan's time. Given an
 * {@link Interest}, a line is only <em>skimmed</em>: read with the same rules (so strings,
 * brackets and problems are found exactly as before) but without tokens, and handed out with an
 * empty token list. As soon as the skim meets something of interest (a head word such as
 * {@code import} or {@code if} as the line's first name, a {@code ;} outside brackets, an
 * interesting name anywhere, or a literal the caller wants), the line is read again from its
 * start with tokens. A line starting with a block word ({@code def}, {@code for}, ...) stays
 * skimmed when its only colon outside brackets ends it (it opens an indented block, which the
 * line says); any other colon there (a one-line body) has it read again with tokens.
 *
 * <p>It is tolerant: a problem (an unterminated string, an unmatched bracket, a stray
 * character, a bad dedent) is recorded and tokenizing goes on, so one bad spot does not hide
 * the imports of the rest of the file.
 */
final class PythonTokenizer {

    enum Kind { NAME, OP, STRING, NUMBER, OTHER }

    /**
     * One token. {@code text} is the name or operator; for strings, the literal's value when it
     * is a plain one (no escapes, not bytes, not formatted) and a single word (no whitespace but
     * at its ends), else null: nothing a scanner looks for in literals (module names, URLs,
     * dotted paths, scheme names) has inner whitespace, and docstrings are then never copied.
     */
    record Token(Kind kind, String text, int line, int column) {

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    /**
     * A logical line: its indentation width (tabs to multiples of 8, as CPython), the physical
     * line it starts on, and its tokens; no tokens for a line that was only skimmed.
     */
    record LogicalLine(int indent, int line, List<Token> tokens, boolean opensBlock) {

        boolean skimmed() {
            return tokens.isEmpty();
        }
    }

    /**
     * Which logical lines get tokens: those whose first token is a name in {@code heads}, those
     * starting with a name in {@code blockHeads} that do not end with their only colon outside
     * brackets, those with a {@code ;} outside brackets, those holding a name in {@code names},
     * and those holding a plain literal accepted by {@code literals} (see {@link Token#text()}
     * for which literals have a value).
     */
    record Interest(Set<String> heads, Set<String> blockHeads, Set<String> names, Predicate<String> literals) {

        Interest {
            heads = Set.copyOf(heads);
            blockHeads = Set.copyOf(blockHeads);
            names = Set.copyOf(names);
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
    private final Consumer<LogicalLine> sink;
    private final List<Problem> problems = new ArrayList<>();
    /** Null: every line gets tokens. */
    private final Interest interest;
    /** interestingLength[k]: some name of interest has k chars (a skimmed name is looked up only then). */
    private final boolean[] interestingLength;
    /** Whether the current logical line gets tokens, and whether a skimmed one has any. */
    private boolean emit = true;
    private boolean skimmedAny;
    /** For a skimmed line starting with a block word: its colons outside brackets, and whether one was its last token. */
    private boolean blockHead;
    private int colons;
    private boolean colonLast;
    /** Where the current logical line starts, to read it again with tokens. */
    private int markPos;
    private int markLine;
    private int markLineStart;
    private int markProblems;

    private PythonTokenizer(char[] source, int length, Interest interest, Consumer<LogicalLine> sink) {
        this.s = source; // plain array reads: String.charAt is slow on non-Latin-1 text
        this.n = length;
        this.sink = sink;
        this.interest = interest;
        this.interestingLength = new boolean[64];
        if (interest != null) {
            for (String name : interest.names()) {
                if (name.length() < interestingLength.length) {
                    interestingLength[name.length()] = true;
                }
            }
        }
    }

    /** Tokenizes {@code source}; never throws for bad input, see {@link Result#problems()}. */
    static Result tokenize(String source) {
        return tokenize(source.toCharArray(), source.length(), null);
    }

    /**
     * Tokenizes the first {@code length} chars of {@code source} (a decoder's buffer, not
     * copied); with an {@code interest}, the lines outside it are only skimmed.
     */
    static Result tokenize(char[] source, int length, Interest interest) {
        List<LogicalLine> lines = new ArrayList<>();
        List<Problem> problems = tokenize(source, length, interest,
                l -> lines.add(new LogicalLine(l.indent(), l.line(), List.copyOf(l.tokens()), l.opensBlock())));
        return new Result(lines, problems);
    }

    /**
     * Like {@link #tokenize(char[], int, Interest)}, handing each logical line to {@code sink} as
     * soon as it is read (no list of a file's lines); the line's token list is reused for the
     * next line, so the sink must not keep it. Returns the problems.
     */
    static List<Problem> tokenize(char[] source, int length, Interest interest, Consumer<LogicalLine> sink) {
        PythonTokenizer t = new PythonTokenizer(source, length, interest, sink);
        t.run();
        return List.copyOf(t.problems);
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
        while (true) {
            if (pos >= n) {
                if (mustReread()) {
                    reread(); // the last line again, with tokens
                    continue;
                }
                break;
            }
            if (atLineStart) {
                indent = measureIndent();
                atLineStart = false;
                if (pos >= n) {
                    break;
                }
                startLogicalLine();
            }
            char c = s[pos];
            switch (c) {
                case ' ', '\t', '\f' -> pos = blanksEnd(pos + 1);
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
                    if (depth == 0 && mustReread()) {
                        reread();
                        continue;
                    }
                    consumeNewline();
                    if (depth == 0) {
                        current = endLogicalLine(indent, current);
                        atLineStart = true;
                    }
                }
                case '\'', '"' -> stringToken(current, string(pos, pos, 0));
                case '(', '[', '{' -> {
                    depth++;
                    op(current, pos, 1);
                }
                case ')', ']', '}' -> {
                    if (depth == 0) {
                        problem(pos, "unmatched '" + c + "'");
                    } else {
                        depth--;
                    }
                    op(current, pos, 1);
                }
                case ';' -> {
                    if (!emit && depth == 0) {
                        reread(); // a second statement on the line may be an import
                    } else {
                        op(current, pos, 1);
                    }
                }
                default -> {
                    if (isIdentifierStart(c)) {
                        nameOrStringToken(current);
                    } else if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s[pos + 1]))) {
                        number(current);
                    } else if (c == ':' && !emit && depth == 0 && (pos + 1 >= n || s[pos + 1] != '=')) {
                        skimmedToken();
                        colons++;
                        colonLast = true;
                        pos++;
                    } else if (c < 128 && OPERATOR_START[c]) {
                        operator(current);
                    } else {
                        problem(pos, "invalid character '" + c + "'");
                        add(current, Kind.OTHER, String.valueOf(c), col(pos));
                        pos++;
                    }
                }
            }
        }
        if (depth > 0) {
            problem(n, "unexpected end of file: " + depth + " bracket(s) not closed");
        }
        endLogicalLine(indent, current);
    }

    /** Whether the skimmed line ending here starts with a block word but is no plain block header. */
    private boolean mustReread() {
        return !emit && blockHead && !(colons == 1 && colonLast);
    }

    private void skimmedToken() {
        skimmedAny = true;
        colonLast = false;
    }

    /** At a logical line's first token: remembers where it is and decides whether it gets tokens. */
    private void startLogicalLine() {
        markPos = pos;
        markLine = line;
        markLineStart = lineStart;
        markProblems = problems.size();
        skimmedAny = false;
        blockHead = false;
        colons = 0;
        colonLast = false;
        if (interest == null) {
            emit = true;
            return;
        }
        emit = false;
        int first = pos; // the first token: past blanks and backslash continuations
        while (first < n) {
            char c = s[first];
            if (c == ' ' || c == '\t' || c == '\f') {
                first++;
            } else if (c == '\\' && first + 1 < n && (s[first + 1] == '\n' || s[first + 1] == '\r')) {
                first += first + 2 < n && s[first + 1] == '\r' && s[first + 2] == '\n' ? 3 : 2;
            } else {
                break;
            }
        }
        if (first < n && isIdentifierStart(s[first])) {
            int end = identifierEnd(first + 1);
            boolean stringPrefix = end < n && (s[end] == '\'' || s[end] == '"') && end - first <= 2 && prefixFlags(first, end) >= 0;
            if (!stringPrefix) {
                String head = name(first, end);
                emit = interest.heads().contains(head);
                blockHead = interest.blockHeads().contains(head);
            }
        }
    }

    /** Reads the current logical line again from its start, with tokens. */
    private void reread() {
        pos = markPos;
        line = markLine;
        lineStart = markLineStart;
        depth = 0;
        problems.subList(markProblems, problems.size()).clear();
        emit = true;
    }

    /** Hands out the logical line read so far, if it has anything; returns the list for the next one. */
    private List<Token> endLogicalLine(int indent, List<Token> current) {
        if (emit && !current.isEmpty()) {
            sink.accept(new LogicalLine(indent, markLine, current, false));
            current.clear();
        } else if (!emit && skimmedAny) {
            sink.accept(new LogicalLine(indent, markLine, List.of(), blockHead && colons == 1 && colonLast));
        }
        skimmedAny = false;
        blockHead = false;
        return current;
    }

    private void add(List<Token> current, Kind kind, String text, int column) {
        if (emit) {
            current.add(new Token(kind, text, line, column));
        } else {
            skimmedToken();
        }
    }

    private void stringToken(List<Token> current, Token string) {
        if (emit) {
            current.add(string);
            return;
        }
        skimmedToken();
        if (string.text() != null && interest.literals().test(string.text())) {
            reread();
        }
    }

    private void nameOrStringToken(List<Token> current) {
        int start = pos;
        pos = identifierEnd(pos);
        if (pos < n && (s[pos] == '\'' || s[pos] == '"') && pos - start <= 2) {
            int flags = prefixFlags(start, pos);
            if (flags >= 0) {
                stringToken(current, string(start, pos, flags));
                return;
            }
        }
        if (emit) {
            current.add(new Token(Kind.NAME, name(start, pos), line, col(start)));
            return;
        }
        skimmedToken();
        int length = pos - start;
        if (length < interestingLength.length && interestingLength[length] && interest.names().contains(name(start, pos))) {
            reread();
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
        pos = lineEnd(pos);
    }

    // The hot loops below work on locals: the launcher runs the client compiler (C1) for fast
    // starts, and C1 keeps fields in memory, so a field-based loop pays a load and a store per char.

    /** The offset of the first line break at or after {@code from}, or the end. */
    private int lineEnd(int from) {
        char[] a = s;
        int end = n;
        int p = from;
        while (p < end) {
            char c = a[p];
            if (c == '\n' || c == '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    private int blanksEnd(int from) {
        char[] a = s;
        int end = n;
        int p = from;
        while (p < end && (a[p] == ' ' || a[p] == '\t' || a[p] == '\f')) {
            p++;
        }
        return p;
    }

    /** The end of the identifier starting at {@code from}. */
    private int identifierEnd(int from) {
        char[] a = s;
        int end = n;
        int p = from;
        while (p < end) {
            char c = a[p];
            if (c < 128 ? !IDENTIFIER_PART[c] : !isIdentifierPart(c)) {
                break;
            }
            p++;
        }
        return p;
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

    private void op(List<Token> current, int at, int length) {
        if (emit) {
            current.add(new Token(Kind.OP, length == 1 && s[at] < 128 ? ONE_CHAR[s[at]] : new String(s, at, length), line, col(at)));
        } else {
            skimmedToken();
        }
        pos = at + length;
    }

    /** Table lookups: String.indexOf per character was a visible share of the scan. */
    private static final boolean[] OPERATOR_START = asciiTable("+-*/%@&|^~<>=!.,:");
    /** The characters that take a following '=' into one operator. */
    private static final boolean[] AUGMENTABLE = asciiTable("!:<>=+-*/%&|^@");

    private static boolean[] asciiTable(String chars) {
        boolean[] table = new boolean[128];
        for (char c : chars.toCharArray()) {
            table[c] = true;
        }
        return table;
    }

    /** Shared strings for one-character operators, the most frequent tokens after names. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ONE_CHAR[c] = String.valueOf(c).intern();
        }
    }

    private void operator(List<Token> current) {
        char c = s[pos];
        char d = pos + 1 < n ? s[pos + 1] : '\0';
        char e = pos + 2 < n ? s[pos + 2] : '\0';
        int length = 1;
        if ((c == '*' || c == '/' || c == '<' || c == '>') && d == c) {
            length = e == '=' ? 3 : 2; // ** // << >> and their augmented forms
        } else if (c == '.' && d == '.' && e == '.') {
            length = 3;
        } else if ((c == '-' && d == '>') || (d == '=' && c < 128 && AUGMENTABLE[c])) {
            length = 2;
        } else if (c == '!') {
            problem(pos, "invalid character '!'");
            add(current, Kind.OTHER, "!", col(pos));
            pos++;
            return;
        }
        op(current, pos, length);
    }

    /**
     * Names repeat (self, def, return) within a file and across a project: one String per
     * distinct name and thread, not per occurrence, and no new cache per file.
     */
    private static final ThreadLocal<NameCache> NAME_CACHE = ThreadLocal.withInitial(NameCache::new);

    private static final class NameCache {
        final String[] names = new String[2048];
        final char[][] chars = new char[2048][];
    }

    private final NameCache nameCache = NAME_CACHE.get();

    private String name(int start, int end) {
        String[] names = nameCache.names;
        char[][] nameChars = nameCache.chars;
        char[] a = s;
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + a[i];
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

    private void number(List<Token> current) {
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
        add(current, Kind.NUMBER, "", col(start)); // its digits matter to nobody here
    }

    /** Whether s[start, end) could precede an exponent: a decimal literal, not hex like 0xE. */
    private boolean isDecimalLiteral(int start, int end) {
        return !(end - start >= 2 && s[start] == '0' && "xXoObB".indexOf(s[start + 1]) >= 0);
    }

    /** Skips a name, or a prefixed string, inside an f-string's replacement field (no tokens there). */
    private void skipNameOrString() {
        int start = pos;
        while (pos < n && isIdentifierPart(s[pos])) {
            pos++;
        }
        if (pos < n && (s[pos] == '\'' || s[pos] == '"') && pos - start <= 2) {
            int flags = prefixFlags(start, pos);
            if (flags >= 0) {
                string(start, pos, flags);
            }
        }
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
            char[] a = s;
            int end = n;
            int p = pos;
            while (p < end) {
                char c = a[p];
                if (c == q) {
                    if (!triple || (p + 2 < end && a[p + 1] == q && a[p + 2] == q)) {
                        bodyEnd = p;
                        p += triple ? 3 : 1;
                        break;
                    }
                    p++;
                } else if (c == '\\') {
                    escapes = true;
                    if (p + 1 < end && (a[p + 1] == '\n' || a[p + 1] == '\r')) {
                        pos = p + 1;
                        consumeNewline();
                        p = pos;
                    } else {
                        p += 2;
                    }
                } else if (c == '\n' || c == '\r') {
                    if (!triple) {
                        break;
                    }
                    pos = p;
                    consumeNewline();
                    p = pos;
                } else {
                    p++;
                }
            }
            pos = p;
        }
        if (bodyEnd < 0) {
            problems.add(new Problem(startLine, startCol, triple
                    ? "unterminated triple-quoted string literal" : "unterminated string literal"));
            pos = Math.min(pos, n);
        }
        String value = bodyEnd >= 0 && !escapes && (flags & BYTES) == 0 && isOneWord(bodyStart, bodyEnd)
                ? new String(s, bodyStart, bodyEnd - bodyStart) : null;
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
                        skipNameOrString();
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

    /** Whether s[start, end) has no whitespace but at its ends. */
    private boolean isOneWord(int start, int end) {
        while (start < end && Character.isWhitespace(s[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(s[end - 1])) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(s[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static final boolean[] IDENTIFIER_START = asciiTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    private static final boolean[] IDENTIFIER_PART = asciiTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");

    private static boolean isIdentifierStart(char c) {
        if (c < 128) {
            return IDENTIFIER_START[c];
        }
        return Character.isUnicodeIdentifierStart(c) || Character.isHighSurrogate(c);
    }

    private static boolean isIdentifierPart(char c) {
        if (c < 128) {
            return IDENTIFIER_PART[c];
        }
        return Character.isUnicodeIdentifierPart(c) || Character.isSurrogate(c);
    }
}
