package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.RequirementLine;
import dev.pinwheel.packaging.RequirementsFile;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.VersionSpecifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pins of the lock file being replaced, preferred by the resolver so that recompiling an
 * unchanged input changes nothing, and the source of reusable hashes. Packages named with
 * {@code -P} lose their pin.
 */
final class ExistingLock {

    private static final ExistingLock NONE = new ExistingLock(Map.of(), Map.of());

    private final Map<ProjectName, Version> pins;
    private final Map<ProjectName, Set<String>> hashes;

    private ExistingLock(Map<ProjectName, Version> pins, Map<ProjectName, Set<String>> hashes) {
        this.pins = Map.copyOf(pins);
        this.hashes = Map.copyOf(hashes);
    }

    static ExistingLock none() {
        return NONE;
    }

    static ExistingLock read(Path output, Path cwd, List<String> upgradePackages) {
        return read(output, cwd, upgradePackages, Map.of());
    }

    static ExistingLock read(Path output, Path cwd, List<String> upgradePackages, Map<Path, String> staged) {
        if (!staged.containsKey(output.toAbsolutePath().normalize()) && !Files.isRegularFile(output)) {
            return NONE;
        }
        String shown = Inputs.posix(cwd.relativize(output.toAbsolutePath()).toString());
        String text = Inputs.read(output, shown, staged);
        // The old lock's own options must not leak into this run, and its includes are not followed.
        RequirementsFile file = RequirementsFile.parse(shown, text, included -> "");
        Set<ProjectName> upgrade = new HashSet<>();
        upgradePackages.forEach(p -> upgrade.add(Requirement.parse(p).name()));
        Map<ProjectName, Version> pins = new HashMap<>();
        Map<ProjectName, Set<String>> hashes = new HashMap<>();
        for (RequirementLine line : file.requirements()) {
            Optional<Version> pinned = line.requirement().flatMap(ExistingLock::pinnedVersion);
            if (pinned.isEmpty() || upgrade.contains(line.requirement().get().name())) {
                continue;
            }
            ProjectName name = line.requirement().get().name();
            pins.put(name, pinned.get());
            if (!line.hashes().isEmpty()) {
                hashes.put(name, new LinkedHashSet<>(line.hashes()));
            }
        }
        return new ExistingLock(pins, hashes);
    }

    /** pip-tools' is_pinned_requirement: exactly one {@code ==} (no wildcard) or {@code ===} clause. */
    static Optional<Version> pinnedVersion(Requirement requirement) {
        List<VersionSpecifier> clauses = requirement.specifier().specifiers();
        if (requirement.url().isPresent() || clauses.size() != 1) {
            return Optional.empty();
        }
        VersionSpecifier clause = clauses.get(0);
        boolean exact = clause.operator() == VersionSpecifier.Operator.EQUAL && !clause.isWildcard()
                || clause.operator() == VersionSpecifier.Operator.ARBITRARY;
        return exact ? clause.version() : Optional.empty();
    }

    Map<ProjectName, Version> pins() {
        return pins;
    }

    /** The old lock's hashes for this pin, when the pin is unchanged. */
    Optional<Set<String>> hashes(ProjectName name, Version version) {
        return version.equals(pins.get(name)) ? Optional.ofNullable(hashes.get(name)) : Optional.empty();
    }
}
