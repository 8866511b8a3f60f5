package dev.pinwheel.support;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock shared between processes (an OS file lock on a lock file) and between
 * threads of this process (the JVM refuses two OS locks on one file, so threads queue on an
 * in-process lock first). Release with {@link #close()}.
 */
public final class FileLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private FileLock(ReentrantLock local, FileChannel channel, java.nio.channels.FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits up to {@code timeout} for the lock on {@code lockFile} (created if missing).
     *
     * @param what names the guarded thing in the error, e.g. "the environment .venv"
     */
    public static FileLock acquire(Path lockFile, Duration timeout, String what) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(what, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinwheelException(Category.ENVIRONMENT, "interrupted while waiting for " + what, null, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                java.nio.channels.FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new FileLock(local, channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(what, timeout);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            local.unlock();
            throw new PinwheelException(Category.ENVIRONMENT, "cannot lock " + what + " (" + key + ")", null, e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            local.unlock();
            Thread.currentThread().interrupt();
            throw new PinwheelException(Category.ENVIRONMENT, "interrupted while waiting for " + what, null, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw e;
        }
    }

    private static PinwheelException busy(String what, Duration timeout) {
        return new PinwheelException(Category.ENVIRONMENT,
                what + " is locked by another pinwheel process (waited " + timeout.toSeconds() + " s)",
                "wait for the other process to finish, then run the command again");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the OS lock; nothing more to do.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }
}
