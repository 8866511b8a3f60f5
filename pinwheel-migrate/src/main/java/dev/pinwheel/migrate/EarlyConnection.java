package dev.pinwheel.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A connection opened on a background thread while the command does other work: loading the
 * driver, the handshake and authentication take as long as parsing a thousand scripts (or a
 * good part of a model's interpreter run), and the two need nothing from each other. Hand it to
 * a {@link Migrator}, which takes it on its first database call, or {@link #take()} it;
 * {@link #close()} closes it if nothing took it.
 */
public final class EarlyConnection implements AutoCloseable {

    private final CompletableFuture<Connection> future = new CompletableFuture<>();
    private volatile boolean taken;

    private EarlyConnection() {
    }

    /** Starts connecting to {@code url} for migrations; never throws (a failure shows when the connection is taken). */
    public static EarlyConnection open(DbUrl url) {
        return opening(() -> Dialects.forUrl(url).connectForMigrations(url));
    }

    /** Starts {@code connect}; never throws (a failure shows when the connection is taken). */
    public static EarlyConnection opening(Callable<Connection> connect) {
        EarlyConnection early = new EarlyConnection();
        Thread thread = new Thread(() -> {
            try {
                early.future.complete(connect.call());
            } catch (Throwable e) {
                early.future.completeExceptionally(e);
            }
        }, "pinwheel-db-connect");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** Waits for the connection (or the error connecting made); the caller owns it from here on. */
    public Connection take() throws SQLException {
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
