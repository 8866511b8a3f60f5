package dev.pinwheel.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.FileLock;
import java.util.Properties;

/**
 * SQLite: transactional DDL, triggers with {@code BEGIN ... END} bodies, and no server to hold a
 * lock. The session lock is an exclusive OS lock on a file beside the database, held for the
 * whole run, so concurrent processes apply each revision exactly once.
 */
final class SqliteDialect implements Dialect {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public SqlSplitter.Flavor flavor() {
        return SqlSplitter.Flavor.SQLITE;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Connection connect(DbUrl url) throws SQLException {
        if (url.sqliteFile().isPresent()) {
            try {
                Files.createDirectories(url.sqliteFile().get().getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create the folder for " + url.sqliteFile().get(), e);
            }
        }
        SqliteNativeLibrary.prepare();
        Properties p = new Properties();
        p.setProperty("busy_timeout", "30000");
        Connection c = new org.sqlite.JDBC().connect(url.jdbcUrl(), p);
        if (c == null) {
            throw new SQLException("the SQLite driver refused " + url.jdbcUrl());
        }
        return c;
    }

    @Override
    public AutoCloseable lock(Connection connection, DbUrl url, String versionTable, Runnable onWait) throws SQLException {
        if (url.sqliteFile().isEmpty()) {
            return () -> { };
        }
        Path file = url.sqliteFile().get().resolveSibling(url.sqliteFile().get().getFileName() + ".pinwheel-lock");
        String what = "the database " + url.sqliteFile().get().getFileName();
        try {
            return FileLock.acquire(file, Duration.ZERO, what);
        } catch (PinwheelException busy) {
            onWait.run();
            // Migrations may legitimately take hours; wait as long as the other session runs.
            return FileLock.acquire(file, Duration.ofDays(1), what);
        }
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String createHistoryTable(String table) {
        return "CREATE TABLE " + quote(table) + " (\n"
                + "    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                + "    revision VARCHAR(32) NOT NULL,\n"
                + "    direction VARCHAR(9) NOT NULL,\n"
                + "    checksum VARCHAR(64),\n"
                + "    started_at TIMESTAMP NOT NULL,\n"
                + "    finished_at TIMESTAMP NOT NULL,\n"
                + "    duration_ms BIGINT NOT NULL,\n"
                + "    applied_by VARCHAR(255) NOT NULL,\n"
                + "    tool_version VARCHAR(64) NOT NULL,\n"
                + "    success BOOLEAN NOT NULL\n)";
    }

    @Override
    public String timestampLiteral(Instant instant) {
        return "'" + instant.toString() + "'";
    }

    @Override
    public String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
