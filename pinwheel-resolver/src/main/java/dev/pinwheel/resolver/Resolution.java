package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ProjectName;
import java.util.List;
import java.util.Optional;

/**
 * The result of a successful resolution.
 *
 * @param packages every pinned project, sorted by normalized name
 * @param warnings things the user should know (a yanked pin, an extra a project does not provide)
 */
public record Resolution(List<ResolvedPackage> packages, List<String> warnings) {

    public Resolution {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }

    public Optional<ResolvedPackage> get(ProjectName name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
