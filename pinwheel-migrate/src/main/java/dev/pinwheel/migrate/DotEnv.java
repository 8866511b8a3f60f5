package dev.pinwheel.migrate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code .env} file in python-dotenv's syntax: {@code KEY=value}, an optional {@code export},
 * single quotes (literal, may span lines), double quotes (escapes, may span lines), unquoted
 * values with {@code #} comments after a space, and {@code ${VAR}} / {@code ${VAR:-default}}
 * interpolation in unquoted and double-quoted values (the process environment wins, as with
 * python-dotenv's default {@code override=False}). Lines it cannot parse are skipped, as
 * python-dotenv does.
 */
final class DotEnv {

    private DotEnv() {
    }

    static Map<String, String> parse(String text, Function<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            // Skip blank space and comment lines.
            int lineEnd = text.indexOf('\n', i);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            String line = text.substring(i, lineEnd).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i = lineEnd + 1;
                continue;
            }
            int p = skipSpaces(text, i);
            if (text.startsWith("export ", p)) {
                p = skipSpaces(text, p + 7);
            }
            int keyStart = p;
            while (p < n && (Character.isLetterOrDigit(text.charAt(p)) || "_.-".indexOf(text.charAt(p)) >= 0)) {
                p++;
            }
            String key = text.substring(keyStart, p);
            p = skipSpaces(text, p);
            if (key.isEmpty() || p >= n || text.charAt(p) != '=') {
                i = lineEnd + 1;
                continue;
            }
            p = skipSpaces(text, p + 1);
            String value;
            if (p < n && (text.charAt(p) == '\'' || text.charAt(p) == '"')) {
                char quote = text.charAt(p);
                StringBuilder b = new StringBuilder();
                int q = p + 1;
                boolean closed = false;
                while (q < n) {
                    char c = text.charAt(q);
                    if (c == '\\' && q + 1 < n) {
                        char e = text.charAt(q + 1);
                        if (quote == '"') {
                            switch (e) {
                                case 'n' -> b.append('\n');
                                case 't' -> b.append('\t');
                                case 'r' -> b.append('\r');
                                case '"', '\\', '\'' -> b.append(e);
                                default -> b.append('\\').append(e);
                            }
                            q += 2;
                            continue;
                        } else if (e == '\'' || e == '\\') {
                            b.append(e);
                            q += 2;
                            continue;
                        }
                    }
                    if (c == quote) {
                        closed = true;
                        break;
                    }
                    b.append(c);
                    q++;
                }
                if (!closed) {
                    i = lineEnd + 1;
                    continue;
                }
                value = quote == '"' ? interpolate(b.toString(), values, environment) : b.toString();
                int after = text.indexOf('\n', q);
                i = after < 0 ? n : after + 1;
            } else {
                String raw = text.substring(p, lineEnd);
                int hash = raw.indexOf(" #");
                if (raw.startsWith("#")) {
                    raw = "";
                } else if (hash >= 0) {
                    raw = raw.substring(0, hash);
                }
                value = interpolate(raw.strip(), values, environment);
                i = lineEnd + 1;
            }
            values.put(key, value);
        }
        return values;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String interpolate(String value, Map<String, String> earlier, Function<String, String> environment) {
        if (!value.contains("${")) {
            return value;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start);
            if (start < 0 || end < 0) {
                b.append(value, i, value.length());
                break;
            }
            b.append(value, i, start);
            String expr = value.substring(start + 2, end);
            int dflt = expr.indexOf(":-");
            String name = dflt < 0 ? expr : expr.substring(0, dflt);
            String found = environment.apply(name);
            if (found == null) {
                found = earlier.get(name);
            }
            if (found == null || found.isEmpty()) {
                found = dflt < 0 ? (found == null ? "" : found) : expr.substring(dflt + 2);
            }
            b.append(found);
            i = end + 1;
        }
        return b.toString();
    }
}
