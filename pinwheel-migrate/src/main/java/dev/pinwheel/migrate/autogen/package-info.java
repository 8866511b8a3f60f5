/**
 * Autogenerate: compares the database with the wanted schema and drafts the migration.
 *
 * <p>The wanted schema comes from a {@link dev.pinwheel.migrate.autogen.TargetSource}: a SQLAlchemy
 * model read by the project's own interpreter ({@link dev.pinwheel.migrate.autogen.SqlAlchemyModel},
 * through the helper {@code model_ddl.py} shipped as a resource) or a {@code schema.sql}
 * ({@link dev.pinwheel.migrate.autogen.SchemaFile}). Its DDL is materialized in a scratch
 * {@link dev.pinwheel.migrate.autogen.DevDatabase} of the same dialect and both databases are
 * read by the same bulk catalog queries ({@link dev.pinwheel.migrate.autogen.Introspector}), so
 * the diff compares like with like instead of guessing from type strings.
 *
 * <p>Traps handled: the project's prints never corrupt the helper's answer; SQLAlchemy compiles
 * for the dialect without a database driver installed; on PostgreSQL the target is kept between
 * runs in a schema of its own and updated table by table ({@code KeptDevSchema}),
 * in one locked transaction that a kill rolls back, and only when it is sure to read like a fresh
 * build; otherwise the scratch schema lives in a transaction that is always rolled back, so nothing
 * is left behind; either way on a session of its own, so the real schema's search path never changes and no
 * printed expression gets qualified differently on the two sides; the interpreter, the real
 * database and the dev database work at the same time.
 */
package dev.pinwheel.migrate.autogen;
