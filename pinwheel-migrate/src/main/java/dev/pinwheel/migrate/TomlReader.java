package dev.pinwheel.migrate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import dev.pinwheel.support.TomlKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a TOML document into plain maps and lists with Jackson's TOML parser, walking its token
 * stream directly: no {@code ObjectMapper} is built, which keeps the start-up cost small.
 */
final class TomlReader {

    private TomlReader() {
    }

    static Map<String, Object> read(String file, String text) {
        try (JsonParser p = new TomlFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            return object(p);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            if (reason != null && reason.startsWith("Duplicate key")) {
                // Jackson builds the whole tree before it reports, so its position is wherever
                // the lexer stood (the next line, or past the end of the file) and it does not
                // name the key: find the first repeated key ourselves.
                Optional<TomlKeys.Duplicate> dup = TomlKeys.firstDuplicate(text);
                if (dup.isPresent()) {
                    TomlKeys.Key k = dup.get().again();
                    throw new SourceError(file, text, k.offset(), k.length(),
                            "invalid TOML: duplicate key '" + k.name() + "'"
                                    + (k.table().isEmpty() ? "" : " in [" + k.table() + "]")
                                    + " (first set on line " + SourceError.lineOf(text, dup.get().first().offset()) + ")");
                }
            }
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            if (line > 0) {
                int offset = 0;
                for (int l = 1; l < line && offset >= 0; l++) {
                    offset = text.indexOf('\n', offset) + 1;
                }
                offset = Math.max(0, offset) + Math.max(0, column - 1);
                throw new SourceError(file, text, withinText(text, offset), 1, "invalid TOML: " + reason);
            }
            throw DbException.badInput(file + ": invalid TOML: " + reason);
        } catch (IOException e) {
            throw DbException.badInput(file + ": invalid TOML: " + e.getMessage());
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value(p));
        }
        return map;
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> p.getText();
        };
    }

    /**
     * An offset past the last line (a lexer that stopped at the end of the file) moves back to
     * the end of the last line that has text, so the caret stands under something visible.
     */
    private static int withinText(String text, int offset) {
        if (offset < text.length()) {
            return offset;
        }
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
