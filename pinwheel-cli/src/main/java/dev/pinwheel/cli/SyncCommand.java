package dev.pinwheel.cli;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.env.PythonEnvironment;
import dev.pinwheel.env.SyncPlan;
import dev.pinwheel.env.Syncer;
import dev.pinwheel.env.WheelInstaller;
import dev.pinwheel.index.CachePolicy;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel sync}: make the environment equal to the lock files, like pip-sync. */
final class SyncCommand implements Callable<Integer> {

    private final Console console;

    List<String> files = new ArrayList<>();
    String python;
    boolean dryRun;
    boolean ask;
    boolean force;
    List<String> keep = new ArrayList<>();
    boolean compile;
    WheelInstaller.LinkMode linkMode = WheelInstaller.LinkMode.HARDLINK;
    boolean refresh;
    boolean noCache;
    String pipArgs;
    IndexOptions index = new IndexOptions();
    String configFile;
    boolean noConfig;
    private CommandSpec spec;

    SyncCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "sync",
                "Make a virtual environment equal to lock files (like pip-sync): install what is missing or at "
                        + "the wrong version, remove what no file lists.",
                "pip, setuptools and wheel are never removed (add more with --keep).",
                "A sync that finds nothing to do leaves a stamp in the cache; bin/pinwheel answers the same "
                        + "command from it until something the sync read changes (PINWHEEL_NO_STAMP=1: never).");
        b.positionals("0..*", "FILE", "Lock files (default: requirements.txt).", () -> files, v -> files = v);
        b.option(String.class, "--python, --python-executable", "PYTHON",
                "The environment: a venv directory or its interpreter (default: $VIRTUAL_ENV, else .venv).",
                () -> python, v -> python = v);
        b.flag("-n, --dry-run",
                "Print what would change and exit 1 if anything would (a CI drift check).",
                () -> dryRun, v -> dryRun = v);
        b.flag("-a, --ask", "Show the changes and ask before making them.", () -> ask, v -> ask = v);
        b.flag("--force",
                "When two files pin a package differently, let the later file win.", () -> force, v -> force = v);
        b.repeatable("--keep", "NAME", "Never remove this package (repeatable).", () -> keep, v -> keep = v);
        b.flag("--compile", "Compile the installed Python files to bytecode.", () -> compile, v -> compile = v);
        b.option(WheelInstaller.LinkMode.class, "--link-mode", "MODE",
                "How files get from the cache into the environment: hardlink (default; copies across file systems), copy, symlink.",
                () -> linkMode, v -> linkMode = v);
        b.flag("--refresh",
                "Revalidate cached index pages and choose each wheel again (unpacked wheels stay cached).",
                () -> refresh, v -> refresh = v);
        b.flag("--no-cache",
                "Use no persistent cache: download and unpack into a temporary directory.",
                () -> noCache, v -> noCache = v);
        index.declare(b);
        b.option(String.class, "--pip-args", "ARGS", "pip-sync's pip options: the index ones (--index-url, "
                + "--extra-index-url, --find-links, --no-index, --trusted-host, --timeout, --retries, --cache-dir, "
                + "--no-cache-dir) are honoured, any other is refused by name.", () -> pipArgs, v -> pipArgs = v);
        b.option(String.class, "--config", "FILE", "Read option defaults from [tool.pip-tools] and "
                + "[tool.pip-tools.sync] of this TOML file (default: .pip-tools.toml, else pyproject.toml, in the "
                + "current directory); options given here win.", () -> configFile, v -> configFile = v);
        b.flag("--no-config", "Read no configuration file.", () -> noConfig, v -> noConfig = v);
        spec = b.build();
        return spec;
    }

    @Override
    public Integer call() {
        long started = System.currentTimeMillis();
        Context context = console.context();
        PipToolsConfig.Search config = applyConfig(context);
        PipArgs pip = pipArgs();
        boolean noCache = this.noCache || pip.noCache();
        if (noCache && linkMode == WheelInstaller.LinkMode.SYMLINK) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "--link-mode symlink needs the cache: the "
                    + "links would point into the temporary directory --no-cache removes", "use --link-mode copy or hardlink");
        }
        Path cache = pip.cacheDir().map(context::resolve).orElseGet(() -> EnvSettings.cacheDir(context));
        Interpreters interpreters = new Interpreters(noCache ? null : cache);
        EnvironmentFinder finder = new EnvironmentFinder(interpreters, context.cwd(), context.env());
        PythonEnvironment env = finder.findTarget(Optional.ofNullable(python));
        console.debug("Using environment " + env.root() + " (" + env.interpreter() + ")");
        Set<ProjectName> kept = keep.stream().map(ProjectName::parse).collect(Collectors.toSet());
        Map<String, String> expanded = Collections.synchronizedMap(new LinkedHashMap<>()); // by the lock files
        Function<String, String> environ = name -> {
            String value = context.env().get(name);
            expanded.put(name, value);
            return value;
        };
        var request = new Syncer.SyncRequest(files.isEmpty() ? List.of("requirements.txt") : files, context.cwd(),
                environ, force, kept, dryRun, compile, linkMode, cache,
                withPipArgs(index.settings(context, cache).toBuilder(), pip)
                        .cachePolicy(noCache ? CachePolicy.DISABLED : refresh ? CachePolicy.REFRESH : CachePolicy.NORMAL).build());
        try (Progress progress = console.progress("Syncing")) {
            Syncer.SyncResult result = new Syncer(new Listener(progress)).sync(env, request);
            progress.close();
            int status = report(result);
            if (!noCache) {
                stamp(result, env, finder, expanded, config, started, cache);
            }
            return status;
        }
    }

    /** pip-sync's keys that are not the long name of one of this command's options. */
    private static final Set<String> CONFIG_IGNORED = Set.of("config", "no_config", "help", "version", "color");

    /**
     * Applies pip-tools' configuration file, as pip-sync 7.2+ reads it, to every option the
     * command line left alone: {@code [tool.pip-tools]} with {@code [tool.pip-tools.sync]} over
     * it; a key only pip-compile knows is ignored, a key neither knows is an error. Beyond
     * pip-sync, {@code src_files} of the sync table names the lock files (pip-tools #2187), and
     * {@code keep}, {@code link-mode}, {@code compile}, {@code refresh}, {@code no-cache} set
     * pinwheel's own options. Returns what the search looked at, which a stamp rests on.
     */
    private PipToolsConfig.Search applyConfig(Context context) {
        if (noConfig) {
            return new PipToolsConfig.Search(Optional.empty(), List.of());
        }
        PipToolsConfig.Search search = PipToolsConfig.search(context.cwd(), Optional.ofNullable(configFile), "sync");
        if (search.config().isEmpty()) {
            return search;
        }
        PipToolsConfig config = search.config().get();
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        PipToolsConfig.OptionKeys keys = PipToolsConfig.OptionKeys.of(spec);
        GlobalOptions global = console.options();
        // -v and -q are one setting, the verbosity: either on the command line overrides both keys.
        boolean verbosityGiven = global.verbosity() > 0 || global.quiet();
        Set<String> compileKeys = null;
        for (PipToolsConfig.Entry entry : config.entries()) {
            String key = entry.key();
            switch (key) {
                case "user", "user_only" -> {
                    if (config.flag(entry)) {
                        throw refuseUser(config, entry);
                    }
                    continue;
                }
                case "verbose", "quiet" -> {
                    int count = count(config, entry);
                    if (!verbosityGiven && count > 0) {
                        if (key.equals("verbose")) {
                            global.raiseVerbosity(count);
                        } else {
                            global.setQuiet();
                        }
                    }
                    continue;
                }
                case "src_files" -> {
                    // The shared table's are pip-compile's inputs (.in files), never lock files.
                    if (entry.shared()) {
                        console.debug(config.display() + ": src_files of [tool.pip-tools] are pip-compile's inputs; "
                                + "pinwheel sync reads its own from [tool.pip-tools.sync]");
                    } else if (files.isEmpty()) {
                        files = config.list(entry);
                    }
                    continue;
                }
                default -> {
                }
            }
            picocli.CommandLine.Model.OptionSpec option = keys.byKey().get(key);
            if (CONFIG_IGNORED.contains(key) || option != null && (option.usageHelp() || option.versionHelp())) {
                continue;
            }
            if (option == null) {
                compileKeys = compileKeys != null ? compileKeys : CompileCommand.configKeys(console);
                if (compileKeys.contains(key)) {
                    console.debug(config.display() + ": " + entry.rawKey() + " is an option of pip-compile, not of "
                            + "pip-sync; ignored");
                    continue;
                }
                Set<String> known = new java.util.TreeSet<>(compileKeys);
                known.addAll(keys.byKey().keySet());
                known.addAll(List.of("src_files", "user", "verbose", "quiet"));
                Optional<String> near = known.stream()
                        .filter(k -> dev.pinwheel.cli.compile.Suggestions.distance(k, key) <= 2).findFirst();
                throw config.error(entry, false, "no such config key '" + key + "'", near.map(k -> "did you mean '"
                        + k + "'?").orElse("keys are pip-sync's or pip-compile's long options without the dashes, "
                        + "e.g. dry-run"));
            }
            if (parsed.hasMatchedOption(option)) {
                continue; // the command line wins
            }
            option.setValue(config.value(entry, option, keys.inverted().contains(key)));
        }
        return search;
    }

    /** A count option's value (pip-sync's -v and -q): a non-negative integer, or a boolean for 1 or 0. */
    private static int count(PipToolsConfig config, PipToolsConfig.Entry entry) {
        var value = entry.value();
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
            return value.intValue();
        }
        throw config.error(entry, true, "invalid value for config key '" + entry.key()
                + "': expected a count (0, 1, 2, ...) or true or false", null);
    }

    private static final String USER_HINT = "pinwheel syncs virtual environments only: activate one, pass --python, "
            + "or create one with `pinwheel venv`";

    /**
     * The error for an argument the parser did not match, when it is an option of pip-sync's that
     * pinwheel sync refuses by name: {@code --user}, which installs into the user site of a base
     * interpreter, which pinwheel never changes. Not declared as an option, so that
     * {@code --pip-args --user} still hands {@code --user} to --pip-args (which refuses it too).
     */
    static Optional<PinwheelException> refusal(List<String> unmatched) {
        return unmatched.contains("--user") ? Optional.of(new PinwheelException(PinwheelException.Category.BAD_INPUT,
                "--user: pip-sync's --user has no pinwheel sync equivalent", USER_HINT)) : Optional.empty();
    }

    private static PinwheelException refuseUser(PipToolsConfig config, PipToolsConfig.Entry entry) {
        return config.error(entry, false, "config key '" + entry.key() + "': pip-sync's --user has no pinwheel sync "
                + "equivalent", USER_HINT);
    }

    /**
     * {@code --pip-args}, read as pip-compile's are ({@link PipArgs}); of them a sync honours the
     * options that say where files come from and how they are fetched. The others would change
     * what pip installs, which the lock files decide here: they are refused by name.
     */
    private PipArgs pipArgs() {
        PipArgs pip = PipArgs.parse(pipArgs);
        List<String> refused = new ArrayList<>();
        if (!pip.formatControl().noBinary().isEmpty()) {
            refused.add("--no-binary");
        }
        if (!pip.formatControl().onlyBinary().isEmpty()) {
            refused.add("--only-binary");
        }
        if (pip.noBuildIsolation()) {
            refused.add("--no-build-isolation");
        }
        if (pip.pre()) {
            refused.add("--pre");
        }
        if (!refused.isEmpty()) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "--pip-args: pip option "
                    + String.join(", ", refused) + " has no pinwheel sync equivalent",
                    "the lock files decide what is installed; pinwheel sync honours these pip options in --pip-args: "
                            + "--index-url, --extra-index-url, --find-links, --no-index, --trusted-host, --timeout, "
                            + "--retries, --cache-dir, --no-cache-dir");
        }
        return pip;
    }

    /** pip's options after the command line's, as pip-sync appends them: --index-url there wins, the lists add. */
    private static dev.pinwheel.index.IndexSettings.Builder withPipArgs(dev.pinwheel.index.IndexSettings.Builder b, PipArgs pip) {
        pip.indexUrl().ifPresent(b::indexUrl);
        pip.extraIndexUrls().forEach(b::extraIndexUrl);
        pip.findLinks().forEach(b::findLink);
        pip.trustedHosts().forEach(b::trustedHost);
        if (pip.noIndex()) {
            b.noIndex(true);
        }
        pip.timeout().ifPresent(b::timeout);
        pip.retries().ifPresent(r -> b.attempts(r + 1));
        return b;
    }

    /**
     * After a sync that found nothing to do, leaves a {@link SyncStamp} from which the launcher
     * answers the same command line while nothing it rests on changes; after anything else (and
     * with {@code -v}, whose output a stamp would not repeat, or {@code PINWHEEL_NO_STAMP}) removes
     * the command line's old stamp. A stamp that cannot be written costs only speed.
     */
    private void stamp(Syncer.SyncResult result, PythonEnvironment env, EnvironmentFinder finder,
                       Map<String, String> expanded, PipToolsConfig.Search config, long started, Path cache) {
        Context context = console.context();
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        Path file = SyncStamp.location(cache, context.cwd(), args);
        try {
            Optional<String> text = Optional.empty();
            Optional<List<Path>> consulted = finder.consulted();
            var codeSource = SyncCommand.class.getProtectionDomain().getCodeSource();
            if (!result.plan().changes() && !console.options().verbose() && consulted.isPresent() && codeSource != null
                    && context.getenv("PINWHEEL_NO_STAMP").isEmpty()) {
                List<Path> paths = new ArrayList<>();
                paths.add(Path.of(codeSource.getLocation().toURI())); // another pinwheel may decide otherwise
                paths.addAll(result.lockFiles());
                paths.addAll(consulted.get());
                paths.addAll(Syncer.environmentInputs(env));
                config.config().ifPresent(c -> paths.add(c.file()));
                Map<String, String> variables = new LinkedHashMap<>();
                variables.put("VIRTUAL_ENV", context.env().get("VIRTUAL_ENV"));
                synchronized (expanded) {
                    variables.putAll(expanded);
                }
                List<String> messages = console.options().quiet() ? List.of()
                        : List.of(audited(result.plan()) + " (unchanged since the last check)");
                text = SyncStamp.render(context.cwd(), args, variables, paths, config.missing(), messages, started);
            }
            if (text.isPresent()) {
                SyncStamp.write(file, text.get());
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            console.debug("No sync stamp: " + e);
        }
    }

    private static String audited(SyncPlan plan) {
        return "Audited " + count(plan.actions().size()) + ": the environment matches the lock files";
    }

    private int report(Syncer.SyncResult result) {
        SyncPlan plan = result.plan();
        if (!plan.changes()) {
            console.info(audited(plan));
            return ExitCodes.OK;
        }
        if (dryRun) {
            int removals = plan.removals().size();
            int installs = plan.installs().size();
            if (plan.repairs() > 0) {
                console.info("Would repair " + plan.repairs() + " interrupted change(s)");
            }
            if (removals > 0) {
                console.info("Would uninstall " + count(removals));
            }
            if (installs > 0) {
                console.info("Would install " + count(installs));
            }
            printPlan(console, plan, console.out()::println);
            return ExitCodes.NEGATIVE;
        }
        if (!result.applied()) {
            console.info("Cancelled; nothing was changed");
            return ExitCodes.NEGATIVE;
        }
        printPlan(console, plan, console::info);
        return ExitCodes.OK;
    }

    /** The plan's changes as {@code - old} / {@code + new} lines; kept packages only with {@code -v}. */
    static void printPlan(Console console, SyncPlan plan, java.util.function.Consumer<String> out) {
        for (SyncPlan.Action a : plan.actions()) {
            if (a.kind() == SyncPlan.Kind.KEEP) {
                a.reason().ifPresent(r -> console.debug(" = " + a.installed().orElseThrow().name() + "=="
                        + a.installed().get().versionText() + " (" + r + ")"));
                continue;
            }
            a.installed().ifPresent(d -> out.accept(" - " + d.name() + "==" + d.versionText()));
            a.target().ifPresent(p -> out.accept(" + " + p.display()));
            a.reason().ifPresent(r -> console.debug("   (" + a.kind().name().toLowerCase() + ": " + r + ")"));
        }
    }

    static String count(int n) {
        return n + (n == 1 ? " package" : " packages");
    }

    /** Like uv: "12ms", "1.52s". */
    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format("%.2fs", ms / 1000.0);
    }

    /** Prints the phases that {@code shown} accepts as they finish, with the live progress line between them. */
    static class PhaseListener implements Syncer.Listener {
        private final Console console;
        final Progress progress;
        private final Predicate<String> shown;

        PhaseListener(Console console, Progress progress, Predicate<String> shown) {
            this.console = console;
            this.progress = progress;
            this.shown = shown;
        }

        @Override
        public void warning(String message) {
            console.warn(message);
        }

        @Override
        public void phase(String verb, int packages, Duration elapsed) {
            if (!shown.test(verb)) {
                return;
            }
            progress.close();
            console.info(verb + " " + count(packages) + " in " + duration(elapsed));
        }

        @Override
        public void progress(String status) {
            progress.update(status);
        }
    }

    /** Prints the phases as they finish (a dry run: only what was resolved) and asks for --ask. */
    private final class Listener extends PhaseListener {

        Listener(Progress progress) {
            super(console, progress, verb -> !dryRun || verb.equals("Resolved"));
        }

        @Override
        public boolean confirm(SyncPlan plan) {
            if (!ask) {
                return true;
            }
            progress.close();
            printPlan(console, plan, console::info);
            console.context().err().print("Proceed with these changes? [y/N] ");
            console.context().err().flush();
            try {
                String answer = new BufferedReader(new InputStreamReader(console.context().in(), StandardCharsets.UTF_8))
                        .readLine();
                return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
            } catch (IOException e) {
                return false;
            }
        }
    }
}
