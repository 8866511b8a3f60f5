/**
 * The schema side of {@code db revision --autogenerate} and {@code db check}, pure and free of
 * I/O: the normalized model (immutable records with validating factories:
 * {@link dev.pinwheel.migrate.schema.Schema}, {@link dev.pinwheel.migrate.schema.Table},
 * {@link dev.pinwheel.migrate.schema.Column} and the constraint, index, enum and sequence
 * records), SQLAlchemy's {@link dev.pinwheel.migrate.schema.NamingConvention}, canonical type text
 * ({@link dev.pinwheel.migrate.schema.SqlTypes}), the diff of two schemas into reversible
 * operations ({@link dev.pinwheel.migrate.schema.SchemaDiff} →
 * {@link dev.pinwheel.migrate.schema.SchemaChange}) and their rendering per dialect
 * ({@link dev.pinwheel.migrate.schema.SqlRenderer} → {@link dev.pinwheel.migrate.schema.RenderedMigration}),
 * and an exact JSON form of a schema ({@link dev.pinwheel.migrate.schema.SchemaJson}) to keep one between runs.
 * Introspection of real databases lives elsewhere and produces this model.
 *
 * <p>Traps handled: catalog queries return constraints in any order, so the model sorts them
 * into one canonical order and equal schemas are equal records; types are compared as the
 * database's canonical text, never guessed from what a model wrote; PostgreSQL's serial is one
 * column property, not a column, a default and a sequence; SQLite's declared types are kept
 * verbatim because they decide rowid aliasing. The diff orders operations by dependency (enum
 * types before their columns, referenced tables before foreign keys, cycles closed afterwards,
 * drops in reverse) and detaches foreign keys from a key being replaced; renames are only
 * proposed when unambiguous and always carry their evidence. SQLite's limited ALTER TABLE is met
 * with one table rebuild per table that keeps the rows; PostgreSQL enum values cannot be dropped,
 * so such a type is recreated and its columns converted. Every destructive or risky statement
 * gets a {@code -- REVIEW:} comment.
 */
package dev.pinwheel.migrate.schema;
