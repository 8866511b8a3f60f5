package dev.pinwheel.support;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Work shared by two threads, without a pool to start or shut down. */
public final class Parallel {

    /** Below this many items the work stays on the calling thread. */
    static final int MIN_ITEMS = 32;

    private Parallel() {
    }

    /**
     * {@code f} over {@code items}, in order, shared with one more thread when there are enough
     * items and a second core: for the short bursts of per-item work of a short process (reading
     * an environment's metadata files), when the code is still interpreted and a second core
     * would idle. The first failure is thrown after both threads stopped.
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        Object[] out = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        final class Share implements Runnable {
            private Throwable failure;

            @Override
            public void run() {
                try {
                    for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                        out[i] = f.apply(items.get(i));
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                    next.set(out.length); // the other thread stops too
                }
            }
        }
        Share theirs = new Share();
        Thread helper = null;
        if (items.size() >= MIN_ITEMS && Runtime.getRuntime().availableProcessors() > 1) {
            helper = new Thread(theirs, "pinwheel-parallel");
            helper.setDaemon(true);
            helper.start();
        }
        Share mine = new Share();
        mine.run();
        if (helper != null) {
            joinUninterruptibly(helper);
        }
        for (Share share : List.of(mine, theirs)) {
            if (share.failure instanceof RuntimeException e) {
                throw e;
            } else if (share.failure instanceof Error e) {
                throw e;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(out);
        return list;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
