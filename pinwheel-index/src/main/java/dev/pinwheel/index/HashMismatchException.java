package dev.pinwheel.index;

/** A downloaded file or metadata file did not match the hash its index announced; it was refused. */
public final class HashMismatchException extends IndexException {

    private final String url;
    private final String algorithm;
    private final String expected;
    private final String actual;

    HashMismatchException(String url, String algorithm, String expected, String actual) {
        super("hash mismatch for " + url + ": expected " + algorithm + ":" + expected + ", got " + algorithm + ":" + actual,
                "the file was refused; the index or a proxy may be serving corrupted or tampered data", null);
        this.url = url;
        this.algorithm = algorithm;
        this.expected = expected;
        this.actual = actual;
    }

    /** The redacted URL. */
    public String url() {
        return url;
    }

    public String algorithm() {
        return algorithm;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
