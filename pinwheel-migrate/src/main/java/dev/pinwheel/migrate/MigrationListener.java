package dev.pinwheel.migrate;

import java.time.Duration;
import java.util.List;

/** What the runner reports while it works; the CLI turns these into messages. All optional. */
public interface MigrationListener {

    MigrationListener NONE = new MigrationListener() {
    };

    /** Another session holds the migration lock; this one waits. */
    default void waitingForLock() {
    }

    /** Like Alembic's {@code Running upgrade a -> b, message}. */
    default void running(Direction direction, List<String> from, Revision revision, List<String> to) {
    }

    default void finished(Direction direction, Revision revision, Duration took) {
    }

    default void warning(String message) {
    }

    default void info(String message) {
    }
}
