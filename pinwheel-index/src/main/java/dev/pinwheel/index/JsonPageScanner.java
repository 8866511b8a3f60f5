package dev.pinwheel.index;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a PEP 691 project page at byte level, for the pages indexes actually send: a page can
 * list 15,000 files of which a resolve or a sync uses a handful, so each file gets only what is
 * asked of every file (name, Requires-Python, yanked reason, upload time) and a
 * {@link DistFile.LazySlice} of its JSON object for the rest, which {@link PageParser#jsonFile}
 * reads on first use. No per-file strings for URLs, hashes or keys, no maps, no token objects.
 *
 * <p>Anything unusual (invalid JSON, escapes or non-ASCII in keys, values of odd types, a URL
 * that needs resolving, deep nesting) gives up with null, and jackson-core reads the page as it
 * always did: so the result equals jackson's in every case the scanner accepts, and errors are
 * jackson's. A file whose URL is not plain absolute is read in full at once, as before.
 */
final class JsonPageScanner {

    /** Giving up: the page is read by jackson-core instead. */
    private static final class Unusual extends RuntimeException {
        private static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 200;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_NUMBER = 100;
    private static final int MAX_KEY = 1000;

    private final byte[] b;
    private final URI pageUrl;
    private final String source;
    private int pos;
    /** Set by {@link #string()}: where the last string's content starts and ends, and its kind. */
    private int strStart;
    private int strEnd;
    private boolean strEscaped;
    private boolean strAscii;
    /** Whether the last string holds only bytes a plain URL may hold (no escapes either). */
    private boolean strUrlChars;

    /** Requires-Python texts repeat across thousands of files: the last few, by their bytes. */
    private final int[] rpStart = new int[8];
    private final int[] rpEnd = new int[8];
    @SuppressWarnings("unchecked")
    private final Optional<String>[] rpValue = new Optional[8];
    private int rpCount;
    private int rpNext;

    private JsonPageScanner(byte[] body, URI pageUrl, String source) {
        this.b = body;
        this.pageUrl = pageUrl;
        this.source = source;
    }

    /** The page, or null when it is not plain enough (then jackson-core reads it). */
    static PageParser.Parsed scan(byte[] body, URI pageUrl, String source) {
        try {
            return new JsonPageScanner(body, pageUrl, source).page();
        } catch (Unusual | ArrayIndexOutOfBoundsException e) {
            return null; // odd or truncated: jackson-core decides (and words any error)
        }
    }

    private PageParser.Parsed page() {
        List<DistFile> files = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        ws();
        expect('{');
        if (!closes('}')) {
            do {
                int key = key();
                if (key == K_META) {
                    meta();
                } else if (key == K_FILES) {
                    ws();
                    expect('[');
                    if (!closes(']')) {
                        do {
                            ws();
                            DistFile f = file();
                            if (f != null) {
                                files.add(f);
                            }
                        } while (next(']'));
                    }
                } else if (key == K_VERSIONS) {
                    ws();
                    expect('[');
                    if (!closes(']')) {
                        do {
                            ws();
                            if (peek() != '"') {
                                throw Unusual.INSTANCE;
                            }
                            string();
                            versions.add(decoded());
                        } while (next(']'));
                    }
                } else {
                    skipValue(1);
                }
            } while (next('}'));
        }
        return new PageParser.Parsed(List.copyOf(files), List.copyOf(versions));
    }

    private void meta() {
        ws();
        expect('{');
        if (closes('}')) {
            return;
        }
        do {
            int key = key();
            if (key == K_API_VERSION) {
                ws();
                if (peek() != '"') {
                    throw Unusual.INSTANCE;
                }
                string();
                PageParser.checkApiVersion(decoded(), source);
            } else {
                skipValue(2);
            }
        } while (next('}'));
    }

    /** One file object; null when it has no file name or URL (as jackson's reading drops it). */
    private DistFile file() {
        int from = pos;
        expect('{');
        String filename = null;
        boolean url = false;
        boolean plainUrl = false;
        Optional<String> requiresPython = Optional.empty();
        String yanked = null;
        Optional<Instant> uploadTime = Optional.empty();
        if (!closes('}')) {
            do {
                int key = key();
                ws();
                byte c = peek();
                switch (key) {
                    case K_FILENAME -> {
                        if (c == '"') {
                            string();
                            filename = decoded();
                        } else {
                            literal("null");
                            filename = null;
                        }
                    }
                    case K_URL -> {
                        if (c == '"') {
                            string();
                            url = true;
                            plainUrl = strUrlChars && plain(strStart, strEnd);
                        } else {
                            literal("null");
                            url = false;
                        }
                    }
                    case K_REQUIRES_PYTHON -> {
                        if (c == '"') {
                            string();
                            requiresPython = requiresPython();
                        } else {
                            literal("null");
                            requiresPython = Optional.empty();
                        }
                    }
                    case K_YANKED -> {
                        if (c == '"') {
                            string();
                            yanked = decoded();
                        } else if (c == 't') {
                            literal("true");
                            yanked = "";
                        } else if (c == 'f') {
                            literal("false"); // leaves an earlier value, as jackson's reading does
                        } else {
                            literal("null");
                        }
                    }
                    case K_UPLOAD_TIME -> {
                        if (c == '"') {
                            string();
                            uploadTime = uploadTime();
                        } else if (c == '{' || c == '[') {
                            throw Unusual.INSTANCE;
                        } else {
                            skipValue(3);
                            uploadTime = Optional.empty();
                        }
                    }
                    case K_HASHES, K_CORE_METADATA, K_DIST_INFO_METADATA -> {
                        if (c == '{') {
                            flatObject();
                        } else {
                            skipValue(3);
                        }
                    }
                    case K_SIZE -> {
                        if (c == '{' || c == '[') {
                            throw Unusual.INSTANCE;
                        }
                        int start = pos;
                        skipValue(3);
                        if (pos - start > 18 && (c == '-' || (c >= '0' && c <= '9'))) {
                            throw Unusual.INSTANCE; // may not fit a long: jackson's reading would fail
                        }
                    }
                    default -> skipValue(3);
                }
            } while (next('}'));
        }
        if (filename == null || !url) {
            return null;
        }
        if (!plainUrl) {
            // relative, with a fragment, credentials or odd characters: resolved now, as before
            return PageParser.jsonFile(b, from, pos, pageUrl, source);
        }
        Optional<String> y = yanked == null ? Optional.empty() : Optional.of(yanked);
        return DistFile.lazy(filename, new DistFile.LazySlice(b, from, pos), requiresPython, y, uploadTime, source);
    }

    /** An object of scalar values (hashes): what jackson's hash reading takes without surprises. */
    private void flatObject() {
        expect('{');
        if (closes('}')) {
            return;
        }
        do {
            memberName();
            ws();
            byte c = peek();
            if (c == '{' || c == '[') {
                throw Unusual.INSTANCE;
            }
            skipValue(4);
        } while (next('}'));
    }

    private Optional<String> requiresPython() {
        int length = strEnd - strStart;
        for (int i = 0; i < rpCount; i++) {
            if (rpEnd[i] - rpStart[i] == length && Arrays.equals(b, rpStart[i], rpEnd[i], b, strStart, strEnd)) {
                return rpValue[i];
            }
        }
        Optional<String> value = Optional.of(decoded().strip()).filter(s -> !s.isEmpty());
        int slot = rpCount < rpStart.length ? rpCount++ : (rpNext++ & (rpStart.length - 1));
        rpStart[slot] = strStart;
        rpEnd[slot] = strEnd;
        rpValue[slot] = value;
        return value;
    }

    private Optional<Instant> uploadTime() {
        if (strAscii && !strEscaped) {
            Optional<Instant> fast = PageParser.instantAscii(b, strStart, strEnd);
            if (fast != null) {
                return fast;
            }
        }
        return PageParser.instant(decoded());
    }

    // ------------------------------------------------------------------ keys

    private static final int K_OTHER = 0;
    private static final int K_META = 1;
    private static final int K_FILES = 2;
    private static final int K_VERSIONS = 3;
    private static final int K_API_VERSION = 4;
    private static final int K_FILENAME = 5;
    private static final int K_URL = 6;
    private static final int K_HASHES = 7;
    private static final int K_REQUIRES_PYTHON = 8;
    private static final int K_YANKED = 9;
    private static final int K_UPLOAD_TIME = 10;
    private static final int K_SIZE = 11;
    private static final int K_CORE_METADATA = 12;
    private static final int K_DIST_INFO_METADATA = 13;

    private static final byte[][] KEYS = {null, ascii("meta"), ascii("files"), ascii("versions"), ascii("api-version"),
        ascii("filename"), ascii("url"), ascii("hashes"), ascii("requires-python"), ascii("yanked"), ascii("upload-time"),
        ascii("size"), ascii("core-metadata"), ascii("dist-info-metadata")};

    /** The known keys by their length. */
    private static final int[][] BY_LENGTH = new int[20][];

    static {
        for (int length = 0; length < BY_LENGTH.length; length++) {
            int n = length;
            BY_LENGTH[length] = java.util.stream.IntStream.range(1, KEYS.length).filter(k -> KEYS[k].length == n).toArray();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads {@code "name" :} of any member (the name is the last string). */
    private void memberName() {
        ws();
        if (peek() != '"') {
            throw Unusual.INSTANCE;
        }
        string();
        if (strEnd - strStart > MAX_KEY) {
            throw Unusual.INSTANCE;
        }
        ws();
        expect(':');
    }

    /** Reads {@code "key" :} and names it; keys with escapes or non-ASCII bytes are unusual. */
    private int key() {
        memberName();
        if (strEscaped || !strAscii) {
            throw Unusual.INSTANCE;
        }
        int length = strEnd - strStart;
        if (length >= BY_LENGTH.length) {
            return K_OTHER;
        }
        for (int k : BY_LENGTH[length]) {
            byte[] want = KEYS[k];
            if (b[strStart] == want[0] && Arrays.equals(b, strStart, strEnd, want, 0, length)) {
                return k;
            }
        }
        return K_OTHER;
    }

    // ------------------------------------------------------------------ tokens

    private byte peek() {
        return b[pos];
    }

    private void ws() {
        byte c;
        while ((c = b[pos]) == ' ' || c == '\n' || c == '\r' || c == '\t') {
            pos++;
        }
    }

    private void expect(char c) {
        if (b[pos] != c) {
            throw Unusual.INSTANCE;
        }
        pos++;
    }

    /** After an opening bracket: true (and past it) when the closing one follows at once. */
    private boolean closes(char close) {
        ws();
        if (b[pos] == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member: true for a comma (another follows), false past the closing bracket. */
    private boolean next(char close) {
        ws();
        byte c = b[pos++];
        if (c == ',') {
            return true;
        }
        if (c != close) {
            throw Unusual.INSTANCE;
        }
        return false;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw Unusual.INSTANCE;
            }
        }
        pos += word.length();
        byte c = b[pos]; // "nullx" is not a literal
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            throw Unusual.INSTANCE;
        }
    }

    /**
     * Bytes a string token may hold as they are and a plain URL may hold (0), and the others:
     * 1 = '"' or '\\', 2 = control, 3 = non-ASCII, 4 = ASCII a plain URL may not hold (see
     * {@link Urls#isPlainAbsolute}).
     */
    private static final byte[] STRING_CLASS = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            STRING_CLASS[c] = 2;
        }
        for (char c : " #@<>^`{|}\u007f".toCharArray()) {
            STRING_CLASS[c] = 4;
        }
        STRING_CLASS['"'] = 1;
        STRING_CLASS['\\'] = 1;
        for (int c = 0x80; c < 0x100; c++) {
            STRING_CLASS[c] = 3;
        }
    }

    /** A string token from its opening quote: sets {@link #strStart} etc.; checks escapes and UTF-8. */
    private void string() {
        byte[] b = this.b;
        byte[] classes = STRING_CLASS;
        int p = pos + 1; // past the opening quote
        int start = p;
        boolean escaped = false;
        boolean ascii = true;
        boolean urlChars = true;
        while (true) {
            // four ordinary bytes per turn: C1 neither unrolls loops nor drops their safepoint polls
            // (never reads past a special byte, so never past the closing quote)
            if (classes[b[p] & 0xFF] == 0) {
                if (classes[b[p + 1] & 0xFF] != 0) {
                    p += 1;
                } else if (classes[b[p + 2] & 0xFF] != 0) {
                    p += 2;
                } else if (classes[b[p + 3] & 0xFF] != 0) {
                    p += 3;
                } else {
                    p += 4;
                    continue;
                }
            }
            int c = b[p];
            int kind = classes[c & 0xFF];
            if (kind == 4) {
                urlChars = false;
                p++;
                continue;
            }
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                byte e = b[p + 1];
                if (e == 'u') {
                    for (int i = 2; i < 6; i++) {
                        if (Character.digit(b[p + i], 16) < 0) {
                            throw Unusual.INSTANCE;
                        }
                    }
                    p += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                    p += 2;
                } else {
                    throw Unusual.INSTANCE;
                }
                continue;
            }
            if (kind == 2) {
                throw Unusual.INSTANCE; // jackson refuses unescaped control characters
            }
            ascii = false;
            p++;
        }
        if (p - start > MAX_STRING) {
            throw Unusual.INSTANCE;
        }
        strStart = start;
        strEnd = p;
        strEscaped = escaped;
        strAscii = ascii;
        strUrlChars = urlChars && ascii && !escaped;
        pos = p + 1; // past the closing quote
        if (!ascii) {
            strict(start, p); // invalid UTF-8 anywhere: let jackson decide
        }
    }

    /** {@link Urls#isPlainAbsolute} over bytes {@code b[start, end)} that hold only URL characters (see {@link #strUrlChars}). */
    private boolean plain(int start, int end) {
        if (end - start < 7 || b[start] != 'h' || b[start + 1] != 't' || b[start + 2] != 't' || b[start + 3] != 'p') {
            return false;
        }
        int i = start + 4;
        if (b[i] == 's') {
            i++;
        }
        return end - i >= 3 && b[i] == ':' && b[i + 1] == '/' && b[i + 2] == '/';
    }

    /** The last string's text, escapes decoded. */
    private String decoded() {
        if (!strEscaped) {
            return strAscii ? new String(b, strStart, strEnd - strStart, StandardCharsets.ISO_8859_1)
                    : strict(strStart, strEnd);
        }
        StringBuilder out = new StringBuilder(strEnd - strStart);
        int i = strStart;
        while (i < strEnd) {
            int run = i;
            while (i < strEnd && b[i] != '\\') {
                i++;
            }
            if (i > run) {
                out.append(strAscii ? new String(b, run, i - run, StandardCharsets.ISO_8859_1) : strict(run, i));
            }
            if (i == strEnd) {
                break;
            }
            byte e = b[i + 1];
            switch (e) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.ISO_8859_1), 16));
                    i += 6;
                    continue;
                }
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> out.append((char) e); // " \ /
            }
            i += 2;
        }
        return out.toString();
    }

    /** {@code b[from, to)} as strict UTF-8 (malformed input is unusual). */
    private String strict(int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw Unusual.INSTANCE;
        }
    }

    /** Skips any value, checking it is valid JSON of modest depth. */
    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw Unusual.INSTANCE;
        }
        ws();
        byte c = b[pos];
        switch (c) {
            case '"' -> string();
            case '{' -> {
                pos++;
                if (!closes('}')) {
                    do {
                        memberName();
                        skipValue(depth + 1);
                    } while (next('}'));
                }
            }
            case '[' -> {
                pos++;
                if (!closes(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (next(']'));
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** A number in JSON's grammar ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}). */
    private void number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (b[pos] == '0') {
            pos++;
        } else if (b[pos] >= '1' && b[pos] <= '9') {
            digits();
        } else {
            throw Unusual.INSTANCE;
        }
        if (b[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw Unusual.INSTANCE;
            }
        }
        if (b[pos] == 'e' || b[pos] == 'E') {
            pos++;
            if (b[pos] == '+' || b[pos] == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw Unusual.INSTANCE;
            }
        }
        byte c = b[pos];
        if (pos - start > MAX_NUMBER || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '+') {
            throw Unusual.INSTANCE;
        }
    }

    private int digits() {
        int start = pos;
        while (b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }
}
