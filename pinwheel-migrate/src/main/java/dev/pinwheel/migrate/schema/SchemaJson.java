package dev.pinwheel.migrate.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Schema} as JSON and back, exactly: {@code read(write(s)).equals(s)} for every schema.
 * Used to keep an introspected schema between runs (the autogenerate target cache), so the text
 * is a private format of this version of pinwheel, not an interchange format. Absent optionals
 * are left out; enum constants are written by name.
 */
public final class SchemaJson {

    private static final JsonFactory JSON = new JsonFactory();

    private SchemaJson() {
    }

    public static String write(Schema schema) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("tables");
            for (Table t : schema.tables()) {
                table(g, t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("enums");
            for (EnumType e : schema.enums()) {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                strings(g, "values", e.values());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sequences");
            for (Sequence s : schema.sequences()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("type", s.dataType());
                g.writeNumberField("start", s.start());
                g.writeNumberField("increment", s.increment());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void table(JsonGenerator g, Table t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        optional(g, "comment", t.comment());
        g.writeArrayFieldStart("columns");
        for (Column c : t.columns()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type());
            g.writeBooleanField("nullable", c.nullable());
            optional(g, "default", c.serverDefault());
            optional(g, "comment", c.comment());
            g.writeStringField("identity", c.identity().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (t.primaryKey().isPresent()) {
            g.writeObjectFieldStart("primaryKey");
            optional(g, "name", t.primaryKey().get().name());
            strings(g, "columns", t.primaryKey().get().columns());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("foreignKeys");
        for (ForeignKey fk : t.foreignKeys()) {
            g.writeStartObject();
            optional(g, "name", fk.name());
            strings(g, "columns", fk.columns());
            g.writeStringField("referredTable", fk.referredTable());
            strings(g, "referredColumns", fk.referredColumns());
            g.writeStringField("onDelete", fk.onDelete().name());
            g.writeStringField("onUpdate", fk.onUpdate().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("uniques");
        for (UniqueConstraint u : t.uniqueConstraints()) {
            g.writeStartObject();
            optional(g, "name", u.name());
            strings(g, "columns", u.columns());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("indexes");
        for (Index i : t.indexes()) {
            g.writeStartObject();
            optional(g, "name", i.name());
            g.writeBooleanField("unique", i.unique());
            g.writeArrayFieldStart("elements");
            for (Index.Element e : i.elements()) {
                g.writeStartObject();
                g.writeStringField("text", e.text());
                g.writeBooleanField("expression", e.expression());
                g.writeEndObject();
            }
            g.writeEndArray();
            optional(g, "where", i.where());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("checks");
        for (CheckConstraint c : t.checks()) {
            g.writeStartObject();
            optional(g, "name", c.name());
            g.writeStringField("expression", c.expression());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * The schema {@link #write} wrote.
     *
     * @throws IllegalArgumentException when the text is not such a document (truncated, edited,
     *                                  or written by another version)
     */
    public static Schema read(String json) {
        Object document;
        try (JsonParser p = JSON.createParser(json)) {
            document = value(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the schema document");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a schema document: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> root = object(document);
            List<Table> tables = new ArrayList<>();
            for (Object t : list(root.get("tables"))) {
                tables.add(table(object(t)));
            }
            List<EnumType> enums = new ArrayList<>();
            for (Object e : list(root.get("enums"))) {
                Map<String, Object> m = object(e);
                enums.add(EnumType.of(text(m, "name"), strings(m.get("values"))));
            }
            List<Sequence> sequences = new ArrayList<>();
            for (Object s : list(root.get("sequences"))) {
                Map<String, Object> m = object(s);
                sequences.add(new Sequence(text(m, "name"), text(m, "type"), number(m, "start"), number(m, "increment")));
            }
            return Schema.of(tables, enums, sequences);
        } catch (ClassCastException | NullPointerException | dev.pinwheel.migrate.DbException e) {
            // a wrong type, a missing field, or parts the model's own factories refuse
            throw new IllegalArgumentException("not a schema document: " + e.getMessage(), e);
        }
    }

    private static Table table(Map<String, Object> m) {
        Table.Builder b = Table.builder(text(m, "name")).comment((String) m.get("comment"));
        for (Object o : list(m.get("columns"))) {
            Map<String, Object> c = object(o);
            b.column(new Column(text(c, "name"), text(c, "type"), (Boolean) c.get("nullable"),
                    Optional.ofNullable((String) c.get("default")), Optional.ofNullable((String) c.get("comment")),
                    constant(Identity.class, c, "identity")));
        }
        if (m.get("primaryKey") != null) {
            Map<String, Object> pk = object(m.get("primaryKey"));
            b.primaryKey(new PrimaryKey(Optional.ofNullable((String) pk.get("name")), strings(pk.get("columns"))));
        }
        for (Object o : list(m.get("foreignKeys"))) {
            Map<String, Object> fk = object(o);
            b.foreignKey(new ForeignKey(Optional.ofNullable((String) fk.get("name")), strings(fk.get("columns")),
                    text(fk, "referredTable"), strings(fk.get("referredColumns")),
                    constant(ReferentialAction.class, fk, "onDelete"), constant(ReferentialAction.class, fk, "onUpdate")));
        }
        for (Object o : list(m.get("uniques"))) {
            Map<String, Object> u = object(o);
            b.unique(new UniqueConstraint(Optional.ofNullable((String) u.get("name")), strings(u.get("columns"))));
        }
        for (Object o : list(m.get("indexes"))) {
            Map<String, Object> i = object(o);
            List<Index.Element> elements = new ArrayList<>();
            for (Object e : list(i.get("elements"))) {
                Map<String, Object> em = object(e);
                elements.add(new Index.Element(text(em, "text"), (Boolean) em.get("expression")));
            }
            b.index(new Index(Optional.ofNullable((String) i.get("name")), (Boolean) i.get("unique"), elements,
                    Optional.ofNullable((String) i.get("where"))));
        }
        for (Object o : list(m.get("checks"))) {
            Map<String, Object> c = object(o);
            b.check(new CheckConstraint(Optional.ofNullable((String) c.get("name")), text(c, "expression")));
        }
        return b.build();
    }

    /** A JSON value as maps, lists, strings, booleans, longs and null. */
    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IOException("the document ends early");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, value(p, p.nextToken()));
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw new IOException("the document ends inside an object");
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, next));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("not a schema document: expected an object, found " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("not a schema document: expected a list, found " + o);
        }
        return (List<Object>) o;
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String.class::cast).toList();
    }

    private static String text(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("not a schema document: " + field + " is " + v);
        }
        return s;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Map<String, Object> m, String field) {
        String name = text(m, field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a schema document: " + field + " is " + name, e);
        }
    }

    private static long number(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("not a schema document: " + field + " is " + v);
        }
        return l;
    }
}
