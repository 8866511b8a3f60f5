package dev.pinwheel.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of pinwheel's one exception family. Every module throws subclasses of this (or
 * wraps foreign exceptions in one); the CLI's error boundary is the only place that turns a
 * {@link Category} into an exit status and prints the message, its causes and the hint.
 *
 * <p>It lives in the bottom module so that every layer can use it without depending upward.
 */
public class PinwheelException extends RuntimeException {

    /** What kind of failure this is; the CLI maps each to one exit status. */
    public enum Category {
        /** A negative outcome: no solution, drift found, a check failed. */
        NEGATIVE,
        /** Bad usage or bad input: a malformed file, an unknown option value. */
        BAD_INPUT,
        /** The world failed us: network, database, filesystem, interpreter. */
        ENVIRONMENT,
        /** A bug in pinwheel. */
        INTERNAL
    }

    private final Category category;
    private final String hint;

    public PinwheelException(Category category, String message) {
        this(category, message, null, null);
    }

    public PinwheelException(Category category, String message, String hint) {
        this(category, message, hint, null);
    }

    public PinwheelException(Category category, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.category = Objects.requireNonNull(category, "category");
        this.hint = hint;
    }

    public Category category() {
        return category;
    }

    /** A suggestion for the user, printed after the error as {@code hint: ...}. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
