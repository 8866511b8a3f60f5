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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pinwheel chill}: what the environment was asked for, like pip-chill. */
@Command(name = "chill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the installed distributions nothing else requires, like pip-chill.",
                "Runtime packages first, then development tools (for dev.in), then tool-chain leftovers."})
final class ChillCommand implements Callable<Integer> {

    private final Console console;

    @Option(names = "--no-version", description = "Names only, without ==version.")
    boolean noVersion;

    @Option(names = "--all", description = "Also show pip, setuptools and wheel.")
    boolean all;

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "The environment: an interpreter, a venv directory or a version (default: $VIRTUAL_ENV, else .venv).")
    String python;

    ChillCommand(Console console) {
        this.console = console;
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
