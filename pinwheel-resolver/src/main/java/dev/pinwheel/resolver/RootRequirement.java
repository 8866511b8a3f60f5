package dev.pinwheel.resolver;

import dev.pinwheel.packaging.Requirement;
import java.util.Objects;

/**
 * A requirement given to the resolver directly (from a requirements file, pyproject.toml, the
 * command line) or a constraint, with where it came from. The labels are opaque to the resolver.
 *
 * @param requirement the requirement
 * @param source how pip-compile names the origin in {@code # via}, e.g. {@code -r requirements/base.in}
 *     or {@code -c constraints.txt}
 * @param location where to point in messages, e.g. {@code requirements/base.in:3}; may be empty
 */
public record RootRequirement(Requirement requirement, String source, String location) {

    public RootRequirement {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    public static RootRequirement of(Requirement requirement, String source, String location) {
        return new RootRequirement(requirement, source, location);
    }
}
