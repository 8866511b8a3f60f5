package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pinwheel} as users run it: a copy of the launcher beside a copy of the shaded jar
 * (no sources, so it never rebuilds), on the JDK running the tests. Its class-data archives must
 * never change what a command prints or returns.
 */
class LauncherIT {

    @TempDir
    Path root;

    private Path target;

    @BeforeEach
    void layOut() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        target = Files.createDirectories(root.resolve("pinwheel-cli/target"));
        Files.copy(Path.of("..", "bin", "pinwheel"), root.resolve("bin/pinwheel"));
        root.resolve("bin/pinwheel").toFile().setExecutable(true);
        Files.copy(Path.of("target", "pinwheel.jar"), target.resolve("pinwheel.jar"));
    }

    private record Run(int status, String output) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/pinwheel").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("PINWHEEL_JAVA", ProcessHandle.current().info().command().orElse("java"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private List<String> targetFiles() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theJarOpensTheHttpClientsInternalsSoClosingAClientCanStopItsSelectorThread() throws Exception {
        // Without this, JDK 17 has no way to stop the selector thread, and every command that made a
        // request waits 0.3 s at exit (see Transport.stop); nothing else would fail.
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(target.resolve("pinwheel.jar").toFile())) {
            String opens = jar.getManifest().getMainAttributes().getValue("Add-Opens");
            assertThat(opens).isNotNull();
            assertThat(List.of(opens.split(" "))).contains("java.net.http/jdk.internal.net.http");
        }
    }

    @Test
    void firstRunRecordsAnArchivePerCommandAndLaterRunsPrintTheSame() throws Exception {
        Run first = run("chill", "--help");
        assertThat(first.status()).isZero();
        assertThat(first.output()).startsWith("Usage: pinwheel chill");
        assertThat(targetFiles()).containsExactly("pinwheel-chill.jsa", "pinwheel.jar");

        Run second = run("chill", "--help");
        assertThat(second).isEqualTo(first);

        assertThat(run("-q", "db", "heads", "--help").status()).isZero();
        assertThat(targetFiles()).containsExactly("pinwheel-chill.jsa", "pinwheel-db-heads.jsa", "pinwheel.jar");
    }

    @Test
    void dbCommandsAgainstPostgresqlKeepArchivesOfTheirOwn() throws Exception {
        Files.writeString(root.resolve(".env"), "# the app\nDATABASE_URL=postgresql+psycopg://app@db/app\n");
        assertThat(run("-q", "db", "current", "--help").status()).isZero();
        assertThat(run("db", "current", "--url", "sqlite:///app.db", "--help").status()).isZero();
        assertThat(targetFiles()).containsExactly("pinwheel-db-current-pg.jsa", "pinwheel-db-current.jsa", "pinwheel.jar");
    }

    @Test
    void theExitStatusOfTheFirstRunIsKept() throws Exception {
        Run first = run("snyc");
        assertThat(first.status()).isEqualTo(2);
        assertThat(first.output()).contains("did you mean 'sync'?");
        assertThat(run("snyc")).isEqualTo(first);
    }

    @Test
    void anArchiveOlderThanTheJarIsRecordedAgain() throws Exception {
        assertThat(run("--version").status()).isZero();
        Path archive = target.resolve("pinwheel-main.jsa");
        assertThat(archive).exists();
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(target.resolve("pinwheel.jar"), FileTime.fromMillis(System.currentTimeMillis() - 30_000));
        Run again = run("--version");
        assertThat(again.status()).isZero();
        assertThat(again.output()).startsWith("pinwheel ");
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isGreaterThan(Files.getLastModifiedTime(target.resolve("pinwheel.jar")).toMillis());
    }
}
