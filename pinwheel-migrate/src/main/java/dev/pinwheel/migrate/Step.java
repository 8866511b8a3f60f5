package dev.pinwheel.migrate;

import java.util.List;

/**
 * One planned move, as data: run a revision's upgrade or downgrade part (or nothing, for a
 * stamp) and change the version table from {@code removed} to {@code added} rows. The same
 * steps are executed against a connection or rendered into offline SQL.
 */
record Step(Revision revision, Direction direction, List<String> removed, List<String> added) {

    Step {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    /** The SQL part this step runs; empty for a stamp. */
    Revision.Section section() {
        return switch (direction) {
            case UPGRADE -> revision.upgrade();
            case DOWNGRADE -> revision.downgrade();
            case STAMP -> new Revision.Section("", 1);
        };
    }
}
