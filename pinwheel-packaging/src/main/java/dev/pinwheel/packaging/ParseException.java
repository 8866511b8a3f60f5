package dev.pinwheel.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * Text that does not follow its standard. Parse errors are data: the input, the offset and
 * length of the problem, and a short reason; {@link #getMessage()} renders them as the reason,
 * the offending line and a caret line under the problem, prefixed with {@code file:line:column}
 * once {@link #withSource(String, int)} has said where the input came from.
 */
public final class ParseException extends PinwheelException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final int offset;
    private final int length;
    private final String reason;
    private final String file;
    private final int line;

    /**
     * @param input  the whole text that was being parsed
     * @param offset where the problem starts (0-based, clamped into the input)
     * @param length how many characters the problem spans (at least one caret is drawn)
     * @param reason what is wrong, e.g. {@code expected a version after '=='}
     */
    public ParseException(String input, int offset, int length, String reason) {
        this(input, offset, length, reason, null, 0);
    }

    private ParseException(String input, int offset, int length, String reason, String file, int line) {
        super(Category.BAD_INPUT, Objects.requireNonNull(reason, "reason"));
        this.input = input == null ? "" : input;
        this.offset = Math.max(0, Math.min(offset, this.input.length()));
        this.length = Math.max(0, Math.min(length, this.input.length() - this.offset));
        this.reason = reason;
        this.file = file;
        this.line = line;
    }

    /**
     * A copy that knows the input is (or starts at) 1-based {@code line} of {@code file}; the
     * rendered message then starts with {@code file:line:column}.
     */
    public ParseException withSource(String file, int line) {
        ParseException copy = new ParseException(input, offset, length, reason,
                Objects.requireNonNull(file, "file"), line);
        copy.setStackTrace(getStackTrace());
        return copy;
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

    /** The file named by {@link #withSource}, if any. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line of the problem in its file (0 when no source is known). */
    public int line() {
        return file == null ? 0 : line + newlinesBefore(offset);
    }

    /** The 1-based column of the problem within its line. */
    public int column() {
        return offset - lineStart(offset) + 1;
    }

    @Override
    public String getMessage() {
        int start = lineStart(offset);
        int end = input.indexOf('\n', start);
        if (end < 0) {
            end = input.length();
        }
        if (end > start && input.charAt(end - 1) == '\r') {
            end--;
        }
        String text = input.substring(start, end);
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file).append(':').append(line()).append(':').append(column()).append(": ");
        }
        out.append(reason).append("\n  ").append(text).append("\n  ");
        for (int i = start; i < offset; i++) {
            // Keep tabs so the caret lines up however the terminal expands them.
            out.append(input.charAt(i) == '\t' ? '\t' : ' ');
        }
        int carets = Math.max(1, Math.min(length, end - offset));
        out.append("^".repeat(carets));
        return out.toString();
    }

    private int lineStart(int at) {
        return input.lastIndexOf('\n', at - 1) + 1;
    }

    private int newlinesBefore(int at) {
        int count = 0;
        for (int i = 0; i < at; i++) {
            if (input.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
