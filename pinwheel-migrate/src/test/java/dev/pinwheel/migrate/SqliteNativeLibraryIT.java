package dev.pinwheel.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite native library comes from pinwheel's cache: checked in fresh JVMs (the library and
 * the driver's properties are process-wide), which report the file their process really mapped.
 */
class SqliteNativeLibraryIT {

    @TempDir
    Path tmp;

    /** A child JVM: uses the cache root args[0], opens an SQLite database, prints the mapped library file. */
    public static void main(String[] args) throws Exception {
        SqliteNativeLibrary.useCache(Path.of(args[0]));
        DbUrl url = DbUrl.parse("sqlite://", Path.of("."));
        try (Connection c = Dialects.forUrl(url).connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            System.out.println("sqlite " + rs.getString(1));
        }
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            maps.filter(l -> l.contains("sqlitejdbc")).map(l -> l.substring(l.indexOf('/'))).distinct()
                    .forEach(f -> System.out.println("mapped " + f));
        }
    }

    private Process child(Path cacheRoot, Path tempDir) throws Exception {
        Files.createDirectories(tempDir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tempDir, "-cp",
                System.getProperty("java.class.path"), SqliteNativeLibraryIT.class.getName(), cacheRoot.toString())
                .redirectErrorStream(true).start();
    }

    private static List<String> output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static byte[] jarLibrary() throws Exception {
        String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Path cachedLibrary(Path cacheRoot) {
        return cacheRoot.resolve("sqlite-jdbc").resolve(SqliteNativeLibrary.folder(org.sqlite.SQLiteJDBCLoader.getVersion(),
                System.getProperty("os.name"), System.getProperty("os.arch"))).resolve(System.mapLibraryName("sqlitejdbc"));
    }

    @Test
    void concurrentFirstRunsShareOneCopyInTheCacheAndLaterRunsLoadIt() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps to see the loaded library");
        Path cache = tmp.resolve("cache");
        Path library = cachedLibrary(cache);
        List<Process> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(child(cache, tmp.resolve("tmp" + i)));
        }
        for (Process p : first) {
            assertThat(output(p)).anyMatch(l -> l.startsWith("sqlite 3.")).contains("mapped " + library);
        }
        assertThat(Files.readAllBytes(library)).isEqualTo(jarLibrary());
        try (Stream<Path> files = Files.list(library.getParent())) {
            assertThat(files.toList()).as("no temporary copies left").containsExactly(library);
        }
        long written = Files.getLastModifiedTime(library).toMillis();
        Thread.sleep(20);
        assertThat(output(child(cache, tmp.resolve("tmp-later")))).contains("mapped " + library);
        assertThat(Files.getLastModifiedTime(library).toMillis()).as("loaded, not copied again").isEqualTo(written);
    }

    @Test
    void withoutAUsableCacheTheDriverExtractsToTheTempFolderAsBefore() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps to see the loaded library");
        Path notADirectory = Files.writeString(tmp.resolve("cache-is-a-file"), "x");
        Path temp = tmp.resolve("tmp");
        List<String> out = output(child(notADirectory, temp));
        assertThat(out).anyMatch(l -> l.startsWith("sqlite 3."))
                .anyMatch(l -> l.startsWith("mapped " + temp + "/sqlite-"));
    }
}
