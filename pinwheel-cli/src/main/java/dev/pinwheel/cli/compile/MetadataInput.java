package dev.pinwheel.cli.compile;

import dev.pinwheel.env.BuildFrontend;
import dev.pinwheel.packaging.CoreMetadata;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.resolver.RootRequirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An input whose requirements only the project's PEP 517 backend knows: {@code setup.py},
 * {@code setup.cfg}, or a {@code pyproject.toml} with dynamic dependencies. As pip-compile 7
 * does, the roots are the Requires-Dist of {@code prepare_metadata_for_build_wheel}'s METADATA,
 * each coming from {@code NAME (given)} with the name as the metadata spells it. A requirement
 * whose marker asks for an extra counts only when one of the chosen extras satisfies it, and is
 * then kept with its extra comparisons decided for the chosen extras (pip-tools'
 * {@code match_markers} and {@code drop_extras}).
 *
 * @param given     the input as given on the command line, '/'-separated
 * @param directory the project directory (the input's parent)
 */
record MetadataInput(String given, Path directory) {

    /**
     * The roots of the project, reading its metadata through {@code pep517} (directory in, METADATA out).
     * A backend failure is reported as this input's, with the backend's output as its cause.
     */
    List<RootRequirement> roots(Function<Path, String> pep517, MarkerEnvironment target, List<String> extras,
                                boolean allExtras) {
        String text;
        try {
            text = pep517.apply(directory);
        } catch (PinwheelException e) {
            throw new PinwheelException(e.category(), "cannot compile " + given
                    + ": its build backend failed to prepare the project's metadata", e.hint().orElse(null), e);
        }
        CoreMetadata metadata = CoreMetadata.parse(text);
        Set<ExtraName> chosen = new HashSet<>();
        if (allExtras) {
            chosen.addAll(metadata.providesExtra());
        }
        for (String extra : extras) {
            for (String part : extra.split(",")) {
                if (!part.isBlank()) {
                    ExtraName name = ExtraName.parse(part.strip());
                    if (!defines(metadata, name)) {
                        List<String> known = metadata.providesExtra().stream().map(Object::toString).sorted().toList();
                        throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "--extra " + part.strip() + ": "
                                + given + " has no such extra (its build backend lists "
                                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")",
                                "extras are spelt as the project's Provides-Extra; --all-extras takes every one", null);
                    }
                    chosen.add(name);
                }
            }
        }
        // Self-referential extras (`all = ["proj[a,b]"]`): the project's own extras, as pip and uv
        // read them, not the project from the index. pip-compile 7 writes such a line as
        // `proj[a,b] @ file:///abs/path` (pip-tools issue 2110); the extras' requirements are taken
        // here instead, which is what installing the lock must give.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Requirement requirement : metadata.requiresDist()) {
                if (requirement.name().equals(metadata.name()) && applies(requirement, target, chosen)) {
                    grew |= chosen.addAll(requirement.extras());
                }
            }
        }
        String comesFrom = displayName(text, metadata) + " (" + given + ")";
        List<RootRequirement> roots = new ArrayList<>();
        for (Requirement requirement : metadata.requiresDist()) {
            if (requirement.name().equals(metadata.name())) {
                continue; // a self-reference: its extras were taken above
            }
            if (requirement.marker().isPresent() && requirement.marker().get().mentionsExtra()) {
                if (!applies(requirement, target, chosen)) {
                    continue;
                }
                requirement = requirement.withMarker(requirement.marker().get().withExtrasDecided(chosen).orElse(null));
            }
            roots.add(RootRequirement.of(requirement, comesFrom, given));
        }
        return roots;
    }

    /**
     * The roots that building the project needs, as pip-compile's {@code --build-deps-for} adds
     * them: each of {@code [build-system] requires} coming from
     * {@code NAME (dir/pyproject.toml::build-system.requires)}, each of a target's
     * {@code get_requires_for_build_<target>} from
     * {@code NAME (dir/pyproject.toml::build-system.backend::<target>)}.
     *
     * @param metadataText the project's METADATA (for its name as written)
     */
    List<RootRequirement> buildRoots(String metadataText, BuildFrontend.BuildRequirements build) {
        String name = displayName(metadataText, CoreMetadata.parse(metadataText));
        int slash = given.lastIndexOf('/');
        String pyproject = (slash < 0 ? "" : given.substring(0, slash + 1)) + "pyproject.toml";
        List<RootRequirement> roots = new ArrayList<>();
        for (String requirement : build.requires()) {
            roots.add(buildRoot(requirement, name + " (" + pyproject + "::build-system.requires)"));
        }
        build.byTarget().forEach((target, requirements) -> {
            for (String requirement : requirements) {
                roots.add(buildRoot(requirement, name + " (" + pyproject + "::build-system.backend::" + target + ")"));
            }
        });
        return roots;
    }

    private RootRequirement buildRoot(String text, String comesFrom) {
        Requirement requirement;
        try {
            requirement = Requirement.parse(text.strip());
        } catch (PinwheelException e) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "cannot compile the build requirements of "
                    + given + ": " + comesFrom + " asks for '" + text + "', which is not a requirement ("
                    + e.getMessage() + ")", "fix the project's [build-system] requires or its backend", e);
        }
        return RootRequirement.of(requirement, comesFrom, given);
    }

    /**
     * Whether the metadata knows the extra: listed as Provides-Extra, or (for metadata older than
     * 2.1, which may omit that field) named by a requirement's marker.
     */
    private static boolean defines(CoreMetadata metadata, ExtraName name) {
        if (metadata.providesExtra().contains(name)) {
            return true;
        }
        for (Requirement requirement : metadata.requiresDist()) {
            if (requirement.marker().flatMap(Marker::comparedExtras).filter(e -> e.contains(name.toString())).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a requirement counts for the target with these extras chosen. */
    private static boolean applies(Requirement requirement, MarkerEnvironment target, Set<ExtraName> chosen) {
        if (requirement.marker().isEmpty()) {
            return true;
        }
        Marker marker = requirement.marker().get();
        return marker.mentionsExtra() && !chosen.isEmpty() ? chosen.stream().anyMatch(x -> marker.evaluate(target, Set.of(x)))
                : marker.evaluate(target);
    }

    /** The project's name as its METADATA writes it (pip-compile prints it unnormalized). */
    private static String displayName(String text, CoreMetadata metadata) {
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "Name:", 0, 5)) {
                return line.substring(5).strip();
            }
        }
        return metadata.name().toString();
    }
}
