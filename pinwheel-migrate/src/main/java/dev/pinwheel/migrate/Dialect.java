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
     * @param startedAt SQL for when the transaction started, {@code {history}} standing for the
     *     history table: every transaction of one message may share one start time (PostgreSQL's
     *     {@code now()} is when the message arrived), so a revision started when the one before it
     *     finished, or when the message arrived if that was later
     * @param finishedAt SQL for now, at the end of the transaction
     * @param durationMs SQL for the milliseconds between the two, {@code {started}} standing for
     *     {@code startedAt}
     * @param prepare how the session names a statement with parameters {@code $1}, {@code $2}, …
     *     (placeholders {@code {name}} and {@code {statement}}): the version-table move and the
     *     history row of every revision have the same shape, and a named statement is parsed and
     *     planned once per batch instead of once per revision (about 7 % of a 1,000-revision run's
     *     server time on PostgreSQL)
     * @param execute how a named statement runs (placeholders {@code {name}} and
     *     {@code {arguments}}, the latter the literals in parentheses, or nothing when there are none)
     */
    record Pipeline(String deferDurability, String restoreDurability, String startedAt, String finishedAt,
                    String durationMs, String prepare, String execute) {

        /** {@link #startedAt()} for this history table (quoted). */
        String startedAt(String historyTable) {
            return fill(startedAt, "{history}", historyTable);
        }

        /** {@link #durationMs()} for this history table (quoted). */
        String durationMs(String historyTable) {
            return fill(durationMs, "{started}", startedAt(historyTable));
        }

        /** The statement that names {@code statement} {@code name} for the session. */
        String prepare(String name, String statement) {
            return fill(fill(prepare, "{name}", name), "{statement}", statement);
        }

        /** The statement that runs the statement named {@code name} with these literals. */
        String execute(String name, String... literals) {
            return fill(fill(execute, "{name}", name), "{arguments}",
                    literals.length == 0 ? "" : "(" + String.join(", ", literals) + ")");
        }

        private static String fill(String template, String placeholder, String value) {
            int at = template.indexOf(placeholder);
            return template.substring(0, at) + value + template.substring(at + placeholder.length());
        }
    }
}
