package dev.pinwheel.cli;

import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.scan.DeclaredRequirements;
import dev.pinwheel.scan.PinMode;
import dev.pinwheel.scan.ProjectIndex;
import dev.pinwheel.scan.ReqsRequest;
import dev.pinwheel.scan.ReqsResult;
import dev.pinwheel.scan.ReqsScanner;
import dev.pinwheel.scan.RequirementsWriter;
import dev.pinwheel.scan.TargetEnvironment;
import dev.pinwheel.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel reqs}: the requirements the code needs, like pipreqs, with what pipreqs misses. */
final class ReqsCommand implements Callable<Integer> {

    private final Console console;

    String path;
    boolean print;
    String savepath;
    String devSavepath;
    boolean force;
    PinMode mode;
    String diff;
    String clean;
    List<String> ignore = new ArrayList<>();
    String encoding;
    String python;
    IndexOptions index = new IndexOptions();

    ReqsCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "reqs",
                "Write the requirements a project's code needs, like pipreqs.",
                "Imports are mapped to distributions; what code never imports (database drivers,",
                "the server, the migration tool) is added with its evidence. Test and tooling",
                "needs form a separate development list.");
        b.positional("0..1", "PATH",
                "The project directory (default: the current directory).", () -> path, v -> path = v).defaultValue(".");
        b.flag("--print", "Print the requirements to stdout instead of writing a file.", () -> print, v -> print = v);
        b.option(String.class, "--savepath", "FILE",
                "Where to write them (default: PATH/requirements.txt).", () -> savepath, v -> savepath = v);
        b.option(String.class, "--dev-savepath", "FILE",
                "Also write the development list (tests, tooling) to FILE.", () -> devSavepath, v -> devSavepath = v);
        b.flag("--force", "Overwrite existing files.", () -> force, v -> force = v);
        b.option(PinMode.class, "--mode", "MODE",
                "How to pin: eq (==installed, default), compat (~=), gt (>=), no-pin.",
                () -> mode, v -> mode = v).converters(new ModeConverter()).defaultValue("eq");
        b.option(String.class, "--diff", "FILE",
                "Compare FILE with what the code needs: print what is missing and what is unused.",
                () -> diff, v -> diff = v);
        b.option(String.class, "--clean", "FILE",
                "Remove from FILE the requirements nothing in the project needs.", () -> clean, v -> clean = v);
        b.repeatable("--ignore", "DIRS",
                "Directories to skip, comma-separated: names (any depth) or paths from PATH.",
                () -> ignore, v -> ignore = v).splitRegex(",");
        b.option(String.class, "--encoding", "ENCODING",
                "Encoding of source files that declare none (default: utf-8).", () -> encoding, v -> encoding = v);
        b.option(String.class, "--python", "PYTHON",
                "The target environment: an interpreter, a venv directory or a version (default: $VIRTUAL_ENV, else PATH/.venv).",
                () -> python, v -> python = v);
        index.declare(b);
        return b.build();
    }

    @Override
    public Integer call() throws IOException {
        Context context = console.context();
        Path root = context.resolve(path);
        boolean writing = diff == null && clean == null;
        Path out = print ? null : savepath != null ? context.resolve(savepath) : root.resolve("requirements.txt");
        Path devOut = devSavepath == null ? null : context.resolve(devSavepath);
        if (writing) {
            refuseToOverwrite(out); // before the scan: fail fast
            refuseToOverwrite(devOut);
        }
        Supplier<Optional<TargetEnvironment>> target = ReqsTargets.findInBackground(context, root, Optional.ofNullable(python), console);
        ReqsRequest request = new ReqsRequest(root, ignore, charset(), target, projectIndex(context));
        ReqsResult result;
        try (Progress progress = console.progress("Scanning")) {
            result = ReqsScanner.scan(request, (done, total) -> progress.update(done + "/" + total + " files"));
        }
        result.warnings().forEach(console::warn);
        result.notes().forEach(console::info);
        console.debug("scanned " + result.filesScanned() + " source files");
        if (diff != null) {
            return diff(context.resolve(diff), result);
        }
        if (clean != null) {
            return clean(context.resolve(clean), result);
        }
        String runtime = RequirementsWriter.render(result.runtime(), mode);
        String dev = RequirementsWriter.render(result.dev(), mode);
        if (print) {
            console.out().print(runtime);
        } else {
            AtomicFiles.write(out, runtime);
            console.info("Wrote " + result.runtime().size() + " requirements to " + VenvCommand.display(context, out));
        }
        if (devOut != null) {
            AtomicFiles.write(devOut, dev);
            console.info("Wrote " + result.dev().size() + " development requirements to " + VenvCommand.display(context, devOut));
        } else if (!result.dev().isEmpty()) {
            console.info("Development needs (tests, tooling), not written: " + String.join(", ",
                    result.dev().stream().map(n -> RequirementsWriter.requirement(n, PinMode.NO_PIN)).toList())
                    + " (--dev-savepath FILE writes them)");
        }
        return ExitCodes.OK;
    }

    /**
     * The index step of the import mapping; the client (and its HTTP start-up cost) only when
     * some import is left for it. {@code --no-index} without {@code --find-links} asks nothing.
     */
    private ProjectIndex projectIndex(Context context) {
        if (index.noIndex && index.findLinks.isEmpty()) {
            return ProjectIndex.NONE;
        }
        return names -> {
            console.debug("asking the package index about " + names.size() + " unmapped import name(s)");
            try (IndexClient client = IndexClient.create(index.settings(context, EnvSettings.cacheDir(context)), RequestListener.NONE)) {
                return ProjectIndex.of(client).exist(names);
            }
        };
    }

    private void refuseToOverwrite(Path out) {
        if (out != null && Files.exists(out) && !force) {
            throw new PinwheelException(Category.BAD_INPUT, out + " already exists", "pass --force to overwrite it");
        }
    }

    private Optional<Charset> charset() {
        if (encoding == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(encoding));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new PinwheelException(Category.BAD_INPUT, "unknown encoding '" + encoding + "'",
                    "use a name such as utf-8, latin-1, cp1252, gbk");
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PinwheelException(Category.BAD_INPUT, "no such file: " + file, null);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private int diff(Path file, ReqsResult result) throws IOException {
        DeclaredRequirements declared = DeclaredRequirements.parse(read(file));
        List<String> missing = declared.missing(result).stream().map(n -> RequirementsWriter.requirement(n, mode)).toList();
        List<ProjectName> unused = declared.unused(result);
        String name = file.getFileName().toString();
        StringBuilder sb = new StringBuilder();
        sb.append(missing.isEmpty() ? "Nothing the code needs is missing from " + name + ".\n"
                : "Needed by the project but not in " + name + ":\n");
        missing.forEach(m -> sb.append("  ").append(m).append('\n'));
        sb.append(unused.isEmpty() ? "Everything in " + name + " is used.\n"
                : "In " + name + " but not used by the project:\n");
        unused.forEach(u -> sb.append("  ").append(u).append('\n'));
        console.out().print(sb);
        return ExitCodes.OK;
    }

    private int clean(Path file, ReqsResult result) throws IOException {
        DeclaredRequirements declared = DeclaredRequirements.parse(read(file));
        List<ProjectName> unused = declared.unused(result);
        if (unused.isEmpty()) {
            console.info("Nothing to remove from " + file.getFileName());
            return ExitCodes.OK;
        }
        AtomicFiles.write(file, declared.cleaned(result));
        console.info("Removed from " + file.getFileName() + ": " + String.join(", ", unused.stream().map(ProjectName::toString).toList()));
        return ExitCodes.OK;
    }

    /** pipreqs' mode names. */
    static final class ModeConverter implements ITypeConverter<PinMode> {
        @Override
        public PinMode convert(String value) {
            return switch (value) {
                case "eq", "==" -> PinMode.EQ;
                case "compat", "~=" -> PinMode.COMPAT;
                case "gt", ">=" -> PinMode.GT;
                case "no-pin" -> PinMode.NO_PIN;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a mode; use eq, compat, gt or no-pin");
            };
        }
    }
}
