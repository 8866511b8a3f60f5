package dev.pinwheel.cli;

import dev.pinwheel.cli.deps.InitFiles;
import dev.pinwheel.scan.PinMode;
import dev.pinwheel.scan.ReqsRequest;
import dev.pinwheel.scan.ReqsResult;
import dev.pinwheel.scan.ReqsScanner;
import dev.pinwheel.scan.Chill;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pinwheel init}: the first requirements/base.in and dev.in (workflows W8-W11). */
final class InitCommand implements Callable<Integer> {

    /** Where the first intents come from. */
    enum Source { CODE, ENV, TEMPLATE }

    private final Console console;

    Source from;
    boolean force;
    PinMode mode;
    String python;

    InitCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        SpecBuilder b = SpecBuilder.command(this, "init",
                "Create requirements/base.in and dev.in from the code, the environment or a template.",
                "--from code (default): the code's imports plus what they miss (drivers, the",
                "server, the migration tool); --from env: what the environment was asked for;",
                "--from template: FastAPI + SQLAlchemy + PostgreSQL.",
                "dev.in includes base.in. Existing files are replaced only with --force.");
        b.option(Source.class, "--from", "code|env|template",
                "Where the requirements come from (default: code).",
                () -> from, v -> from = v).defaultValue("code").converters(new SourceConverter());
        b.flag("--force", "Replace existing .in files.", () -> force, v -> force = v);
        b.option(PinMode.class, "--mode", "MODE",
                "Versions in the .in files: no-pin (default; the lock pins), eq, compat, gt (from the environment).",
                () -> mode, v -> mode = v).converters(new ReqsCommand.ModeConverter()).defaultValue("no-pin");
        b.option(String.class, "--python", "PYTHON",
                "The environment to read: an interpreter, a venv directory or a version (default: $VIRTUAL_ENV, else .venv).",
                () -> python, v -> python = v);
        return b.build();
    }

    @Override
    public Integer call() {
        Context context = console.context();
        Path root = context.cwd();
        InitFiles files = switch (from) {
            case TEMPLATE -> InitFiles.template();
            case ENV -> {
                Chill.Result chill = ChillCommand.find(console, Optional.ofNullable(python), false);
                chill.warnings().forEach(console::warn);
                yield InitFiles.fromEnvironment(chill, mode);
            }
            case CODE -> {
                ReqsResult needs;
                try (Progress progress = console.progress("Scanning")) {
                    needs = ReqsScanner.scan(new ReqsRequest(root, List.of(), Optional.empty(),
                            ReqsTargets.find(context, root, Optional.ofNullable(python), console)),
                            (done, total) -> progress.update(done + "/" + total + " files"));
                }
                needs.warnings().forEach(console::warn);
                needs.notes().forEach(console::info);
                yield InitFiles.fromCode(needs, mode);
            }
        };
        List<Path> written = files.write(root, force);
        if (!files.left().isEmpty()) {
            console.info("Left out tool-chain leftovers (not runtime needs): " + String.join(", ", files.left()));
        }
        console.info("Wrote " + String.join(" and ", written.stream().map(p -> VenvCommand.display(context, p)).toList()));
        console.info("Next: pinwheel upgrade (locks both into .txt files and syncs the environment), or pinwheel compile each");
        return ExitCodes.OK;
    }

    static final class SourceConverter implements picocli.CommandLine.ITypeConverter<Source> {
        @Override
        public Source convert(String value) {
            return switch (value) {
                case "code" -> Source.CODE;
                case "env" -> Source.ENV;
                case "template" -> Source.TEMPLATE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a source; use code, env or template");
            };
        }
    }
}
