/**
 * The normalized schema model of {@code db revision --autogenerate} and {@code db check}, pure and
 * free of I/O: immutable records with validating factories ({@link dev.pinwheel.migrate.schema.Schema},
 * {@link dev.pinwheel.migrate.schema.Table}, {@link dev.pinwheel.migrate.schema.Column} and the
 * constraint, index, enum and sequence records), SQLAlchemy's naming convention
 * ({@link dev.pinwheel.migrate.schema.NamingConvention}) and canonical type text
 * ({@link dev.pinwheel.migrate.schema.SqlTypes}).
 *
 * <p>Traps handled: catalog queries return constraints in any order, so the model sorts them
 * into one canonical order and equal schemas are equal records; types are compared as the
 * database's canonical text, never guessed from what a model wrote; PostgreSQL's serial is one
 * column property, not a column, a default and a sequence; SQLite's declared types are kept
 * verbatim because they decide rowid aliasing.
 */
package dev.pinwheel.migrate.schema;
