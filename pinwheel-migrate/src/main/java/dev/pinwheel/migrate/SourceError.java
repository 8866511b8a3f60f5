package dev.pinwheel.migrate;

import dev.pinwheel.packaging.PinwheelException;

/**
 * A problem at a place in a text file (a script header, a config file, {@code .env}): carries
 * the file, the text, the offset and length of the problem and the reason, and renders
 * {@code file:line:column: reason} with the line and a caret under the problem.
 */
public final class SourceError extends DbException {

    private final String file;
    private final String input;
    private final int offset;
    private final int length;
    private final String reason;

    SourceError(String file, String input, int offset, int length, String reason) {
        this(file, input, offset, length, reason, null);
    }

    SourceError(String file, String input, int offset, int length, String reason, String hint) {
        super(PinwheelException.Category.BAD_INPUT, render(file, input, offset, length, reason), hint);
        this.file = file;
        this.input = input;
        this.offset = offset;
        this.length = length;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public String input() {
        return input;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public String reason() {
        return reason;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return lineOf(input, offset);
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String render(String file, String input, int offset, int length, String reason) {
        offset = Math.max(0, Math.min(offset, input.length()));
        int start = input.lastIndexOf('\n', offset - 1) + 1;
        int end = input.indexOf('\n', offset);
        if (end < 0) {
            end = input.length();
        }
        String lineText = input.substring(start, end).replace("\r", "");
        int column = offset - start + 1;
        int line = lineOf(input, offset);
        StringBuilder b = new StringBuilder();
        b.append(file).append(':').append(line).append(':').append(column).append(": ").append(reason)
                .append("\n  ").append(lineText).append("\n  ")
                .append(" ".repeat(column - 1)).append("^".repeat(Math.max(1, Math.min(length, lineText.length() - column + 1))));
        return b.toString();
    }
}
