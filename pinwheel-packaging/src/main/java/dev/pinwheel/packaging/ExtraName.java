package dev.pinwheel.packaging;

/**
 * An extra's name, compared in its PEP 685 normalized form (the same rule as project names:
 * {@code Dev_Tools} and {@code dev-tools} are the same extra). {@link #toString()} gives the
 * normalized form.
 */
public final class ExtraName implements Comparable<ExtraName> {

    private final String normalized;

    private ExtraName(String normalized) {
        this.normalized = normalized;
    }

    /** Validates {@code text} against the PEP 508 name rules and normalizes it. */
    public static ExtraName parse(String text) {
        return new ExtraName(Names.normalize(text, 0, text.length(), "an extra name"));
    }

    /** The same as {@link #parse(String)}. */
    public static ExtraName of(String text) {
        return parse(text);
    }

    static ExtraName parse(String input, int start, int end) {
        return new ExtraName(Names.normalize(input, start, end, "an extra name"));
    }

    @Override
    public int compareTo(ExtraName other) {
        return normalized.compareTo(other.normalized);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtraName && ((ExtraName) o).normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    /** The PEP 685 normalized name, e.g. {@code dev-tools}. */
    @Override
    public String toString() {
        return normalized;
    }
}
