package dev.pinwheel.migrate.schema;

import java.util.List;
import java.util.Optional;

/** A primary key; unnamed where the database reports no name (SQLite). */
public record PrimaryKey(Optional<String> name, List<String> columns) {

    public PrimaryKey {
        Invalid.optionalName(name, "primary key name");
        columns = Invalid.names(columns, "primary key columns", false);
        Invalid.unique(columns, "primary key column");
    }

    public static PrimaryKey of(String name, List<String> columns) {
        return new PrimaryKey(Optional.ofNullable(name), columns);
    }

    public static PrimaryKey of(List<String> columns) {
        return new PrimaryKey(Optional.empty(), columns);
    }

    public PrimaryKey withName(String newName) {
        return new PrimaryKey(Optional.ofNullable(newName), columns);
    }
}
