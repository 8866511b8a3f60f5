package dev.pinwheel.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A wheel's {@code RECORD}: CSV rows of path, {@code sha256=} digest and size (both empty for
 * RECORD itself and for files written after the fact). Paths are relative to the directory that
 * holds the {@code .dist-info}, with {@code /} separators, and may leave it ({@code ../../../bin/x})
 * for scripts and data. Paths with commas or quotes are quoted CSV fields.
 */
public final class RecordFile {

    /** One row. {@code hash} and {@code size} are empty when RECORD does not give them. */
    public record Entry(String path, Optional<String> hash, Optional<Long> size) {

        static Entry of(String path, String hash, long size) {
            return new Entry(path, Optional.of(hash), Optional.of(size));
        }

        static Entry unhashed(String path) {
            return new Entry(path, Optional.empty(), Optional.empty());
        }
    }

    private RecordFile() {
    }

    /** Parses RECORD text; blank lines are skipped, malformed sizes read as absent. */
    public static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = splitCsv(line);
            String path = fields.get(0);
            Optional<String> hash = fields.size() > 1 && !fields.get(1).isEmpty() ? Optional.of(fields.get(1)) : Optional.empty();
            Optional<Long> size = Optional.empty();
            if (fields.size() > 2 && !fields.get(2).isEmpty()) {
                try {
                    size = Optional.of(Long.parseLong(fields.get(2).strip()));
                } catch (NumberFormatException e) {
                    // Some old tools wrote junk here; the hash still identifies the file.
                }
            }
            entries.add(new Entry(path, hash, size));
        }
        return entries;
    }

    /** Renders rows as pip writes them (RFC 4180 quoting only where needed, LF line ends). */
    public static String render(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(quote(e.path())).append(',').append(e.hash().orElse("")).append(',')
                    .append(e.size().map(String::valueOf).orElse("")).append('\n');
        }
        return out.toString();
    }

    /** Appends one row as {@link #render} writes it. */
    static void appendRow(StringBuilder out, String path, String hash, String size) {
        out.append(quote(path)).append(',').append(hash).append(',').append(size).append('\n');
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** One RECORD line split into its fields by the CSV rules RECORD uses (quotes, doubled quotes). */
    public static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
