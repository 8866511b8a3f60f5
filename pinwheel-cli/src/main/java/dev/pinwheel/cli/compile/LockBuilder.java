package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.resolver.ResolvedPackage;
import dev.pinwheel.resolver.RootRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a resolution into lock entries the way pip-compile annotates them: the parents are the
 * packages that required it plus the input files that named it (constraint files included;
 * {@code -P} specs, which have no file, are not named); the extras are those the solution uses;
 * the marker is the one the input line carried (the last one, as pip-compile keeps it); unsafe
 * packages are flagged for the writer.
 */
final class LockBuilder {

    private LockBuilder() {
    }

    static List<LockEntry> entries(Collection<ResolvedPackage> resolution, Set<ProjectName> unsafe,
                                   Map<ProjectName, Set<String>> hashes) {
        return entries(resolution, unsafe, hashes, Map.of());
    }

    /** {@code locals}: the project directories of the inputs by URL; an editable one is written as given. */
    static List<LockEntry> entries(Collection<ResolvedPackage> resolution, Set<ProjectName> unsafe,
                                   Map<ProjectName, Set<String>> hashes, Map<String, LocalProject> locals) {
        List<LockEntry> entries = new ArrayList<>();
        for (ResolvedPackage resolved : resolution) {
            SortedSet<String> via = new TreeSet<>();
            resolved.requiredBy().stream().filter(p -> !p.equals(resolved.name())).forEach(p -> via.add(p.toString()));
            for (RootRequirement root : resolved.roots()) {
                if (!root.source().isEmpty()) {
                    via.add(root.source());
                }
            }
            for (RootRequirement root : resolved.constraints()) {
                if (!root.source().isEmpty()) {
                    via.add(root.source());
                }
            }
            SortedSet<String> extras = new TreeSet<>();
            resolved.extras().forEach(e -> extras.add(e.toString()));
            String marker = resolved.markers().isEmpty() ? null
                    : resolved.markers().get(resolved.markers().size() - 1).toString();
            LocalProject local = resolved.url().map(locals::get).orElse(null);
            LockEntry entry = local == null ? LockEntry.pinned(resolved.name().toString(), resolved.version().toString())
                    : local.editable() ? LockEntry.editable(resolved.name().toString(), local.given())
                    : LockEntry.direct(resolved.name().toString(), local.url());
            if (local != null && local.editable()) {
                extras.clear(); // the given text (-e .[dev]) carries them
            }
            entries.add(entry
                    .withExtras(extras).withVia(via).withMarker(marker)
                    .withHashes(hashes.getOrDefault(resolved.name(), Set.of()))
                    .withUnsafe(unsafe.contains(resolved.name())));
        }
        return entries;
    }
}
