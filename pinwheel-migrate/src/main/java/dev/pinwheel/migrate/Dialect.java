package dev.pinwheel.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * One database family, the single place where SQLite and PostgreSQL differ: connecting, the
 * statement splitter's rules, the session lock, and the SQL of pinwheel's own bookkeeping
 * tables. Dialects are registered by name in {@link Dialects} and chosen from the URL; the
 * autogenerate work adds introspection and rendering here, one class per family.
 */
public interface Dialect {

    /** The SQLAlchemy dialect name: {@code sqlite}, {@code postgresql}. */
    String name();

    SqlSplitter.Flavor flavor();

    /** Whether DDL is transactional, so a failed migration leaves no trace. */
    boolean transactionalDdl();

    /** Opens a connection without going through {@code DriverManager} (which would load every driver). */
    Connection connect(DbUrl url) throws SQLException;

    /**
     * Opens the connection that runs migrations: one that sends each text as it is, several
     * statements in one message if the text holds several (as psql and psycopg2 send them), so
     * that a {@link #pipeline() pipeline} of transactions reaches the server as one message that
     * the server stops at its first error. The same as {@link #connect} by default.
     */
    default Connection connectForMigrations(DbUrl url) throws SQLException {
        return connect(url);
    }

    /**
     * Takes the session lock that serializes migrations on one database, waiting as long as it
     * takes; {@code onWait} runs once if another session holds it.
     */
    AutoCloseable lock(Connection connection, DbUrl url, String versionTable, Runnable onWait) throws SQLException;

    boolean tableExists(Connection connection, String table) throws SQLException;

    /** A double-quoted identifier where needed. */
    default String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A string literal. */
    default String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** Alembic's version table, exactly: one VARCHAR(32) column, primary key named {@code <table>_pkc}. */
    default String createVersionTable(String table) {
        return "CREATE TABLE " + quote(table) + " (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT "
                + quote(table + "_pkc") + " PRIMARY KEY (version_num)\n)";
    }

    /** The append-only history table. */
    String createHistoryTable(String table);

    /** A timestamp literal for offline SQL and for inserting. */
    String timestampLiteral(Instant instant);

    /** A boolean literal. */
    String booleanLiteral(boolean value);

    /**
     * Starts loading, on a background thread, what this dialect's first connection will need, so
     * that it overlaps the parsing of the command line; nothing by default. Only a hint: it never
     * fails, and a connection never made costs just that thread's work.
     */
    default void warmUp() {
    }

    /**
     * How a revision's whole transaction goes to a server in one round trip, or empty for an
     * embedded database, where a statement costs no round trip.
     */
    default Optional<Pipeline> pipeline() {
        return Optional.empty();
    }

    /**
     * What a pipelined transaction needs from the dialect. The history row cannot carry a time the
     * client measures after the statements ran (it travels with them), so the server measures it.
     *
     * @param deferDurability a statement that lets the session's commits return before the disk
     *     has them, from the transaction it runs in on (it is rolled back with that transaction);
     *     used for every revision of a run but the last, whose durable commit flushes them all
     *     (the log is sequential). A crash in between loses only whole revisions at the end of the
     *     run, which the next run applies again.
     * @param restoreDurability a statement that gives the session back its configured durability,
     *     in the run's last transaction (whose commit then waits for the disk) or after a failure
     * @param startedAt SQL for when the transaction started
     * @param finishedAt SQL for now, at the end of the transaction
     * @param durationMs SQL for the milliseconds between the two
     */
    record Pipeline(String deferDurability, String restoreDurability, String startedAt, String finishedAt, String durationMs) {
    }
}
