package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.Dialect;
import dev.pinwheel.migrate.Dialects;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scratch "dev database" where the wanted schema is built so it can be introspected exactly
 * like the real one: an in-memory SQLite database, or on PostgreSQL a schema inside a transaction
 * that is never committed, so it vanishes afterwards even when pinwheel fails or is killed.
 *
 * <p>On PostgreSQL the target goes first into the session's temporary schema ({@code pg_temp_N}):
 * the server writes no WAL and fsyncs no new index for temporary relations, which makes building a
 * few hundred tables about 40 % cheaper, and the catalog reads them exactly as it reads any other
 * schema. What a temporary schema cannot hold makes the DDL fail there (an {@code UNLOGGED} table,
 * a materialized view, a foreign key to a table outside it, a function of the target's called by
 * its plain name, an extension); then the whole target is built again, from a savepoint, in a
 * schema {@code pinwheel_dev_<random>}, and any error is reported from there. A target that makes
 * temporary objects of its own goes there directly: they must not be read as its tables. Either schema comes
 * first on its own session's search path, so unqualified DDL lands in it and still sees the
 * server's extensions.
 */
public final class DevDatabase implements AutoCloseable {

    /**
     * A statement of the target's own that makes temporary objects, which live in the temporary
     * schema too (found anywhere in the text: a match in a comment only costs the faster build).
     */
    private static final Pattern TEMPORARY = Pattern.compile(
            "(?i)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?TEMP(?:ORARY)?\\s");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+)CONCURRENTLY\\s+");

    private final Connection connection;
    private final boolean ownsConnection;
    private final DbUrl url;
    /** Whether a PostgreSQL target is tried in the session's temporary schema first. */
    private final boolean temporaryFirst;
    /** Where the target lives: set by {@link #apply(TargetDdl)} on PostgreSQL. */
    private String schema;

    private DevDatabase(Connection connection, boolean ownsConnection, String schema, DbUrl url, boolean temporaryFirst) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.schema = schema;
        this.url = url;
        this.temporaryFirst = temporaryFirst;
    }

    /**
     * Opens the dev database for {@code target}'s dialect: a fresh in-memory SQLite database; or a
     * scratch schema on {@code shared} (a PostgreSQL session used for nothing else meanwhile,
     * whose transaction this takes over and rolls back on close), made by {@link #apply(TargetDdl)}.
     */
    public static DevDatabase open(DbUrl target, Connection shared) {
        return open(target, shared, true);
    }

    /** {@link #open(DbUrl, Connection)}; with {@code temporaryFirst} false, PostgreSQL targets go straight to a named schema. */
    static DevDatabase open(DbUrl target, Connection shared, boolean temporaryFirst) {
        if (target.isSqlite()) {
            DbUrl memory = DbUrl.parse("sqlite://", java.nio.file.Path.of("."));
            try {
                return new DevDatabase(Dialects.forUrl(memory).connect(memory), true, "main", memory, false);
            } catch (SQLException e) {
                throw new DbException(Category.ENVIRONMENT, "cannot open an in-memory SQLite database: " + e.getMessage(),
                        null, e);
            }
        }
        try {
            shared.setAutoCommit(false);
        } catch (SQLException e) {
            throw failed(target, e);
        }
        // Until apply() runs, a name no schema has: reading it finds nothing.
        return new DevDatabase(shared, false, "pg_temp", target, temporaryFirst);
    }

    /** Creates the named scratch schema and puts it first on the search path for this transaction. */
    private static String scratchSchema(Connection c, DbUrl target) {
        String schema = "pinwheel_dev_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            // set_config(..., true) is SET LOCAL: it ends with the transaction.
            s.execute("SELECT set_config('search_path', '" + schema + ", ' || current_setting('search_path'), true)");
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw new DbException(Category.ENVIRONMENT, "cannot create the scratch schema " + schema + " on "
                    + target + ": " + target.mask(e.getMessage()),
                    "the role needs CREATE on the database, or set dev_url in [tool.pinwheel.db] to a scratch database", e);
        }
        return schema;
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
            return new DevDatabase(c, true, "main", devUrl, false);
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
        return new DevDatabase(dev.connection, true, dev.schema, devUrl, dev.temporaryFirst);
    }

    public Connection connection() {
        return connection;
    }

    /**
     * The schema the wanted tables live in: {@code main} on SQLite; on PostgreSQL, once the target
     * is applied, the session's temporary schema or the named scratch schema.
     */
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
        if (url.isPostgres()) {
            if (temporaryFirst && ddl.statements().stream().noneMatch(q -> TEMPORARY.matcher(q).find())
                    && applyTemporary(ddl)) {
                return;
            }
            schema = scratchSchema(connection, url);
        }
        apply(connection, url, ddl);
    }

    /**
     * Builds the target in the session's temporary schema, in one batch; false (and nothing of it
     * left, the search path included: SET LOCAL ends with the savepoint) when the server refused any of it.
     */
    private boolean applyTemporary(TargetDdl ddl) {
        try {
            if (!inOneBatch(connection, "SELECT set_config('search_path', 'pg_temp, ' || current_setting('search_path'), true)",
                    statements(ddl, true))) {
                return false;
            }
            // No row when the target created nothing: the placeholder name then reads as empty.
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()")) {
                if (rs.next()) {
                    schema = rs.getString(1);
                }
            }
            return true;
        } catch (SQLException e) {
            throw failed(url, e);
        }
    }

    /**
     * Runs {@code first} (null: nothing), then {@code sql} as one batch (one round trip), from a
     * savepoint; false, with everything since the savepoint undone, when the server refused any of it.
     */
    private static boolean inOneBatch(Connection connection, String first, List<String> sql) throws SQLException {
        Savepoint before = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            if (first != null) {
                s.execute(first);
            }
            for (String q : sql) {
                s.addBatch(q);
            }
            s.executeBatch();
            return true;
        } catch (SQLException refused) {
            try {
                connection.rollback(before);
            } catch (SQLException e) {
                e.addSuppressed(refused);
                throw e;
            }
            return false;
        }
    }

    private static List<String> statements(TargetDdl ddl, boolean postgres) {
        // The scratch schema is empty and private; CONCURRENTLY would only refuse the transaction.
        return ddl.statements().stream().map(q -> postgres ? CONCURRENTLY.matcher(q).replaceFirst("$1") : q).toList();
    }

    /** {@link #apply(TargetDdl)} on {@code connection}, a session on {@code url}'s server inside a transaction on PostgreSQL. */
    static void apply(Connection connection, DbUrl url, TargetDdl ddl) {
        boolean postgres = url.isPostgres();
        List<String> sql = statements(ddl, postgres);
        try {
            if (postgres && !sql.isEmpty() && inOneBatch(connection, null, sql)) {
                return;
            }
        } catch (SQLException e) {
            throw failed(url, e);
        }
        try (Statement s = connection.createStatement()) {
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
            throw failed(url, e);
        }
    }

    private static DbException failed(DbUrl url, SQLException e) {
        return new DbException(Category.ENVIRONMENT, "the dev database failed: " + url.mask(e.getMessage()), null, e);
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip() + " ...";
    }

    @Override
    public void close() {
        if (!ownsConnection) {
            if (url.isPostgres()) {
                rollbackQuietly(connection);
            }
            return;
        }
        // A session that ends rolls its open transaction back on the server by itself, after
        // pinwheel has gone on: no need to wait while the server removes a few thousand files.
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is left behind: the scratch schema goes with the transaction, never committed.
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
