package dev.pinwheel.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where planned SQL goes: a live connection, or a buffer for {@code --sql}. Offline mode is the
 * same execution path with a different sink, so what a DBA reads is what pinwheel would run.
 */
interface Sink {

    void begin() throws SQLException;

    void execute(String sql) throws SQLException;

    void commit() throws SQLException;

    void rollback() throws SQLException;

    /**
     * Runs statements that carry their own {@code BEGIN} and {@code COMMIT} (several transactions
     * one after the other). A live connection sends them in one round trip; a failure rolls back
     * the transaction it happened in, skips the rest, and does not say which statement failed.
     */
    default void pipeline(List<String> statements) throws SQLException {
        for (String sql : statements) {
            execute(sql);
        }
    }

    /** A comment line; only offline output shows it. */
    default void comment(String text) {
    }

    /** Runs statements on a connection; outside {@link #begin()} each one commits by itself. */
    final class Jdbc implements Sink {
        private final Connection connection;

        Jdbc(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void begin() throws SQLException {
            connection.setAutoCommit(false);
        }

        @Override
        public void execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                // Scripts are the database's SQL, not JDBC's: {fn ...} and {d ...} mean nothing here.
                s.setEscapeProcessing(false);
                s.execute(sql);
            }
        }

        /**
         * One text, which a connection for migrations ({@link Dialect#connectForMigrations})
         * sends as one message: one round trip instead of one per statement, and the server stops
         * at the first error. Each statement ends on a line of its own, so a trailing {@code --}
         * comment cannot swallow the separator. After a failure the server has skipped the rest
         * and may hold the failed transaction open; it is ended here.
         */
        @Override
        public void pipeline(List<String> statements) throws SQLException {
            StringBuilder text = new StringBuilder();
            for (String sql : statements) {
                if (text.length() > 0) {
                    text.append(";\n");
                }
                text.append(sql).append('\n');
            }
            try {
                execute(text.toString());
            } catch (SQLException e) {
                try {
                    execute("ROLLBACK");
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }

        @Override
        public void commit() throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        public void rollback() throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** Writes the SQL for a DBA, each statement terminated and followed by a blank line. */
    final class Buffer implements Sink {
        private final StringBuilder out = new StringBuilder();

        @Override
        public void begin() {
            out.append("BEGIN;\n\n");
        }

        @Override
        public void execute(String sql) {
            out.append(sql.strip()).append(";\n\n");
        }

        @Override
        public void commit() {
            out.append("COMMIT;\n\n");
        }

        @Override
        public void rollback() {
        }

        @Override
        public void comment(String text) {
            out.append("-- ").append(text).append("\n\n");
        }

        String text() {
            return out.toString();
        }
    }
}
