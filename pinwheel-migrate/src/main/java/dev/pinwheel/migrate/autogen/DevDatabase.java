package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.Dialect;
import dev.pinwheel.migrate.Dialects;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scratch "dev database" where the wanted schema is built so it can be introspected exactly
 * like the real one: an in-memory SQLite database, or on PostgreSQL a schema
 * {@code pinwheel_dev_<random>} created inside a transaction that is always rolled back, so it
 * vanishes afterwards even when pinwheel fails or is killed. The dev schema comes first on its
 * own session's search path, so unqualified DDL lands in it and still sees the server's extensions.
 */
public final class DevDatabase implements AutoCloseable {

    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+)CONCURRENTLY\\s+");

    private final Connection connection;
    private final boolean ownsConnection;
    private final String schema;
    private final DbUrl url;

    private DevDatabase(Connection connection, boolean ownsConnection, String schema, DbUrl url) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.schema = schema;
        this.url = url;
    }

    /**
     * Opens the dev database for {@code target}'s dialect: a fresh in-memory SQLite database; or a
     * temporary schema on {@code shared} (a PostgreSQL session used for nothing else meanwhile,
     * whose transaction this takes over and rolls back on close).
     */
    public static DevDatabase open(DbUrl target, Connection shared) {
        if (target.isSqlite()) {
            DbUrl memory = DbUrl.parse("sqlite://", java.nio.file.Path.of("."));
            try {
                return new DevDatabase(Dialects.forUrl(memory).connect(memory), true, "main", memory);
            } catch (SQLException e) {
                throw new DbException(Category.ENVIRONMENT, "cannot open an in-memory SQLite database: " + e.getMessage(),
                        null, e);
            }
        }
        String schema = "pinwheel_dev_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try {
            shared.setAutoCommit(false);
            try (Statement s = shared.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                // set_config(..., true) is SET LOCAL: it ends with the transaction.
                s.execute("SELECT set_config('search_path', '" + schema + ", ' || current_setting('search_path'), true)");
            }
        } catch (SQLException e) {
            rollbackQuietly(shared);
            throw new DbException(Category.ENVIRONMENT, "cannot create the scratch schema " + schema + " on "
                    + target + ": " + target.mask(e.getMessage()),
                    "the role needs CREATE on the database, or set dev_url in [tool.pinwheel.db] to a scratch database", e);
        }
        return new DevDatabase(shared, false, schema, target);
    }

    /** Opens the dev database on a session of its own: the configured {@code dev_url}, or the target server. */
    public static DevDatabase openSeparate(DbUrl devUrl) {
        return openOwning(devUrl, connect(devUrl));
    }

    /** A session on the dev database's server, not yet holding the scratch schema. */
    static Connection connect(DbUrl devUrl) {
        try {
            return Dialects.forUrl(devUrl).connect(devUrl);
        } catch (SQLException e) {
            throw new DbException(Category.ENVIRONMENT, "cannot connect to the dev database " + devUrl + ": "
                    + devUrl.mask(e.getMessage()), "check dev_url in [tool.pinwheel.db]", e);
        }
    }

    /** Opens the dev database on {@code c} (from {@link #connect}), which it closes when done. */
    static DevDatabase openOwning(DbUrl devUrl, Connection c) {
        if (devUrl.isSqlite()) {
            return new DevDatabase(c, true, "main", devUrl);
        }
        DevDatabase dev;
        try {
            dev = open(devUrl, c);
        } catch (RuntimeException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new DevDatabase(dev.connection, true, dev.schema, devUrl);
    }

    public Connection connection() {
        return connection;
    }

    /** The schema the wanted tables live in ({@code main} on SQLite). */
    public String schema() {
        return schema;
    }

    public Dialect dialect() {
        return Dialects.forUrl(url);
    }

    /**
     * Runs the target's DDL; a failing statement is reported with its place in the source. On
     * PostgreSQL the statements go as one batch (one round trip for hundreds of tables); only when
     * the batch fails are they rerun one by one, from a savepoint, to name the statement.
     */
    public void apply(TargetDdl ddl) {
        apply(connection, url, ddl);
    }

    /** {@link #apply(TargetDdl)} on {@code connection}, a session on {@code url}'s server inside a transaction on PostgreSQL. */
    static void apply(Connection connection, DbUrl url, TargetDdl ddl) {
        boolean postgres = url.isPostgres();
        List<String> sql = ddl.statements().stream()
                // The scratch schema is empty and private; CONCURRENTLY would only refuse the transaction.
                .map(q -> postgres ? CONCURRENTLY.matcher(q).replaceFirst("$1") : q).toList();
        try (Statement s = connection.createStatement()) {
            if (postgres && !sql.isEmpty()) {
                Savepoint before = connection.setSavepoint();
                try {
                    for (String q : sql) {
                        s.addBatch(q);
                    }
                    s.executeBatch();
                    return;
                } catch (SQLException batchFailed) {
                    connection.rollback(before);
                    s.clearBatch();
                }
            }
            for (int i = 0; i < sql.size(); i++) {
                try {
                    s.execute(sql.get(i));
                } catch (SQLException e) {
                    int line = ddl.firstLines().get(i);
                    String where = line > 0 ? ddl.origin() + ":" + line : ddl.origin() + ", statement " + (i + 1);
                    throw new DbException(Category.BAD_INPUT, where + ": the " + url.dialect()
                            + " dev database refused the target schema's DDL: " + url.mask(e.getMessage()).strip(),
                            "the statement was: " + firstLine(sql.get(i)), e);
                }
            }
        } catch (SQLException e) {
            throw new DbException(Category.ENVIRONMENT, "the dev database failed: " + url.mask(e.getMessage()), null, e);
        }
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip() + " ...";
    }

    @Override
    public void close() {
        if (url.isPostgres()) {
            rollbackQuietly(connection);
        }
        if (ownsConnection) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Nothing is left behind: the scratch schema went with the rolled-back transaction.
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // A broken connection rolls back on the server by itself.
        }
    }
}
