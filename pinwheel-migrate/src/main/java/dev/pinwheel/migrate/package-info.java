/**
 * Versioned database migrations in Alembic's model, with plain-SQL scripts.
 *
 * <p>Public entry points: {@link dev.pinwheel.migrate.DbConfig} (settings and the URL),
 * {@link dev.pinwheel.migrate.ScriptDirectory} (scripts and their checked
 * {@link dev.pinwheel.migrate.RevisionGraph}), {@link dev.pinwheel.migrate.ScriptAuthor} (init,
 * revision, merge), {@link dev.pinwheel.migrate.Migrator} (upgrade, downgrade, stamp, current,
 * online or as SQL) and {@link dev.pinwheel.migrate.RevisionFormat} (Alembic's output shapes).
 *
 * <p>Traps handled: the {@code alembic_version} table exactly as Alembic makes it (one row per
 * head, so databases move between Alembic and pinwheel with {@code stamp}); SQLAlchemy URLs with
 * driver suffixes, percent-encoded passwords and socket directories, masked in every message;
 * statements split around quotes, dollar quotes, comments and trigger/function bodies; one
 * session lock per database so concurrent upgrades apply each revision once; linear-time graph
 * work for tens of thousands of revisions; no JDBC driver or TOML parser loaded by commands that
 * only read scripts. Dialects are plugins of one shape ({@link dev.pinwheel.migrate.Dialect})
 * registered by name in {@link dev.pinwheel.migrate.Dialects}.
 */
package dev.pinwheel.migrate;
