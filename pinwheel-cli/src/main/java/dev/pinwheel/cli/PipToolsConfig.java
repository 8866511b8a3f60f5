package dev.pinwheel.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.support.TomlKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * pip-tools' configuration file: defaults for the options of one command, pip-compile's or
 * pip-sync's, from {@code [tool.pip-tools]} with the command's own table ({@code
 * [tool.pip-tools.compile]} or {@code [tool.pip-tools.sync]}) over it, of {@code --config FILE},
 * else of {@code .pip-tools.toml}, else of {@code pyproject.toml}.
 *
 * <p>pip-tools 7 looks for those two files in the current directory only: its {@code --config}
 * callback is eager, so it runs before the input files are parsed and the directory of the
 * first input is never searched, whatever its docstring says. Keys are option names without the
 * leading dashes, with dashes or underscores ({@code generate-hashes}, {@code generate_hashes}).
 * Positions for error messages are found by reading the key's line back from the text (the TOML
 * parser gives positions only for syntax errors).
 */
final class PipToolsConfig {

    /** The file names searched, in order. */
    static final List<String> DEFAULT_NAMES = List.of(".pip-tools.toml", "pyproject.toml");

    /** The table shared by both commands. */
    static final String SHARED = "tool.pip-tools";

    /**
     * One key: as written, normalized ({@code generate_hashes}), its value, and the table it is
     * in ({@link #SHARED} or the command's own, e.g. {@code tool.pip-tools.sync}).
     */
    record Entry(String rawKey, String key, JsonNode value, String table) {
        boolean shared() {
            return table.equals(SHARED);
        }
    }

    /**
     * What a search for the configuration looked at: the file it read, if any, and the files of
     * {@link #DEFAULT_NAMES} it found missing before it (absolute), whose appearing would change
     * what the command reads.
     */
    record Search(Optional<PipToolsConfig> config, List<Path> missing) {
        Search {
            missing = List.copyOf(missing);
        }
    }

    private final String display;
    private final Path file;
    private final String text;
    private final List<Entry> entries;

    private PipToolsConfig(String display, Path file, String text, List<Entry> entries) {
        this.display = display;
        this.file = file;
        this.text = text;
        this.entries = List.copyOf(entries);
    }

    /** The file as the messages name it. */
    String display() {
        return display;
    }

    /** The file read, absolute. */
    Path file() {
        return file;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The configuration of {@code command} ({@code compile} or {@code sync}) in {@code explicit}
     * (a path as typed) or, without one, in the first of {@link #DEFAULT_NAMES} in {@code cwd};
     * empty when there is none.
     */
    static Optional<PipToolsConfig> find(Path cwd, Optional<String> explicit, String command) {
        return search(cwd, explicit, command).config();
    }

    /** As {@link #find}, also saying which of the default files were not there. */
    static Search search(Path cwd, Optional<String> explicit, String command) {
        Path file;
        String display;
        List<Path> missing = new ArrayList<>();
        if (explicit.isPresent()) {
            display = explicit.get();
            file = cwd.resolve(display);
            if (!Files.isRegularFile(file)) {
                throw new PinwheelException(Category.BAD_INPUT, "--config " + display + ": no such file",
                        "name a TOML file with a [tool.pip-tools] table, or drop --config");
            }
        } else {
            Optional<String> found = Optional.empty();
            for (String name : DEFAULT_NAMES) {
                if (Files.isRegularFile(cwd.resolve(name))) {
                    found = Optional.of(name);
                    break;
                }
                missing.add(cwd.resolve(name).toAbsolutePath());
            }
            if (found.isEmpty()) {
                return new Search(Optional.empty(), missing);
            }
            display = found.get();
            file = cwd.resolve(display);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot read the pip-tools configuration " + display, null, e);
        }
        return new Search(Optional.of(parse(display, file.toAbsolutePath(), text, command)), missing);
    }

    static PipToolsConfig parse(String display, Path file, String text, String command) {
        if (command.equals("sync") && !text.contains("pip-tools")) {
            // A sync reads pyproject.toml for nothing else, and parsing it cost ~50 ms of a 0.35 s
            // sync; a file that never names pip-tools holds no table of it. (pip-sync would refuse
            // one that is not valid TOML; the commands that read its other tables report that.)
            return new PipToolsConfig(display, file, text, List.of());
        }
        JsonNode root;
        try {
            root = dev.pinwheel.cli.compile.TomlTree.read(text);
        } catch (JacksonException e) {
            throw dev.pinwheel.cli.compile.TomlPositions.invalid(display, text, e, "fix the TOML syntax of " + display
                    + " (https://toml.io/en/v1.0.0); pip-" + command + " reads its configuration from it unless --no-config");
        } catch (IOException e) {
            throw new PinwheelException(Category.BAD_INPUT, display + ": not valid TOML: " + e.getMessage());
        }
        JsonNode table = root == null ? null : root.path("tool").path("pip-tools");
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (table != null && table.isObject()) {
            // As pip-tools: the names of both commands' tables are never keys of the shared one.
            table.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("compile") && !f.getKey().equals("sync")) {
                    entries.put(normalize(f.getKey()), new Entry(f.getKey(), normalize(f.getKey()), f.getValue(), SHARED));
                }
            });
            JsonNode own = table.path(command);
            if (own.isObject()) {
                own.fields().forEachRemaining(f -> entries.put(normalize(f.getKey()),
                        new Entry(f.getKey(), normalize(f.getKey()), f.getValue(), SHARED + "." + command)));
            }
        }
        return new PipToolsConfig(display, file, text, new ArrayList<>(entries.values()));
    }

    /** pip-tools' key normalization: no leading dashes, dashes as underscores, lower case. */
    static String normalize(String key) {
        return key.replaceFirst("^-+", "").replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * A command's options by config key: each long name normalized, and {@code no_NAME} for a
     * negatable option (listed in {@code inverted}: its value means the opposite).
     */
    record OptionKeys(Map<String, OptionSpec> byKey, Set<String> inverted) {

        static OptionKeys of(CommandSpec spec) {
            Map<String, OptionSpec> byKey = new HashMap<>();
            Set<String> inverted = new HashSet<>();
            for (OptionSpec option : spec.options()) {
                for (String name : option.names()) {
                    if (name.startsWith("--")) {
                        byKey.put(normalize(name), option);
                        if (option.negatable()) {
                            byKey.put("no_" + normalize(name), option);
                            inverted.add("no_" + normalize(name));
                        }
                    }
                }
            }
            return new OptionKeys(byKey, inverted);
        }
    }

    /**
     * The value of {@code entry} for {@code option}, converted to the option's type as click
     * converts a default (booleans also as 0/1 and click's words, numbers as strings), or a
     * bad-input error with a caret under the value.
     */
    Object value(Entry entry, OptionSpec option, boolean inverted) {
        JsonNode value = entry.value();
        Class<?> type = option.type();
        if (type == boolean.class || type == Boolean.class) {
            return inverted != flag(entry);
        }
        if (type == List.class) {
            return list(entry);
        }
        if (type == Integer.class || type == int.class) {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
            if (value.isTextual() && value.textValue().strip().matches("[+-]?\\d{1,9}")) {
                return Integer.parseInt(value.textValue().strip());
            }
            throw error(entry, true, "invalid value for config key '" + entry.key() + "': expected an integer", null);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (value.isTextual() && ((Enum<?>) constant).name().equalsIgnoreCase(value.textValue().strip())) {
                    return constant;
                }
            }
            throw error(entry, true, "invalid value for config key '" + entry.key() + "': expected one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList()), null);
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        throw error(entry, true, "invalid value for config key '" + entry.key() + "': expected a string", null);
    }

    /** The value of {@code entry} as a flag's, or a bad-input error under the value. */
    boolean flag(Entry entry) {
        JsonNode value = entry.value();
        Boolean flag = null;
        if (value.isBoolean()) {
            flag = value.booleanValue();
        } else if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
            flag = value.asLong() == 1;
        } else if (value.isTextual()) {
            flag = word(value.textValue());
        }
        if (flag == null) {
            throw error(entry, true, "invalid value for config key '" + entry.key() + "': expected true or false", null);
        }
        return flag;
    }

    /** click's BOOL words ({@code yes}, {@code off}, ...); null for anything else. */
    private static Boolean word(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return List.of("1", "true", "t", "yes", "y", "on").contains(t) ? Boolean.TRUE
                : List.of("0", "false", "f", "no", "n", "off").contains(t) ? Boolean.FALSE : null;
    }

    /** The value of {@code entry} as a list of strings (a repeatable option's), or a bad-input error under the value. */
    List<String> list(Entry entry) {
        JsonNode value = entry.value();
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual() && !item.isNumber()) {
                    values = null;
                    break;
                }
                values.add(item.asText());
            }
            if (values != null) {
                return values;
            }
        }
        throw error(entry, true, "invalid value for config key '" + entry.key()
                + "': expected a list of strings (the option is repeatable)", "e.g. " + entry.rawKey() + " = [\"...\"]");
    }

    /**
     * A bad-input error about {@code entry}, with its line and a caret under the key (or the
     * value) where the key can be found in the text.
     */
    PinwheelException error(Entry entry, boolean atValue, String reason, String hint) {
        Optional<int[]> where = locate(entry);
        if (where.isEmpty()) {
            return new PinwheelException(Category.BAD_INPUT, display + ": " + reason, hint);
        }
        int[] span = atValue ? new int[] {where.get()[2], where.get()[3]} : new int[] {where.get()[0], where.get()[1]};
        return new PinwheelException(Category.BAD_INPUT,
                new ParseException(text, span[0], span[1], reason).withSource(display, 1).getMessage(), hint);
    }

    /** Offset and length of the key, then of the rest of its line (the value), in its table; empty if not found. */
    private Optional<int[]> locate(Entry entry) {
        return TomlKeys.locate(text, entry.table(), entry.rawKey())
                .map(k -> {
                    int lineEnd = text.indexOf('\n', k.offset());
                    String rest = text.substring(k.offset() + k.length(), lineEnd < 0 ? text.length() : lineEnd);
                    int eq = rest.indexOf('=');
                    String value = rest.substring(eq + 1);
                    int lead = value.length() - value.stripLeading().length();
                    int valueStart = k.offset() + k.length() + eq + 1 + lead;
                    return new int[] {k.offset(), k.length(), valueStart, Math.max(1, value.strip().length())};
                });
    }

}
