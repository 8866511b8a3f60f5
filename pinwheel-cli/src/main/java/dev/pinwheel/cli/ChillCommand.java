package dev.pinwheel.cli;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.env.SitePackages;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.scan.Chill;
import dev.pinwheel.support.Parallel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel chill}: what the environment was asked for, like pip-chill. */
final class ChillCommand implements Callable<Integer> {

    private final Console console;

    boolean noVersion;
    boolean all;
    String python;

    ChillCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "chill",
                "List the installed distributions nothing else requires, like pip-chill.",
                "Runtime packages first, then development tools (for dev.in), then tool-chain",
                "leftovers.");
        b.flag("--no-version", "Names only, without ==version.", () -> noVersion, v -> noVersion = v);
        b.flag("--all", "Also show pip, setuptools and wheel.", () -> all, v -> all = v);
        b.option(String.class, "--python", "PYTHON",
                "The environment: an interpreter, a venv directory or a version (default: $VIRTUAL_ENV, else .venv).",
                () -> python, v -> python = v);
        return b.build();
    }

    @Override
    public Integer call() {
        Chill.Result result = find(console, Optional.ofNullable(python), all);
        result.warnings().forEach(console::warn);
        console.out().print(Chill.render(result, console.options().verbose(), !noVersion));
        return ExitCodes.OK;
    }

    /** The top-level distributions of the environment ({@code --python}, else the project's). */
    static Chill.Result find(Console console, Optional<String> python, boolean all) {
        Context context = console.context();
        Interpreters interpreters = new Interpreters(EnvSettings.cacheDir(context));
        EnvironmentFinder finder = new EnvironmentFinder(interpreters, context.cwd(), context.env());
        Interpreter interpreter = python.isPresent() ? finder.findInterpreter(python)
                : finder.findTarget(Optional.empty()).interpreter();
        Set<Path> dirs = new LinkedHashSet<>(List.of(interpreter.paths().purelib(), interpreter.paths().platlib()));
        List<Path> entries = new ArrayList<>();
        for (Path dir : dirs) {
            entries.addAll(SitePackages.entries(dir));
        }
        // Two threads: reading ~200 metadata files is a good part of a chill run.
        List<Chill.Dist> dists = new ArrayList<>();
        for (Optional<Chill.Dist> d : Parallel.map(entries, e -> SitePackages.read(e)
                .map(i -> new Chill.Dist(i.name(), i.versionText(), i.metadataText(), i.requested())))) {
            d.ifPresent(dists::add);
        }
        return Chill.find(dists, MarkerEnvironment.of(interpreter.markers()), all);
    }
}
