package dev.pinwheel.cli.compile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;

/**
 * A TOML document as Jackson's tree, built straight from the TOML parser's tokens: what
 * {@code new TomlMapper().readTree(text)} gives, without building an {@code ObjectMapper},
 * whose set-up every compile in a project with a pyproject.toml would otherwise pay.
 */
public final class TomlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private TomlTree() {
    }

    /** The document's root table; Jackson's exception (with its location) for invalid TOML. */
    public static JsonNode read(String text) throws IOException {
        try (JsonParser p = new TomlFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            return first == null ? NODES.objectNode() : value(p, first);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(value(p, v));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return NODES.pojoNode(p.getEmbeddedObject());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected TOML token " + t);
        }
    }
}
