package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One pinned project, with what pip-compile writes about it.
 *
 * @param name the project
 * @param version the pinned version
 * @param url the direct URL when it came from {@code name @ url}
 * @param extras every extra of it that the solution uses ({@code coverage[toml]})
 * @param requiredBy the pinned projects whose dependencies name it
 * @param roots the root requirements naming it, in input order ({@code -r file.in} in {@code # via})
 * @param constraints the constraints naming it ({@code -c file})
 * @param markers the markers of the root requirements naming it (pip-compile keeps those)
 * @param yanked whether the pinned version is yanked (allowed only when pinned with {@code ==})
 */
public record ResolvedPackage(ProjectName name, Version version, Optional<String> url, SortedSet<ExtraName> extras,
        SortedSet<ProjectName> requiredBy, List<RootRequirement> roots, List<RootRequirement> constraints,
        List<Marker> markers, boolean yanked) {

    public ResolvedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        extras = Collections.unmodifiableSortedSet(new TreeSet<>(extras));
        requiredBy = Collections.unmodifiableSortedSet(new TreeSet<>(requiredBy));
        roots = List.copyOf(roots);
        constraints = List.copyOf(constraints);
        markers = List.copyOf(markers);
    }
}
