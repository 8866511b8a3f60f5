package dev.pinwheel.cli;

import dev.pinwheel.packaging.PinwheelException;

/** The documented exit statuses, and the one place that maps failures onto them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A negative outcome: no solution, drift found, a check failed. */
    public static final int NEGATIVE = 1;
    /** Bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** The environment failed: network, database, filesystem, interpreter. */
    public static final int ENVIRONMENT = 3;
    /** A bug in pinwheel. */
    public static final int INTERNAL = 4;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    static int of(PinwheelException.Category category) {
        return switch (category) {
            case NEGATIVE -> NEGATIVE;
            case BAD_INPUT -> BAD_INPUT;
            case ENVIRONMENT -> ENVIRONMENT;
            case INTERNAL -> INTERNAL;
        };
    }
}
