package dev.pinwheel.cli.compile;

import dev.pinwheel.index.DistFile;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.resolver.ResolvedPackage;
import dev.pinwheel.support.Hashing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --generate-hashes}: the sha256 of every file of each pinned version, from every index
 * and find-links location (not only the files this target would install: pip-compile hashes
 * all wheels too, so a lock works on every platform the pins support). The index's own hashes
 * are used when it gives them; other files are downloaded (in parallel) and hashed. Unchanged
 * pins take their hashes from the old lock.
 */
final class Hashes {

    private Hashes() {
    }

    static Map<ProjectName, Set<String>> collect(List<ResolvedPackage> resolution, Catalog catalog, IndexClient client,
                                                 ExistingLock existing) {
        Map<ProjectName, List<CompletableFuture<String>>> pending = new HashMap<>();
        Map<ProjectName, Set<String>> out = new HashMap<>();
        for (ResolvedPackage resolved : resolution) {
            if (resolved.url().isPresent()) {
                continue; // a project directory has no files to hash, as pip-compile leaves it
            }
            Optional<Set<String>> reused = existing.hashes(resolved.name(), resolved.version());
            if (reused.isPresent()) {
                out.put(resolved.name(), new TreeSet<>(reused.get()));
                continue;
            }
            List<CompletableFuture<String>> hashes = new ArrayList<>();
            for (DistFile file : catalog.allFiles(resolved.name(), resolved.version())) {
                hashes.add(file.sha256().map(CompletableFuture::completedFuture).orElseGet(() ->
                        CompletableFuture.supplyAsync(() -> Hashing.sha256Hex(client.download(file)))));
            }
            pending.put(resolved.name(), hashes);
        }
        pending.forEach((name, hashes) -> {
            Set<String> set = new TreeSet<>();
            hashes.forEach(h -> set.add("sha256:" + Catalog.join(h)));
            out.put(name, set);
        });
        return out;
    }
}
