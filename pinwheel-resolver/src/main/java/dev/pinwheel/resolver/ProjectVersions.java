package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ProjectName;
import java.util.List;
import java.util.Objects;

/**
 * What the indexes list for one project.
 *
 * @param name the project
 * @param found false when no index knows the project (as opposed to knowing it without files)
 * @param versions the listed versions, in any order, each version once
 */
public record ProjectVersions(ProjectName name, boolean found, List<CandidateVersion> versions) {

    public ProjectVersions {
        Objects.requireNonNull(name, "name");
        versions = List.copyOf(versions);
    }

    public static ProjectVersions of(ProjectName name, List<CandidateVersion> versions) {
        return new ProjectVersions(name, true, versions);
    }

    public static ProjectVersions notFound(ProjectName name) {
        return new ProjectVersions(name, false, List.of());
    }
}
