package dev.pinwheel.migrate.schema;

import java.util.List;

/** A PostgreSQL enum type with its labels in sort order. */
public record EnumType(String name, List<String> values) {

    public EnumType {
        Invalid.name(name, "enum type name");
        Invalid.check(values != null, "values of enum " + name + " must not be null");
        values = List.copyOf(values);
        Invalid.unique(values, "value of enum " + name);
    }

    public static EnumType of(String name, List<String> values) {
        return new EnumType(name, values);
    }

    public static EnumType of(String name, String... values) {
        return new EnumType(name, List.of(values));
    }
}
