package dev.pinwheel.migrate.autogen;

/** What an autogenerate run reports while it works; every method has a silent default. */
public interface AutogenListener {

    /** A step begins, e.g. "reading the database". */
    default void step(String what) {
    }

    /** A step finished; for {@code -v} timings. */
    default void done(String what, long millis) {
    }

    AutogenListener SILENT = new AutogenListener() { };
}
