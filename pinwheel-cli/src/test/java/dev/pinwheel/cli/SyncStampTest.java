package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stamp a no-op sync leaves must say exactly what the launcher's shell commands compute: the
 * file name from {@code sha256sum}, each path's line from {@code stat -L}. A difference would only
 * cost speed (no stamp would ever match), so these tests are what keeps the fast path alive.
 */
class SyncStampTest {

    @TempDir
    Path dir;

    private static String shell(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "test"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean gnuStat() {
        try {
            return shell("stat --version").contains("GNU coreutils");
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    @Test
    void aPathsLineIsWhatStatPrintsForIt() throws Exception {
        assumeTrue(gnuStat(), "GNU stat, which the launcher uses");
        Path file = Files.writeString(dir.resolve("requirements.txt"), "demo==1.0\n");
        Path old = Files.writeString(dir.resolve("old.txt"), "");
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000_000_000L)); // whole seconds
        Path sub = Files.createDirectories(dir.resolve("site-packages"));
        Path link = Files.createSymbolicLink(dir.resolve("python"), file); // followed, as with stat -L
        List<Path> paths = List.of(file, old, sub, link, dir);
        StringBuilder expected = new StringBuilder();
        for (Path p : paths) {
            expected.append(SyncStamp.statLine(p)).append('\n');
        }
        String printed = shell("stat -L --printf '%d %i %s %.9Y %.9Z %n\\n' -- \"$@\"",
                paths.stream().map(Path::toString).toArray(String[]::new));
        assertThat(printed).isEqualTo(expected.toString());
        assertThat(SyncStamp.statLine(old)).contains(" 1000000000.000000000 ");
    }

    @Test
    void theFileIsNamedByTheDigestOfTheDirectoryAndArgumentsAsTheLauncherComputesIt() throws Exception {
        List<String> args = List.of("-q", "sync", "--python", "my venv", "requirements/base.txt");
        Path cwd = Path.of("/srv/app");
        String digest = shell("printf '%s\\n' \"$@\" | sha256sum", List.of(cwd.toString(), args.get(0), args.get(1),
                args.get(2), args.get(3), args.get(4)).toArray(String[]::new)).split(" ")[0];
        assertThat(SyncStamp.location(dir, cwd, args)).isEqualTo(dir.resolve(SyncStamp.DIR).resolve(digest));
        assertThat(SyncStamp.location(dir, cwd, List.of("sync"))).isNotEqualTo(SyncStamp.location(dir, cwd, List.of("-q", "sync")));
        assertThat(SyncStamp.location(dir, Path.of("/srv/other"), args)).isNotEqualTo(SyncStamp.location(dir, cwd, args));
    }

    @Test
    void aStampRecordsTheArgumentsVariablesPathsAndWhatToSay() throws Exception {
        Path lock = Files.writeString(dir.resolve("requirements.txt"), "demo==1.0\n");
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("VIRTUAL_ENV", null);
        variables.put("INDEX_TOKEN", "s3cret");
        long later = System.currentTimeMillis() + 10_000;
        String text = SyncStamp.render(dir, List.of("sync", "requirements.txt"), variables, List.of(lock, dir),
                List.of(dir.resolve(".pip-tools.toml")), List.of("Audited 1 package"), later).orElseThrow();
        assertThat(text).isEqualTo(SyncStamp.FORMAT + "\n"
                + "cwd " + dir + "\n"
                + "arg sync\n"
                + "arg requirements.txt\n"
                + "unset VIRTUAL_ENV\n"
                + "set INDEX_TOKEN=s3cret\n"
                + "file " + SyncStamp.statLine(lock) + "\n"
                + "file " + SyncStamp.statLine(dir) + "\n"
                + "missing " + dir.resolve(".pip-tools.toml") + "\n"
                + "say Audited 1 package\n");
    }

    @Test
    void aPathThatChangedAfterTheRunStartedGetsNoStamp() throws Exception {
        long started = System.currentTimeMillis();
        Path lock = Files.writeString(dir.resolve("requirements.txt"), "demo==1.0\n"); // changed while "checking"
        assertThat(SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock), List.of(), List.of(), started)).isEmpty();
        // Changed a moment before the run started is just as doubtful (coarse file system clocks).
        assertThat(SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock), List.of(), List.of(),
                started + SyncStamp.SETTLE_MILLIS / 2)).isEmpty();
        assertThat(SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock), List.of(), List.of(),
                System.currentTimeMillis() + 2 * SyncStamp.SETTLE_MILLIS)).isPresent();
    }

    @Test
    void aFileRecordedAsMissingThatAppearedBeforeTheStampIsWrittenGetsNoStamp() throws Exception {
        long later = System.currentTimeMillis() + 10_000;
        Path lock = Files.writeString(dir.resolve("requirements.txt"), "demo==1.0\n");
        Path config = dir.resolve(".pip-tools.toml");
        assertThat(SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock), List.of(config), List.of(), later))
                .hasValueSatisfying(text -> assertThat(text).contains("missing " + config + "\n"));
        // A directory of that name is no configuration file: the search passes it over, as the launcher does.
        Files.createDirectory(config);
        assertThat(SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock), List.of(config), List.of(), later))
                .isPresent();
        Files.delete(config);
        Files.writeString(config, "[tool.pip-tools]\n"); // created while the sync ran: it was never read
        assertThat(SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock), List.of(config), List.of(), later))
                .isEmpty();
    }

    @Test
    void whatTheLauncherCouldNotReadBackLineByLineGetsNoStamp() throws Exception {
        long later = System.currentTimeMillis() + 10_000;
        Path lock = Files.writeString(dir.resolve("requirements.txt"), "demo==1.0\n");
        Optional<String> newline = SyncStamp.render(dir, List.of("sync", "a\nb.txt"), Map.of(), List.of(lock), List.of(), List.of(), later);
        Optional<String> accent = SyncStamp.render(dir, List.of("sync", "d\u00e9p.txt"), Map.of(), List.of(lock), List.of(), List.of(), later);
        Optional<String> badName = SyncStamp.render(dir, List.of("sync"), Map.of("A-B", "x"), List.of(lock), List.of(), List.of(), later);
        Optional<String> relative = SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(Path.of("requirements.txt")),
                List.of(), List.of(), later);
        Optional<String> missing = SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(dir.resolve("gone.txt")),
                List.of(), List.of(), later);
        Optional<String> relativeMissing = SyncStamp.render(dir, List.of("sync"), Map.of(), List.of(lock),
                List.of(Path.of(".pip-tools.toml")), List.of(), later);
        assertThat(List.of(newline, accent, badName, relative, missing, relativeMissing)).allSatisfy(o -> assertThat(o).isEmpty());
    }

    @Test
    void writingReplacesTheStampWholeAndDropsStampsUnusedForAMonth() throws Exception {
        Path cache = dir.resolve("cache");
        Path stamp = SyncStamp.location(cache, dir, List.of("sync"));
        SyncStamp.write(stamp, "first\n");
        Path old = SyncStamp.location(cache, dir, List.of("-q", "sync"));
        SyncStamp.write(old, "old\n");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - SyncStamp.EXPIRY_MILLIS - 60_000));
        SyncStamp.write(stamp, "second\n");
        assertThat(Files.readString(stamp)).isEqualTo("second\n");
        assertThat(old).doesNotExist();
        try (var files = Files.list(stamp.getParent())) {
            assertThat(files).containsExactly(stamp); // no temporary file left behind
        }
    }
}
