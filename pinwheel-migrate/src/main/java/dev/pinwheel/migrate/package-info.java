/**
 * Versioned database migrations in Alembic's model: revision scripts and their graph, the
 * {@code alembic_version} table and the history table, the runner with its session lock, and
 * dialects (SQLite, PostgreSQL).
 */
package dev.pinwheel.migrate;
