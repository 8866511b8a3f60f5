package dev.pinwheel.migrate.autogen;

/**
 * Where the wanted schema comes from: a SQLAlchemy model read by the project's interpreter
 * ({@link SqlAlchemyModel}) or a declarative {@code schema.sql} ({@link SchemaFile}). Both hand
 * over DDL for one dialect, which is then materialized and introspected like the real database.
 */
public interface TargetSource {

    /** The DDL for {@code dialect} ({@code sqlite} or {@code postgresql}). */
    TargetDdl load(String dialect);
}
