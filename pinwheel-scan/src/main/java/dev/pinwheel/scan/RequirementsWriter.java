package dev.pinwheel.scan;

import java.util.List;

/**
 * Renders needs as a requirements file: one line per distribution, sorted by normalized name,
 * pinned to the installed version by the chosen mode (never to a guessed latest: without a known
 * version the line has no pin). Never-imported needs say their evidence in a trailing comment;
 * uncertain names say why; optional imports that are not installed are written commented out.
 * A pure function of its input, so the output is deterministic.
 */
public final class RequirementsWriter {

    private RequirementsWriter() {
    }

    public static String render(List<Needed> needs, PinMode mode) {
        StringBuilder sb = new StringBuilder();
        for (Needed n : needs) {
            StringBuilder line = new StringBuilder(requirement(n, mode));
            StringBuilder comment = new StringBuilder();
            if (n.imports().isEmpty() && !n.evidence().isEmpty()) {
                Needed.Reason e = n.evidence().get(0);
                comment.append(e.file()).append(':').append(e.line()).append(' ').append(e.what());
            } else if (!n.evidence().isEmpty() && !n.extras().isEmpty()) {
                Needed.Reason e = n.evidence().get(0);
                comment.append('[').append(String.join(",", n.extras())).append("] ").append(e.file()).append(':')
                        .append(e.line()).append(' ').append(e.what());
            }
            boolean commentedOut = n.optional() && n.version().isEmpty();
            if (n.optional()) {
                append(comment, "optional import (" + n.imports().get(0).file() + ":" + n.imports().get(0).line() + ")");
            }
            for (String note : n.notes()) {
                append(comment, note);
            }
            if (commentedOut) {
                line.insert(0, "# ");
            }
            if (comment.length() > 0) {
                line.append("  # ").append(comment);
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** {@code name[extras]<op><version>}, as the requirement alone. */
    public static String requirement(Needed n, PinMode mode) {
        StringBuilder sb = new StringBuilder(n.name().toString());
        if (!n.extras().isEmpty()) {
            sb.append('[').append(String.join(",", n.extras())).append(']');
        }
        if (mode != PinMode.NO_PIN && n.version().isPresent()) {
            sb.append(mode.operator()).append(n.version().get());
        }
        return sb.toString();
    }

    private static void append(StringBuilder comment, String text) {
        if (comment.length() > 0) {
            comment.append("; ");
        }
        comment.append(text);
    }
}
