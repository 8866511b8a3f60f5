package dev.pinwheel.cli.compile;

/**
 * What a compile run reports while it works; the CLI turns it into a progress line and {@code -v}
 * log lines. Called from several threads; every URL is already redacted. All methods default to
 * doing nothing.
 */
public interface CompileListener {

    CompileListener NONE = new CompileListener() {
    };

    /** The counts changed: packages decided by the resolver, index pages and metadata files obtained. */
    default void progress(int resolved, int fetched) {
    }

    /** One line for {@code -v}: an index request, a cache hit, a decision. */
    default void debug(String message) {
    }

    /** A problem that does not stop the run. */
    default void warning(String message) {
    }
}
