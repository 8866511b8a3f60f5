package dev.pinwheel.resolver;

import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One listed version and the facts the index pages give about it.
 *
 * @param version the version
 * @param yanked whether every file of the version is yanked (PEP 592)
 * @param requiresPython the files' {@code Requires-Python} (PEP 503 {@code data-requires-python});
 *     empty when unknown. The resolver checks the metadata's value too.
 * @param uploadTime the upload time of the version's files that the source would use (PEP 700;
 *     the earliest one), for {@code --exclude-newer}; empty when the index does not say. A source
 *     that can drop individual files newer than the cutoff should do so itself and report the
 *     time of the files it keeps.
 */
public record CandidateVersion(Version version, boolean yanked, SpecifierSet requiresPython, Optional<Instant> uploadTime) {

    public CandidateVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(uploadTime, "uploadTime");
    }

    /** A version with nothing special about it. */
    public static CandidateVersion of(Version version) {
        return new CandidateVersion(version, false, SpecifierSet.any(), Optional.empty());
    }
}
