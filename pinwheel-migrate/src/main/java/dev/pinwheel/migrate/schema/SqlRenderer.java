package dev.pinwheel.migrate.schema;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.List;

/**
 * Renders schema changes into the SQL of a revision script for one dialect. The downgrade is
 * the rendering of the reversed changes, so it undoes the upgrade step by step. Every destructive
 * or risky statement carries a {@code -- REVIEW:} comment for the person who reads the draft.
 */
public interface SqlRenderer {

    /** {@code postgresql} or {@code sqlite}. */
    String dialect();

    /**
     * The upgrade and downgrade SQL of {@code changes} applied to {@code from} (the database as it
     * is, as {@link DiffOptions#prepare} made it for the diff): the renderer follows the schema through the changes, because some statements need a
     * table's whole state (SQLite's table rebuilds, the columns using an enum type).
     */
    RenderedMigration render(Schema from, List<SchemaChange> changes);

    static SqlRenderer forDialect(String name) {
        switch (name) {
            case "postgresql":
                return new PostgresRenderer();
            case "sqlite":
                return new SqliteRenderer();
            default:
                throw new DbException(Category.BAD_INPUT, "no schema renderer for dialect '" + name + "'",
                        "autogenerate supports sqlite and postgresql");
        }
    }
}
