package dev.pinwheel.migrate;

import dev.pinwheel.packaging.PinwheelException;

/**
 * Everything {@code pinwheel db} can fail with. Messages never contain a password: text that
 * may carry one (driver messages, URLs) goes through {@link DbUrl#mask(String)} first.
 */
public class DbException extends PinwheelException {

    public DbException(Category category, String message) {
        super(category, message);
    }

    public DbException(Category category, String message, String hint) {
        super(category, message, hint);
    }

    public DbException(Category category, String message, String hint, Throwable cause) {
        super(category, message, hint, cause);
    }

    static DbException badInput(String message) {
        return new DbException(Category.BAD_INPUT, message);
    }

    static DbException badInput(String message, String hint) {
        return new DbException(Category.BAD_INPUT, message, hint);
    }
}
