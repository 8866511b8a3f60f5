package dev.pinwheel.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code .netrc} file: {@code machine HOST login USER password PASS} entries and an optional
 * {@code default} entry; {@code macdef} bodies are skipped up to the next blank line, quoted
 * tokens are unquoted, {@code #} starts a comment (as in Python's netrc module).
 */
final class Netrc {

    record Login(String login, String password) {
    }

    private final Map<String, Login> machines;
    private final Login fallback;

    private Netrc(Map<String, Login> machines, Login fallback) {
        this.machines = Map.copyOf(machines);
        this.fallback = fallback;
    }

    static Netrc empty() {
        return new Netrc(Map.of(), null);
    }

    /** Reads the file; a missing or unreadable file is an empty netrc (credentials are optional). */
    static Netrc read(Path file) {
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : empty();
        } catch (IOException e) {
            return empty();
        }
    }

    static Netrc parse(String text) {
        List<String> tokens = tokens(text);
        Map<String, Login> machines = new HashMap<>();
        Login fallback = null;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i++);
            if (t.equals("machine") || t.equals("default")) {
                String host = t.equals("machine") && i < tokens.size() ? tokens.get(i++) : null;
                String login = "";
                String password = "";
                while (i < tokens.size() && !tokens.get(i).equals("machine") && !tokens.get(i).equals("default")
                        && !tokens.get(i).equals("macdef")) {
                    String key = tokens.get(i++);
                    String value = i < tokens.size() ? tokens.get(i++) : "";
                    switch (key) {
                        case "login", "user" -> login = value;
                        case "password" -> password = value;
                        default -> {
                        }
                    }
                }
                Login entry = new Login(login, password);
                if (host == null) {
                    fallback = entry;
                } else {
                    machines.putIfAbsent(host.toLowerCase(Locale.ROOT), entry); // the first entry wins
                }
            } else if (t.equals("macdef")) {
                i++; // the macro name; its body was dropped by tokens()
            }
        }
        return new Netrc(machines, fallback);
    }

    Optional<Login> lookup(String host) {
        Login l = machines.get(host.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(l != null ? l : fallback);
    }

    List<String> passwords() {
        List<String> out = new ArrayList<>();
        machines.values().forEach(l -> out.add(l.password()));
        if (fallback != null) {
            out.add(fallback.password());
        }
        return out;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean inMacro = false;
        for (String line : lines) {
            if (inMacro) {
                if (line.isBlank()) {
                    inMacro = false;
                }
                continue;
            }
            int i = 0;
            int n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#' && out.isEmpty() || c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    break;
                } else {
                    StringBuilder tok = new StringBuilder();
                    if (c == '"') {
                        i++;
                        while (i < n && line.charAt(i) != '"') {
                            if (line.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            tok.append(line.charAt(i++));
                        }
                        i++;
                    } else {
                        while (i < n && !Character.isWhitespace(line.charAt(i))) {
                            if (line.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            tok.append(line.charAt(i++));
                        }
                    }
                    out.add(tok.toString());
                    if (out.size() >= 2 && out.get(out.size() - 2).equals("macdef")) {
                        inMacro = true;
                        break;
                    }
                }
            }
        }
        return out;
    }
}
