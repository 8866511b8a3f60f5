package dev.pinwheel.index;

/** How the persistent cache is used. */
public enum CachePolicy {
    /** Fresh pages are used without a request, stale ones revalidated (ETag / Last-Modified). */
    NORMAL,
    /** {@code --refresh}: every page is revalidated once per run; metadata and files stay cached (they are immutable). */
    REFRESH,
    /** {@code --no-cache}: nothing read from or kept in the persistent cache (a temporary one is used and deleted). */
    DISABLED
}
