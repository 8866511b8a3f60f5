package dev.pinwheel.resolver;

import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one resolution needs besides the package source.
 *
 * @param requirements the root requirements; markers are evaluated against {@code environment}
 * @param constraints restrictions ({@code -c} files, {@code -P name<spec}): a constrained project
 *     is not added, but if anything needs it, it must satisfy the constraint. A constraint with
 *     a URL makes that URL the project's only candidate.
 * @param environment the target's marker values
 * @param pythonVersion the target Python, checked against each candidate's Requires-Python
 * @param prereleases pip's {@code --pre}: pre-releases compete with final releases everywhere
 * @param preferences versions to try first (the pins of the existing output file: minimal churn)
 * @param upgrade which projects ignore their preference
 * @param excludeNewer drop versions uploaded after this instant (versions without an upload time
 *     are kept)
 */
public record ResolveRequest(List<RootRequirement> requirements, List<RootRequirement> constraints,
        MarkerEnvironment environment, Version pythonVersion, boolean prereleases,
        Map<ProjectName, Version> preferences, Upgrade upgrade, Optional<Instant> excludeNewer) {

    public ResolveRequest {
        requirements = List.copyOf(requirements);
        constraints = List.copyOf(constraints);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        preferences = Map.copyOf(preferences);
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(excludeNewer, "excludeNewer");
    }

    /** Requirements for the target {@code environment}; its {@code python_full_version} is the target Python. */
    public static ResolveRequest of(List<RootRequirement> requirements, MarkerEnvironment environment) {
        return new ResolveRequest(requirements, List.of(), environment, Version.parse(environment.pythonFullVersion()),
                false, Map.of(), Upgrade.none(), Optional.empty());
    }

    public ResolveRequest withConstraints(List<RootRequirement> newConstraints) {
        return new ResolveRequest(requirements, newConstraints, environment, pythonVersion, prereleases, preferences,
                upgrade, excludeNewer);
    }

    public ResolveRequest withPythonVersion(Version newPythonVersion) {
        return new ResolveRequest(requirements, constraints, environment, newPythonVersion, prereleases, preferences,
                upgrade, excludeNewer);
    }

    public ResolveRequest withPrereleases(boolean newPrereleases) {
        return new ResolveRequest(requirements, constraints, environment, pythonVersion, newPrereleases, preferences,
                upgrade, excludeNewer);
    }

    public ResolveRequest withPreferences(Map<ProjectName, Version> newPreferences) {
        return new ResolveRequest(requirements, constraints, environment, pythonVersion, prereleases, newPreferences,
                upgrade, excludeNewer);
    }

    public ResolveRequest withUpgrade(Upgrade newUpgrade) {
        return new ResolveRequest(requirements, constraints, environment, pythonVersion, prereleases, preferences,
                newUpgrade, excludeNewer);
    }

    public ResolveRequest withExcludeNewer(Instant cutoff) {
        return new ResolveRequest(requirements, constraints, environment, pythonVersion, prereleases, preferences,
                upgrade, Optional.of(cutoff));
    }

    /**
     * Which preferences to ignore: none (keep every existing pin that still fits), all
     * ({@code --upgrade}), or some projects ({@code --upgrade-package}; a version range given
     * with it belongs in {@link #constraints}).
     */
    public record Upgrade(boolean everything, Set<ProjectName> packages) {
        public Upgrade {
            packages = Set.copyOf(packages);
        }

        public static Upgrade none() {
            return new Upgrade(false, Set.of());
        }

        public static Upgrade all() {
            return new Upgrade(true, Set.of());
        }

        public static Upgrade packages(Set<ProjectName> names) {
            return new Upgrade(false, names);
        }

        public boolean covers(ProjectName name) {
            return everything || packages.contains(name);
        }
    }
}
