package dev.pinwheel.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a source file into text as Python would: UTF-8 unless a PEP 263 coding
 * declaration in the first two lines names another encoding ({@code --encoding} replaces the
 * default for files without one). Notebooks are read natively: the code cells of an
 * {@code .ipynb} (nbformat 4, and 3's worksheets) with IPython's {@code !shell} and
 * {@code %magic} lines blanked and non-Python cell magics ({@code %%bash}, ...) skipped.
 */
final class SourceReader {

    /** Text that could not be decoded. */
    static final class DecodingException extends Exception {
        private static final long serialVersionUID = 1L;

        DecodingException(String message) {
            super(message);
        }
    }

    /** A code cell: its 1-based number among all cells and its text. */
    record Cell(int number, String text) {
    }

    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> FOREIGN_CELL_MAGICS = Set.of("bash", "sh", "script", "html", "javascript", "js",
            "latex", "markdown", "perl", "ruby", "svg", "writefile", "sql", "system", "powershell", "cmd", "R", "file");

    private SourceReader() {
    }

    static String decode(byte[] bytes, Optional<Charset> fallback) throws DecodingException {
        byte[] utf8 = toUtf8(bytes, bytes.length, fallback);
        return new String(utf8, 0, utf8 == bytes ? bytes.length : utf8.length, StandardCharsets.UTF_8);
    }

    /**
     * The first {@code length} bytes of a source file as UTF-8, for the tokenizer: {@code bytes}
     * itself when the file is UTF-8 (declared, or by default) and valid, which is the case of
     * nearly every file and costs one pass without a copy; else the text decoded from its
     * encoding and encoded again, in a new array of its exact length.
     */
    static byte[] toUtf8(byte[] bytes, int length, Optional<Charset> fallback) throws DecodingException {
        Charset charset = declared(bytes, length).orElse(fallback.orElse(StandardCharsets.UTF_8));
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        if ((utf8 || charset.equals(StandardCharsets.US_ASCII)) && validUtf8(bytes, length, !utf8)) {
            return bytes;
        }
        try {
            java.nio.CharBuffer text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            int offset = firstBadOffset(bytes, length, charset);
            throw new DecodingException("not valid " + charset.name() + " (at byte " + offset + ")");
        }
    }

    /**
     * Whether the bytes are well-formed UTF-8 as Java's decoder takes it (no overlong forms, no
     * surrogates, nothing past U+10FFFF); with {@code asciiOnly}, whether they are ASCII.
     */
    static boolean validUtf8(byte[] b, int length, boolean asciiOnly) {
        int i = 0;
        while (i < length) {
            // ASCII runs first: most files are nothing else.
            while (i < length && b[i] >= 0) {
                i++;
            }
            if (i >= length) {
                return true;
            }
            if (asciiOnly) {
                return false;
            }
            int lead = b[i] & 0xFF;
            int need;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + need >= length) {
                return false; // cut short
            }
            int cp = lead & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = b[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }

    /** The PEP 263 declaration of the first two lines, if any names a known charset. */
    static Optional<Charset> declared(byte[] bytes) throws DecodingException {
        return declared(bytes, bytes.length);
    }

    private static Optional<Charset> declared(byte[] bytes, int length) throws DecodingException {
        int start = 0;
        for (int lineNo = 0; lineNo < 2 && start < length; lineNo++) {
            int end = start;
            while (end < length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            int first = start;
            while (first < end && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\f')) {
                first++;
            }
            if (first < end && bytes[first] != '#') {
                break; // code: the declaration must come before any (the usual first line, read without a String)
            }
            String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
            Matcher m = CODING.matcher(line);
            if (m.find()) {
                String name = m.group(1);
                return Optional.of(pythonCodec(name).orElseThrow(
                        () -> new DecodingException("declares unknown encoding '" + name + "'")));
            }
            if (!line.strip().startsWith("#") && !line.isBlank()) {
                break; // the declaration must come before any code
            }
            start = end + 1;
            if (end < length && bytes[end] == '\r' && start < length && bytes[start] == '\n') {
                start++;
            }
        }
        return Optional.empty();
    }

    /** A Python codec name as a Java charset: Python spells them its own way (latin-1, utf_8, utf-8-sig). */
    static Optional<Charset> pythonCodec(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (n.startsWith("utf-8") || n.equals("utf8") || n.equals("u8")) {
            return Optional.of(StandardCharsets.UTF_8); // -sig: the tokenizer drops the BOM
        }
        if (n.equals("latin-1") || n.equals("latin1") || n.equals("l1") || n.startsWith("iso-8859-1-")) {
            return Optional.of(StandardCharsets.ISO_8859_1);
        }
        for (String candidate : new String[] {name, n, n.replace("-", "")}) {
            try {
                return Optional.of(Charset.forName(candidate));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    private static int firstBadOffset(byte[] bytes, int length, Charset charset) {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        var out = java.nio.CharBuffer.allocate(length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : length;
    }

    /** The code cells of a notebook, with magics blanked out (line numbers are kept). */
    static List<Cell> notebookCells(byte[] bytes) throws DecodingException {
        List<Cell> cells = new ArrayList<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodingException("not a notebook (expected a JSON object)");
            }
            int[] counter = {0};
            readNotebookObject(p, cells, counter);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DecodingException("not a valid notebook: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new DecodingException("not a valid notebook: " + e.getMessage());
        }
        return cells;
    }

    private static void readNotebookObject(JsonParser p, List<Cell> cells, int[] counter) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("cells") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    counter[0]++;
                    readCell(p, cells, counter[0]);
                }
            } else if (field.equals("worksheets") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readNotebookObject(p, cells, counter);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void readCell(JsonParser p, List<Cell> cells, int number) throws IOException {
        String type = null;
        String source = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("cell_type") && value == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if ((field.equals("source") || field.equals("input")) && value == JsonToken.VALUE_STRING) {
                source = p.getText();
            } else if ((field.equals("source") || field.equals("input")) && value == JsonToken.START_ARRAY) {
                StringBuilder sb = new StringBuilder();
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    sb.append(p.getText());
                }
                source = sb.toString();
            } else {
                p.skipChildren();
            }
        }
        if ("code".equals(type) && source != null) {
            String code = withoutMagics(source);
            if (code != null) {
                cells.add(new Cell(number, code));
            }
        }
    }

    /** The cell's Python with magic and shell lines blanked, or null for a cell in another language. */
    static String withoutMagics(String source) {
        String[] lines = source.split("\n", -1);
        StringBuilder sb = new StringBuilder(source.length());
        boolean first = true;
        for (String line : lines) {
            String t = line.strip();
            if (first && t.startsWith("%%")) {
                String magic = t.substring(2).split("\\s+", 2)[0];
                if (FOREIGN_CELL_MAGICS.contains(magic)) {
                    return null;
                }
            }
            if (!t.isEmpty()) {
                first = false;
            }
            if (t.startsWith("!") || t.startsWith("%")) {
                sb.append('\n');
            } else {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
