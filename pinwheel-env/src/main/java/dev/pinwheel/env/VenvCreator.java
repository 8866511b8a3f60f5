package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes PEP 405 virtualenvs natively, without running {@code python -m venv}: a
 * {@code pyvenv.cfg} whose {@code home} is the base interpreter's directory (that is what makes
 * the interpreter treat the directory as its prefix), {@code bin/python*} links to the base
 * interpreter, {@code lib/pythonX.Y/site-packages} (plus the {@code lib64} link CPython's own
 * venv makes on 64-bit Linux), and activation scripts. POSIX layout only.
 *
 * <p>A venv made from an interpreter that itself runs in a venv points at that venv's base
 * interpreter, as {@code python -m venv} does.
 */
public final class VenvCreator {

    private final Interpreters interpreters;

    public VenvCreator(Interpreters interpreters) {
        this.interpreters = interpreters;
    }

    /** What to make. {@code prompt} null means the directory's name. */
    public record VenvRequest(Path dir, Interpreter base, boolean clear, String prompt) {
    }

    /** Creates the venv and returns it, already described by its own interpreter. */
    public PythonEnvironment create(VenvRequest request) {
        Path dir = request.dir().toAbsolutePath().normalize();
        Interpreter base = request.base();
        try {
            prepareDirectory(dir, request.clear());
            Path baseExe = base.baseExecutable();
            Path bin = dir.resolve("bin");
            Path lib = dir.resolve("lib");
            Path sitePackages = lib.resolve("python" + base.majorMinor()).resolve("site-packages");
            Files.createDirectories(bin);
            Files.createDirectories(sitePackages);
            Files.createDirectories(dir.resolve("include"));
            if (base.pointerBits() == 64 && base.sysconfigPlatform().startsWith("linux")) {
                Files.createSymbolicLink(dir.resolve("lib64"), Path.of("lib"));
            }
            // Written before the links: an interpreter started through bin/python without it would
            // take itself for the base installation.
            Fs.writeAtomically(dir.resolve("pyvenv.cfg"), pyvenvCfg(base, baseExe, request).getBytes(StandardCharsets.UTF_8));
            Files.createSymbolicLink(bin.resolve("python"), baseExe);
            for (String alias : new String[] {"python3", "python" + base.majorMinor()}) {
                Files.createSymbolicLink(bin.resolve(alias), Path.of("python"));
            }
            String prompt = request.prompt() == null ? dir.getFileName().toString() : request.prompt();
            for (Map.Entry<String, String> script : ActivationScripts.render(dir.toString(), prompt).entrySet()) {
                Path file = bin.resolve(script.getKey());
                Files.writeString(file, script.getValue(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            // Keep the environment out of version control, as uv and CPython 3.13 do.
            Files.writeString(dir.resolve(".gitignore"), "# created by pinwheel\n*\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot create the virtual environment " + dir, null, e);
        }
        Path python = dir.resolve("bin").resolve("python");
        return new PythonEnvironment(dir, python, interpreters.inspect(python));
    }

    /**
     * Installs pip into a fresh venv ({@code --seed}) from the wheel that the interpreter's own
     * {@code ensurepip} bundles, through pinwheel's installer: no network, no subprocess, and the
     * pip version the interpreter was released with (upgrade it with a lock file like any other).
     */
    public InstalledDistribution seedPip(PythonEnvironment env, WheelCache cache, WheelInstaller installer) {
        Path bundled = env.interpreter().stdlib().map(s -> s.resolve("ensurepip").resolve("_bundled"))
                .filter(Files::isDirectory).orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                        "the interpreter " + env.interpreter().baseExecutable() + " has no ensurepip to seed pip from",
                        "install your distribution's python3-venv package, or sync pip from a lock file instead"));
        Path wheel;
        try (Stream<Path> files = Files.list(bundled)) {
            wheel = files.filter(p -> p.getFileName().toString().startsWith("pip-") && p.toString().endsWith(".whl"))
                    .findFirst().orElseThrow(() -> new EnvException(Category.ENVIRONMENT,
                            "no pip wheel in " + bundled, "sync pip from a lock file instead"));
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot read " + bundled, null, e);
        }
        return installer.install(env, cache.unpack(wheel), WheelInstaller.InstallOptions.of(true));
    }

    private static String pyvenvCfg(Interpreter base, Path baseExe, VenvRequest request) throws IOException {
        StringBuilder cfg = new StringBuilder();
        cfg.append("home = ").append(baseExe.getParent()).append('\n');
        cfg.append("implementation = ").append(base.markers().getOrDefault("platform_python_implementation",
                base.implementation())).append('\n');
        cfg.append("version = ").append(base.version()).append('\n');
        cfg.append("include-system-site-packages = false\n");
        cfg.append("executable = ").append(baseExe.toRealPath()).append('\n');
        if (request.prompt() != null) {
            cfg.append("prompt = ").append(request.prompt()).append('\n');
        }
        cfg.append("created-by = pinwheel\n");
        return cfg.toString();
    }

    private static void prepareDirectory(Path dir, boolean clear) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new EnvException(Category.BAD_INPUT, dir + " exists and is not a directory",
                    "choose another path for the virtual environment");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        boolean isVenv = Files.isRegularFile(dir.resolve("pyvenv.cfg"));
        if (!isVenv) {
            throw new EnvException(Category.BAD_INPUT, dir + " exists, is not empty and is not a virtual environment",
                    "choose another path; pinwheel replaces only virtual environments");
        }
        if (!clear) {
            throw new EnvException(Category.BAD_INPUT, "a virtual environment already exists at " + dir,
                    "pass --clear to replace it, or `pinwheel sync` to bring it to your lock files");
        }
        Fs.deleteTree(dir);
        Files.createDirectories(dir);
    }
}
