package dev.pinwheel.cli;

import dev.pinwheel.packaging.FormatControl;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * pip-compile's {@code --pip-args}: the pip options inside it, split like Python's
 * {@code shlex.split}. pinwheel has no pip to hand them to, so each option it has an equivalent
 * for is honoured and any other is refused by name (silently dropping one could change the lock).
 * Like pip-compile, which appends them after its own options, they come after the command line's:
 * {@code --index-url} here wins over {@code -i}, the repeatable ones add to it.
 *
 * @param cacheDir        {@code --cache-dir}
 * @param noCache         {@code --no-cache-dir}
 * @param timeout         {@code --timeout SECONDS}
 * @param retries         {@code --retries N}
 * @param noBuildIsolation {@code --no-build-isolation}
 */
record PipArgs(Optional<String> indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex,
               List<String> trustedHosts, boolean pre, FormatControl formatControl, Optional<String> cacheDir,
               boolean noCache, Optional<Duration> timeout, Optional<Integer> retries, boolean noBuildIsolation) {

    /** The options taking a value, by every spelling pip accepts, and their canonical name. */
    private static final Map<String, String> WITH_VALUE = Map.ofEntries(Map.entry("-i", "--index-url"),
            Map.entry("--index-url", "--index-url"), Map.entry("--extra-index-url", "--extra-index-url"),
            Map.entry("-f", "--find-links"), Map.entry("--find-links", "--find-links"),
            Map.entry("--trusted-host", "--trusted-host"), Map.entry("--no-binary", "--no-binary"),
            Map.entry("--only-binary", "--only-binary"), Map.entry("--timeout", "--timeout"),
            Map.entry("--retries", "--retries"), Map.entry("--cache-dir", "--cache-dir"));
    private static final List<String> FLAGS = List.of("--no-index", "--pre", "--no-cache-dir", "--no-build-isolation");
    private static final String HONOURED = "--index-url, --extra-index-url, --find-links, --no-index, --trusted-host, "
            + "--pre, --no-binary, --only-binary, --timeout, --retries, --cache-dir, --no-cache-dir, --no-build-isolation";

    static PipArgs none() {
        return new PipArgs(Optional.empty(), List.of(), List.of(), false, List.of(), false, FormatControl.none(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), false);
    }

    static PipArgs parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        Optional<String> indexUrl = Optional.empty();
        List<String> extraIndexUrls = new ArrayList<>();
        List<String> findLinks = new ArrayList<>();
        List<String> trustedHosts = new ArrayList<>();
        boolean noIndex = false;
        boolean pre = false;
        boolean noCache = false;
        boolean noBuildIsolation = false;
        FormatControl formats = FormatControl.none();
        Optional<String> cacheDir = Optional.empty();
        Optional<Duration> timeout = Optional.empty();
        Optional<Integer> retries = Optional.empty();
        List<String> words = LockReplay.split(text);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word;
            String value = null;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                name = word.substring(0, eq);
                value = word.substring(eq + 1);
            } else if (!word.startsWith("--") && word.length() > 2 && WITH_VALUE.containsKey(word.substring(0, 2))) {
                name = word.substring(0, 2); // -ihttps://... as optparse reads it
                value = word.substring(2);
            }
            if (FLAGS.contains(name) && value == null) {
                switch (name) {
                    case "--no-index" -> noIndex = true;
                    case "--pre" -> pre = true;
                    case "--no-cache-dir" -> noCache = true;
                    default -> noBuildIsolation = true;
                }
                continue;
            }
            String option = WITH_VALUE.get(name);
            if (option == null) {
                throw new PinwheelException(Category.BAD_INPUT, "--pip-args: " + (word.startsWith("-")
                        ? "pip option " + name + " has no pinwheel equivalent" : "unexpected argument '" + word + "'"),
                        "pinwheel honours these pip options in --pip-args: " + HONOURED);
            }
            if (value == null) {
                if (i + 1 >= words.size()) {
                    throw new PinwheelException(Category.BAD_INPUT, "--pip-args: " + name + " needs a value", null);
                }
                value = words.get(++i);
            }
            switch (option) {
                case "--index-url" -> indexUrl = Optional.of(value);
                case "--extra-index-url" -> extraIndexUrls.add(value);
                case "--find-links" -> findLinks.add(value);
                case "--trusted-host" -> trustedHosts.add(value);
                case "--no-binary" -> formats = formats.withNoBinary(value);
                case "--only-binary" -> formats = formats.withOnlyBinary(value);
                case "--cache-dir" -> cacheDir = Optional.of(value);
                case "--timeout" -> timeout = Optional.of(seconds(value));
                default -> retries = Optional.of(count(value));
            }
        }
        return new PipArgs(indexUrl, extraIndexUrls, findLinks, noIndex, trustedHosts, pre, formats, cacheDir, noCache,
                timeout, retries, noBuildIsolation);
    }

    private static Duration seconds(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds > 0 && seconds < 1e9) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PinwheelException(Category.BAD_INPUT, "--pip-args: --timeout " + value + " is not a number of seconds",
                "e.g. --pip-args='--timeout 30'");
    }

    private static int count(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PinwheelException(Category.BAD_INPUT, "--pip-args: --retries " + value + " is not a count", null);
    }
}
