package dev.pinwheel.index;

import dev.pinwheel.packaging.PinwheelException;

/**
 * An index or the network failed us: unreachable after retries, a malformed page, an
 * authentication failure, a file whose hash does not match. Category ENVIRONMENT (exit 3) unless
 * said otherwise; messages carry only redacted URLs.
 */
public class IndexException extends PinwheelException {

    public IndexException(String message, String hint, Throwable cause) {
        super(Category.ENVIRONMENT, message, hint, cause);
    }

    IndexException(Category category, String message, String hint, Throwable cause) {
        super(category, message, hint, cause);
    }
}
