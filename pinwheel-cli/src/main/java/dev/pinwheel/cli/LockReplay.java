package dev.pinwheel.cli;

import dev.pinwheel.cli.compile.CompileRequest;
import dev.pinwheel.cli.compile.CompileResult;
import dev.pinwheel.cli.compile.Compiler;
import dev.pinwheel.cli.deps.Layout;
import dev.pinwheel.cli.deps.Relocker;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Recompiles a lock the way it was made: the options of the {@code pinwheel compile} (or
 * {@code pip-compile}) command in the lock's header are parsed by {@link CompileCommand} again,
 * so {@code --generate-hashes}, {@code --strip-extras} or {@code --allow-unsafe} survive an
 * {@code add}; then this run's index options and {@code -U}/{@code -P} are applied, and the
 * compile runs from the project root as a dry run over the staged files. A header with another
 * command ({@code CUSTOM_COMPILE_COMMAND}) or none gives pip-compile's defaults.
 */
final class LockReplay implements Relocker.Compile {

    private final Console console;
    private final Layout layout;
    private final List<String> extraArgs;

    /**
     * @param extraArgs compile options of this run, after the header's (later ones win): index
     *                  options, {@code --upgrade}, {@code --upgrade-package=NAME}
     */
    LockReplay(Console console, Layout layout, List<String> extraArgs) {
        this.console = console;
        this.layout = layout;
        this.extraArgs = List.copyOf(extraArgs);
    }

    @Override
    public CompileResult compile(Layout.Pair pair, Map<Path, String> staged) {
        Context outer = console.context();
        Context atRoot = new Context(layout.root(), outer.env(), outer.in(), outer.out(), outer.err(), outer.interactive());
        Console rooted = new Console(atRoot, console.options());
        CompileCommand command = new CompileCommand(rooted);
        CommandLine line = new CommandLine(command.spec());
        line.setOverwrittenOptionsAllowed(true);
        line.setUnmatchedArgumentsAllowed(true);
        List<String> args = merged(line, headerOptions(pair.txt()), extraArgs);
        args.add("--output-file=" + layout.show(pair.txt()));
        args.add(layout.show(pair.in()));
        line.parseArgs(args.toArray(String[]::new));
        line.getUnmatchedArguments().forEach(a -> console.debug(layout.show(pair.txt()) + ": header option " + a
                + " is not a pinwheel compile option; ignored"));
        CompileRequest request = command.request().withStaged(staged);
        CompileRequest.OutputOptions o = request.output();
        request = request.withOutput(new CompileRequest.OutputOptions(true, o.header(), o.annotate(), o.annotationStyle(),
                o.stripExtras(), o.emitIndexUrl(), o.emitTrustedHost(), o.emitFindLinks(), o.emitOptions(), o.newline()));
        try (Progress progress = console.progress("Locking " + layout.show(pair.txt()))) {
            return Compiler.compile(request, new ConsoleCompileListener(console, progress));
        }
    }

    /**
     * The header's options, then this run's: a single-valued option given by this run replaces
     * the header's (else the new header would echo it twice), repeated values appear once.
     */
    private static List<String> merged(CommandLine line, List<String> header, List<String> run) {
        java.util.Set<String> given = new java.util.HashSet<>();
        run.forEach(a -> given.add(optionName(a)));
        List<String> args = new ArrayList<>();
        for (String option : header) {
            String name = optionName(option);
            CommandLine.Model.OptionSpec spec = line.getCommandSpec().findOption(name);
            boolean replaced = given.contains(name) && (spec == null || !spec.isMultiValue());
            if (!replaced && !args.contains(option)) {
                args.add(option);
            }
        }
        run.stream().filter(a -> !args.contains(a)).forEach(args::add);
        return args;
    }

    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    /** The long options of the command in the lock's header, without its files and output. */
    private List<String> headerOptions(Path lock) {
        if (!Files.isRegularFile(lock)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(lock, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot read " + layout.show(lock), null, e);
        }
        Optional<String> command = headerCommand(text);
        if (command.isEmpty()) {
            return List.of();
        }
        List<String> words = split(command.get());
        int skip = words.size() >= 2 && words.get(0).endsWith("pinwheel") && words.get(1).equals("compile") ? 2
                : !words.isEmpty() && words.get(0).endsWith("pip-compile") ? 1 : -1;
        if (skip < 0) {
            console.debug(layout.show(lock) + " was made by `" + command.get() + "`; recompiling with the default options");
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (String word : words.subList(skip, words.size())) {
            if (!word.startsWith("--") || word.equals("--") || word.startsWith("--output-file")) {
                continue;
            }
            if (word.startsWith("--config=") && !Files.isRegularFile(layout.root().resolve(word.substring("--config=".length())))) {
                // pip-compile echoes only the configuration file's name, not where it was.
                console.debug(layout.show(lock) + ": skipping the header's " + word + " (no such file at the project root)");
                continue;
            }
            if (word.contains("****@")) {
                // The header hides credentials; replaying the mask would fail to log in. pip's configuration has them.
                console.debug(layout.show(lock) + ": skipping the header's " + word + " (credentials hidden)");
                continue;
            }
            options.add(word);
        }
        return options;
    }

    /** The command line under "by the following command:" in pip-compile's header. */
    static Optional<String> headerCommand(String lockText) {
        List<String> lines = lockText.lines().limit(20).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("# by the following command:")) {
                continue;
            }
            for (String next : lines.subList(i + 1, lines.size())) {
                String body = next.startsWith("#") ? next.substring(1).strip() : null;
                if (body == null) {
                    return Optional.empty();
                }
                if (!body.isEmpty()) {
                    return Optional.of(body);
                }
            }
        }
        return Optional.empty();
    }

    /** POSIX shell words, as the header's shlex-quoted command was written. */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                end = end < 0 ? command.length() : end;
                word.append(command, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < command.length() && command.charAt(j) != '"'; j++) {
                    if (command.charAt(j) == '\\' && j + 1 < command.length()) {
                        j++;
                    }
                    word.append(command.charAt(j));
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
