package dev.pinwheel.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where planned SQL goes: a live connection, or a buffer for {@code --sql}. Offline mode is the
 * same execution path with a different sink, so what a DBA reads is what pinwheel would run.
 */
interface Sink {

    void begin() throws SQLException;

    void execute(String sql) throws SQLException;

    void commit() throws SQLException;

    void rollback() throws SQLException;

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
                s.execute(sql);
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
