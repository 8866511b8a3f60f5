package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files a compile run reads and writes, by pip-compile's rules: no input means the first of
 * {@code requirements.in}, {@code setup.py}, {@code pyproject.toml}, {@code setup.cfg}; the
 * output defaults to the input with {@code .txt}, but to {@code requirements.txt} beside a first
 * input named {@code setup.py}, {@code setup.cfg} or {@code pyproject.toml}; stdin and several
 * inputs need {@code -o}; the output may never be one of the inputs.
 *
 * @param sources the inputs, in command-line order
 * @param output  the lock file to write
 */
record CompilePaths(List<Source> sources, Path output) {

    static final List<String> DEFAULT_INPUTS = List.of("requirements.in", "setup.py", "pyproject.toml", "setup.cfg");

    /** The project files pip-compile reads through the project's metadata (its METADATA_FILENAMES). */
    static final java.util.Set<String> METADATA_FILES = java.util.Set.of("setup.py", "setup.cfg", "pyproject.toml");

    /** One input as given on the command line. */
    record Source(String given, Path path, Kind kind) {
        /** PROJECT: setup.py or setup.cfg, read only through the project's build backend. */
        enum Kind { REQUIREMENTS, PYPROJECT, PROJECT, STDIN }

        boolean isPyproject() {
            return kind == Kind.PYPROJECT;
        }

        /** Whether the input is a project file (pyproject.toml, setup.py, setup.cfg), which --extra applies to. */
        boolean isProject() {
            return kind == Kind.PYPROJECT || kind == Kind.PROJECT;
        }
    }

    static CompilePaths locate(CompileRequest request) {
        List<String> given = new ArrayList<>(request.sources());
        if (given.isEmpty()) {
            for (String name : DEFAULT_INPUTS) {
                if (Files.exists(request.cwd().resolve(name))) {
                    given.add(name);
                    break;
                }
            }
            if (given.isEmpty()) {
                throw new PinwheelException(Category.BAD_INPUT,
                        "no input file given and none of " + String.join(", ", DEFAULT_INPUTS) + " exists in "
                                + request.cwd(),
                        "name the input: pinwheel compile requirements/base.in");
            }
        }
        List<Source> sources = new ArrayList<>();
        for (String name : given) {
            if (name.equals("-")) {
                sources.add(new Source(name, request.cwd().resolve("-"), Source.Kind.STDIN));
                continue;
            }
            Path path = request.cwd().resolve(name).normalize();
            if (!Files.isRegularFile(path) && !request.staged().containsKey(path.toAbsolutePath())) {
                if (Files.isDirectory(path)) {
                    throw new PinwheelException(Category.BAD_INPUT, "input " + name + " is a directory, not a file",
                            "name a requirements file, setup.py, setup.cfg or pyproject.toml; for the project in it, "
                                    + "write -e " + name + " in a requirements.in");
                }
                throw new PinwheelException(Category.BAD_INPUT, "input file " + name + " does not exist", null);
            }
            String file = path.getFileName().toString();
            Source.Kind kind = file.equals("pyproject.toml") ? Source.Kind.PYPROJECT
                    : METADATA_FILES.contains(file) ? Source.Kind.PROJECT : Source.Kind.REQUIREMENTS;
            sources.add(new Source(name, path, kind));
        }
        CompileRequest.ResolutionOptions resolution = request.resolution();
        if (resolution.allExtras() && !resolution.extras().isEmpty()) {
            throw new PinwheelException(Category.BAD_INPUT, "--extra has no effect when used with --all-extras");
        }
        boolean pyproject = sources.stream().anyMatch(Source::isPyproject);
        boolean project = sources.stream().anyMatch(Source::isProject);
        if ((resolution.allExtras() || !resolution.extras().isEmpty()) && !project) {
            throw new PinwheelException(Category.BAD_INPUT,
                    "--extra and --all-extras have effect only with a setup.py, setup.cfg or pyproject.toml input");
        }
        if (!resolution.groups().isEmpty() && !pyproject) {
            throw new PinwheelException(Category.BAD_INPUT, "--group has effect only with a pyproject.toml input");
        }
        Path output = request.outputFile().map(o -> request.cwd().resolve(o).normalize())
                .orElseGet(() -> defaultOutput(sources));
        for (Source source : sources) {
            if (source.kind() != Source.Kind.STDIN && source.path().equals(output)) {
                throw new PinwheelException(Category.BAD_INPUT,
                        "input and output filenames must not be matched: " + source.given(),
                        "name another output with -o/--output-file");
            }
        }
        if (Files.isDirectory(output)) {
            throw new PinwheelException(Category.BAD_INPUT, "the output " + output + " is a directory",
                    "name a file with -o/--output-file");
        }
        return new CompilePaths(List.copyOf(sources), output);
    }

    private static Path defaultOutput(List<Source> sources) {
        Source first = sources.get(0);
        if (sources.size() == 1 && first.kind() == Source.Kind.STDIN) {
            throw new PinwheelException(Category.BAD_INPUT, "--output-file is required if input is from stdin");
        }
        if (first.isProject()) {
            return first.path().resolveSibling("requirements.txt");
        }
        if (sources.size() > 1) {
            throw new PinwheelException(Category.BAD_INPUT,
                    "--output-file is required if two or more input files are given");
        }
        String name = first.path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return first.path().resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".txt");
    }

    /** pip-compile's --newline rules: preserve looks at the existing output first, then the inputs. */
    static String newline(CompileRequest.Newline choice, Path output, List<Source> sources) {
        return switch (choice) {
            case LF -> "\n";
            case CRLF -> "\r\n";
            case NATIVE -> System.lineSeparator();
            case PRESERVE -> {
                List<Path> candidates = new ArrayList<>();
                candidates.add(output);
                sources.stream().filter(s -> s.kind() != Source.Kind.STDIN).forEach(s -> candidates.add(s.path()));
                for (Path file : candidates) {
                    String text;
                    try {
                        text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (java.io.IOException e) {
                        continue;
                    }
                    if (text.contains("\r\n")) {
                        yield "\r\n";
                    }
                    if (text.contains("\n")) {
                        yield "\n";
                    }
                }
                yield "\n";
            }
        };
    }
}
