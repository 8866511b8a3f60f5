package dev.pinwheel.cli;

import dev.pinwheel.cli.compile.CompileRequest;
import dev.pinwheel.cli.compile.CompileResult;
import dev.pinwheel.cli.compile.Compiler;
import dev.pinwheel.cli.compile.LockFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel compile}: pip-compile's command line, same flags and defaults, same lock file. */
final class CompileCommand implements Callable<Integer> {

    private final Console console;
    private CommandSpec spec;

    List<String> sources = new ArrayList<>();
    String outputFile;
    List<String> constraints = new ArrayList<>();
    boolean dryRun;
    boolean upgrade;
    List<String> upgradePackages = new ArrayList<>();
    Boolean pre;
    List<String> extras = new ArrayList<>();
    boolean allExtras;
    List<String> groups = new ArrayList<>();
    String indexUrl;
    List<String> extraIndexUrls = new ArrayList<>();
    List<String> findLinks = new ArrayList<>();
    boolean noIndex;
    List<String> trustedHosts = new ArrayList<>();
    String cert;
    String clientCert;
    String pythonVersion;
    String pythonPlatform;
    String excludeNewer;
    boolean refresh;
    boolean noCache;
    boolean header;
    boolean annotate;
    String annotationStyle;
    Boolean stripExtras;
    boolean allowUnsafe;
    List<String> unsafePackages = new ArrayList<>();
    boolean generateHashes;
    boolean reuseHashes;
    boolean emitIndexUrl;
    boolean emitTrustedHost;
    boolean emitFindLinks;
    boolean emitOptions;
    String newline;
    String resolver;
    String pipArgs;
    String cacheDir;
    Integer maxRounds;
    boolean buildIsolation;
    List<String> buildDepsFor = new ArrayList<>();
    boolean allBuildDeps;
    boolean onlyBuildDeps;
    String configFile;
    boolean noConfig;

    /** Options given a value that picocli's parse result does not list (see {@link CommandEcho#of}). */
    private final List<picocli.CommandLine.Model.OptionSpec> setOutsideParser = new ArrayList<>();

    CompileCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "compile", "Compile requirements.txt from requirements.in or pyproject.toml: "
                + "every package pinned, annotated with why it is there, in pip-compile's format.").autoWidth();
        b.positionals("0..*", "SRC_FILES", "Inputs: .in/.txt requirements files, pyproject.toml, - for stdin "
                + "(default: requirements.in, else pyproject.toml).", () -> sources, v -> sources = v);
        b.option(String.class, "-o, --output-file", "FILE",
                "Output file (default: the input with .txt; requirements.txt beside pyproject.toml).",
                () -> outputFile, v -> outputFile = v);
        b.repeatable("-c, --constraint", "FILE", "Constrain versions with this file; repeatable.",
                () -> constraints, v -> constraints = v);
        b.flag("-n, --dry-run", "Print the result to stderr, as pip-compile does; change nothing.", () -> dryRun, v -> dryRun = v);
        b.flag("-U, --upgrade", "Ignore the existing output's pins: newest versions.", () -> upgrade, v -> upgrade = v)
                .negatable(true);
        b.repeatable("-P, --upgrade-package", "NAME[SPEC]",
                "Re-resolve this package only, ignoring its existing pin; repeatable.",
                () -> upgradePackages, v -> upgradePackages = v);
        b.option(Boolean.class, "-p, --pre", null, "Allow pre-releases.", () -> pre, v -> pre = v);
        b.repeatable("--extra", "NAME", "Include this optional-dependencies group of pyproject.toml; repeatable.",
                () -> extras, v -> extras = v);
        b.flag("--all-extras", "Include every optional-dependencies group.", () -> allExtras, v -> allExtras = v);
        b.repeatable("--group", "NAME", "Include this [dependency-groups] group of pyproject.toml; repeatable.",
                () -> groups, v -> groups = v);
        b.option(String.class, "-i, --index-url", "URL", "Primary index (default: pip's configuration, else PyPI).",
                () -> indexUrl, v -> indexUrl = v);
        b.repeatable("--extra-index-url", "URL", "Another index to search; repeatable.",
                () -> extraIndexUrls, v -> extraIndexUrls = v);
        b.repeatable("-f, --find-links", "PATH|URL", "A directory or page of archives; repeatable.",
                () -> findLinks, v -> findLinks = v);
        b.flag("--no-index", "Use no index; only --find-links.", () -> noIndex, v -> noIndex = v);
        b.repeatable("--trusted-host", "HOST", "Trust this host's plain HTTP or bad HTTPS; repeatable.",
                () -> trustedHosts, v -> trustedHosts = v);
        b.option(String.class, "--cert", "PATH",
                "A PEM bundle of the certificate authorities to trust (default: pip's cert setting, else the JDK's).",
                () -> cert, v -> cert = v);
        b.option(String.class, "--client-cert", "PATH",
                "A PEM file with the private key and certificate to present to indexes that ask for one "
                        + "(default: pip's client-cert setting).",
                () -> clientCert, v -> clientCert = v);
        b.option(String.class, "--python-version", "X.Y[.Z]", "Lock for this Python version instead of the found interpreter's.",
                () -> pythonVersion, v -> pythonVersion = v);
        b.option(String.class, "--python-platform", "PLATFORM",
                "Lock for this platform: linux, macos, windows, or a tag such as x86_64-manylinux_2_28.",
                () -> pythonPlatform, v -> pythonPlatform = v);
        b.option(String.class, "--exclude-newer, --uploaded-prior-to", "DATE",
                "Ignore files uploaded after this date (2024-05-01) or instant (2024-05-01T12:00:00Z).",
                () -> excludeNewer, v -> excludeNewer = v);
        b.flag("-r, --rebuild, --refresh", "Revalidate every cached index page and metadata.", () -> refresh, v -> refresh = v);
        b.flag("--no-cache", "Use no persistent cache.", () -> noCache, v -> noCache = v);
        b.flag("--header", "Write the header (default).", () -> header, v -> header = v)
                .negatable(true).defaultValue("true").fallbackValue("true");
        b.flag("--annotate", "Annotate each package with why it is there (default).", () -> annotate, v -> annotate = v)
                .negatable(true).defaultValue("true").fallbackValue("true");
        b.option(String.class, "--annotation-style", "split|line", "How to write the annotations: split (default) or line.",
                () -> annotationStyle, v -> annotationStyle = v).defaultValue("split");
        b.option(Boolean.class, "--strip-extras", null, "Leave extras out of the pins (constraints-compatible).",
                () -> stripExtras, v -> stripExtras = v).negatable(true);
        b.flag("--allow-unsafe", "Pin setuptools, pip and distribute too.", () -> allowUnsafe, v -> allowUnsafe = v)
                .negatable(true);
        b.repeatable("--unsafe-package", "NAME", "Treat this package as unsafe (replaces the default set); repeatable.",
                () -> unsafePackages, v -> unsafePackages = v);
        b.flag("--generate-hashes", "Pin the sha256 of every file of each pinned version.",
                () -> generateHashes, v -> generateHashes = v);
        b.flag("--reuse-hashes", "Reuse the hashes of unchanged pins from the existing output (default).",
                () -> reuseHashes, v -> reuseHashes = v).negatable(true).defaultValue("true").fallbackValue("true");
        b.flag("--emit-index-url", "Write the index URLs into the output (default).",
                () -> emitIndexUrl, v -> emitIndexUrl = v).negatable(true).defaultValue("true").fallbackValue("true");
        b.flag("--emit-trusted-host", "Write --trusted-host lines (default).",
                () -> emitTrustedHost, v -> emitTrustedHost = v).negatable(true).defaultValue("true").fallbackValue("true");
        b.flag("--emit-find-links", "Write --find-links lines (default).",
                () -> emitFindLinks, v -> emitFindLinks = v).negatable(true).defaultValue("true").fallbackValue("true");
        b.flag("--emit-options", "Write the options block at all (default).",
                () -> emitOptions, v -> emitOptions = v).negatable(true).defaultValue("true").fallbackValue("true");
        b.option(String.class, "--newline", "LF|CRLF|native|preserve",
                "Line endings of the output (default: preserve the output's or input's).",
                () -> newline, v -> newline = canonicalChoice(CompileRequest.Newline.class, v)).defaultValue("preserve");
        b.option(String.class, "--resolver", "backtracking|legacy",
                "pip-compile's resolver choice: backtracking (default) is what pinwheel does; legacy is refused.",
                () -> resolver, v -> resolver = v).defaultValue("backtracking");
        b.option(String.class, "--pip-args", "ARGS", "pip options, honoured where pinwheel has an equivalent: "
                + "--index-url, --extra-index-url, --find-links, --no-index, --trusted-host, --pre, --no-binary, "
                + "--only-binary, --timeout, --retries, --cache-dir, --no-cache-dir, --no-build-isolation; "
                + "any other is refused.", () -> pipArgs, v -> pipArgs = v)
                // Its value starts with a dash by nature (--pip-args '-i URL'); take it as click does.
                .parameterConsumer((args, option, command) -> {
                    if (args.isEmpty()) {
                        throw new picocli.CommandLine.MissingParameterException(command.commandLine(), option,
                                "Missing required parameter for option '--pip-args' (ARGS)");
                    }
                    option.setValue(args.pop());
                    // picocli does not count an option with its own consumer as matched; the echo must see it.
                    setOutsideParser.add((picocli.CommandLine.Model.OptionSpec) option);
                });
        b.option(String.class, "--cache-dir", "DIR", "pinwheel's cache directory for this run "
                + "(default: $PINWHEEL_CACHE_DIR, else ~/.cache/pinwheel).", () -> cacheDir, v -> cacheDir = v);
        b.option(Integer.class, "--max-rounds", "N", "Accepted for pip-compile compatibility; no effect: "
                + "pinwheel's resolver has no rounds.", () -> maxRounds, v -> maxRounds = v).defaultValue("10");
        b.flag("--build-isolation", "Prepare the metadata of sdists and local projects in an isolated build "
                + "environment filled from their [build-system] requires (default); with --no-build-isolation the "
                + "backend runs in the target interpreter, which must already have it.",
                () -> buildIsolation, v -> buildIsolation = v).negatable(true).defaultValue("true").fallbackValue("true");
        b.repeatable("--build-deps-for", "TARGET", "Also lock what building the input projects needs for this "
                + "target: wheel, sdist or editable ([build-system] requires and the backend's "
                + "get_requires_for_build_TARGET); repeatable.", () -> buildDepsFor, v -> buildDepsFor = v);
        b.flag("--all-build-deps", "Also lock the build requirements of every target (wheel, sdist, editable).",
                () -> allBuildDeps, v -> allBuildDeps = v);
        b.flag("--only-build-deps", "Lock only the build requirements (with --build-deps-for or --all-build-deps).",
                () -> onlyBuildDeps, v -> onlyBuildDeps = v);
        b.option(String.class, "--config", "FILE", "Read option defaults from [tool.pip-tools] of this TOML file "
                + "(default: .pip-tools.toml, else pyproject.toml, in the current directory); options given here win.",
                () -> configFile, v -> configFile = v);
        b.flag("--no-config", "Read no configuration file.", () -> noConfig, v -> noConfig = v);
        spec = b.build();
        return spec;
    }

    @Override
    public Integer call() {
        CompileRequest request = request();
        if (stripExtras == null) {
            // pip-compile 7 warns the same way: its default flips in 8.0; ours follows 7.x.
            console.debug("--strip-extras not given: keeping extras in pins (pip-compile 7.x default)");
        }
        CompileResult result;
        try (Progress progress = console.progress("Resolving")) {
            result = Compiler.compile(request, new ConsoleCompileListener(console, progress));
        }
        if (dryRun) {
            // pip-compile logs a dry run's lock to stderr line by line (even with -q), always with \n.
            console.context().err().print(result.text().replace("\r\n", "\n"));
            console.info("Dry-run, so nothing updated.");
        }
        result.warnings().forEach(console::warn);
        return ExitCodes.OK;
    }

    /** The build targets asked for, checked as pip-compile checks them. */
    private List<String> buildDepsTargets() {
        if (allBuildDeps && !buildDepsFor.isEmpty()) {
            throw new dev.pinwheel.packaging.PinwheelException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                    "--build-deps-for has no effect when used with --all-build-deps",
                    "--all-build-deps locks the build requirements of wheel, sdist and editable alike; drop one of them");
        }
        List<String> targets = new ArrayList<>();
        for (String target : allBuildDeps ? List.of("wheel", "sdist", "editable") : buildDepsFor) {
            String t = target.strip().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("wheel", "sdist", "editable").contains(t)) {
                throw new dev.pinwheel.packaging.PinwheelException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                        "--build-deps-for " + target + ": not a build target", "the targets are wheel, sdist and editable");
            }
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }
        if (onlyBuildDeps && targets.isEmpty()) {
            throw new dev.pinwheel.packaging.PinwheelException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                    "--only-build-deps requires either --build-deps-for or --all-build-deps",
                    "name the targets whose build requirements to lock, e.g. --build-deps-for wheel");
        }
        if (onlyBuildDeps && (allExtras || !extras.isEmpty())) {
            throw new dev.pinwheel.packaging.PinwheelException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                    "--only-build-deps cannot be used with any of --extra, --all-extras",
                    "extras choose runtime requirements, which --only-build-deps leaves out");
        }
        return targets;
    }

    /** The settings record of the parsed options (also used by {@code add}/{@code upgrade} to replay a lock's header). */
    CompileRequest request() {
        Context context = console.context();
        applyConfig(context);
        // pip-compile reads these two from the environment too (click: after the command line, before its config file)
        var parsed = spec.commandLine().getParseResult();
        String envResolver = context.env().get("PIP_TOOLS_RESOLVER");
        if (envResolver != null && !envResolver.isBlank() && !parsed.hasMatchedOption("--resolver")) {
            resolver = envResolver.strip();
        }
        String envCache = context.env().get("PIP_TOOLS_CACHE_DIR");
        if (envCache != null && !envCache.isBlank() && !parsed.hasMatchedOption("--cache-dir")) {
            cacheDir = envCache;
        }
        if ("legacy".equals(resolver)) {
            throw new dev.pinwheel.packaging.PinwheelException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                    "--resolver=legacy is not supported: pinwheel has one resolver, a backtracking one",
                    "drop --resolver=legacy (pip-tools 7 deprecated the legacy resolver) or pass --resolver=backtracking");
        }
        choice(Resolver.class, "--resolver", resolver);
        PipArgs pip = PipArgs.parse(pipArgs);
        Optional<String> index = pip.indexUrl().or(() -> Optional.ofNullable(indexUrl));
        Optional<java.nio.file.Path> cache = Optional.ofNullable(cacheDir).or(pip::cacheDir).map(context::resolve);
        return new CompileRequest(context.cwd(), context.env(), this::readStdin, sources, constraints,
                Optional.ofNullable(outputFile), CommandEcho.of("pinwheel compile", spec.commandLine().getParseResult(), setOutsideParser, sources),
                new CompileRequest.IndexOptions(index, concat(extraIndexUrls, pip.extraIndexUrls()),
                        concat(findLinks, pip.findLinks()), noIndex || pip.noIndex(),
                        concat(trustedHosts, pip.trustedHosts()), refresh, noCache || pip.noCache(), cache,
                        pip.timeout(), pip.retries(), Optional.ofNullable(cert).map(context::resolve),
                        Optional.ofNullable(clientCert).map(context::resolve)),
                new CompileRequest.ResolutionOptions(Boolean.TRUE.equals(pre) || pip.pre(), upgrade, upgradePackages,
                        extras, allExtras, groups, Optional.ofNullable(pythonVersion), Optional.ofNullable(pythonPlatform),
                        Optional.ofNullable(excludeNewer), generateHashes, reuseHashes, allowUnsafe, unsafePackages,
                        List.copyOf(pip.formatControl().noBinary()), List.copyOf(pip.formatControl().onlyBinary()),
                        buildIsolation && !pip.noBuildIsolation(), buildDepsTargets(), onlyBuildDeps),
                new CompileRequest.OutputOptions(dryRun, header, annotate, choice(LockFormat.AnnotationStyle.class,
                        "--annotation-style", annotationStyle), Boolean.TRUE.equals(stripExtras), emitIndexUrl,
                        emitTrustedHost, emitFindLinks, emitOptions,
                        choice(CompileRequest.Newline.class, "--newline", newline)));
    }

    /** Keys of pip-compile whose parameter name is not its option's long name. */
    private static final java.util.Map<String, String> CONFIG_ALIASES = java.util.Map.of("extras", "--extra",
            "upgrade_packages", "--upgrade-package", "pip_args_str", "--pip-args", "resolver_name", "--resolver",
            "build_deps_targets", "--build-deps-for");
    /** Keys pip-tools accepts that do not change what pinwheel compiles (pip-sync's, output and help ones). */
    private static final java.util.Set<String> CONFIG_IGNORED = java.util.Set.of("help", "version", "color", "verbose",
            "quiet", "config", "no_config", "ask", "force", "python_executable", "user_only");
    /**
     * Every key pip-compile's configuration may hold, for {@code pinwheel sync}: as pip-tools
     * 7.2+, it ignores the keys of the shared table that only pip-compile knows.
     */
    static java.util.Set<String> configKeys(Console console) {
        java.util.Set<String> keys = new java.util.HashSet<>(
                PipToolsConfig.OptionKeys.of(new CompileCommand(console).spec()).byKey().keySet());
        keys.addAll(CONFIG_ALIASES.keySet());
        keys.addAll(CONFIG_IGNORED);
        keys.add("src_files");
        return keys;
    }

    /**
     * Applies pip-tools' configuration file to every option the command line left alone (the
     * command line wins, a list given there replaces the file's whole list); the options so set
     * are echoed in the header like typed ones, as pip-compile does.
     */
    private void applyConfig(Context context) {
        if (noConfig) {
            return;
        }
        Optional<PipToolsConfig> found = PipToolsConfig.find(context.cwd(), Optional.ofNullable(configFile), "compile");
        if (found.isEmpty()) {
            return;
        }
        PipToolsConfig config = found.get();
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        PipToolsConfig.OptionKeys keys = PipToolsConfig.OptionKeys.of(spec);
        java.util.Map<String, picocli.CommandLine.Model.OptionSpec> byKey = new java.util.HashMap<>(keys.byKey());
        CONFIG_ALIASES.forEach((key, name) -> byKey.put(key, spec.findOption(name)));
        for (PipToolsConfig.Entry entry : config.entries()) {
            String key = entry.key();
            if (CONFIG_IGNORED.contains(key)) {
                console.debug(config.display() + ": " + entry.rawKey() + " does not change what pinwheel compiles; ignored");
                continue;
            }
            if (key.equals("src_files")) {
                if (sources.isEmpty()) {
                    sources = config.list(entry);
                }
                continue;
            }
            picocli.CommandLine.Model.OptionSpec option = byKey.get(key);
            if (option == null || option.usageHelp() || option.versionHelp()) {
                List<String> known = new ArrayList<>(byKey.keySet());
                known.addAll(CONFIG_ALIASES.keySet());
                Optional<String> near = known.stream().filter(k -> dev.pinwheel.cli.compile.Suggestions.distance(k, key) <= 2).sorted().findFirst();
                throw config.error(entry, false, "no such config key '" + key + "'", near.map(k -> "did you mean '"
                        + k + "'?").orElse("keys are pip-compile's long options without the dashes, e.g. generate-hashes"));
            }
            if (parsed.hasMatchedOption(option) || setOutsideParser.contains(option)) {
                continue; // the command line wins
            }
            Object value = config.value(entry, option, keys.inverted().contains(key));
            option.setValue(option.longestName().equals("--newline") ? canonicalChoice(CompileRequest.Newline.class,
                    (String) value) : value);
            setOutsideParser.add(option);
        }
    }

    /** pip-compile's --resolver choices. */
    private enum Resolver { BACKTRACKING, LEGACY }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private String readStdin() {
        try {
            return new String(console.context().in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A choice as pip-compile's click spells it whatever the case typed ({@code crlf} is
     * {@code CRLF}, so the header echoes {@code --newline=CRLF}); other text stays as typed for
     * {@link #choice} to refuse.
     */
    static <E extends Enum<E>> String canonicalChoice(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (value != null && constant.toString().equalsIgnoreCase(value)) {
                return constant.toString();
            }
        }
        return value;
    }

    private <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new dev.pinwheel.packaging.PinwheelException(dev.pinwheel.packaging.PinwheelException.Category.BAD_INPUT,
                "invalid value for option '" + option + "': '" + value + "' (choose from " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.toString().toLowerCase(java.util.Locale.ROOT)).toList()) + ")");
    }
}
