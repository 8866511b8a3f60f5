package dev.pinwheel.migrate.schema;

import java.util.List;
import java.util.Optional;

/**
 * An index made by CREATE [UNIQUE] INDEX, with column and expression elements in order and an
 * optional partial {@code WHERE} predicate (database's normalized text, without {@code WHERE}).
 */
public record Index(Optional<String> name, boolean unique, List<Element> elements, Optional<String> where) {

    /** One indexed element: a column name, or an expression as the database prints it (e.g. {@code lower(email)}). */
    public record Element(String text, boolean expression) {
        public Element {
            Invalid.name(text, "index element");
            text = text.strip();
        }

        public static Element column(String name) {
            return new Element(name, false);
        }

        public static Element expression(String sql) {
            return new Element(sql, true);
        }
    }

    public Index {
        Invalid.optionalName(name, "index name");
        Invalid.check(elements != null && !elements.isEmpty(), "index " + name.orElse("") + " has no elements");
        elements = List.copyOf(elements);
        Invalid.optional(where, "index predicate");
        where = where.map(String::strip);
    }

    /** A plain (non-unique, non-partial) index over columns. */
    public static Index of(String name, List<String> columns) {
        return new Index(Optional.ofNullable(name), false, columns.stream().map(Element::column).toList(), Optional.empty());
    }

    /** A unique index over columns. */
    public static Index unique(String name, List<String> columns) {
        return of(name, columns).withUnique(true);
    }

    public Index withName(String newName) {
        return new Index(Optional.ofNullable(newName), unique, elements, where);
    }

    public Index withUnique(boolean newUnique) {
        return new Index(name, newUnique, elements, where);
    }

    /** A copy with this partial predicate ({@code null} for none). */
    public Index withWhere(String predicate) {
        return new Index(name, unique, elements, Optional.ofNullable(predicate));
    }

    /** The plain column elements, in order (expressions left out). */
    public List<String> columns() {
        return elements.stream().filter(e -> !e.expression()).map(Element::text).toList();
    }
}
