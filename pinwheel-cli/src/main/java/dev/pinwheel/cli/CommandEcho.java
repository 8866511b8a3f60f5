package dev.pinwheel.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line a lock file's header shows, built by pip-compile's rules: long option names
 * joined to their values with {@code =}, options left at their defaults and one-off options
 * ({@code --upgrade}, {@code --dry-run}, ...) dropped, options sorted, then the sorted input
 * files; credentials in URLs hidden; values quoted like Python's {@code shlex.quote}.
 */
final class CommandEcho {

    /** Options that do not change what the lock contains (pip-compile's COMPILE_EXCLUDE_OPTIONS and ours). */
    private static final Set<String> EXCLUDED = Set.of("--dry-run", "--quiet", "--verbose", "--color", "--rebuild",
            "--refresh", "--no-cache", "--upgrade", "--upgrade-package", "--cache-dir", "--reuse-hashes", "--help",
            "--version", "--no-config");
    /** A URL's password inside --pip-args, hidden as everywhere else in the lock (pip-compile would show it). */
    private static final Pattern CREDENTIALS = Pattern.compile("(://[^/:@\\s]+):[^@\\s/]+@");
    private static final Pattern SAFE = Pattern.compile("[\\w@%+=:,./-]+");

    private CommandEcho() {
    }

    static String of(String program, ParseResult parsed, List<String> sources) {
        return of(program, parsed, List.of(), sources);
    }

    /**
     * @param alsoSet options given a value outside picocli's matching (a configuration file's,
     *                one taking its value with its own consumer): echoed like typed ones, as
     *                pip-compile echoes every option that is not at its default
     */
    static String of(String program, ParseResult parsed, List<OptionSpec> alsoSet, List<String> sources) {
        List<String> options = new ArrayList<>();
        java.util.Set<OptionSpec> all = new java.util.LinkedHashSet<>(parsed.matchedOptions());
        all.addAll(alsoSet);
        for (OptionSpec option : all) {
            String name = longName(option);
            if (EXCLUDED.contains(name)) {
                continue;
            }
            Object value = option.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof Boolean flag) {
                if (option.defaultValue() != null && Boolean.parseBoolean(option.defaultValue()) == flag) {
                    continue;
                }
                if (flag || option.negatable()) {
                    options.add(flag ? name : "--no-" + name.substring(2));
                }
                continue;
            }
            Collection<?> values = value instanceof Collection<?> c ? c : List.of(value);
            for (Object v : values) {
                String text = String.valueOf(v);
                if (values.size() == 1 && text.equals(option.defaultValue())) {
                    continue;
                }
                if (name.equals("--config")) {
                    // pip-compile drops a default file name and echoes any other by its last part only.
                    if (PipToolsConfig.DEFAULT_NAMES.contains(text)) {
                        continue;
                    }
                    text = java.nio.file.Path.of(text).getFileName().toString();
                }
                // pip-compile writes --pip-args with Python's repr(), which reads better than shlex.quote.
                options.add(name + "=" + (name.equals("--pip-args") ? pythonRepr(CREDENTIALS.matcher(text).replaceAll("$1:****@")) : quote(redact(text))));
            }
        }
        options.sort(null);
        List<String> files = new ArrayList<>();
        if (sources.stream().anyMatch(s -> s.startsWith("-") && !s.equals("-"))) {
            files.add("--");
        }
        sources.forEach(s -> files.add(quote(s)));
        files.sort(null);
        List<String> words = new ArrayList<>();
        words.add(program);
        words.addAll(options);
        words.addAll(files);
        return String.join(" ", words);
    }

    /** The first long name, as pip-compile echoes its option's main spelling. */
    private static String longName(OptionSpec option) {
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                return name;
            }
        }
        return option.longestName();
    }

    /** Python's shlex.quote: safe words stay bare, others go in single quotes. */
    static String quote(String word) {
        if (word.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Python's repr() of a str: single quotes unless only double quotes avoid escaping. */
    static String pythonRepr(String text) {
        char q = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(q);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(q).toString();
    }

    private static String redact(String value) {
        return dev.pinwheel.cli.compile.Compiler.redactUrl(value);
    }
}
