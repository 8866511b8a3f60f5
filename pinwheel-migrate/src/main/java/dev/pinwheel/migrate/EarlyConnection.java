package dev.pinwheel.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A connection opened on a background thread while the command reads its scripts: loading the
 * driver, the handshake and authentication take as long as parsing a thousand scripts, and the
 * two need nothing from each other. Hand it to a {@link Migrator}, which takes it on its first
 * database call; {@link #close()} closes it if nothing took it.
 */
public final class EarlyConnection implements AutoCloseable {

    private final CompletableFuture<Connection> future = new CompletableFuture<>();
    private volatile boolean taken;

    private EarlyConnection() {
    }

    /** Starts connecting to {@code url}; never throws (a failure shows when the connection is taken). */
    public static EarlyConnection open(DbUrl url) {
        EarlyConnection early = new EarlyConnection();
        Thread thread = new Thread(() -> {
            try {
                early.future.complete(Dialects.forUrl(url).connectForMigrations(url));
            } catch (Throwable e) {
                early.future.completeExceptionally(e);
            }
        }, "pinwheel-db-connect");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** Waits for the connection; the caller owns it from here on. */
    Connection take() throws SQLException {
        taken = true;
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SQLException("interrupted while connecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(cause.getMessage(), cause);
        }
    }

    /** Closes the connection if no migrator took it (now, or when it finishes opening). */
    @Override
    public void close() {
        if (!taken) {
            taken = true;
            future.thenAccept(c -> {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Nobody used it; there is nothing to report.
                }
            });
        }
    }
}
