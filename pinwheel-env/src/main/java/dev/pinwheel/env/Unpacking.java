package dev.pinwheel.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The files of one wheel being written while its archive is still read: the reading thread
 * queues each entry's compressed bytes, and the entries are inflated and written by a helper task
 * and by the reading thread itself, each entry by whoever claims it first. While no helper runs
 * (the pool is busy with other wheels) the reader writes each entry itself as before; once one
 * runs, the reader reads on while the helper writes, which matters for the big wheel whose
 * download ends last. The reader never waits for a helper that has not started: at the end it
 * writes whatever is left itself and waits only for entries being written. When more than
 * {@link #MAX_QUEUED} bytes wait, the reader writes before it reads on, so memory stays bounded.
 */
final class Unpacking implements AutoCloseable {

    /**
     * Entries bigger than this are written by the reader as they stream (their bytes are not
     * held), unless libdeflate inflates them whole ({@link EntryInflater#inflatesWhole}).
     */
    static final long MAX_ENTRY = 4 << 20;
    static final long MAX_QUEUED = 16 << 20;

    /** Inflates and writes one entry with the calling thread's inflater. */
    interface Task {
        void run(EntryInflater inflater) throws IOException;
    }

    private record Queued(long bytes, Task task) {
    }

    private final Executor helpers;
    private final int maxHelpers;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    /** Helper tasks handed to the executor and not yet ended, and those of them running. */
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Entries queued and not yet written; guarded by {@code this}. */
    private int unfinished;

    Unpacking(Executor helpers, int maxHelpers) {
        this.helpers = helpers;
        this.maxHelpers = helpers == null ? 0 : maxHelpers;
    }

    /** Queues an entry; called by the reading thread only. */
    void add(long bytes, Task task) throws IOException {
        synchronized (this) {
            unfinished++;
        }
        queue.add(new Queued(bytes, task));
        queuedBytes.addAndGet(bytes);
        if (submitted.get() < maxHelpers) {
            submitted.incrementAndGet();
            try {
                helpers.execute(this::help);
            } catch (RejectedExecutionException e) {
                submitted.decrementAndGet();
            }
        }
        if (running.get() == 0) {
            runOne();
        }
        while (queuedBytes.get() > MAX_QUEUED && runOne()) {
            // the reader writes too until the backlog is small again
        }
        rethrow();
    }

    /** After the last {@link #add}: writes what is left, waits for the entries being written, rethrows a failure. */
    void finish() throws IOException {
        while (runOne()) {
            // drained by this thread
        }
        awaitWritten();
        rethrow();
    }

    /** Drops what was not started and waits for the entries being written (before their directory is deleted). */
    @Override
    public void close() {
        for (Queued q; (q = queue.poll()) != null; ) {
            done(q);
        }
        awaitWritten();
    }

    private void help() {
        running.incrementAndGet();
        try {
            while (runOne()) {
                // claimed in turn with the reader
            }
        } finally {
            running.decrementAndGet();
            submitted.decrementAndGet();
        }
    }

    private boolean runOne() {
        Queued q = queue.poll();
        if (q == null) {
            return false;
        }
        try {
            if (failure.get() == null) {
                q.task().run(EntryInflater.current());
            }
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            done(q);
        }
        return true;
    }

    private void done(Queued q) {
        queuedBytes.addAndGet(-q.bytes());
        synchronized (this) {
            if (--unfinished == 0) {
                notifyAll();
            }
        }
    }

    private synchronized void awaitWritten() {
        boolean interrupted = false;
        while (unfinished > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
