package dev.pinwheel.scan;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Splits Python source into logical lines of tokens, the way CPython's tokenizer does where it
 * matters for finding imports: strings of every form (all prefixes, triple quotes, f-strings
 * with nested replacement fields and, since 3.12, reused quotes), comments, backslash
 * continuations and bracketed continuations never produce or break statements.
 *
 * <p>It reads the file's UTF-8 bytes as they are (never a decoded copy): everything that decides
 * a token's boundaries is ASCII, and a byte of a multi-byte character can never be taken for an
 * ASCII one. Only identifiers, where Python allows non-ASCII letters, decode the character they
 * meet, and columns (for problems) count characters, not bytes.
 *
 * <p>Most logical lines of real code hold nothing a scanner wants (assignments, calls,
 * returns), and making token objects for them was most of the scan's time. Given an
 * {@link Interest}, a line is only <em>skimmed</em>: read with the same rules (so strings,
 * brackets and problems are found exactly as before) but without tokens, and handed out as
 * {@link Sink#skimmed}. As soon as the skim meets something of interest (a head word such as
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
     *
     * <p>Token objects belong to the tokenizer and are reused for the next logical line: a sink
     * copies out what it keeps (the text, the line).
     */
    static final class Token {
        private byte[] source;
        private Kind kind;
        private String text;
        private int line;
        private int lineStart;
        private int offset;
        private int end;

        private Token() {
        }

        Kind kind() {
            return kind;
        }

        String text() {
            return text;
        }

        int line() {
            return line;
        }

        /** The 1-based column in characters (counted only when asked: for problems). */
        int column() {
            return columnOf(source, lineStart, offset);
        }

        /** Whether the next token starts right where this one ends (no blank, comment or line break between). */
        boolean touches(Token next) {
            return next.source == source && next.offset == end;
        }

        /**
         * The source text from this token's start to {@code last}'s end ({@code a.b.c} over its
         * five tokens), one String per distinct text and thread.
         */
        String textThrough(Token last) {
            return cachedText(source, offset, last.end);
        }

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }

        @Override
        public String toString() {
            return kind + " " + text + " @" + line + ":" + column();
        }
    }

    /** The tokens of the current logical line, reusing one pool of token objects per thread. */
    static final class Tokens extends AbstractList<Token> {
        private byte[] source;
        private Token[] pool = new Token[32];
        private int size;

        private void add(Kind kind, String text, int line, int lineStart, int offset, int end) {
            if (size == pool.length) {
                pool = Arrays.copyOf(pool, size * 2);
            }
            Token t = pool[size];
            if (t == null) {
                t = new Token();
                pool[size] = t;
            }
            t.source = source;
            t.kind = kind;
            t.text = text;
            t.line = line;
            t.lineStart = lineStart;
            t.offset = offset;
            t.end = end;
            size++;
        }

        @Override
        public Token get(int index) {
            if (index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return pool[index];
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            size = 0;
        }
    }

    /** Receives logical lines as they are read. */
    interface Sink {
        /** A line read with tokens; the list and its tokens are reused for the next line. */
        void line(int indent, int line, List<Token> tokens);

        /**
         * A line that was only skimmed; {@code opensBlock} when it starts with a block word and
         * ends with its only colon outside brackets.
         */
        void skimmed(int indent, int line, boolean opensBlock);
    }

    /**
     * Which logical lines get tokens: those whose first token is a name in {@code heads}, those
     * starting with a name in {@code blockHeads} that do not end with their only colon outside
     * brackets, those with a {@code ;} outside brackets, those holding a name in {@code names},
     * and those holding a plain literal accepted by {@code literals} (see {@link Token#text()}
     * for which literals have a value). Built once and shared by every file of a scan.
     */
    static final class Interest {
        final Words heads;
        final Words blockHeads;
        final Words names;
        final Predicate<String> literals;

        Interest(Set<String> heads, Set<String> blockHeads, Set<String> names, Predicate<String> literals) {
            this.heads = new Words(heads);
            this.blockHeads = new Words(blockHeads);
            this.names = new Words(names);
            this.literals = literals;
        }
    }

    /** A set of words looked up straight in the source bytes, without making a String. */
    static final class Words {
        /** byLength[k]: the UTF-8 bytes of the words of k bytes. */
        private final byte[][][] byLength = new byte[64][][];

        Words(Set<String> words) {
            List<List<byte[]>> lists = new ArrayList<>();
            for (int k = 0; k < byLength.length; k++) {
                lists.add(new ArrayList<>());
            }
            for (String w : words) {
                byte[] b = w.getBytes(StandardCharsets.UTF_8);
                if (b.length == 0) {
                    continue; // no name is empty
                }
                if (b.length >= byLength.length) {
                    throw new IllegalArgumentException("word too long: " + w);
                }
                lists.get(b.length).add(b);
            }
            for (int k = 0; k < byLength.length; k++) {
                byLength[k] = lists.get(k).isEmpty() ? null : lists.get(k).toArray(new byte[0][]);
            }
        }

        boolean contains(byte[] s, int start, int end) {
            int length = end - start;
            if (length >= byLength.length) {
                return false;
            }
            byte[][] candidates = byLength[length];
            if (candidates == null) {
                return false;
            }
            for (byte[] w : candidates) {
                if (w[0] == s[start] && Arrays.equals(w, 0, length, s, start, end)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A tokenizer problem at a 1-based line and column. */
    record Problem(int line, int column, String message) {
    }

    private final byte[] s;
    private final int n;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;
    private final Sink sink;
    private final List<Problem> problems = new ArrayList<>();
    /** Null: every line gets tokens. */
    private final Interest interest;
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

    private PythonTokenizer(byte[] source, int length, Interest interest, Sink sink) {
        this.s = source;
        this.n = length;
        this.sink = sink;
        this.interest = interest;
    }

    /**
     * Tokenizes the first {@code length} bytes of {@code source}, valid UTF-8 (not copied), handing
     * each logical line to {@code sink} as soon as it is read; with an {@code interest}, the lines
     * outside it are only skimmed. Never throws for bad input; returns the problems.
     */
    static List<Problem> tokenize(byte[] source, int length, Interest interest, Sink sink) {
        PythonTokenizer t = new PythonTokenizer(source, length, interest, sink);
        t.run();
        return t.problems.isEmpty() ? List.of() : List.copyOf(t.problems);
    }

    private static final ThreadLocal<Tokens> TOKENS = ThreadLocal.withInitial(Tokens::new);

    private void run() {
        if (n >= 3 && s[0] == (byte) 0xEF && s[1] == (byte) 0xBB && s[2] == (byte) 0xBF) {
            pos = 3; // the BOM
        }
        Tokens current = TOKENS.get();
        current.source = s;
        current.clear();
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
            int c = s[pos];
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
                        endLogicalLine(indent, current);
                        atLineStart = true;
                    }
                }
                case '\'', '"' -> stringToken(current, pos, pos, 0);
                case '(', '[', '{' -> {
                    depth++;
                    op(current, pos, 1);
                }
                case ')', ']', '}' -> {
                    if (depth == 0) {
                        problem(pos, "unmatched '" + (char) c + "'");
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
                    if (c >= 0 ? IDENTIFIER_START[c] : isIdentifierStart(codePointAt(pos))) {
                        nameOrStringToken(current);
                    } else if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s[pos + 1]))) {
                        number(current);
                    } else if (c == ':' && !emit && depth == 0 && (pos + 1 >= n || s[pos + 1] != '=')) {
                        skimmedToken();
                        colons++;
                        colonLast = true;
                        pos++;
                    } else if (c >= 0 && OPERATOR_START[c]) {
                        operator(current);
                    } else {
                        String what = c >= 0 ? String.valueOf((char) c) : Character.toString(codePointAt(pos));
                        problem(pos, "invalid character '" + what + "'");
                        int length = c >= 0 ? 1 : utf8Length(c);
                        add(current, Kind.OTHER, what, pos, pos + length);
                        pos += length;
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
            byte c = s[first];
            if (c == ' ' || c == '\t' || c == '\f') {
                first++;
            } else if (c == '\\' && first + 1 < n && (s[first + 1] == '\n' || s[first + 1] == '\r')) {
                first += first + 2 < n && s[first + 1] == '\r' && s[first + 2] == '\n' ? 3 : 2;
            } else {
                break;
            }
        }
        if (first < n && s[first] >= 0 && IDENTIFIER_START[s[first]]) { // every head word is ASCII
            int end = identifierEnd(first + 1);
            boolean stringPrefix = end < n && (s[end] == '\'' || s[end] == '"') && end - first <= 2 && prefixFlags(first, end) >= 0;
            if (!stringPrefix) {
                emit = interest.heads.contains(s, first, end);
                blockHead = interest.blockHeads.contains(s, first, end);
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

    /** Hands out the logical line read so far, if it has anything. */
    private void endLogicalLine(int indent, Tokens current) {
        if (emit && !current.isEmpty()) {
            sink.line(indent, markLine, current);
            current.clear();
        } else if (!emit && skimmedAny) {
            sink.skimmed(indent, markLine, blockHead && colons == 1 && colonLast);
        }
        skimmedAny = false;
        blockHead = false;
    }

    private void add(Tokens current, Kind kind, String text, int at, int end) {
        if (emit) {
            current.add(kind, text, line, lineStart, at, end);
        } else {
            skimmedToken();
        }
    }

    /** A string literal whose prefix starts at {@code start} and whose quote is at {@code quoteAt}. */
    private void stringToken(Tokens current, int start, int quoteAt, int flags) {
        int startLine = line;
        int startLineStart = lineStart;
        String value = string(start, quoteAt, flags);
        if (emit) {
            current.add(Kind.STRING, value, startLine, startLineStart, start, pos);
            return;
        }
        skimmedToken();
        if (value != null && interest.literals.test(value)) {
            reread();
        }
    }

    private void nameOrStringToken(Tokens current) {
        int start = pos;
        pos = identifierEnd(pos);
        if (pos < n && (s[pos] == '\'' || s[pos] == '"') && pos - start <= 2) {
            int flags = prefixFlags(start, pos);
            if (flags >= 0) {
                stringToken(current, start, pos, flags);
                return;
            }
        }
        if (emit) {
            current.add(Kind.NAME, name(start, pos), line, lineStart, start, pos);
            return;
        }
        skimmedToken();
        if (interest.names.contains(s, start, pos)) {
            reread();
        }
    }

    /** Measures the indentation of a physical line; blank and comment-only lines are skipped whole. */
    private int measureIndent() {
        while (true) {
            int width = 0;
            while (pos < n) {
                byte c = s[pos];
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
            byte c = s[pos];
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
    // starts, and C1 keeps fields in memory, so a field-based loop pays a load and a store per byte.

    /** The offset of the first line break at or after {@code from}, or the end. */
    private int lineEnd(int from) {
        byte[] a = s;
        int end = n;
        int p = from;
        while (p < end) {
            byte c = a[p];
            if (c == '\n' || c == '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    private int blanksEnd(int from) {
        byte[] a = s;
        int end = n;
        int p = from;
        while (p < end && (a[p] == ' ' || a[p] == '\t' || a[p] == '\f')) {
            p++;
        }
        return p;
    }

    /** The end of the identifier starting at {@code from}. */
    private int identifierEnd(int from) {
        byte[] a = s;
        int end = n;
        int p = from;
        while (p < end) {
            byte c = a[p];
            if (c >= 0) {
                if (!IDENTIFIER_PART[c]) {
                    break;
                }
                p++;
            } else if (isIdentifierPart(codePointAt(p))) {
                p += utf8Length(c);
            } else {
                break;
            }
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

    /** The 1-based column, in characters, of byte {@code at} on the line starting at {@code lineStart}. */
    static int columnOf(byte[] s, int lineStart, int at) {
        int column = 1;
        for (int i = lineStart; i < at; i++) {
            if ((s[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return column;
    }

    private void problem(int at, String message) {
        problems.add(new Problem(line, Math.max(1, columnOf(s, lineStart, Math.min(at, n))), message));
    }

    private void op(Tokens current, int at, int length) {
        if (emit) {
            current.add(Kind.OP, length == 1 ? ONE_CHAR[s[at]] : new String(s, at, length, StandardCharsets.ISO_8859_1),
                    line, lineStart, at, at + length);
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

    private void operator(Tokens current) {
        byte c = s[pos];
        byte d = pos + 1 < n ? s[pos + 1] : 0;
        byte e = pos + 2 < n ? s[pos + 2] : 0;
        int length = 1;
        if ((c == '*' || c == '/' || c == '<' || c == '>') && d == c) {
            length = e == '=' ? 3 : 2; // ** // << >> and their augmented forms
        } else if (c == '.' && d == '.' && e == '.') {
            length = 3;
        } else if ((c == '-' && d == '>') || (d == '=' && AUGMENTABLE[c])) {
            length = 2;
        } else if (c == '!') {
            problem(pos, "invalid character '!'");
            add(current, Kind.OTHER, "!", pos, pos + 1);
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
        final String[] names = new String[8192];
        final byte[][] bytes = new byte[8192][];

        String text(byte[] a, int start, int end) {
            int h = 0;
            for (int i = start; i < end; i++) {
                h = 31 * h + a[i];
            }
            int slot = (h ^ (h >>> 16)) & (names.length - 1);
            byte[] cached = bytes[slot];
            if (cached != null && cached.length == end - start && Arrays.equals(cached, 0, cached.length, a, start, end)) {
                return names[slot];
            }
            String fresh = new String(a, start, end - start, StandardCharsets.UTF_8);
            names[slot] = fresh;
            bytes[slot] = Arrays.copyOfRange(a, start, end);
            return fresh;
        }
    }

    private NameCache nameCache;

    private String name(int start, int end) {
        if (nameCache == null) {
            nameCache = NAME_CACHE.get();
        }
        return nameCache.text(s, start, end);
    }

    /** {@code s[start, end)} as a String, from this thread's cache when it was seen before. */
    static String cachedText(byte[] s, int start, int end) {
        return NAME_CACHE.get().text(s, start, end);
    }


    private void number(Tokens current) {
        int start = pos;
        while (pos < n) {
            byte c = s[pos];
            if (c < 0) {
                if (!isIdentifierPart(codePointAt(pos))) {
                    break;
                }
                pos += utf8Length(c);
            } else if (IDENTIFIER_PART[c] || c == '.') {
                pos++;
                if ((c == 'e' || c == 'E') && pos < n && (s[pos] == '+' || s[pos] == '-')
                        && isDecimalLiteral(start, pos - 1)) {
                    pos++;
                }
            } else {
                break;
            }
        }
        add(current, Kind.NUMBER, "", start, pos); // its digits matter to nobody here
    }

    /** Whether s[start, end) could precede an exponent: a decimal literal, not hex like 0xE. */
    private boolean isDecimalLiteral(int start, int end) {
        return !(end - start >= 2 && s[start] == '0' && "xXoObB".indexOf(s[start + 1]) >= 0);
    }

    /** Skips a name, or a prefixed string, inside an f-string's replacement field (no tokens there). */
    private void skipNameOrString() {
        int start = pos;
        pos = identifierEnd(pos);
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
            int bit = switch (s[i]) {
                case 'r', 'R' -> RAW;
                case 'f', 'F', 't', 'T' -> FORMATTED;
                case 'b', 'B' -> BYTES;
                case 'u', 'U' -> end - start == 1 ? 0 : -1;
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

    /**
     * Reads a string literal whose prefix starts at {@code start} and whose quote is at
     * {@code quoteAt}; returns its value (see {@link Token#text()}) or null.
     */
    private String string(int start, int quoteAt, int flags) {
        int startLine = line;
        int startLineStart = lineStart;
        byte q = s[quoteAt];
        boolean triple = quoteAt + 2 < n && s[quoteAt + 1] == q && s[quoteAt + 2] == q;
        pos = quoteAt + (triple ? 3 : 1);
        int bodyStart = pos;
        boolean escapes = false;
        int bodyEnd = -1;
        if ((flags & FORMATTED) != 0) {
            bodyEnd = fstringBody(q, triple, (flags & RAW) != 0);
            escapes = true;
        } else {
            byte[] a = s;
            int end = n;
            int p = pos;
            while (p < end) {
                byte c = a[p];
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
            problems.add(new Problem(startLine, columnOf(s, startLineStart, start), triple
                    ? "unterminated triple-quoted string literal" : "unterminated string literal"));
            pos = Math.min(pos, n);
        }
        // Through the name cache: keys and constants ('name', "entity_id") repeat like names do.
        return bodyEnd >= 0 && !escapes && (flags & BYTES) == 0 && isOneWord(bodyStart, bodyEnd) ? name(bodyStart, bodyEnd) : null;
    }

    /**
     * Skips an f-string (or t-string) body up to and including its closing quote and returns the
     * body's end offset, or -1 if unterminated. Replacement fields are tokenized far enough to find
     * their end: nested strings (any quotes, 3.12 rules), brackets, format specs with nested fields.
     */
    private int fstringBody(byte q, boolean triple, boolean raw) {
        while (pos < n) {
            byte c = s[pos];
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
    private boolean replacementField(byte q, boolean triple) {
        int brackets = 0;
        while (pos < n) {
            byte c = s[pos];
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
                    if (c >= 0 ? IDENTIFIER_START[c] : isIdentifierStart(codePointAt(pos))) {
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
        byte q = s[pos];
        for (int i = pos + 1; i < n; i++) {
            byte c = s[i];
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
    private boolean formatSpec(byte q, boolean triple) {
        while (pos < n) {
            byte c = s[pos];
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
        byte[] a = s;
        for (int i = start; i < end; i++) {
            if (a[i] < 0) { // a non-ASCII character: Unicode's idea of whitespace, on the decoded text
                String text = new String(a, start, end - start, StandardCharsets.UTF_8);
                return text.strip().codePoints().noneMatch(Character::isWhitespace);
            }
        }
        while (start < end && isAsciiWhitespace(a[start])) {
            start++;
        }
        while (end > start && isAsciiWhitespace(a[end - 1])) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (isAsciiWhitespace(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** Character.isWhitespace for ASCII: space, \t \n \u000B \f \r and the separators \u001C-\u001F. */
    private static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The code point whose UTF-8 encoding starts at {@code at} (the text is valid UTF-8). */
    private int codePointAt(int at) {
        int b = s[at] & 0xFF;
        int length = utf8Length(s[at]);
        if (length == 1 || at + length > n) {
            return 0xFFFD;
        }
        int cp = b & (0xFF >> (length + 1));
        for (int i = 1; i < length; i++) {
            cp = (cp << 6) | (s[at + i] & 0x3F);
        }
        return cp;
    }

    /** The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte). */
    private static int utf8Length(int lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    private static final boolean[] IDENTIFIER_START = asciiTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    private static final boolean[] IDENTIFIER_PART = asciiTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");

    /** A non-ASCII code point that may start a name (characters beyond the BMP are let through, as before). */
    private static boolean isIdentifierStart(int cp) {
        return Character.isUnicodeIdentifierStart(cp) || cp >= 0x10000;
    }

    private static boolean isIdentifierPart(int cp) {
        return Character.isUnicodeIdentifierPart(cp) || cp >= 0x10000;
    }
}
