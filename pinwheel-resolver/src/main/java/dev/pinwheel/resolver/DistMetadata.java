package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of a distribution's core metadata that resolution needs.
 *
 * @param name the project
 * @param version the version
 * @param requiresDist {@code Requires-Dist}, markers included
 * @param providesExtra {@code Provides-Extra} (may be empty in old metadata; extras then come
 *     only from the {@code extra == "..."} markers)
 * @param requiresPython {@code Requires-Python}, empty when absent
 */
public record DistMetadata(ProjectName name, Version version, List<Requirement> requiresDist,
        Set<ExtraName> providesExtra, SpecifierSet requiresPython) {

    public DistMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requiresDist = List.copyOf(requiresDist);
        providesExtra = Set.copyOf(providesExtra);
        Objects.requireNonNull(requiresPython, "requiresPython");
    }

    public static DistMetadata of(ProjectName name, Version version, List<Requirement> requiresDist) {
        return new DistMetadata(name, version, requiresDist, Set.of(), SpecifierSet.any());
    }
}
