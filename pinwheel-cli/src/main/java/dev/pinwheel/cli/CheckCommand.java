package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.Checker;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.cli.deps.LockDiff;
import dev.pinwheel.env.SyncPlan;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.scan.ReqsRequest;
import dev.pinwheel.scan.ReqsResult;
import dev.pinwheel.scan.ReqsScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel check}: the CI gate for dependencies. */
final class CheckCommand implements Callable<Integer> {

    private final Console console;

    boolean noLocks;
    boolean noEnv;
    boolean noImports;
    String python;
    IndexOptions index = new IndexOptions();

    CheckCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "check",
                "The CI gate: do the locks, the environment and the code agree with the intents?",
                "Fails (exit 1, with the reasons) when a lock no longer satisfies its .in file,",
                "the environment differs from the locks, the code imports what no .in declares,",
                "or an .in declares what nothing uses (drivers, servers and tools without",
                "evidence only warn).");
        b.flag("--no-locks", "Skip comparing the locks with their .in files.", () -> noLocks, v -> noLocks = v);
        b.flag("--no-env",
                "Skip comparing the environment with the locks (CI without a venv).", () -> noEnv, v -> noEnv = v);
        b.flag("--no-imports",
                "Skip comparing the code's imports with the .in files.", () -> noImports, v -> noImports = v);
        b.option(String.class, "--python", "PYTHON",
                "The environment: a venv directory or its interpreter (default: $VIRTUAL_ENV, else .venv).",
                () -> python, v -> python = v);
        index.declare(b);
        return b.build();
    }

    @Override
    public Integer call() {
        Context context = console.context();
        Layout layout = Layout.find(context.cwd());
        Checker.Intents intents = Checker.intents(layout, name -> context.env().get(name));
        List<Checker.Finding> findings = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        if (!noLocks) {
            findings.addAll(Checker.locks(layout, intents, LockDiff.snapshot(layout)));
            passed.add(SyncCommand.count(layout.pairs().size()).replace("package", "lock file") + " satisfy their .in files");
        }
        if (!noEnv) {
            EnvSync env;
            try {
                env = EnvSync.find(console, layout, Optional.ofNullable(python), index);
            } catch (PinwheelException e) {
                throw new PinwheelException(e.category(), e.getMessage(),
                        e.hint().map(h -> h + "; ").orElse("") + "or pass --no-env to skip comparing the environment", e.getCause());
            }
            SyncPlan plan = env.plan(layout.syncFiles());
            findings.addAll(Checker.environment(plan, VenvCommand.display(context, env.environment().root())));
            passed.add("the environment matches " + String.join(" and ", layout.syncFiles().stream().map(layout::show).toList()));
        }
        if (!noImports) {
            ReqsResult needs;
            try (Progress progress = console.progress("Scanning")) {
                needs = ReqsScanner.scan(new ReqsRequest(layout.root(), List.of(), Optional.empty(),
                        ReqsTargets.find(context, layout.root(), Optional.ofNullable(python), console)),
                        (done, total) -> progress.update(done + "/" + total + " files"));
            }
            needs.warnings().forEach(console::warn);
            findings.addAll(Checker.imports(intents, needs));
            passed.add("the .in files declare what the code imports (" + needs.filesScanned() + " files)");
        }
        List<Checker.Finding> errors = findings.stream().filter(f -> !f.warning()).toList();
        findings.stream().filter(Checker.Finding::warning).forEach(f -> console.warn(f.area() + ": " + f.message()));
        if (errors.isEmpty()) {
            console.out().println("OK: " + String.join("; ", passed));
            return ExitCodes.OK;
        }
        errors.forEach(f -> console.out().println(f.area() + ": " + f.message()));
        console.info("check failed: " + errors.size() + (errors.size() == 1 ? " problem" : " problems"));
        for (dev.pinwheel.cli.deps.Layout.Pair pair : layout.pairs()) {
            String txt = layout.show(pair.txt());
            if (errors.stream().anyMatch(f -> f.area().equals("lock") && f.message().startsWith(txt + " "))) {
                console.info("hint: pinwheel compile -o " + txt + " " + layout.show(pair.in()) + ", then commit " + txt);
            }
        }
        if (errors.stream().anyMatch(f -> f.area().equals("env"))) {
            console.info("hint: pinwheel sync " + String.join(" ", layout.syncFiles().stream().map(layout::show).toList()));
        }
        if (errors.stream().anyMatch(f -> f.area().equals("imports") || f.area().equals("unused"))) {
            console.info("hint: pinwheel add NAME / pinwheel remove NAME");
        }
        return ExitCodes.NEGATIVE;
    }
}
