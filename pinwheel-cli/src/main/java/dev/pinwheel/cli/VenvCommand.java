package dev.pinwheel.cli;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.InstalledDistribution;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.env.WheelCache;
import dev.pinwheel.env.WheelInstaller;
import dev.pinwheel.env.PythonEnvironment;
import dev.pinwheel.env.VenvCreator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel venv}: create a PEP 405 virtual environment without pip (unless --seed). */
final class VenvCommand implements Callable<Integer> {

    private final Console console;

    String dir;
    String python;
    boolean clear;
    boolean seed;
    String prompt;

    VenvCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "venv",
                "Create a virtual environment (PEP 405) natively, without pip unless --seed.",
                "An existing environment is replaced only with --clear.");
        b.positional("0..1", "DIR",
                "Where to create it (default: ${DEFAULT-VALUE}).", () -> dir, v -> dir = v).defaultValue(".venv");
        b.option(String.class, "--python", "PYTHON",
                "The base interpreter: a path, a name on PATH or a version such as 3.12 (default: python3).",
                () -> python, v -> python = v);
        b.flag("--clear", "Replace an existing virtual environment at DIR.", () -> clear, v -> clear = v);
        b.flag("--seed",
                "Install pip into it (the wheel bundled with the interpreter's ensurepip).", () -> seed, v -> seed = v);
        b.option(String.class, "--prompt", "PROMPT",
                "The prompt prefix (default: DIR's name).", () -> prompt, v -> prompt = v);
        return b.build();
    }

    @Override
    public Integer call() {
        Context context = console.context();
        Interpreters interpreters = new Interpreters(EnvSettings.cacheDir(context));
        EnvironmentFinder finder = new EnvironmentFinder(interpreters, context.cwd(), context.env());
        Path exe = finder.interpreterFor(Optional.ofNullable(python).orElse("python3"));
        Interpreter base = interpreters.inspect(exe);
        console.info("Using " + base.markers().getOrDefault("platform_python_implementation", base.implementation())
                + " " + base.version() + " interpreter at: " + base.baseExecutable());
        Path target = context.resolve(dir);
        // said once it is done (it takes milliseconds), so a refusal is not preceded by it
        PythonEnvironment env = new VenvCreator(interpreters).create(new VenvCreator.VenvRequest(target, base, clear, prompt));
        console.info("Creating virtual environment at: " + dir);
        if (seed) {
            Path cache = EnvSettings.cacheDir(context);
            InstalledDistribution pip = new VenvCreator(interpreters).seedPip(env, new WheelCache(cache),
                    new WheelInstaller(WheelInstaller.LinkMode.HARDLINK));
            console.info("Seeded " + pip.name() + " " + pip.versionText());
        }
        console.info("Activate with: source " + display(context, env.root()) + "/bin/activate");
        return ExitCodes.OK;
    }

    static String display(Context context, Path path) {
        return path.startsWith(context.cwd()) && !path.equals(context.cwd())
                ? context.cwd().relativize(path).toString() : path.toString();
    }
}
