package dev.pinwheel.index;

/** Where a distribution's core metadata came from, cheapest first. */
public enum MetadataSource {
    /** The persistent cache: no request at all. */
    CACHE,
    /** A PEP 658/714 metadata file next to the distribution. */
    METADATA_FILE,
    /** HTTP range requests into the remote wheel's zip directory and its METADATA entry. */
    RANGE_READ,
    /** A local file (file: URL or find-links directory), read in place. */
    LOCAL_FILE,
    /** The whole file was downloaded (no range support, or an sdist). */
    DOWNLOAD
}
