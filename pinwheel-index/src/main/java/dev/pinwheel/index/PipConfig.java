package dev.pinwheel.index;

import dev.pinwheel.packaging.PinwheelException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * pip's configuration, resolved by pip's rules (pip 23/24, Linux/macOS locations):
 * <ul>
 *   <li>files, lowest precedence first: global ({@code $XDG_CONFIG_DIRS/pip/pip.conf}, default
 *   {@code /etc/xdg/pip/pip.conf}, then {@code /etc/pip.conf}), user ({@code ~/.pip/pip.conf},
 *   then {@code $XDG_CONFIG_HOME/pip/pip.conf}), site ({@code $VIRTUAL_ENV/pip.conf}), then
 *   {@code $PIP_CONFIG_FILE}. When {@code PIP_CONFIG_FILE} names an existing file the user files
 *   are skipped; when it is {@code /dev/null} no file is read at all.</li>
 *   <li>All files are merged first (a later file's {@code [global] index-url} replaces an
 *   earlier one's); then sections: {@code [global]} &lt; {@code [install]} &lt; {@code PIP_*}
 *   variables. So an {@code [install]} key in {@code /etc/pip.conf} beats a {@code [global]}
 *   key in the user's file, exactly as in pip.</li>
 *   <li>Keys are normalized like pip ({@code find_links} = {@code find-links}); list values
 *   ({@code extra-index-url}, {@code find-links}, {@code trusted-host}) split on whitespace;
 *   booleans use Python's strtobool words.</li>
 * </ul>
 * The environment map is passed in (never {@link System#getenv()}), so tests control it.
 */
public final class PipConfig {

    private final Map<String, String> values;
    private final List<Path> files;

    private PipConfig(Map<String, String> values, List<Path> files) {
        this.values = Map.copyOf(values);
        this.files = List.copyOf(files);
    }

    /** Loads pip's configuration for this environment and home directory. */
    public static PipConfig load(Map<String, String> env, Path home) {
        String xdgDirs = env.getOrDefault("XDG_CONFIG_DIRS", "");
        List<Path> global = new ArrayList<>();
        for (String dir : (xdgDirs.isBlank() ? "/etc/xdg" : xdgDirs).split(":")) {
            if (!dir.isBlank()) {
                global.add(Path.of(dir, "pip", "pip.conf"));
            }
        }
        global.add(Path.of("/etc/pip.conf"));
        String xdgHome = env.get("XDG_CONFIG_HOME");
        Path configHome = xdgHome != null && !xdgHome.isBlank() ? Path.of(xdgHome) : home.resolve(".config");
        List<Path> user = List.of(home.resolve(".pip").resolve("pip.conf"), configHome.resolve("pip").resolve("pip.conf"));
        String venv = env.get("VIRTUAL_ENV");
        List<Path> site = venv != null && !venv.isBlank() ? List.of(Path.of(venv, "pip.conf")) : List.of();
        return load(global, user, site, env);
    }

    /** Loads from explicit file lists (each lowest precedence first) plus the environment. */
    static PipConfig load(List<Path> global, List<Path> user, List<Path> site, Map<String, String> env) {
        String envFile = env.get("PIP_CONFIG_FILE");
        Map<String, String> merged = new LinkedHashMap<>();
        List<Path> read = new ArrayList<>();
        boolean devnull = envFile != null && envFile.equals("/dev/null");
        if (!devnull) {
            boolean envFileExists = envFile != null && !envFile.isEmpty() && Files.isRegularFile(Path.of(envFile));
            List<Path> order = new ArrayList<>(global);
            if (!envFileExists) {
                order.addAll(user);
            }
            order.addAll(site);
            if (envFileExists) {
                order.add(Path.of(envFile));
            }
            for (Path file : order) {
                if (Files.isRegularFile(file)) {
                    merged.putAll(parseIni(file));
                    read.add(file);
                }
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String section : List.of("global", "install")) {
            merged.forEach((key, value) -> {
                int dot = key.indexOf('.');
                if (key.substring(0, dot).equals(section)) {
                    resolved.put(key.substring(dot + 1), value);
                }
            });
        }
        env.forEach((name, value) -> {
            if (name.startsWith("PIP_") && name.length() > 4) {
                String key = normalizeKey(name.substring(4));
                if (!key.equals("version") && !key.equals("help") && !key.equals("config-file")) {
                    resolved.put(key, value);
                }
            }
        });
        return new PipConfig(resolved, read);
    }

    /** The resolved value of a key (e.g. {@code index-url}), if any source sets it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(normalizeKey(key)));
    }

    /** A list value split on whitespace (pip's rule for append options); empty when unset. */
    public List<String> getList(String key) {
        return get(key).map(v -> Arrays.stream(v.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** A boolean value by Python's strtobool; a bad word is an error naming the key. */
    public Optional<Boolean> getBoolean(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        switch (v.get().strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "t", "true", "on", "1":
                return Optional.of(true);
            case "n", "no", "f", "false", "off", "0":
                return Optional.of(false);
            default:
                throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                        "pip configuration: " + key + " has the value '" + v.get() + "', which is not a boolean",
                        "use one of true/false, yes/no, on/off, 1/0");
        }
    }

    /** The configuration files that were read, lowest precedence first. */
    public List<Path> files() {
        return files;
    }

    /**
     * Applies the index-related keys: {@code index-url}, {@code extra-index-url},
     * {@code find-links}, {@code no-index}, {@code trusted-host}, {@code timeout} (alias
     * {@code default-timeout}), {@code retries} (pip's retries = extra attempts), {@code proxy} and
     * {@code cert} (a CA bundle that replaces the JDK's trust store) and {@code client-cert} (the
     * client's key and certificate in one PEM file).
     */
    public IndexSettings.Builder applyTo(IndexSettings.Builder b) {
        get("index-url").or(() -> get("i")).ifPresent(b::indexUrl);
        if (get("extra-index-url").isPresent()) {
            b.extraIndexUrls(getList("extra-index-url"));
        }
        if (get("find-links").isPresent()) {
            b.findLinks(getList("find-links"));
        }
        getBoolean("no-index").ifPresent(b::noIndex);
        if (get("trusted-host").isPresent()) {
            b.trustedHosts(getList("trusted-host"));
        }
        get("timeout").or(() -> get("default-timeout")).ifPresent(t -> b.timeout(seconds("timeout", t)));
        get("retries").ifPresent(r -> b.attempts(Math.max(1, Math.min(10, integer("retries", r) + 1))));
        get("proxy").filter(p -> !p.isBlank()).ifPresent(b::proxy);
        get("cert").filter(c -> !c.isBlank()).ifPresent(c -> b.caBundle(Path.of(c.strip())));
        get("client-cert").filter(c -> !c.isBlank()).ifPresent(c -> b.clientCert(Path.of(c.strip())));
        return b;
    }

    private static Duration seconds(String key, String text) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.strip()) * 1000));
        } catch (NumberFormatException e) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                    "pip configuration: " + key + " has the value '" + text + "', which is not a number of seconds");
        }
    }

    private static int integer(String key, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                    "pip configuration: " + key + " has the value '" + text + "', which is not a whole number");
        }
    }

    /** pip's key normalization: lower case, '_' to '-', leading dashes dropped. */
    static String normalizeKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        while (k.startsWith("-")) {
            k = k.substring(1);
        }
        return k;
    }

    /**
     * Reads an INI file the way Python's configparser does (as pip uses it): {@code [section]},
     * {@code key = value} or {@code key: value}, indented continuation lines, whole-line
     * {@code #}/{@code ;} comments. Returns {@code section.key -> value}.
     */
    static Map<String, String> parseIni(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "cannot read pip configuration " + file + ": " + e.getMessage(), null, e);
        }
        return parseIni(file.toString(), text);
    }

    static Map<String, String> parseIni(String name, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                lastKey = null;
                continue;
            }
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                out.put(lastKey, out.get(lastKey) + "\n" + stripped);
                continue;
            }
            if (stripped.startsWith("[")) {
                int close = stripped.indexOf(']');
                if (close < 0) {
                    throw badIni(name, i, "a section header needs a closing ']'");
                }
                section = stripped.substring(1, close).strip();
                lastKey = null;
                continue;
            }
            int eq = indexOfSeparator(stripped);
            if (eq <= 0) {
                throw badIni(name, i, "expected 'key = value'");
            }
            if (section == null) {
                throw badIni(name, i, "a key before any [section]");
            }
            lastKey = section + "." + normalizeKey(stripped.substring(0, eq));
            out.put(lastKey, stripped.substring(eq + 1).strip());
        }
        return out;
    }

    private static int indexOfSeparator(String s) {
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static PinwheelException badIni(String file, int line, String reason) {
        return new PinwheelException(PinwheelException.Category.BAD_INPUT, file + ":" + (line + 1) + ": " + reason,
                "pip configuration files use INI syntax: [global] then key = value lines");
    }
}
