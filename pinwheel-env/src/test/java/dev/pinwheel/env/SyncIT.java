package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.support.Subprocess;
import dev.pinwheel.testkit.Dist;
import dev.pinwheel.testkit.SdistBuilder;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncIT {

    @TempDir
    Path tmp;

    private TestIndex index;
    private PythonEnvironment env;
    private final Dist alpha1 = WheelBuilder.of("Alpha", "1.0").requiresDist("beta>=1")
            .module("alpha/__init__.py", "import beta\nVERSION = '1.0'\ndef main():\n    print('alpha', VERSION, beta.NAME)\n")
            .consoleScript("alpha", "alpha:main").build();
    private final Dist alpha2 = WheelBuilder.of("Alpha", "2.0")
            .module("alpha/__init__.py", "VERSION = '2.0'\ndef main():\n    print('alpha', VERSION)\n")
            .module("alpha/extra.py", "X = 1\n").consoleScript("alpha2", "alpha:main").build();
    private final Dist beta = WheelBuilder.of("beta", "1.0").module("beta.py", "NAME = 'beta'\n").build();
    private final Dist windowsOnly = WheelBuilder.of("winonly", "1.0").tag("cp311-cp311-win_amd64")
            .module("winonly.py", "").build();

    @BeforeEach
    void setUp() {
        index = TestIndex.start().add(alpha1).add(alpha2).add(beta).add(windowsOnly);
        Interpreters interpreters = new Interpreters(tmp.resolve("cache"));
        env = new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(tmp.resolve("venv"),
                interpreters.inspect(Python.python3()), false, null));
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private Path lock(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Syncer.SyncResult sync(boolean dryRun, String... files) {
        return sync(dryRun, false, Set.of(), files);
    }

    private Syncer.SyncResult sync(boolean dryRun, boolean force, Set<ProjectName> keep, String... files) {
        IndexSettings settings = IndexSettings.builder(tmp.resolve("cache"), tmp).indexUrl(index.url().toString()).build();
        return new Syncer(new Syncer.Listener() { }).sync(env, new Syncer.SyncRequest(List.of(files), tmp, n -> null,
                force, keep, dryRun, false, WheelInstaller.LinkMode.HARDLINK, tmp.resolve("cache"), settings));
    }

    private Map<String, String> installed() {
        return SitePackages.scan(env).stream().collect(Collectors.toMap(d -> d.name().toString(), InstalledDistribution::versionText));
    }

    @Test
    void installsUpgradesRemovesAndThenHasNothingToDo() throws Exception {
        lock("base.txt", """
                alpha==1.0
                    # via -r requirements/base.in
                beta==1.0
                    # via alpha
                """);
        Syncer.SyncResult first = sync(false, "base.txt");
        assertThat(first.applied()).isTrue();
        assertThat(first.plan().of(SyncPlan.Kind.INSTALL)).hasSize(2);
        assertThat(installed()).isEqualTo(Map.of("alpha", "1.0", "beta", "1.0"));
        assertThat(SitePackages.find(env, ProjectName.of("alpha")).orElseThrow().requested()).isTrue();
        assertThat(SitePackages.find(env, ProjectName.of("beta")).orElseThrow().requested()).isFalse();
        assertThat(Python.exec(List.of(env.root().resolve("bin/alpha").toString()), Map.of())).isEqualTo("alpha 1.0 beta\n");

        lock("base.txt", "alpha==2.0\n");
        Syncer.SyncResult dry = sync(true, "base.txt");
        assertThat(dry.applied()).isFalse();
        assertThat(dry.plan().changes()).isTrue();
        assertThat(dry.plan().actions()).extracting(SyncPlan.Action::kind).containsExactly(SyncPlan.Kind.UPGRADE, SyncPlan.Kind.REMOVE);
        assertThat(installed()).containsEntry("alpha", "1.0");

        sync(false, "base.txt");
        assertThat(installed()).isEqualTo(Map.of("alpha", "2.0"));
        assertThat(env.root().resolve("bin/alpha")).doesNotExist();
        assertThat(env.paths().purelib().resolve("beta.py")).doesNotExist();
        assertThat(Python.run(env.python(), "import alpha.extra, alpha; print(alpha.VERSION)")).isEqualTo("2.0\n");

        index.clearRequests();
        Syncer.SyncResult again = sync(false, "base.txt");
        assertThat(again.plan().changes()).isFalse();
        assertThat(again.lockFiles()).hasSize(1).allSatisfy(f -> assertThat(f).isAbsolute().hasFileName("base.txt"));
        // What a no-op's verdict rests on: the environment, its interpreter, libraries and metadata.
        List<Path> inputs = Syncer.environmentInputs(env);
        Path alphaInfo = env.paths().purelib().resolve("alpha-2.0.dist-info");
        assertThat(inputs).contains(env.root(), env.python(), env.root().resolve("pyvenv.cfg"), env.paths().purelib(),
                alphaInfo, alphaInfo.resolve("METADATA"), alphaInfo.resolve("RECORD"), alphaInfo.resolve("REQUESTED"));
        assertThat(inputs).noneMatch(p -> p.startsWith(env.root().resolve(".pinwheel/staging")));
        assertThat(index.requestCount()).as("a no-op sync asks no index").isZero();

        lock("base.txt", "alpha==1.0\nbeta==1.0\n");
        sync(false, "base.txt");
        assertThat(installed()).isEqualTo(Map.of("alpha", "1.0", "beta", "1.0"));
        assertThat(env.paths().purelib().resolve("alpha/extra.py")).doesNotExist();
    }

    @Test
    void conflictingPinsNameBothFilesUnlessForced() throws Exception {
        lock("base.txt", "alpha==1.0\nbeta==1.0\n");
        lock("dev.txt", "# dev tools\nalpha==2.0\n");
        assertThatThrownBy(() -> sync(false, "base.txt", "dev.txt")).isInstanceOf(EnvException.class)
                .hasMessage("conflicting pins for alpha: alpha==1.0 in base.txt:1, but alpha==2.0 in dev.txt:2");
        Syncer.SyncResult forced = sync(false, true, Set.of(), "base.txt", "dev.txt");
        assertThat(forced.applied()).isTrue();
        assertThat(installed()).isEqualTo(Map.of("alpha", "2.0", "beta", "1.0"));
    }

    @Test
    void markersAreEvaluatedForTheTarget() throws Exception {
        lock("base.txt", "alpha==2.0\nwinonly==1.0 ; sys_platform == 'win32'\n");
        sync(false, "base.txt");
        assertThat(installed()).isEqualTo(Map.of("alpha", "2.0"));
        lock("base.txt", "winonly==1.0\n");
        assertThatThrownBy(() -> sync(false, "base.txt")).hasMessageMatching("no wheel of winonly==1\\.0 fits cp311 on manylinux_2_\\d+_x86_64 and there is no source distribution \\(base.txt:1\\)");
    }

    @Test
    void hashesAreCheckedAndRequiredForEveryPin() throws Exception {
        lock("bad.txt", "beta==1.0 --hash=sha256:" + "0".repeat(64) + "\n");
        assertThatThrownBy(() -> sync(false, "bad.txt")).hasMessageContaining("no file of beta==1.0 matches the hashes in bad.txt:1");
        lock("partial.txt", "beta==1.0 --hash=sha256:" + beta.sha256() + "\nalpha==2.0\n");
        assertThatThrownBy(() -> sync(false, "partial.txt")).hasMessageContaining("partial.txt:2: alpha==2.0 has no --hash");
        lock("good.txt", "beta==1.0 \\\n    --hash=sha256:" + "1".repeat(64) + " \\\n    --hash=sha256:" + beta.sha256() + "\n");
        sync(false, "good.txt");
        assertThat(installed()).isEqualTo(Map.of("beta", "1.0"));
        assertThat(installed()).doesNotContainKey("alpha");
    }

    @Test
    void aWheelThatDoesNotMatchItsHashChangesNothingAndLeavesNoCacheEntry() throws Exception {
        Path root = index.writeStaticIndex(tmp.resolve("static"));
        Path file = root.resolveSibling("files").resolve(beta.filename());
        Dist other = WheelBuilder.of("beta", "1.0").module("beta.py", "NAME = 'tampered'\n").build();
        Files.write(file, other.content());
        lock("base.txt", "beta==1.0\n");
        IndexSettings settings = IndexSettings.builder(tmp.resolve("cache"), tmp)
                .indexUrl(root.toUri().toString()).build();
        Map<String, String> before = installed();
        assertThatThrownBy(() -> new Syncer(new Syncer.Listener() { }).sync(env, new Syncer.SyncRequest(List.of("base.txt"),
                tmp, n -> null, false, Set.of(), false, false, WheelInstaller.LinkMode.HARDLINK, tmp.resolve("cache"), settings)))
                .hasMessageContaining("hash mismatch").hasMessageContaining("expected sha256:" + beta.sha256());
        assertThat(installed()).isEqualTo(before);
        try (var left = Files.list(tmp.resolve("cache/wheels-v1"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aWheelTheDownloadStreamCannotUnpackIsUnpackedFromItsFile() throws Exception {
        // A stored entry flagged as followed by a data descriptor: readable only through the central directory.
        byte[] bytes = WheelBuilder.of("gamma", "1.0").module("gamma.py", "G = 7\n").stored(true).build().content();
        bytes[6] |= 8;
        Dist gamma = new Dist("gamma", "1.0", "gamma-1.0-py3-none-any.whl", bytes, "Metadata-Version: 2.1\nName: gamma\nVersion: 1.0\n");
        index.add(gamma);
        lock("base.txt", "gamma==1.0 --hash=sha256:" + gamma.sha256() + "\n");
        sync(false, "base.txt");
        assertThat(installed()).containsEntry("gamma", "1.0");
        assertThat(Python.run(env.python(), "import gamma; print(gamma.G)")).isEqualTo("7\n");
    }

    @Test
    void unpinnedRequirementsAreRefused() throws Exception {
        lock("requirements.in", "alpha>=1\n");
        assertThatThrownBy(() -> sync(false, "requirements.in")).hasMessageContaining("requirements.in:1: alpha>=1 is not pinned");
    }

    @Test
    void protectedPackagesStayAndPipSeesAConsistentEnvironment() throws Exception {
        new VenvCreator(new Interpreters(null)).seedPip(env, new WheelCache(tmp.resolve("cache")),
                new WheelInstaller(WheelInstaller.LinkMode.HARDLINK));
        lock("base.txt", "alpha==1.0\nbeta==1.0\n");
        sync(false, "base.txt");
        lock("base.txt", "alpha==2.0\n");
        sync(false, false, Set.of(ProjectName.of("beta")), "base.txt");
        assertThat(installed()).containsOnlyKeys("alpha", "beta", "pip");
        Subprocess.Result list = Subprocess.run(List.of(env.python().toString(), "-m", "pip", "list", "--format=freeze",
                "--disable-pip-version-check"), null, null, null, Duration.ofMinutes(2));
        assertThat(list.stdout()).contains("Alpha==2.0", "beta==1.0");
        Subprocess.Result check = Subprocess.run(List.of(env.python().toString(), "-m", "pip", "check",
                "--disable-pip-version-check"), null, null, null, Duration.ofMinutes(2));
        assertThat(check.exitCode()).as(check.stdout()).isZero();
    }

    @Test
    void wheelsByPathAreKeptUntilTheirSourceChanges() throws Exception {
        Path wheel = beta.writeTo(tmp.resolve("wheels"));
        lock("base.txt", "beta @ " + wheel.toUri() + "\n");
        sync(false, "base.txt");
        InstalledDistribution d = SitePackages.find(env, ProjectName.of("beta")).orElseThrow();
        assertThat(d.directUrl()).hasValueSatisfying(u -> assertThat(u.url()).isEqualTo(wheel.toUri().toString()));
        assertThat(sync(false, "base.txt").plan().changes()).isFalse();
        lock("base.txt", "beta==1.0\n");
        assertThat(sync(true, "base.txt").plan().of(SyncPlan.Kind.KEEP)).hasSize(1);
    }

    @Test
    void anUnnamedEditablePathIsNamedByItsProjectAndKeptWhileUnchanged() throws Exception {
        // app: no [project] table, so only its build backend can tell the name; lib: a static name.
        BuildFrontendIT.project(tmp, "app");
        Path lib = BuildFrontendIT.project(tmp, "lib");
        Files.writeString(lib.resolve("pyproject.toml"), "[project]\nname = \"lib\"\nversion = \"0.4.0\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        // As pip-compile writes them: `-e app` is relative to the working directory (tmp), as pip reads it.
        lock("base.txt", "-e app\n    # via -r requirements.in\n-e " + lib + "\n    # via -r requirements.in\n");
        Syncer.SyncResult first = sync(false, "base.txt");
        assertThat(first.plan().of(SyncPlan.Kind.INSTALL)).extracting(a -> a.name().toString()).containsExactly("app", "lib");
        assertThat(Python.exec(List.of(env.root().resolve("bin/app-hello").toString()), Map.of())).isEqualTo("hello from app\n");
        InstalledDistribution app = SitePackages.find(env, ProjectName.of("app")).orElseThrow();
        assertThat(app.directUrl()).hasValueSatisfying(u -> {
            assertThat(u.editable()).isTrue();
            assertThat(u.url()).isEqualTo("file://" + tmp.resolve("app").toAbsolutePath());
        });
        assertThat(first.lockFiles()).contains(lib.resolve("pyproject.toml"));
        assertThat(sync(false, "base.txt").plan().changes()).as("a second sync changes nothing").isFalse();
    }

    @Test
    void theNameABackendGaveIsRememberedUntilTheProjectsBuildFilesChange() throws Exception {
        BuildFrontendIT.project(tmp, "app");
        lock("base.txt", "-e app\n");
        assertThat(sync(false, "base.txt").plan().of(SyncPlan.Kind.INSTALL)).extracting(a -> a.name().toString())
                .containsExactly("app");
        // From now on the backend fails: a sync that asked it for the name again would fail.
        Path backend = tmp.resolve("app/_build/tiny_backend.py");
        Files.writeString(backend, "raise SystemExit('the backend ran again')\n");
        assertThat(sync(false, "base.txt").plan().changes()).as("named from the cache, nothing to do").isFalse();

        Files.writeString(tmp.resolve("app/pyproject.toml"), "# changed\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> sync(true, "base.txt")).as("a changed pyproject.toml asks the backend again")
                .hasMessageContaining("backend");
        assertThat(new LocalProjectNames(tmp.resolve("cache")).get("0".repeat(64))).isEmpty();
    }

    @Test
    void anUnnamedPathThatIsNoProjectIsAnErrorAtItsLine() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        lock("base.txt", "beta==1.0\n-e ./missing\n");
        assertThatThrownBy(() -> sync(true, "base.txt")).isInstanceOf(EnvException.class)
                .hasMessage("base.txt:2:4: no such directory: " + tmp.resolve("missing") + "\n  -e ./missing\n     ^^^^^^^^^")
                .satisfies(e -> assertThat(((EnvException) e).hint()).hasValueSatisfying(h ->
                        assertThat(h).contains("working directory " + tmp)));
        lock("base.txt", "  ./empty\n");
        assertThatThrownBy(() -> sync(true, "base.txt")).isInstanceOf(EnvException.class)
                .hasMessage("base.txt:1:3: " + tmp.resolve("empty") + " is not a Python project: it has neither"
                        + " pyproject.toml nor setup.py\n    ./empty\n    ^^^^^^^");
    }

    /** An sdist whose in-tree backend builds a wheel of {@code src/*} (no setuptools needed). */
    private static Dist sdist(String name, String version, String module, String content) {
        return SdistBuilder.of(name, version).pyproject("""
                [build-system]
                requires = []
                build-backend = "tiny_backend"
                backend-path = ["_build"]
                """).module("_build/tiny_backend.py", """
                import base64, hashlib, os, zipfile

                def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
                    fields = dict(l.split(": ", 1) for l in open("PKG-INFO").read().splitlines() if ": " in l)
                    name, version = fields["Name"], fields["Version"]
                    dist = "%s-%s.dist-info/" % (name, version)
                    files = {f: open(os.path.join("src", f)).read() for f in os.listdir("src")}
                    files[dist + "METADATA"] = "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (name, version)
                    files[dist + "WHEEL"] = "Wheel-Version: 1.0\\nGenerator: tiny\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
                    record = ""
                    for path, text in files.items():
                        data = text.encode()
                        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                        record += "%s,sha256=%s,%d\\n" % (path, digest, len(data))
                    files[dist + "RECORD"] = record + dist + "RECORD,,\\n"
                    filename = "%s-%s-py3-none-any.whl" % (name, version)
                    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as z:
                        for path, text in files.items():
                            z.writestr(path, text)
                    return filename
                """).module("src/" + module, content).build();
    }

    @Test
    void onlyBinaryRefusesToBuildAnSdistAndNoBinaryBuildsInsteadOfTheWheel() throws Exception {
        index.add(sdist("docopt", "0.6.2", "docopt.py", "FROM = 'sdist'\n"));
        index.add(sdist("six", "1.16.0", "six.py", "FROM = 'sdist'\n"));
        index.add(WheelBuilder.of("six", "1.16.0").module("six.py", "FROM = 'wheel'\n").build());

        lock("base.txt", "--only-binary :all:\n\ndocopt==0.6.2\n");
        assertThatThrownBy(() -> sync(false, "base.txt")).isInstanceOf(EnvException.class)
                .hasMessageMatching("no wheel of docopt==0\\.6\\.2 fits cp\\d+ on \\S+, and --only-binary forbids"
                        + " building its source distribution \\(base.txt:3\\)");
        assertThat(installed()).doesNotContainKey("docopt");
        // A later --no-binary naming the project beats --only-binary :all:, as in pip.
        lock("base.txt", "--only-binary :all:\n--no-binary docopt\ndocopt==0.6.2\n");
        sync(false, "base.txt");
        assertThat(Python.run(env.python(), "import docopt; print(docopt.FROM)")).isEqualTo("sdist\n");

        lock("base.txt", "--no-binary :all:\nsix==1.16.0\n");
        sync(false, "base.txt");
        assertThat(Python.run(env.python(), "import six; print(six.FROM)")).isEqualTo("sdist\n");
        // Without it, the wheel is preferred (a remembered --no-binary choice is not reused).
        lock("base.txt", "");
        sync(false, "base.txt");
        lock("base.txt", "six==1.16.0\n");
        sync(false, "base.txt");
        assertThat(Python.run(env.python(), "import six; print(six.FROM)")).isEqualTo("wheel\n");
    }

    @Test
    void formatControlOfLaterFilesAppliesOnTopOfEarlierOnes() throws Exception {
        lock("a.txt", "--no-binary :all:\nbeta==1.0\n");
        lock("b.txt", "--only-binary beta\n");
        LockFiles.Locked locked = LockFiles.read(List.of("a.txt", "b.txt"), tmp, n -> null,
                dev.pinwheel.packaging.MarkerEnvironment.of(env.interpreter().markers()), false);
        assertThat(locked.formatControl().allowsBinary(ProjectName.of("beta"))).isTrue();
        assertThat(locked.formatControl().allowsBinary(ProjectName.of("alpha"))).isFalse();

        lock("c.txt", "--no-binary :none:\n");
        LockFiles.Locked cleared = LockFiles.read(List.of("a.txt", "c.txt"), tmp, n -> null,
                dev.pinwheel.packaging.MarkerEnvironment.of(env.interpreter().markers()), false);
        assertThat(cleared.formatControl().allowsBinary(ProjectName.of("alpha")))
                .as("a later file's :none: clears an earlier file's --no-binary, as in pip's one finder").isTrue();
    }
}
