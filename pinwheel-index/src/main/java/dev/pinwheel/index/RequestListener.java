package dev.pinwheel.index;

import java.time.Duration;

/**
 * What the index client reports while it works, so the CLI can show progress and {@code -v} can
 * log every request; the client itself never prints. Every URL passed here is already redacted.
 * Methods may be called from several threads at once; all have no-op defaults.
 */
public interface RequestListener {

    /** A listener that ignores everything. */
    RequestListener NONE = new RequestListener() {
    };

    /**
     * One HTTP request about to be sent.
     *
     * @param method      GET
     * @param url         redacted URL
     * @param range       the {@code Range} header value, or null
     * @param conditional whether it revalidates a cached page (If-None-Match / If-Modified-Since)
     * @param attempt     1 for the first try, 2 and 3 for retries
     */
    record Request(String method, String url, String range, boolean conditional, int attempt) {
    }

    default void requestStarted(Request request) {
    }

    /** A response arrived (any status, including 304 and errors); bytes is the body size read. */
    default void requestFinished(Request request, int status, long bytes, Duration elapsed) {
    }

    /** A request failed without a response (timeout, connection refused, reset). */
    default void requestFailed(Request request, String reason) {
    }

    /** Something was answered from the cache without any request (a fresh page, cached metadata or file). */
    default void cacheHit(String url) {
    }

    /** A project page was obtained (from any source); for progress displays. */
    default void pageFetched(String project) {
    }

    /** Metadata of one distribution was obtained; {@code how} says from where (for progress and -v). */
    default void metadataFetched(String filename, MetadataSource how) {
    }

    /** A file was downloaded into the cache. */
    default void downloaded(String filename, long bytes) {
    }

    /** A problem that does not stop the run, e.g. an insecure http index that is skipped. */
    default void warning(String message) {
    }
}
