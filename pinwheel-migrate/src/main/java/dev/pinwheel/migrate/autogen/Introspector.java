package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.schema.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * Reads one schema of a live database into the normalized model with a handful of bulk catalog
 * queries (never one per table). The real database and the dev database go through the same
 * introspector, so every text compared (types, defaults, expressions) is printed by the same
 * server the same way.
 */
public interface Introspector {

    /**
     * @param schema the PostgreSQL schema to read ({@code main} on SQLite)
     * @param includeTable which tables to read; the others are not fetched at all
     */
    Schema read(Connection connection, String schema, Predicate<String> includeTable) throws SQLException;

    static Introspector forDialect(String dialect) {
        return switch (dialect) {
            case "postgresql" -> new PostgresIntrospector();
            case "sqlite" -> new SqliteIntrospector();
            default -> throw new IllegalArgumentException("no introspector for " + dialect);
        };
    }
}
