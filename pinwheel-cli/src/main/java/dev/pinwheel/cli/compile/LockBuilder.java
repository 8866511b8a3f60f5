package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a resolution into lock entries the way pip-compile annotates them: the parents are the
 * packages that required it (extras stripped) plus the input files that named it (constraint
 * files included); extras are every extra any requirement asked for, except through a
 * constraint; the marker is the one the input line carried; unsafe packages are flagged.
 */
final class LockBuilder {

    /** One package of the resolution. */
    record Resolved(ProjectName name, Version version, Set<ExtraName> extras, Set<ProjectName> parents) {
    }

    private LockBuilder() {
    }

    static List<LockEntry> entries(Collection<Resolved> resolution, List<InputRequirement> inputs,
                                   Set<ProjectName> unsafe, Map<ProjectName, Set<String>> hashes) {
        Map<ProjectName, List<InputRequirement>> byName = new HashMap<>();
        inputs.forEach(in -> byName.computeIfAbsent(in.requirement().name(), n -> new ArrayList<>()).add(in));
        List<LockEntry> entries = new ArrayList<>();
        for (Resolved resolved : resolution) {
            SortedSet<String> via = new TreeSet<>();
            resolved.parents().stream().filter(p -> !p.equals(resolved.name())).forEach(p -> via.add(p.toString()));
            SortedSet<String> extras = new TreeSet<>();
            resolved.extras().forEach(e -> extras.add(e.toString()));
            String marker = null;
            for (InputRequirement in : byName.getOrDefault(resolved.name(), List.of())) {
                via.add(in.comesFrom());
                if (!in.constraint()) {
                    in.requirement().extras().forEach(e -> extras.add(e.toString()));
                }
                if (in.requirement().marker().isPresent()) {
                    marker = in.requirement().marker().get().toString();
                }
            }
            entries.add(LockEntry.pinned(resolved.name().toString(), resolved.version().toString())
                    .withExtras(extras).withVia(via).withMarker(marker)
                    .withHashes(hashes.getOrDefault(resolved.name(), Set.of()))
                    .withUnsafe(unsafe.contains(resolved.name())));
        }
        return entries;
    }
}
