package dev.pinwheel.migrate.schema;

import java.util.List;
import java.util.Optional;

/** A UNIQUE table constraint (a unique index made with CREATE UNIQUE INDEX is an {@link Index}). */
public record UniqueConstraint(Optional<String> name, List<String> columns) {

    public UniqueConstraint {
        Invalid.optionalName(name, "unique constraint name");
        columns = Invalid.names(columns, "unique constraint columns", false);
        Invalid.unique(columns, "unique constraint column");
    }

    public static UniqueConstraint of(String name, List<String> columns) {
        return new UniqueConstraint(Optional.ofNullable(name), columns);
    }

    public UniqueConstraint withName(String newName) {
        return new UniqueConstraint(Optional.ofNullable(newName), columns);
    }
}
