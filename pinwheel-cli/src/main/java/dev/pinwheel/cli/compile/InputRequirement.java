package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.Requirement;
import java.util.Objects;

/**
 * A requirement of the inputs, with where it came from as the lock's annotation names it:
 * {@code -r requirements/base.in}, {@code -c constraints.txt}, {@code -r -} (stdin) or
 * {@code NAME (pyproject.toml)}.
 *
 * @param requirement the PEP 508 requirement
 * @param comesFrom   the annotation text
 * @param constraint  whether it only constrains (came through {@code -c})
 * @param location    {@code file:line} for error messages
 */
record InputRequirement(Requirement requirement, String comesFrom, boolean constraint, String location) {

    InputRequirement {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(comesFrom, "comesFrom");
        Objects.requireNonNull(location, "location");
    }
}
