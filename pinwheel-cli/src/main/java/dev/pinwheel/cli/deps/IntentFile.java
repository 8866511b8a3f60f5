package dev.pinwheel.cli.deps;

import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An intent file's text, edited line by line so that everything a person wrote stays: comments
 * (also trailing ones, in any language), blank lines, options and order. A requirement replaces
 * the line of the same normalized name in place (keeping its trailing comment) or is appended;
 * removing drops the line. Pure text in, text out.
 */
public final class IntentFile {

    private final List<String> lines;
    private final String newline;

    private IntentFile(List<String> lines, String newline) {
        this.lines = lines;
        this.newline = newline;
    }

    public static IntentFile parse(String text) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new IntentFile(lines, newline);
    }

    /** The name a line requires, if it is a named requirement (not a comment, option, path or URL). */
    static Optional<ProjectName> nameOf(String line) {
        String body = body(line).strip();
        if (body.isEmpty() || body.startsWith("-") || body.startsWith(".") || body.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Requirement.parse(body).name());
        } catch (PinwheelException e) {
            return Optional.empty();
        }
    }

    /** The line without its comment: pip's rule, a {@code #} at the start or after whitespace. */
    private static String body(String line) {
        int at = commentStart(line);
        return at < 0 ? line : line.substring(0, at);
    }

    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a line requires this name. */
    public boolean declares(ProjectName name) {
        return lines.stream().anyMatch(l -> nameOf(l).filter(name::equals).isPresent());
    }

    /** The requirement as written on the line that declares this name. */
    public Optional<String> requirement(ProjectName name) {
        return lines.stream().filter(l -> nameOf(l).filter(name::equals).isPresent()).map(l -> body(l).strip()).findFirst();
    }

    /** Every name this file declares itself (not through includes), in order. */
    public List<ProjectName> names() {
        List<ProjectName> out = new ArrayList<>();
        lines.forEach(l -> nameOf(l).filter(n -> !out.contains(n)).ifPresent(out::add));
        return out;
    }

    /**
     * This file requiring {@code requirement}: the first line of the same name is replaced (its
     * indentation and trailing comment kept, later duplicates dropped), else it is appended.
     */
    public IntentFile with(String typed) {
        String requirement = typed.strip();
        ProjectName name = parseRequirement(requirement).name();
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String line : lines) {
            if (nameOf(line).filter(name::equals).isEmpty()) {
                out.add(line);
                continue;
            }
            if (placed) {
                continue;
            }
            int comment = commentStart(line);
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (comment < 0) {
                out.add(indent + requirement);
            } else {
                // Keep the comment where it was when the new text fits, so aligned columns stay aligned.
                String before = line.substring(0, comment);
                String padded = indent + requirement;
                out.add(padded.length() < before.length()
                        ? padded + " ".repeat(before.length() - padded.length()) + line.substring(comment)
                        : padded + "  " + line.substring(comment));
            }
            placed = true;
        }
        if (!placed) {
            out.add(requirement);
        }
        return new IntentFile(out, newline);
    }

    /** This file without any line requiring {@code name}. */
    public IntentFile without(ProjectName name) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (nameOf(line).filter(name::equals).isEmpty()) {
                out.add(line);
            }
        }
        return new IntentFile(out, newline);
    }

    /** A requirement as typed on the command line, checked: a named PEP 508 requirement. */
    public static Requirement parseRequirement(String text) {
        try {
            return Requirement.parse(text.strip());
        } catch (ParseException e) {
            throw e.withSource("requirement", 1);
        }
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append(newline));
        return sb.toString();
    }
}
