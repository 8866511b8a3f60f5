package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The index client's pool: metadata a resolve waits for goes before pages still queued. */
class RankedPoolTest {

    @Test
    void queuedMetadataRunsBeforeQueuedPagesAndEachRankInArrivalOrder() throws Exception {
        ExecutorService pool = IndexClient.rankedPool(1);
        try {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> ran = new CopyOnWriteArrayList<>();
            pool.execute(new IndexClient.Ranked(IndexClient.PAGE, 0, () -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            // The only thread is busy: these wait in the queue.
            long order = 1;
            for (String task : List.of("page a", "page b", "metadata x", "page c", "metadata y")) {
                int rank = task.startsWith("page") ? IndexClient.PAGE : IndexClient.METADATA;
                pool.execute(new IndexClient.Ranked(rank, order++, () -> ran.add(task)));
            }
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(new IndexClient.Ranked(Integer.MAX_VALUE, order, done::countDown));
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("metadata x", "metadata y", "page a", "page b", "page c");
        } finally {
            pool.shutdownNow();
        }
    }
}
