package dev.pinwheel.env;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON this module reads and writes (interpreter answers, direct_url.json, journals) as
 * plain maps and lists: read by a small parser of its own, written through jackson-core's
 * streaming API (databind's start-up cost is not worth it for documents this size).
 */
final class Json {

    /** Made on first write only: reading needs none of jackson-core. */
    private static final class Factory {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    private Json() {
    }

    /**
     * Parses a document into maps, lists, strings, numbers (Long, or Double when it has a fraction
     * or exponent or does not fit a long), booleans and nulls. By hand rather than through
     * jackson-core's parser: every sync and chill parses the interpreter's cached answer before
     * anything else, and the parser's classes and set-up were about 10 ms of that start.
     */
    static Object parse(String text) {
        try {
            Reader r = new Reader(text);
            r.skipSpace();
            if (r.pos >= text.length()) {
                throw new IOException("empty document");
            }
            Object value = r.value();
            r.skipSpace();
            if (r.pos != text.length()) {
                throw r.error("trailing content");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recursive-descent reader of RFC 8259 JSON. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        IOException error(String what) {
            return new IOException("malformed JSON at offset " + pos + ": " + what);
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char next() throws IOException {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        Object value() throws IOException {
            char c = next();
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    if (next() == '}') {
                        pos++;
                        return map;
                    }
                    while (true) {
                        if (next() != '"') {
                            throw error("expected a name");
                        }
                        String name = string();
                        if (next() != ':') {
                            throw error("expected ':'");
                        }
                        pos++;
                        map.put(name, value());
                        char d = next();
                        pos++;
                        if (d == '}') {
                            return map;
                        }
                        if (d != ',') {
                            throw error("expected ',' or '}'");
                        }
                    }
                }
                case '[': {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    if (next() == ']') {
                        pos++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        char d = next();
                        pos++;
                        if (d == ']') {
                            return list;
                        }
                        if (d != ',') {
                            throw error("expected ',' or ']'");
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected '" + c + "'");
            }
        }

        private Object literal(String word, Object value) throws IOException {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Object number() throws IOException {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits || (text.charAt(digits) == '0' && pos - digits > 1)) {
                throw error("bad number");
            }
            boolean integral = true;
            if (pos < text.length() && text.charAt(pos) == '.') {
                integral = false;
                int fraction = ++pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == fraction) {
                    throw error("bad number");
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int exponent = pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == exponent) {
                    throw error("bad number");
                }
            }
            String number = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(number);
                } catch (NumberFormatException tooBig) {
                    // Falls through to a double, as a long cannot hold it.
                }
            }
            return Double.parseDouble(number);
        }

        private String string() throws IOException {
            pos++;
            StringBuilder out = null;
            int start = pos;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    String value = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
                    pos++;
                    return value;
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, pos);
                if (pos + 1 >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(pos + i), 16);
                            if (digit < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        out.append((char) code);
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
                start = pos;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new UncheckedIOException(new IOException("expected a JSON object"));
        }
        return (Map<String, Object>) value;
    }

    /**
     * Appends {@code value} as a JSON string: the escapes JSON requires ({@code "}, {@code \\} and
     * control characters), nothing else. For documents written often enough that the generator's
     * per-value work shows (a sync's journal lists every installed file).
     */
    static void appendString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Writes maps, lists, strings, numbers, booleans and nulls; keys keep their insertion order. */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Factory.FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeString(value.toString());
        }
    }
}
