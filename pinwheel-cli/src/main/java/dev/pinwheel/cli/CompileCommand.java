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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinwheel compile}: pip-compile's command line, same flags and defaults, same lock file. */
@Command(name = "compile", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Compile requirements.txt from requirements.in or pyproject.toml: every package pinned, "
                + "annotated with why it is there, in pip-compile's format."})
final class CompileCommand implements Callable<Integer> {

    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SRC_FILES", arity = "0..*",
            description = "Inputs: .in/.txt requirements files, pyproject.toml, - for stdin (default: requirements.in, else pyproject.toml).")
    List<String> sources = new ArrayList<>();

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE",
            description = "Output file (default: the input with .txt; requirements.txt beside pyproject.toml).")
    String outputFile;

    @Option(names = {"-c", "--constraint"}, paramLabel = "FILE", description = "Constrain versions with this file; repeatable.")
    List<String> constraints = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "Print the result; change nothing.")
    boolean dryRun;

    @Option(names = {"-U", "--upgrade"}, negatable = true, description = "Ignore the existing output's pins: newest versions.")
    boolean upgrade;

    @Option(names = {"-P", "--upgrade-package"}, paramLabel = "NAME[SPEC]",
            description = "Re-resolve this package only, ignoring its existing pin; repeatable.")
    List<String> upgradePackages = new ArrayList<>();

    @Option(names = {"-p", "--pre"}, description = "Allow pre-releases.")
    Boolean pre;

    @Option(names = "--extra", paramLabel = "NAME", description = "Include this optional-dependencies group of pyproject.toml; repeatable.")
    List<String> extras = new ArrayList<>();

    @Option(names = "--all-extras", description = "Include every optional-dependencies group.")
    boolean allExtras;

    @Option(names = "--group", paramLabel = "NAME", description = "Include this [dependency-groups] group of pyproject.toml; repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = {"-i", "--index-url"}, paramLabel = "URL", description = "Primary index (default: pip's configuration, else PyPI).")
    String indexUrl;

    @Option(names = "--extra-index-url", paramLabel = "URL", description = "Another index to search; repeatable.")
    List<String> extraIndexUrls = new ArrayList<>();

    @Option(names = {"-f", "--find-links"}, paramLabel = "PATH|URL", description = "A directory or page of archives; repeatable.")
    List<String> findLinks = new ArrayList<>();

    @Option(names = "--no-index", description = "Use no index; only --find-links.")
    boolean noIndex;

    @Option(names = "--trusted-host", paramLabel = "HOST", description = "Trust this host's plain HTTP or bad HTTPS; repeatable.")
    List<String> trustedHosts = new ArrayList<>();

    @Option(names = "--python-version", paramLabel = "X.Y[.Z]", description = "Lock for this Python version instead of the found interpreter's.")
    String pythonVersion;

    @Option(names = "--python-platform", paramLabel = "PLATFORM",
            description = "Lock for this platform: linux, macos, windows, or a tag such as x86_64-manylinux_2_28.")
    String pythonPlatform;

    @Option(names = {"--exclude-newer", "--uploaded-prior-to"}, paramLabel = "DATE",
            description = "Ignore files uploaded after this date (2024-05-01) or instant (2024-05-01T12:00:00Z).")
    String excludeNewer;

    @Option(names = {"-r", "--rebuild", "--refresh"}, description = "Revalidate every cached index page and metadata.")
    boolean refresh;

    @Option(names = "--no-cache", description = "Use no persistent cache.")
    boolean noCache;

    @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write the header (default).")
    boolean header;

    @Option(names = "--annotate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Annotate each package with why it is there (default).")
    boolean annotate;

    @Option(names = "--annotation-style", paramLabel = "split|line", defaultValue = "split",
            description = "How to write the annotations: split (default) or line.")
    String annotationStyle;

    @Option(names = "--strip-extras", negatable = true, description = "Leave extras out of the pins (constraints-compatible).")
    Boolean stripExtras;

    @Option(names = "--allow-unsafe", negatable = true, description = "Pin setuptools, pip and distribute too.")
    boolean allowUnsafe;

    @Option(names = "--unsafe-package", paramLabel = "NAME", description = "Treat this package as unsafe (replaces the default set); repeatable.")
    List<String> unsafePackages = new ArrayList<>();

    @Option(names = "--generate-hashes", description = "Pin the sha256 of every file of each pinned version.")
    boolean generateHashes;

    @Option(names = "--reuse-hashes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Reuse the hashes of unchanged pins from the existing output (default).")
    boolean reuseHashes;

    @Option(names = "--emit-index-url", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write the index URLs into the output (default).")
    boolean emitIndexUrl;

    @Option(names = "--emit-trusted-host", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write --trusted-host lines (default).")
    boolean emitTrustedHost;

    @Option(names = "--emit-find-links", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write --find-links lines (default).")
    boolean emitFindLinks;

    @Option(names = "--emit-options", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write the options block at all (default).")
    boolean emitOptions;

    @Option(names = "--newline", paramLabel = "LF|CRLF|native|preserve", defaultValue = "preserve",
            description = "Line endings of the output (default: preserve the output's or input's).")
    String newline;

    CompileCommand(Console console) {
        this.console = console;
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
            console.out().print(result.text());
            console.info("Dry-run, so nothing updated.");
        }
        result.warnings().forEach(console::warn);
        return ExitCodes.OK;
    }

    /** The settings record of the parsed options (also used by {@code add}/{@code upgrade} to replay a lock's header). */
    CompileRequest request() {
        Context context = console.context();
        return new CompileRequest(context.cwd(), context.env(), this::readStdin, sources, constraints,
                Optional.ofNullable(outputFile), CommandEcho.of("pinwheel compile", spec.commandLine().getParseResult(), sources),
                new CompileRequest.IndexOptions(Optional.ofNullable(indexUrl), extraIndexUrls, findLinks, noIndex,
                        trustedHosts, refresh, noCache),
                new CompileRequest.ResolutionOptions(Boolean.TRUE.equals(pre), upgrade, upgradePackages, extras, allExtras,
                        groups, Optional.ofNullable(pythonVersion), Optional.ofNullable(pythonPlatform),
                        Optional.ofNullable(excludeNewer), generateHashes, reuseHashes, allowUnsafe, unsafePackages),
                new CompileRequest.OutputOptions(dryRun, header, annotate, choice(LockFormat.AnnotationStyle.class,
                        "--annotation-style", annotationStyle), Boolean.TRUE.equals(stripExtras), emitIndexUrl,
                        emitTrustedHost, emitFindLinks, emitOptions,
                        choice(CompileRequest.Newline.class, "--newline", newline)));
    }

    private String readStdin() {
        try {
            return new String(console.context().in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
