package dev.pinwheel.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.pinwheel.index.DistFile;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.ProjectPage;
import dev.pinwheel.packaging.CoreMetadata;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.SupportedTags;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.WheelFilename;
import dev.pinwheel.support.FileLock;
import dev.pinwheel.support.Hashing;
import dev.pinwheel.support.Subprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A PEP 517 / PEP 660 build frontend: builds wheels from sdists and source trees, editable
 * wheels from project directories, and asks backends for metadata.
 *
 * <p>Each build runs the backend's hooks with the target interpreter, inside an isolated
 * virtualenv that pinwheel's own installer fills with {@code build-system.requires} (a missing
 * {@code [build-system]} means setuptools' legacy backend, as pip assumes). Build environments
 * are cached by their requirement list and interpreter; wheels built from an sdist are cached by
 * the sdist's SHA-256.
 *
 * <p>Limitation: build requirements are not resolved with backtracking. Each requirement takes
 * the newest version on the index that satisfies it, has a wheel for the interpreter and a
 * matching Requires-Python; their dependencies are added the same way, first come first served.
 * Backends' requirement lists are small and loose, so this suffices in practice; pin build
 * requirements exactly when it does not.
 */
public final class BuildFrontend {

    private static final String HOOKS = loadScript();
    private static final List<String> DEFAULT_REQUIRES = List.of("setuptools>=40.8.0");
    private static final String DEFAULT_BACKEND = "setuptools.build_meta:__legacy__";

    private final Path cacheDir;
    private final Interpreters interpreters;
    private final IndexClient client;
    private final boolean isolated;

    public BuildFrontend(Path cacheDir, Interpreters interpreters, IndexClient client) {
        this(cacheDir, interpreters, client, true);
    }

    /**
     * @param isolated false for pip's {@code --no-build-isolation}: the hooks run in the target
     *                 interpreter itself, which must already hold the backend and its build
     *                 requirements (nothing is installed for them)
     */
    public BuildFrontend(Path cacheDir, Interpreters interpreters, IndexClient client, boolean isolated) {
        this.cacheDir = cacheDir;
        this.interpreters = interpreters;
        this.client = client;
        this.isolated = isolated;
    }

    /** {@code [build-system]} of a source tree. */
    record BuildSystem(List<String> requires, String backend, List<String> backendPath) {
    }

    /**
     * Builds a wheel from an sdist archive ({@code .tar.gz}, {@code .zip}; cached by its SHA-256)
     * or a source directory (built afresh). Returns the wheel file.
     */
    public Path buildWheel(Path source, Interpreter python) {
        if (Files.isDirectory(source)) {
            Path out = temp("wheels");
            return build(source, python, "build_wheel", out);
        }
        Path cached = cacheDir.resolve("built-wheels-v1").resolve(Hashing.sha256Hex(source) + "-" + tagKey(python));
        Optional<Path> hit = wheelIn(cached);
        if (hit.isPresent()) {
            return hit.get();
        }
        Path tree = unpack(source, python);
        try {
            Path tmpOut = temp("wheels");
            Path wheel = build(tree, python, "build_wheel", tmpOut);
            Files.createDirectories(cached.getParent());
            try {
                Files.move(tmpOut, cached);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // Built concurrently by another process: keep theirs.
                Fs.deleteTree(tmpOut);
            }
            return wheelIn(cached).orElse(wheel);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot store the wheel built from " + source.getFileName(), null, e);
        } finally {
            deleteQuietly(unpackedRoot(tree));
        }
    }

    /** PEP 660: an editable wheel for the project in {@code projectDir} (never cached). */
    public Path buildEditable(Path projectDir, Interpreter python) {
        return build(projectDir, python, "build_editable", temp("editables"));
    }

    /**
     * The core metadata (METADATA text) of an sdist or source tree, from the backend's
     * {@code prepare_metadata_for_build_wheel}, or from a full build when the backend lacks that
     * hook. For sdists whose PKG-INFO cannot be trusted (dynamic dependencies).
     */
    public String prepareMetadata(Path source, Interpreter python) {
        return prepareMetadata(source, python, false);
    }

    /**
     * The core metadata of a project directory as an editable install would have it (PEP 660's
     * {@code prepare_metadata_for_build_editable}, else a full {@code build_editable}): how
     * {@code -e .} learns its project's name when pyproject.toml does not state it.
     */
    public String prepareEditableMetadata(Path projectDir, Interpreter python) {
        return prepareMetadata(projectDir, python, true);
    }

    private String prepareMetadata(Path source, Interpreter python, boolean editable) {
        Path tree = Files.isDirectory(source) ? source : unpack(source, python);
        Path out = temp("metadata");
        String kind = editable ? "editable" : "wheel";
        try {
            BuildSystem system = buildSystem(tree);
            PythonEnvironment buildEnv = buildEnvironment(system, tree, python, "get_requires_for_build_" + kind);
            Optional<Object> name = hook(buildEnv, tree, system, "prepare_metadata_for_build_" + kind,
                    Map.of("metadata_directory", out.toString(), "config_settings", Map.of()));
            if (name.isPresent()) {
                return Files.readString(out.resolve(String.valueOf(name.get())).resolve("METADATA"), StandardCharsets.UTF_8);
            }
            Path wheel = runBuild(buildEnv, tree, system, "build_" + kind, out);
            return cacheWheelMetadata(wheel);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot read the metadata the backend prepared for " + source, null, e);
        } finally {
            deleteQuietly(out);
            if (!tree.equals(source)) {
                deleteQuietly(unpackedRoot(tree));
            }
        }
    }

    /**
     * What building a project needs, as pip-compile's {@code --build-deps-for} lists it: its
     * {@code [build-system] requires} (pip's default where the table is absent), and per target
     * ({@code wheel}, {@code sdist}, {@code editable}) what the backend's
     * {@code get_requires_for_build_<target>} hook adds (nothing where the backend has no such
     * hook). The hooks run as for a build: in the isolated environment made from the static
     * requirements, or in {@code python} itself without build isolation.
     *
     * @param requires the static requirements
     * @param byTarget each asked target's hook answer, in the order asked
     */
    public record BuildRequirements(List<String> requires, Map<String, List<String>> byTarget) {
        public BuildRequirements {
            requires = List.copyOf(requires);
            byTarget = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTarget));
        }
    }

    /** The build requirements of the project in {@code projectDir} for these targets (see {@link BuildRequirements}). */
    public BuildRequirements buildRequirements(Path projectDir, Interpreter python, List<String> targets) {
        BuildSystem system = buildSystem(projectDir);
        PythonEnvironment env = isolated ? environmentWith(system.requires(), python)
                : new PythonEnvironment(python.prefix(), python.executable(), python);
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (String target : targets) {
            byTarget.put(target, extraRequires(env, projectDir, system, "get_requires_for_build_" + target));
        }
        return new BuildRequirements(system.requires(), byTarget);
    }

    /** The temporary directory {@link #unpack} made for {@code tree} (its parent when the sdist had one top directory). */
    private Path unpackedRoot(Path tree) {
        Path parent = tree.getParent();
        return parent != null && cacheDir.resolve("tmp").equals(parent.getParent()) ? parent : tree;
    }

    private String cacheWheelMetadata(Path wheel) {
        WheelCache cache = new WheelCache(cacheDir);
        return cache.unpack(wheel).metadataText();
    }

    private Path build(Path tree, Interpreter python, String hook, Path out) {
        BuildSystem system = buildSystem(tree);
        String requiresHook = hook.equals("build_editable") ? "get_requires_for_build_editable" : "get_requires_for_build_wheel";
        PythonEnvironment buildEnv = buildEnvironment(system, tree, python, requiresHook);
        return runBuild(buildEnv, tree, system, hook, out);
    }

    private Path runBuild(PythonEnvironment buildEnv, Path tree, BuildSystem system, String hook, Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Object> built = hook(buildEnv, tree, system, hook,
                Map.of("wheel_directory", out.toString(), "config_settings", Map.of()));
        if (built.isEmpty()) {
            throw new EnvException(Category.BAD_INPUT, "the build backend " + system.backend() + " of " + tree
                    + " has no " + hook + " hook" + (hook.equals("build_editable") ? " (PEP 660)" : ""),
                    hook.equals("build_editable") ? "upgrade the backend (setuptools>=64, hatchling, flit-core>=3.4)" : null);
        }
        return out.resolve(String.valueOf(built.get()));
    }

    /** Reads {@code [build-system]} from pyproject.toml, with pip's defaults where it is absent. */
    static BuildSystem buildSystem(Path tree) {
        Path pyproject = tree.resolve("pyproject.toml");
        if (!Files.isRegularFile(pyproject)) {
            return new BuildSystem(DEFAULT_REQUIRES, DEFAULT_BACKEND, List.of());
        }
        try {
            JsonNode root = new TomlMapper().readTree(pyproject.toFile());
            JsonNode bs = root.path("build-system");
            if (bs.isMissingNode()) {
                return new BuildSystem(DEFAULT_REQUIRES, DEFAULT_BACKEND, List.of());
            }
            List<String> requires = new ArrayList<>();
            bs.path("requires").forEach(r -> requires.add(r.asText()));
            String backend = bs.path("build-backend").asText(DEFAULT_BACKEND);
            List<String> backendPath = new ArrayList<>();
            bs.path("backend-path").forEach(p -> backendPath.add(p.asText()));
            return new BuildSystem(requires, backend.isEmpty() ? DEFAULT_BACKEND : backend, backendPath);
        } catch (IOException e) {
            throw new EnvException(Category.BAD_INPUT, "cannot read " + pyproject + ": " + e.getMessage(), null, e);
        }
    }

    /** The isolated environment with the backend's requirements, made once per requirement set. */
    private PythonEnvironment buildEnvironment(BuildSystem system, Path tree, Interpreter python, String requiresHook) {
        if (!isolated) {
            return new PythonEnvironment(python.prefix(), python.executable(), python);
        }
        PythonEnvironment env = environmentWith(system.requires(), python);
        List<String> more = extraRequires(env, tree, system, requiresHook);
        if (more.isEmpty()) {
            return env;
        }
        List<String> all = new ArrayList<>(system.requires());
        all.addAll(more);
        return environmentWith(all, python);
    }

    /** What the backend's {@code get_requires_for_build_*} hook asks for beyond the static requirements. */
    private List<String> extraRequires(PythonEnvironment env, Path tree, BuildSystem system, String requiresHook) {
        Optional<Object> extra = hook(env, tree, system, requiresHook, Map.of("config_settings", Map.of()));
        List<String> more = new ArrayList<>();
        if (extra.isPresent() && extra.get() instanceof List<?> list) {
            list.forEach(o -> more.add(String.valueOf(o)));
        }
        return more;
    }

    private PythonEnvironment environmentWith(List<String> requires, Interpreter python) {
        List<String> sorted = requires.stream().map(String::strip).sorted().distinct().toList();
        String key = Hashing.sha256Hex((python.baseExecutable() + "\n" + python.version() + "\n" + String.join("\n", sorted))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        Path root = cacheDir.resolve("build-envs-v1").resolve(key);
        Path ready = root.resolve(".pinwheel-ready");
        try (FileLock lock = FileLock.acquire(cacheDir.resolve("build-envs-v1").resolve(key + ".lock"),
                Duration.ofMinutes(10), "the build environment " + root)) {
            if (Files.isRegularFile(ready)) {
                return new PythonEnvironment(root, root.resolve("bin/python"), interpreters.inspect(root.resolve("bin/python")));
            }
            Fs.deleteTree(root);
            PythonEnvironment env = new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(root, python, true, "build"));
            WheelCache cache = new WheelCache(cacheDir);
            WheelInstaller installer = new WheelInstaller(WheelInstaller.LinkMode.HARDLINK);
            for (UnpackedWheel wheel : resolve(sorted, env.interpreter(), cache)) {
                installer.install(env, wheel, WheelInstaller.InstallOptions.of(false));
            }
            Files.writeString(ready, String.join("\n", sorted) + "\n");
            return env;
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot make the build environment " + root, null, e);
        }
    }

    /** First-come resolution of build requirements and their dependencies (see the class comment). */
    private List<UnpackedWheel> resolve(List<String> requires, Interpreter python, WheelCache cache) {
        MarkerEnvironment markers = python.markerEnvironment();
        SupportedTags tags = SupportedTags.of(python.targetPython());
        Version pythonVersion = Version.parse(python.version());
        Deque<Requirement> queue = new ArrayDeque<>();
        for (String r : requires) {
            queue.add(Requirement.parse(r));
        }
        Map<ProjectName, UnpackedWheel> chosen = new LinkedHashMap<>();
        Map<ProjectName, Version> versions = new HashMap<>();
        while (!queue.isEmpty()) {
            Requirement req = queue.poll();
            if (!req.appliesTo(markers, Set.of())) {
                continue;
            }
            Version have = versions.get(req.name());
            if (have != null) {
                if (!req.specifier().contains(have, true)) {
                    throw new EnvException(Category.ENVIRONMENT, "build requirements conflict: " + req + " but "
                            + req.name() + " " + have + " was chosen", "pin the build requirements exactly in pyproject.toml");
                }
                continue;
            }
            ProjectPage page = client.page(req.name());
            Map<Version, List<DistFile>> byVersion = new HashMap<>();
            Map<DistFile, WheelFilename> names = new HashMap<>();
            for (DistFile f : page.files()) {
                if (!f.isWheel() || f.isYanked() || !requiresPythonAllows(f, pythonVersion)) {
                    continue;
                }
                try {
                    WheelFilename wf = WheelFilename.parse(f.filename());
                    if (tags.isCompatible(wf)) {
                        byVersion.computeIfAbsent(wf.version(), v -> new ArrayList<>()).add(f);
                        names.put(f, wf);
                    }
                } catch (RuntimeException skip) {
                    // A file name that is not a valid wheel name cannot be installed.
                }
            }
            Version best = byVersion.keySet().stream().filter(v -> req.specifier().contains(v))
                    .max(Version::compareTo).orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                            "no wheel of the build requirement " + req + " fits " + Syncer.describe(python.targetPython()),
                            "build requirements must be available as wheels"));
            List<DistFile> files = byVersion.get(best);
            WheelFilename pick = tags.best(files.stream().map(names::get).toList()).orElseThrow();
            DistFile file = files.stream().filter(f -> names.get(f).equals(pick)).findFirst().orElseThrow();
            UnpackedWheel wheel = cache.unpack(client.download(file));
            chosen.put(req.name(), wheel);
            versions.put(req.name(), best);
            CoreMetadata metadata = CoreMetadata.parse(wheel.metadataText());
            Set<ExtraName> extras = req.extras();
            for (Requirement dep : metadata.requiresDist()) {
                if (dep.appliesTo(markers, extras)) {
                    queue.add(dep);
                }
            }
        }
        return new ArrayList<>(chosen.values());
    }

    private static boolean requiresPythonAllows(DistFile f, Version python) {
        if (f.requiresPython().isEmpty()) {
            return true;
        }
        try {
            return SpecifierSet.parse(f.requiresPython().get()).contains(python, true);
        } catch (RuntimeException invalid) {
            return true;
        }
    }

    /** Runs one hook; empty when the backend does not define it. */
    private Optional<Object> hook(PythonEnvironment env, Path tree, BuildSystem system, String hook, Map<String, Object> kwargs) {
        Path result = temp("hook").resolve("result.json");
        try {
            Path script = hooksScript();
            Subprocess.Result r = Subprocess.run(List.of(env.python().toString(), script.toString(), "hook", tree.toString(),
                    system.backend(), Json.write(system.backendPath()), hook, Json.write(kwargs), result.toString()),
                    tree, hookEnvironment(env), null, Duration.ofMinutes(30));
            if (r.exitCode() != 0) {
                throw new EnvException(Category.ENVIRONMENT, "the build backend " + system.backend() + " failed in " + hook
                        + " for " + tree + ":\n" + tail(r.stdout() + r.stderr(), 40), "fix the build, or install a wheel instead");
            }
            Map<String, Object> answer = Json.parseObject(Files.readString(result, StandardCharsets.UTF_8));
            return Boolean.TRUE.equals(answer.get("missing")) ? Optional.empty() : Optional.ofNullable(answer.get("value"));
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot run the build hook " + hook + " for " + tree, null, e);
        } finally {
            deleteQuietly(result.getParent());
        }
    }

    /** The build runs with the build env first on PATH and nothing from the outside Python setup. */
    private static Map<String, String> hookEnvironment(PythonEnvironment env) {
        Map<String, String> e = new HashMap<>(System.getenv());
        e.remove("PYTHONPATH");
        e.remove("PYTHONHOME");
        e.remove("PYTHONNOUSERSITE");
        e.put("VIRTUAL_ENV", env.root().toString());
        e.put("PATH", env.root().resolve("bin") + java.io.File.pathSeparator + e.getOrDefault("PATH", ""));
        return e;
    }

    private Path unpack(Path archive, Interpreter python) {
        Path dest = temp("src");
        Subprocess.Result r = Subprocess.run(List.of(python.executable().toString(), "-I", hooksScript().toString(), "unpack",
                archive.toString(), dest.toString()), null, null, null, Duration.ofMinutes(10));
        if (r.exitCode() != 0) {
            deleteQuietly(dest);
            throw new EnvException(Category.BAD_INPUT, "cannot unpack " + archive.getFileName() + ": " + r.stderr().strip());
        }
        // An sdist holds one top-level directory, name-version/.
        try (Stream<Path> top = Files.list(dest)) {
            List<Path> entries = top.toList();
            return entries.size() == 1 && Files.isDirectory(entries.get(0)) ? entries.get(0) : dest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path hooksScript() {
        Path script = cacheDir.resolve("build-hooks-" + Hashing.sha256Hex(HOOKS.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + ".py");
        if (!Files.isRegularFile(script)) {
            try {
                Files.createDirectories(cacheDir);
                Fs.writeAtomically(script, HOOKS.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new EnvException(Category.ENVIRONMENT, "cannot write " + script, null, e);
            }
        }
        return script;
    }

    private Path temp(String kind) {
        Path dir = cacheDir.resolve("tmp").resolve(kind + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot create " + dir, null, e);
        }
        return dir;
    }

    private static Optional<Path> wheelIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".whl")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String tagKey(Interpreter python) {
        return python.implementation() + python.major() + python.minor() + "-" + python.sysconfigPlatform().replace('/', '_');
    }

    private static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void deleteQuietly(Path dir) {
        try {
            Fs.deleteTree(dir);
        } catch (IOException e) {
            // A leftover temporary directory in the cache is harmless.
        }
    }

    private static String loadScript() {
        try (InputStream in = BuildFrontend.class.getResourceAsStream("build_hooks.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
