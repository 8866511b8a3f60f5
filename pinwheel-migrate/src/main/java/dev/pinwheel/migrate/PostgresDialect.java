package dev.pinwheel.migrate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.util.HostSpec;

/**
 * PostgreSQL: transactional DDL, dollar quoting, nested comments, {@code E''} strings; the
 * session lock is a session-level advisory lock keyed by the version table's name, released when
 * the session ends even if the process dies.
 */
final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public SqlSplitter.Flavor flavor() {
        return SqlSplitter.Flavor.POSTGRES;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /**
     * pgjdbc's connection class with its logging, and the JDK's HMAC, PBKDF2 and SHA-256 for SCRAM
     * authentication: about a tenth of a second that {@link EarlyConnection} would otherwise spend
     * before its first byte to the server.
     */
    @Override
    public void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                Class.forName("org.postgresql.jdbc.PgConnection", true, PostgresDialect.class.getClassLoader());
                javax.crypto.Mac.getInstance("HmacSHA256");
                javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
                java.security.MessageDigest.getInstance("SHA-256");
            } catch (Throwable ignored) {
                // a hint only: the real connection reports any problem
            }
        }, "pinwheel-db-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * pgjdbc's connection, made the way its {@code Driver.connect} makes it once it has read the
     * URL (one host, the database in {@code PGDBNAME}). The driver's own entry point first looks
     * for {@code driverconfig.properties} files on the class path, through a privileged action it
     * calls reflectively (which costs the JVM an annotation proxy class), and parses the URL back
     * into the properties {@link DbUrl} already has: {@code db current} was 23–26 ms faster
     * without them (medians of alternating runs).
     */
    @Override
    public Connection connect(DbUrl url) throws SQLException {
        return connect(url, false);
    }

    /**
     * pgjdbc's simple query mode: a text of several statements goes as one Query message, which
     * the server runs in order and stops at the first error (in the default extended mode the
     * driver splits the text, sends each statement as four messages, and every ~250 statements
     * waits for the answers so far: 1,000 one-table revisions spent ~1.5 s waiting, ~1.2 s this
     * way). Parameters of prepared statements are then sent as literals, which pgjdbc quotes.
     */
    @Override
    public Connection connectForMigrations(DbUrl url) throws SQLException {
        return connect(url, true);
    }

    private static Connection connect(DbUrl url, boolean simpleQueries) throws SQLException {
        DbUrl.Endpoint server = url.pgEndpoint();
        Properties properties = url.connectionProperties();
        if (simpleQueries) {
            properties.setProperty("preferQueryMode", "simple");
        }
        // The application name travels in the startup message instead of a SET the driver sends
        // after it (one round trip fewer); every server since 9.0 (2010) takes it there.
        properties.putIfAbsent("assumeMinServerVersion", "9.0");
        properties.setProperty("PGHOST", server.host());
        properties.setProperty("PGPORT", Integer.toString(server.port()));
        properties.setProperty("PGDBNAME", server.database());
        return new PgConnection(new HostSpec[] {new HostSpec(server.host(), server.port())}, properties, url.jdbcUrl());
    }

    /** A stable 64-bit key: FNV-1a of the table name, so every pinwheel agrees on it. */
    static long lockKey(String versionTable) {
        long h = 0xcbf29ce484222325L;
        for (byte b : ("pinwheel-migrate:" + versionTable).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public AutoCloseable lock(Connection connection, DbUrl url, String versionTable, Runnable onWait) throws SQLException {
        long key = lockKey(versionTable);
        boolean got;
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                got = rs.getBoolean(1);
            }
        }
        if (!got) {
            onWait.run();
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                s.setLong(1, key);
                s.execute();
            }
        }
        return () -> {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    s.setLong(1, key);
                    s.execute();
                }
            }
        };
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        // The catalog itself: information_schema.tables is a view of several joins and privilege
        // checks, which the server plans on every start of a command (~2 ms, the first time).
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'f')")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String createHistoryTable(String table) {
        return "CREATE TABLE " + quote(table) + " (\n"
                + "    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
                + "    revision VARCHAR(32) NOT NULL,\n"
                + "    direction VARCHAR(9) NOT NULL,\n"
                + "    checksum VARCHAR(64),\n"
                + "    started_at TIMESTAMP WITH TIME ZONE NOT NULL,\n"
                + "    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,\n"
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
        return value ? "true" : "false";
    }

    /**
     * clock_timestamp() is the moment it is evaluated, now() when the message arrived. A revision
     * of a batch starts as the one before it (the history's last row) finishes, unless that row
     * is older than the message or says it finished later than now: rows of revisions run one
     * statement at a time carry the client's clock, which may be ahead of the server's.
     */
    private static final String STARTED_AT = "LEAST(clock_timestamp(), GREATEST(now(),"
            + " (SELECT finished_at FROM {history} ORDER BY id DESC LIMIT 1)))";
    private static final Pipeline PIPELINE = new Pipeline("SET synchronous_commit TO OFF", "RESET synchronous_commit",
            STARTED_AT, "clock_timestamp()", "CAST(EXTRACT(EPOCH FROM clock_timestamp() - {started}) * 1000 AS BIGINT)",
            "PREPARE {name} AS {statement}", "EXECUTE {name}{arguments}");

    @Override
    public Optional<Pipeline> pipeline() {
        return Optional.of(PIPELINE);
    }
}
