package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException;

/** A failure of this module: an interpreter that does not answer, a broken wheel, an unsafe path. */
public class EnvException extends PinwheelException {

    public EnvException(Category category, String message) {
        super(category, message);
    }

    public EnvException(Category category, String message, String hint) {
        super(category, message, hint);
    }

    public EnvException(Category category, String message, String hint, Throwable cause) {
        super(category, message, hint, cause);
    }
}
