package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.support.Hashing;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code pinwheel sync} process with SIGKILL at random moments, then lets the next
 * sync finish: the environment must come out byte for byte as a sync that was never interrupted
 * leaves it.
 */
class SyncKillIT {

    private static final int PACKAGES = 24;
    private static final int FILES = 60;

    @TempDir
    Path tmp;

    private TestIndex index;

    @BeforeEach
    void setUp() {
        index = TestIndex.start();
        for (int p = 0; p < PACKAGES; p++) {
            for (String version : List.of("1.0", "2.0")) {
                WheelBuilder w = WheelBuilder.of("pkg" + p, version).consoleScript("pkg" + p + "-cli", "pkg" + p + ":main");
                w.module("pkg" + p + "/__init__.py", "VERSION = '" + version + "'\ndef main():\n    print(VERSION)\n");
                for (int f = 0; f < FILES; f++) {
                    // Version 2 moves files around, so that upgrades delete, add and replace.
                    String dir = version.equals("1.0") ? "old" : "new";
                    w.module("pkg" + p + "/" + dir + (f % 3) + "/m" + f + ".py", "X = '" + version + f + "'\n".repeat(20));
                }
                index.add(w.build());
            }
        }
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private String lock(int variant) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < PACKAGES; p++) {
            if (variant == 1 && p < 18) {
                text.append("pkg").append(p).append("==1.0\n");
            } else if (variant == 2 && p >= 6) {
                text.append("pkg").append(p).append("==").append(p % 2 == 0 ? "2.0" : "1.0").append('\n');
            }
        }
        return text.toString();
    }

    private Process start(Path project, String lockFile) throws IOException {
        Path jar = Path.of("target", "pinwheel.jar").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString(), "sync", "-q", "-i", index.url().toString(), lockFile);
        pb.directory(project.toFile());
        pb.environment().put("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().remove("VIRTUAL_ENV");
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("out-" + System.nanoTime() + ".log").toFile());
        return pb.start();
    }

    private int syncToEnd(Path project, String lockFile) throws Exception {
        Process p = start(project, lockFile);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /** Every path of the venv with a digest of its content, except pinwheel's bookkeeping and bytecode. */
    private static Map<String, String> snapshot(Path venv) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> all = Files.walk(venv)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = venv.relativize(p).toString();
                if (rel.startsWith(".pinwheel") || rel.contains("__pycache__")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    tree.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(rel, "dir");
                } else {
                    tree.put(rel, Hashing.sha256Hex(p) + (Files.isExecutable(p) ? " x" : ""));
                }
            }
        }
        return tree;
    }

    private static boolean journalHasEntries(Path venv) throws IOException {
        Path journal = venv.resolve(".pinwheel/journal");
        if (!Files.isDirectory(journal)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(journal)) {
            return entries.findAny().isPresent();
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    @Test
    void killedSyncsAreRepairedExactlyByTheNextSync() throws Exception {
        Path project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("one.txt"), lock(1));
        Files.writeString(project.resolve("two.txt"), lock(2));
        CliRunner cli = new CliRunner(project).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString());
        assertThat(cli.run("venv").status()).isZero();
        Path venv = project.resolve(".venv");

        // The references: syncs that were never interrupted (this also warms the cache).
        long t0 = System.nanoTime();
        assertThat(syncToEnd(project, "one.txt")).isZero();
        Map<String, String> one = snapshot(venv);
        assertThat(syncToEnd(project, "two.txt")).isZero();
        long fullMillis = (System.nanoTime() - t0) / 2_000_000;
        Map<String, String> two = snapshot(venv);
        assertThat(one).isNotEqualTo(two);

        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        int interrupted = 0;
        // Kill until two syncs were caught half-way (not before they started, not after they ended).
        for (int round = 0; round < 10 && interrupted < 2; round++) {
            String target = round % 2 == 0 ? "one.txt" : "two.txt";
            Process p = start(project, target);
            long delay;
            boolean finished;
            if (round % 3 == 2) {
                // Now and then a blind kill anywhere in the run, start-up and planning included.
                delay = 50 + (long) (random.nextDouble() * Math.max(200, fullMillis));
                finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            } else {
                // Otherwise aim at the part that changes the environment: most of a run is JVM
                // start and planning, so a blind delay on a fast machine mostly misses it. Wait
                // for the first intent journal, then kill a random moment later.
                long started = System.nanoTime();
                while (p.isAlive() && !journalHasEntries(venv)) {
                    Thread.sleep(1);
                }
                finished = p.waitFor(random.nextInt(40), TimeUnit.MILLISECONDS);
                delay = (System.nanoTime() - started) / 1_000_000;
            }
            p.destroyForcibly().waitFor();
            Map<String, String> after = snapshot(venv);
            boolean halfway = !after.equals(one) && !after.equals(two);
            interrupted += halfway ? 1 : 0;
            kills.add(target + " killed after " + delay + " ms" + (finished ? " (had already finished)" : "")
                    + (halfway ? " (half-way)" : ""));

            assertThat(syncToEnd(project, target)).as("seed %d, %s", seed, kills).isZero();
            assertThat(snapshot(venv)).as("seed %d, %s", seed, kills).isEqualTo(target.equals("one.txt") ? one : two);
        }
        assertThat(interrupted).as("seed %d, %s", seed, kills).isPositive();
        try (Stream<Path> left = Files.list(venv.resolve(".pinwheel/journal"))) {
            assertThat(left).isEmpty();
        }
    }
}
