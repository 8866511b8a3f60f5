package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.ProjectName;

/**
 * What the solver decides on: the root, a project, or a project with one extra. An extra is a
 * package of its own (as in uv) whose versions depend on the project at exactly the same
 * version, plus the requirements the extra's markers switch on.
 *
 * @param name the project; null only for the root
 * @param extra the extra; null for the project itself
 */
record PyPackage(ProjectName name, ExtraName extra) {

    static final PyPackage ROOT = new PyPackage(null, null);

    static PyPackage base(ProjectName name) {
        return new PyPackage(name, null);
    }

    static PyPackage extra(ProjectName name, ExtraName extra) {
        return new PyPackage(name, extra);
    }

    boolean isRoot() {
        return name == null;
    }

    @Override
    public String toString() {
        return name == null ? "your requirements" : extra == null ? name.toString() : name + "[" + extra + "]";
    }
}
