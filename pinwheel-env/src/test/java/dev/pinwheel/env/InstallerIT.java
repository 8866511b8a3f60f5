package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerIT {

    @TempDir
    Path tmp;

    private PythonEnvironment env;
    private WheelCache cache;

    @BeforeEach
    void venv() {
        Interpreters interpreters = new Interpreters(null);
        env = new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(tmp.resolve("venv"),
                interpreters.inspect(Python.python3()), false, null));
        cache = new WheelCache(tmp.resolve("cache"));
    }

    private TestWheel demo() {
        return new TestWheel("Demo-Pkg", "1.2.0")
                .file("demo_pkg/__init__.py", "from demo_pkg.core import VALUE\n")
                .file("demo_pkg/core.py", "VALUE = 42\ndef main():\n    print('demo says', VALUE)\n    return 3\n")
                .file("demo_pkg/sub/data.txt", "payload")
                .entryPoints("[console_scripts]\ndemo-cli = demo_pkg.core:main\n[other]\nignored = x:y\n")
                .executable(new TestWheel("Demo-Pkg", "1.2.0").data() + "/scripts/demo-script",
                        "#!python\nimport demo_pkg\nprint('script', demo_pkg.VALUE)\n")
                .file(new TestWheel("Demo-Pkg", "1.2.0").data() + "/headers/demo.h", "#define DEMO 1\n")
                .file(new TestWheel("Demo-Pkg", "1.2.0").data() + "/data/share/demo/readme.txt", "shared");
    }

    /** Every path under the venv with its size (directories as -1), except pinwheel's own bookkeeping. */
    private Map<String, Long> snapshot() throws IOException {
        Map<String, Long> tree = new TreeMap<>();
        try (Stream<Path> all = Files.walk(env.root())) {
            all.forEach(p -> {
                String rel = env.root().relativize(p).toString();
                if (rel.startsWith(".pinwheel")) {
                    return;
                }
                try {
                    tree.put(rel, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? -1L : Files.size(p));
                } catch (IOException e) {
                    tree.put(rel, -2L);
                }
            });
        }
        return tree;
    }

    @Test
    void installsAnImportablePackageWithScriptsHeadersAndData() throws Exception {
        Map<String, Long> before = snapshot();
        UnpackedWheel wheel = cache.unpack(demo().build(tmp.resolve("dist")));
        InstalledDistribution dist = new WheelInstaller(WheelInstaller.LinkMode.HARDLINK).install(env, wheel,
                WheelInstaller.InstallOptions.of(true));

        assertThat(dist.name().toString()).isEqualTo("demo-pkg");
        assertThat(dist.installer()).contains("pinwheel");
        assertThat(dist.requested()).isTrue();
        assertThat(Python.run(env.python(), "import demo_pkg; print(demo_pkg.VALUE)")).isEqualTo("42\n");
        assertThat(Python.exec(List.of(env.root().resolve("bin/demo-script").toString()), Map.of())).isEqualTo("script 42\n");
        dev.pinwheel.support.Subprocess.Result cli = dev.pinwheel.support.Subprocess.run(List.of(env.root().resolve("bin/demo-cli").toString()),
                null, null, null, java.time.Duration.ofMinutes(1));
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.stdout()).isEqualTo("demo says 42\n");
        assertThat(env.root().resolve("bin/ignored")).doesNotExist();
        assertThat(env.root().resolve("include/site/python" + env.interpreter().majorMinor() + "/demo-pkg/demo.h")).exists();
        assertThat(env.root().resolve("share/demo/readme.txt")).hasContent("shared");

        // RECORD lists every installed file with its real digest and size.
        for (RecordFile.Entry e : dist.files()) {
            Path p = dist.installRoot().resolve(e.path()).normalize();
            assertThat(p).startsWith(env.root()).exists();
            if (e.hash().isPresent()) {
                assertThat(Fs.recordHash(Fs.digest(p))).as(e.path()).isEqualTo(e.hash().get());
                assertThat(Files.size(p)).isEqualTo(e.size().orElseThrow());
            }
        }
        assertThat(dist.files()).extracting(RecordFile.Entry::path).contains("../../../bin/demo-cli",
                "Demo_Pkg-1.2.0.dist-info/INSTALLER", "Demo_Pkg-1.2.0.dist-info/RECORD");
        // Hard links share the cached copy.
        Path installed = env.paths().purelib().resolve("demo_pkg/core.py");
        assertThat(Files.getAttribute(installed, "unix:ino")).isEqualTo(Files.getAttribute(wheel.tree().resolve("demo_pkg/core.py"), "unix:ino"));

        // Uninstall leaves exactly what was there before, even after Python cached bytecode.
        Uninstaller.Result removed = Uninstaller.uninstall(env, dist);
        assertThat(removed.skipped()).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(SitePackages.scan(env)).isEmpty();
        assertThat(Journal.journalDir(env)).isEmptyDirectory();
    }

    @Test
    void copyModeMakesIndependentFilesAndPipSeesAConsistentInstall() throws Exception {
        UnpackedWheel wheel = cache.unpack(demo().build(tmp.resolve("dist")));
        InstalledDistribution dist = new WheelInstaller(WheelInstaller.LinkMode.COPY).install(env, wheel,
                new WheelInstaller.InstallOptions(false, Optional.of(DirectUrl.archive("file:///tmp/demo.whl", wheel.sha256()))));
        Path installed = env.paths().purelib().resolve("demo_pkg/core.py");
        assertThat(Files.getAttribute(installed, "unix:ino")).isNotEqualTo(Files.getAttribute(wheel.tree().resolve("demo_pkg/core.py"), "unix:ino"));
        assertThat(dist.requested()).isFalse();
        assertThat(dist.directUrl()).hasValueSatisfying(u -> assertThat(u.archiveHash()).contains("sha256=" + wheel.sha256()));
        // The standard library's own reader agrees with what we wrote.
        assertThat(Python.run(env.python(), "import importlib.metadata as m; d = m.distribution('demo-pkg');"
                + " print(d.version, len(d.files), d.read_text('INSTALLER').strip())"))
                .isEqualTo("1.2.0 " + dist.files().size() + " pinwheel\n");
    }

    @Test
    void platlibWheelsGoToPlatlib() throws Exception {
        UnpackedWheel wheel = cache.unpack(new TestWheel("native", "0.1").platlib().file("native.py", "X = 1\n")
                .build(tmp.resolve("dist")));
        new WheelInstaller(WheelInstaller.LinkMode.HARDLINK).install(env, wheel, WheelInstaller.InstallOptions.of(false));
        assertThat(env.paths().platlib().resolve("native.py")).exists();
    }

    @Test
    void refusesArchivesThatWriteOutsideTheirTarget() throws Exception {
        Path dist = tmp.resolve("evil");
        assertThatThrownBy(() -> cache.unpack(new TestWheel("evil", "1").file("../../escape.py", "").build(dist)))
                .isInstanceOf(EnvException.class).hasMessageContaining("entry '../../escape.py' is a path leaving the archive");
        assertThatThrownBy(() -> cache.unpack(new TestWheel("evil", "2").file("/etc/evil.py", "").build(dist)))
                .hasMessageContaining("is an absolute path");
        assertThatThrownBy(() -> cache.unpack(new TestWheel("evil", "3").symlink("evil/link", "../../../etc/passwd").build(dist)))
                .hasMessageContaining("a link pointing outside the archive");
        assertThat(tmp.resolve("escape.py")).doesNotExist();
        try (Stream<Path> left = Files.list(tmp.resolve("cache/wheels-v1"))) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * The documented policy (README, WheelCache): what is trusted is the archive's SHA-256, checked
     * against the index and the lock before unpacking; RECORD's digests are copied into the
     * installed RECORD as the wheel states them, the way pip and uv install, and only files RECORD
     * gives no digest for are hashed.
     */
    @Test
    void recordDigestsAreCopiedFromTheWheelAndMissingOnesComputed() throws Exception {
        TestWheel claims = new TestWheel("claims", "1").file("claims/a.py", "A = 1\n").file("claims/b.py", "B = 2\n")
                .corruptRecord().unhashedInRecord("claims/b.py");
        String wheelRecord;
        Path built = claims.build(tmp.resolve("dist"));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(built.toFile())) {
            wheelRecord = new String(zip.getInputStream(zip.getEntry(claims.distInfo() + "/RECORD")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        String claimed = RecordFile.parse(wheelRecord).stream().filter(e -> e.path().equals("claims/a.py")).findFirst()
                .orElseThrow().hash().orElseThrow();

        InstalledDistribution dist = new WheelInstaller(WheelInstaller.LinkMode.HARDLINK).install(env, cache.unpack(built),
                WheelInstaller.InstallOptions.of(false));

        Map<String, RecordFile.Entry> installed = new TreeMap<>();
        dist.files().forEach(e -> installed.put(e.path(), e));
        Path a = env.paths().purelib().resolve("claims/a.py");
        Path b = env.paths().purelib().resolve("claims/b.py");
        assertThat(Python.run(env.python(), "import claims.a, claims.b; print(claims.a.A + claims.b.B)")).isEqualTo("3\n");
        assertThat(installed.get("claims/a.py").hash()).contains(claimed);
        assertThat(claimed).isNotEqualTo(Fs.recordHash(Fs.digest(a)));
        assertThat(installed.get("claims/b.py").hash()).contains(Fs.recordHash(Fs.digest(b)));
        assertThat(installed.get("claims/b.py").size()).contains(Files.size(b));
    }

    @Test
    void linksInsideTheArchiveAreKept() throws Exception {
        UnpackedWheel wheel = cache.unpack(new TestWheel("linky", "1").file("linky/real.py", "A = 1\n")
                .symlink("linky/alias.py", "real.py").build(tmp.resolve("dist")));
        new WheelInstaller(WheelInstaller.LinkMode.HARDLINK).install(env, wheel, WheelInstaller.InstallOptions.of(false));
        assertThat(Python.run(env.python(), "import linky.alias as a; print(a.A)")).isEqualTo("1\n");
    }

    @Test
    void aKilledInstallIsRolledBackByRecovery() throws Exception {
        Map<String, Long> before = snapshot();
        UnpackedWheel wheel = cache.unpack(demo().build(tmp.resolve("dist")));
        // Simulate the state after the files were placed but before the dist-info arrived.
        Path target = env.paths().purelib().resolve("demo_pkg/core.py");
        Path journal = Journal.begin(env, "install", env.paths().purelib().resolve(wheel.distInfo()), List.of(target));
        Files.createDirectories(target.getParent());
        Files.writeString(target, "half");
        Files.writeString(Fs.installTemp(target), "half");
        Files.createDirectories(Journal.stagingDir(env).resolve("x").resolve(wheel.distInfo()));
        assertThat(journal).exists();

        assertThat(Journal.recover(env)).isEqualTo(1);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(Journal.stagingDir(env)).doesNotExist();
    }

    @Test
    void aSyncJournalRollsBackTheUnfinishedInstallsAndKeepsTheFinishedOnes() throws Exception {
        Map<String, Long> before = snapshot();
        UnpackedWheel finished = cache.unpack(demo().build(tmp.resolve("dist")));
        Journal.Log log = new Journal.Log(env);
        new WheelInstaller(WheelInstaller.LinkMode.HARDLINK, null, log).install(env, finished,
                WheelInstaller.InstallOptions.of(false));
        Map<String, Long> withFinished = snapshot();
        // A second install whose files were placed but whose dist-info never arrived (killed),
        // then a third intent cut short while it was being written.
        Path half = env.paths().purelib().resolve("half_pkg/mod.py");
        log.install(env.paths().purelib().resolve("Half_Pkg-1.0.dist-info"), List.of(half));
        Files.createDirectories(half.getParent());
        Files.writeString(half, "half");
        log.close();
        Path journal;
        try (Stream<Path> files = Files.list(Journal.journalDir(env))) {
            journal = files.findFirst().orElseThrow();
        }
        Files.writeString(journal, "{\"action\":\"install\",\"dist_info\":\"" + env.paths().purelib().resolve("x")
                + "\",\"files\":[\"" + env.paths().purelib(), java.nio.file.StandardOpenOption.APPEND);

        assertThat(Journal.pending(env)).isEqualTo(2);
        assertThat(Journal.recover(env)).isEqualTo(2);
        assertThat(snapshot()).isEqualTo(withFinished);
        assertThat(Python.run(env.python(), "import demo_pkg; print(demo_pkg.VALUE)")).isEqualTo("42\n");
        assertThat(Journal.journalDir(env)).isEmptyDirectory();
        assertThat(withFinished).isNotEqualTo(before);
    }

    @Test
    void aSyncJournalIsRemovedWhenEveryInstallFinished() throws Exception {
        Journal.Log log = new Journal.Log(env);
        new WheelInstaller(WheelInstaller.LinkMode.HARDLINK, Runnable::run, log).install(env,
                cache.unpack(demo().build(tmp.resolve("dist"))), WheelInstaller.InstallOptions.of(false));
        log.finish();
        assertThat(Journal.journalDir(env)).isEmptyDirectory();
        assertThat(Journal.recover(env)).isZero();
    }

    @Test
    void aBigWheelPlacedByHelperThreadsIsCompleteAndItsRecordSorted() throws Exception {
        TestWheel big = new TestWheel("big", "1.0");
        for (int i = 0; i < 700; i++) {
            big.file("big/d" + (i % 13) + "/m" + i + ".py", "X = " + i + "\n");
        }
        UnpackedWheel wheel = cache.unpack(big.build(tmp.resolve("dist")));
        java.util.concurrent.ExecutorService helpers = java.util.concurrent.Executors.newFixedThreadPool(3);
        InstalledDistribution dist;
        try {
            dist = new WheelInstaller(WheelInstaller.LinkMode.HARDLINK, helpers).install(env, wheel,
                    WheelInstaller.InstallOptions.of(false));
        } finally {
            helpers.shutdownNow();
        }
        List<String> paths = dist.files().stream().map(RecordFile.Entry::path).toList();
        assertThat(paths).hasSize(700 + 4).last().isEqualTo("big-1.0.dist-info/RECORD");
        assertThat(paths.subList(0, paths.size() - 1)).isSorted();
        for (RecordFile.Entry e : dist.files()) {
            if (e.hash().isPresent()) {
                Path p = dist.installRoot().resolve(e.path());
                assertThat(Fs.recordHash(Fs.digest(p))).as(e.path()).isEqualTo(e.hash().get());
            }
        }
        assertThat(Python.run(env.python(), "import big.d10.m699 as m; print(m.X)")).isEqualTo("699\n");
    }

    @Test
    void aCacheEntryWithoutIdentityIsReadFromItsTreeAndGainsOne() throws Exception {
        UnpackedWheel first = cache.unpack(demo().build(tmp.resolve("dist")));
        Path entry = first.tree().getParent();
        Files.delete(entry.resolve("identity"));

        UnpackedWheel again = new WheelCache(tmp.resolve("cache")).find(first.sha256()).orElseThrow();
        assertThat(again).isEqualTo(first);
        assertThat(entry.resolve("identity")).hasContent("Demo_Pkg-1.2.0.dist-info\tDemo-Pkg\t1.2.0\tpurelib\n");
        assertThat(new WheelCache(tmp.resolve("cache")).find(first.sha256())).contains(first);
    }

    @Test
    void aCacheManifestNamingAPathOutsideTheTreeIsNotUsed() throws Exception {
        UnpackedWheel wheel = cache.unpack(demo().build(tmp.resolve("dist")));
        Path manifest = wheel.tree().resolveSibling("manifest");
        Files.writeString(manifest, "../../escape.py\tsha256=x\t1\t-\t\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new WheelCache(tmp.resolve("cache")).find(wheel.sha256())).isEmpty();
    }
}
