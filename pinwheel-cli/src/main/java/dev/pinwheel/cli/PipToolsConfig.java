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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * pip-tools' configuration file: defaults for pip-compile's options from {@code [tool.pip-tools]}
 * (with {@code [tool.pip-tools.compile]} over it; {@code [tool.pip-tools.sync]} is pip-sync's)
 * of {@code --config FILE}, else of {@code .pip-tools.toml}, else of {@code pyproject.toml}.
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

    /** One key of the table: as written, normalized ({@code generate_hashes}), and its value. */
    record Entry(String rawKey, String key, JsonNode value) {
    }

    private final String display;
    private final String text;
    private final List<Entry> entries;

    private PipToolsConfig(String display, String text, List<Entry> entries) {
        this.display = display;
        this.text = text;
        this.entries = List.copyOf(entries);
    }

    /** The file as the messages name it. */
    String display() {
        return display;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The configuration of {@code explicit} (a path as typed) or, without one, the first of
     * {@link #DEFAULT_NAMES} in {@code cwd}; empty when there is none.
     */
    static Optional<PipToolsConfig> find(Path cwd, Optional<String> explicit) {
        Path file;
        String display;
        if (explicit.isPresent()) {
            display = explicit.get();
            file = cwd.resolve(display);
            if (!Files.isRegularFile(file)) {
                throw new PinwheelException(Category.BAD_INPUT, "--config " + display + ": no such file",
                        "name a TOML file with a [tool.pip-tools] table, or drop --config");
            }
        } else {
            Optional<String> found = DEFAULT_NAMES.stream().filter(n -> Files.isRegularFile(cwd.resolve(n))).findFirst();
            if (found.isEmpty()) {
                return Optional.empty();
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
        return Optional.of(parse(display, text));
    }

    static PipToolsConfig parse(String display, String text) {
        JsonNode root;
        try {
            root = dev.pinwheel.cli.compile.TomlTree.read(text);
        } catch (JacksonException e) {
            throw dev.pinwheel.cli.compile.TomlPositions.invalid(display, text, e, "fix the TOML syntax of " + display
                    + " (https://toml.io/en/v1.0.0); pip-compile reads its configuration from it unless --no-config");
        } catch (IOException e) {
            throw new PinwheelException(Category.BAD_INPUT, display + ": not valid TOML: " + e.getMessage());
        }
        JsonNode table = root == null ? null : root.path("tool").path("pip-tools");
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (table != null && table.isObject()) {
            table.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("compile") && !f.getKey().equals("sync")) {
                    entries.put(normalize(f.getKey()), new Entry(f.getKey(), normalize(f.getKey()), f.getValue()));
                }
            });
            JsonNode compile = table.path("compile");
            if (compile.isObject()) {
                compile.fields().forEachRemaining(f ->
                        entries.put(normalize(f.getKey()), new Entry(f.getKey(), normalize(f.getKey()), f.getValue())));
            }
        }
        return new PipToolsConfig(display, text, new ArrayList<>(entries.values()));
    }

    /** pip-tools' key normalization: no leading dashes, dashes as underscores, lower case. */
    static String normalize(String key) {
        return key.replaceFirst("^-+", "").replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * A bad-input error about {@code entry}, with its line and a caret under the key (or the
     * value) where the key can be found in the text.
     */
    PinwheelException error(Entry entry, boolean atValue, String reason, String hint) {
        Optional<int[]> where = locate(entry.rawKey());
        if (where.isEmpty()) {
            return new PinwheelException(Category.BAD_INPUT, display + ": " + reason, hint);
        }
        int[] span = atValue ? new int[] {where.get()[2], where.get()[3]} : new int[] {where.get()[0], where.get()[1]};
        return new PinwheelException(Category.BAD_INPUT,
                new ParseException(text, span[0], span[1], reason).withSource(display, 1).getMessage(), hint);
    }

    /** Offset and length of the key, then of the rest of its line (the value), in a pip-tools table; empty if not found. */
    private Optional<int[]> locate(String rawKey) {
        return TomlKeys.keys(text).stream()
                .filter(k -> !k.header() && (k.path().equals("tool.pip-tools." + rawKey)
                        || k.path().equals("tool.pip-tools.compile." + rawKey)))
                .findFirst()
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
