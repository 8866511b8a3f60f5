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
        b.flag("--build-isolation", "Build sdists in an isolated environment (default); with "
                + "--no-build-isolation a run that needs to build an sdist fails (pinwheel builds only in isolation).",
                () -> buildIsolation, v -> buildIsolation = v).negatable(true).defaultValue("true").fallbackValue("true");
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

    /** The settings record of the parsed options (also used by {@code add}/{@code upgrade} to replay a lock's header). */
    CompileRequest request() {
        Context context = console.context();
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
                        pip.timeout(), pip.retries()),
                new CompileRequest.ResolutionOptions(Boolean.TRUE.equals(pre) || pip.pre(), upgrade, upgradePackages,
                        extras, allExtras, groups, Optional.ofNullable(pythonVersion), Optional.ofNullable(pythonPlatform),
                        Optional.ofNullable(excludeNewer), generateHashes, reuseHashes, allowUnsafe, unsafePackages,
                        List.copyOf(pip.formatControl().noBinary()), List.copyOf(pip.formatControl().onlyBinary()),
                        buildIsolation && !pip.noBuildIsolation()),
                new CompileRequest.OutputOptions(dryRun, header, annotate, choice(LockFormat.AnnotationStyle.class,
                        "--annotation-style", annotationStyle), Boolean.TRUE.equals(stripExtras), emitIndexUrl,
                        emitTrustedHost, emitFindLinks, emitOptions,
                        choice(CompileRequest.Newline.class, "--newline", newline)));
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
