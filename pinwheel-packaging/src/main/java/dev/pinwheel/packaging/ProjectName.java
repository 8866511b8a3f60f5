package dev.pinwheel.packaging;

/**
 * A project name, compared in its PEP 503 normalized form: {@code Foo_Bar.baz} and
 * {@code foo-bar-baz} are the same project. {@link #toString()} gives the normalized form.
 */
public final class ProjectName implements Comparable<ProjectName> {

    private final String normalized;

    private ProjectName(String normalized) {
        this.normalized = normalized;
    }

    /** Validates {@code text} against the PEP 508 name rules and normalizes it. */
    public static ProjectName parse(String text) {
        return new ProjectName(Names.normalize(text, 0, text.length(), "a project name"));
    }

    /** The same as {@link #parse(String)}. */
    public static ProjectName of(String text) {
        return parse(text);
    }

    static ProjectName parse(String input, int start, int end) {
        return new ProjectName(Names.normalize(input, start, end, "a project name"));
    }

    @Override
    public int compareTo(ProjectName other) {
        return normalized.compareTo(other.normalized);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectName && ((ProjectName) o).normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    /** The PEP 503 normalized name, e.g. {@code foo-bar-baz}. */
    @Override
    public String toString() {
        return normalized;
    }
}
