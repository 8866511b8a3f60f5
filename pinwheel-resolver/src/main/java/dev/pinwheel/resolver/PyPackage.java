package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.ProjectName;
import java.util.Objects;

/**
 * What the solver decides on: the root, a project, or a project with one extra. An extra is a
 * package of its own (as in uv) whose versions depend on the project at exactly the same
 * version, plus the requirements the extra's markers switch on.
 *
 * <p>A final class rather than a record to cache the hash: the solver hashes these constantly.
 */
final class PyPackage {

    static final PyPackage ROOT = new PyPackage(null, null);

    private final ProjectName name;
    private final ExtraName extra;
    private final int hash;

    private PyPackage(ProjectName name, ExtraName extra) {
        this.name = name;
        this.extra = extra;
        this.hash = Objects.hash(name, extra);
    }

    static PyPackage base(ProjectName name) {
        return new PyPackage(Objects.requireNonNull(name, "name"), null);
    }

    static PyPackage extra(ProjectName name, ExtraName extra) {
        return new PyPackage(Objects.requireNonNull(name, "name"), Objects.requireNonNull(extra, "extra"));
    }

    /** The project; null only for the root. */
    ProjectName name() {
        return name;
    }

    /** The extra; null for the project itself and the root. */
    ExtraName extra() {
        return extra;
    }

    boolean isRoot() {
        return name == null;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PyPackage p && p.hash == hash && Objects.equals(p.name, name)
                && Objects.equals(p.extra, extra));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return name == null ? "your requirements" : extra == null ? name.toString() : name + "[" + extra + "]";
    }
}
