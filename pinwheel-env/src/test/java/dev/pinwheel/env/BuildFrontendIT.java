package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.testkit.TestIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFrontendIT {

    @TempDir
    Path tmp;

    private TestIndex index;
    private Interpreters interpreters;
    private PythonEnvironment env;

    @BeforeEach
    void setUp() throws Exception {
        interpreters = new Interpreters(tmp.resolve("cache"));
        Interpreter python = interpreters.inspect(Python.python3());
        index = TestIndex.start();
        env = new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(tmp.resolve("venv"), python, false, null));
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private IndexClient client() {
        return IndexClient.create(IndexSettings.builder(tmp.resolve("cache"), tmp).indexUrl(index.url().toString()).build(),
                RequestListener.NONE);
    }

    /**
     * A project with a tiny in-tree PEP 517/660 backend (backend-path), so the test needs no
     * index: wheels carry the package and a console script; editables a .pth to the sources.
     */
    static Path project(Path root, String name) throws Exception {
        Path dir = root.resolve(name);
        Files.createDirectories(dir.resolve("src/" + name));
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = []
                build-backend = "tiny_backend"
                backend-path = ["_build"]
                """);
        Files.createDirectories(dir.resolve("_build"));
        Files.writeString(dir.resolve("_build/tiny_backend.py"), """
                import base64, hashlib, os, zipfile
                NAME, VERSION = %s, "0.4.0"
                DIST = NAME + "-" + VERSION + ".dist-info/"

                def _metadata():
                    return "Metadata-Version: 2.1\\nName: %%s\\nVersion: %%s\\n" %% (NAME, VERSION)

                def _wheel(wheel_directory, files):
                    files = dict(files)
                    files[DIST + "METADATA"] = _metadata()
                    files[DIST + "WHEEL"] = "Wheel-Version: 1.0\\nGenerator: tiny\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
                    files[DIST + "entry_points.txt"] = "[console_scripts]\\n%%s-hello = %%s:hello\\n" %% (NAME, NAME)
                    record = ""
                    for path, text in files.items():
                        data = text.encode()
                        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                        record += "%%s,sha256=%%s,%%d\\n" %% (path, digest, len(data))
                    files[DIST + "RECORD"] = record + DIST + "RECORD,,\\n"
                    filename = "%%s-%%s-py3-none-any.whl" %% (NAME, VERSION)
                    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as z:
                        for path, text in files.items():
                            z.writestr(path, text)
                    return filename

                def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
                    os.makedirs(os.path.join(metadata_directory, DIST))
                    with open(os.path.join(metadata_directory, DIST, "METADATA"), "w") as f:
                        f.write(_metadata())
                    return DIST.rstrip("/")

                def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
                    src = os.path.join("src", NAME)
                    return _wheel(wheel_directory, {NAME + "/" + f: open(os.path.join(src, f)).read() for f in os.listdir(src)})

                def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
                    return _wheel(wheel_directory, {"_" + NAME + "_editable.pth": os.path.abspath("src") + "\\n"})
                """.formatted("\"" + name + "\""));
        Files.writeString(dir.resolve("src/" + name + "/__init__.py"), "def hello():\n    print('hello from " + name + "')\n");
        return dir;
    }

    @Test
    void buildsMetadataAndEditablesThroughTheHooks() throws Exception {
        Path project = project(tmp, "tool");
        try (IndexClient client = client()) {
            BuildFrontend frontend = new BuildFrontend(tmp.resolve("cache"), interpreters, client);
            String metadata = frontend.prepareMetadata(project, env.interpreter());
            assertThat(SitePackages.header(metadata, "Name")).isEqualTo("tool");

            Path editable = frontend.buildEditable(project, env.interpreter());
            WheelCache cache = new WheelCache(tmp.resolve("cache"));
            new WheelInstaller(WheelInstaller.LinkMode.COPY).install(env, cache.unpack(editable),
                    new WheelInstaller.InstallOptions(true, java.util.Optional.of(DirectUrl.directory(project.toUri().toString(), true))));
            assertThat(Python.exec(List.of(env.root().resolve("bin/tool-hello").toString()), Map.of())).isEqualTo("hello from tool\n");
            // Editable: a change in the source shows without reinstalling.
            Files.writeString(project.resolve("src/tool/__init__.py"), "def hello():\n    print('changed')\n");
            assertThat(Python.exec(List.of(env.root().resolve("bin/tool-hello").toString()), Map.of())).isEqualTo("changed\n");
        }
    }

    @Test
    void syncBuildsSdistsAndEditablesFromTheLockFile() throws Exception {
        Path project = project(tmp, "app");
        project(tmp, "lib");
        // An sdist of lib, made the way `python -m build --sdist` lays it out.
        Path sdist = tmp.resolve("dist/lib-0.4.0.tar.gz");
        Files.createDirectories(sdist.getParent());
        Python.exec(List.of("tar", "-czf", sdist.toString(), "--transform", "s,^lib,lib-0.4.0,", "-C", tmp.toString(), "lib"), Map.of());
        Files.writeString(tmp.resolve("requirements.txt"), "-e " + project.toUri() + "#egg=app\nlib @ " + sdist.toUri() + "\n");
        IndexSettings settings = IndexSettings.builder(tmp.resolve("cache"), tmp).indexUrl(index.url().toString()).build();
        Syncer.SyncRequest request = new Syncer.SyncRequest(List.of("requirements.txt"), tmp, n -> null, false, Set.of(), false,
                false, WheelInstaller.LinkMode.HARDLINK, tmp.resolve("cache"), settings);
        Syncer.SyncResult result = new Syncer(new Syncer.Listener() { }).sync(env, request);
        assertThat(result.applied()).isTrue();
        assertThat(Python.exec(List.of(env.root().resolve("bin/app-hello").toString()), Map.of())).isEqualTo("hello from app\n");
        assertThat(Python.exec(List.of(env.root().resolve("bin/lib-hello").toString()), Map.of())).isEqualTo("hello from lib\n");
        InstalledDistribution app = SitePackages.find(env, ProjectName.of("app")).orElseThrow();
        assertThat(app.directUrl()).hasValueSatisfying(u -> assertThat(u.editable()).isTrue());
        // Nothing changed: nothing is rebuilt or reinstalled.
        assertThat(new Syncer(new Syncer.Listener() { }).sync(env, request).plan().changes()).isFalse();
    }

    @Test
    void aBackendFailureShowsItsOutput() throws Exception {
        Path dir = withBackendModule(tmp.resolve("broken"));
        Files.writeString(dir.resolve("backend.py"), "def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):\n"
                + "    print('compiler exploded')\n    raise SystemExit(1)\n");
        try (IndexClient client = client()) {
            BuildFrontend frontend = new BuildFrontend(tmp.resolve("cache"), interpreters, client);
            assertThatThrownBy(() -> frontend.buildWheel(dir, env.interpreter())).isInstanceOf(EnvException.class)
                    .hasMessageContaining("failed in build_wheel").hasMessageContaining("compiler exploded");
            assertThatThrownBy(() -> frontend.buildEditable(dir, env.interpreter()))
                    .hasMessageContaining("has no build_editable hook (PEP 660)");
        }
    }

    /** A new directory whose pyproject.toml names the in-tree backend {@code backend.py}, which the caller writes. */
    private static Path withBackendModule(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = []
                build-backend = "backend"
                backend-path = ["."]
                """);
        return dir;
    }

    /**
     * An sdist whose in-tree backend asks, from get_requires_for_build_wheel, for {@code asks}
     * and writes into its metadata whether the distribution {@code helper} was installed when
     * prepare_metadata_for_build_wheel ran.
     */
    private Path sdistAsking(String name, String asks) throws Exception {
        Path dir = withBackendModule(tmp.resolve("src").resolve(name + "-1.0"));
        Files.writeString(dir.resolve("backend.py"), """
                import importlib.metadata, os
                def get_requires_for_build_wheel(config_settings=None):
                    return %s
                def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
                    try:
                        importlib.metadata.version("helper")
                        seen = "helper-installed"
                    except importlib.metadata.PackageNotFoundError:
                        seen = "helper-missing"
                    dist = os.path.join(metadata_directory, "%s-1.0.dist-info")
                    os.makedirs(dist)
                    with open(os.path.join(dist, "METADATA"), "w") as f:
                        f.write("Metadata-Version: 2.1\\nName: %s\\nVersion: 1.0\\nRequires-Dist: " + seen + "\\n")
                    return "%s-1.0.dist-info"
                """.formatted(asks, name, name, name));
        Path sdist = tmp.resolve("dist").resolve(name + "-1.0.tar.gz");
        Files.createDirectories(sdist.getParent());
        Python.exec(List.of("tar", "-czf", sdist.toString(), "-C", tmp.resolve("src").toString(), name + "-1.0"), Map.of());
        return sdist;
    }

    @Test
    void anSdistsMetadataSeesWhatItsBackendAskedForAndNoTemporaryDirectoryIsLeft() throws Exception {
        index.add(dev.pinwheel.testkit.WheelBuilder.of("helper", "1.0").build());
        Path asking = sdistAsking("asking", "[\"helper\"]");
        Path plain = sdistAsking("plain", "[]");
        try (IndexClient client = client()) {
            BuildFrontend frontend = new BuildFrontend(tmp.resolve("cache"), interpreters, client);
            // prepare_metadata runs in an environment with what get_requires asked for
            assertThat(SitePackages.header(frontend.prepareMetadata(asking, env.interpreter()), "Requires-Dist"))
                    .isEqualTo("helper-installed");
            assertThat(SitePackages.header(frontend.prepareMetadata(plain, env.interpreter()), "Requires-Dist"))
                    .isEqualTo("helper-missing");
        }
        try (var left = Files.list(tmp.resolve("cache/tmp"))) {
            assertThat(left).isEmpty();
        }
    }
}
