package dev.pinwheel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportTest {

    @TempDir
    Path tmp;

    @Test
    void atomicWriteReplacesContentAndLeavesNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("sub/requirements.txt");
        AtomicFiles.write(file, "old\n");
        AtomicFiles.write(file, "new\n");
        assertThat(Files.readString(file)).isEqualTo("new\n");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("requirements.txt");
        }
    }

    @Test
    void failedWriteKeepsThePreviousContent() throws Exception {
        Path file = tmp.resolve("lock.txt");
        AtomicFiles.write(file, "previous\n");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full");
        })).isInstanceOf(PinwheelException.class).hasMessageContaining("cannot write");
        assertThat(Files.readString(file)).isEqualTo("previous\n");
        try (var listing = Files.list(tmp)) {
            assertThat(listing.count()).isEqualTo(1);
        }
    }

    @Test
    void writeOnceKeepsTheFirstCopyWhenRacingWritersCreateTheSameFile() throws Exception {
        Path file = tmp.resolve("cache/lib.so");
        int writers = 4;
        CountDownLatch allWritten = new CountDownLatch(writers);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < writers; i++) {
            String content = "copy " + i;
            Thread t = new Thread(() -> {
                boolean mine = AtomicFiles.writeOnce(file, out -> {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                    allWritten.countDown();
                    try {
                        allWritten.await(); // every writer has its temporary copy before any publishes
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                if (mine) {
                    created.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(created).hasValue(1);
        assertThat(Files.readString(file)).startsWith("copy ");
        Object inode = Files.getAttribute(file, "unix:ino");
        assertThat(AtomicFiles.writeOnce(file, out -> out.write("later".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(Files.getAttribute(file, "unix:ino")).as("the first file stays, not a copy").isEqualTo(inode);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("lib.so");
        }
    }

    @Test
    void sha256MatchesTheKnownDigest() throws Exception {
        assertThat(Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Path f = tmp.resolve("f");
        Files.writeString(f, "abc");
        assertThat(Hashing.sha256Hex(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.recordDigest("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void cacheKeysAre128BitHexStableAndDistinctForNearKeys() {
        String key = "/usr/bin/python3\0/usr/bin/python3.11\01700000000000\05555";
        assertThat(Hashing.cacheKey(key)).matches("[0-9a-f]{32}").isEqualTo(Hashing.cacheKey(new String(key)));
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> halves = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String name = Hashing.cacheKey("3.11\npackage-" + i + "==1.0");
            names.add(name);
            halves.add(name.substring(0, 16));
            halves.add(name.substring(16));
        }
        // no collision among near keys, not even of either 64-bit half
        assertThat(names).hasSize(20_000);
        assertThat(halves).hasSize(40_000);
        assertThat(Hashing.cacheKey("")).isNotEqualTo(Hashing.cacheKey("\0"));
    }

    @Test
    void lockExcludesOtherThreadsUntilReleased() throws Exception {
        Path lockFile = tmp.resolve(".lock");
        CountDownLatch held = new CountDownLatch(1);
        AtomicBoolean secondGotItWhileHeld = new AtomicBoolean();
        AtomicBoolean secondWasRefused = new AtomicBoolean();
        try (FileLock lock = FileLock.acquire(lockFile, Duration.ofSeconds(5), "the test env")) {
            Thread other = new Thread(() -> {
                held.countDown();
                try (FileLock again = FileLock.acquire(lockFile, Duration.ofMillis(200), "the test env")) {
                    secondGotItWhileHeld.set(true);
                } catch (PinwheelException expected) {
                    secondWasRefused.set(expected.getMessage().contains("is locked by another pinwheel process"));
                }
            });
            other.start();
            held.await();
            other.join();
        }
        assertThat(secondGotItWhileHeld).isFalse();
        assertThat(secondWasRefused).isTrue();
        try (FileLock again = FileLock.acquire(lockFile, Duration.ofSeconds(1), "the test env")) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void subprocessCapturesOutputAndExitCode() {
        Subprocess.Result r = Subprocess.run(List.of("sh", "-c", "read x; echo out:$x; echo err >&2; exit 3"),
                tmp, null, "hello\n", Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out:hello\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void missingProgramIsAnEnvironmentError() {
        assertThatThrownBy(() -> Subprocess.run(List.of("/no/such/program"), tmp, null, null, Duration.ofSeconds(5)))
                .isInstanceOf(PinwheelException.class)
                .satisfies(e -> assertThat(((PinwheelException) e).category()).isEqualTo(PinwheelException.Category.ENVIRONMENT));
    }

    @Test
    void parallelMapKeepsTheOrderAndPassesOnAFailure() {
        List<Integer> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            numbers.add(i);
        }
        assertThat(Parallel.map(numbers, n -> n * 2)).hasSize(5000).element(4321).isEqualTo(8642);
        assertThat(Parallel.map(numbers, n -> n * 2)).isSortedAccordingTo(Integer::compare);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Parallel.map(numbers, n -> {
            if (n == 2500) {
                throw new IllegalStateException("item 2500");
            }
            return n;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 2500");
    }
}
