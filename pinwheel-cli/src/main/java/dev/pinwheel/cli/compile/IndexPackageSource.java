package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.CoreMetadata;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.resolver.CandidateVersion;
import dev.pinwheel.resolver.DistMetadata;
import dev.pinwheel.resolver.PackageSource;
import dev.pinwheel.resolver.ProjectVersions;
import dev.pinwheel.index.DistFile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The resolver's view of the indexes: versions and metadata from {@link Catalog}, which already
 * dropped the files this target cannot use (tags, Requires-Python, binary options,
 * --exclude-newer), fetched in the background and at most once each.
 */
final class IndexPackageSource implements PackageSource {

    private final Catalog catalog;
    private final java.util.Map<String, DistMetadata> local;

    IndexPackageSource(Catalog catalog) {
        this(catalog, java.util.Map.of());
    }

    /** {@code local}: the metadata of the project directories the inputs name, by their {@code file:} URL. */
    IndexPackageSource(Catalog catalog, java.util.Map<String, DistMetadata> local) {
        this.catalog = catalog;
        this.local = java.util.Map.copyOf(local);
    }

    @Override
    public CompletableFuture<ProjectVersions> versions(ProjectName name) {
        return catalog.prefetch(name).thenApply(project -> {
            if (!project.exists()) {
                return ProjectVersions.notFound(name);
            }
            List<CandidateVersion> versions = project.candidates().stream()
                    .map(c -> new CandidateVersion(c.version(), c.yanked(), SpecifierSet.any(), earliest(c.files())))
                    .toList();
            return ProjectVersions.of(name, versions);
        });
    }

    @Override
    public CompletableFuture<DistMetadata> metadata(ProjectName name, Version version) {
        return catalog.prefetchMetadata(name, version).thenApply(metadata -> {
            return new DistMetadata(name, version, metadata.requiresDist(), metadata.providesExtra(),
                    metadata.requiresPython());
        });
    }

    /** The whole metadata, built from an sdist if it must be: the seconds a build takes overlap the rest of the resolve. */
    @Override
    public void prefetchFirstChoice(ProjectName name, Version version) {
        catalog.prefetchMetadata(name, version);
    }

    @Override
    public void prefetchNext(ProjectName name, Version version) {
        catalog.prefetchFromWheel(name, version);
    }

    @Override
    public CompletableFuture<DistMetadata> urlMetadata(ProjectName name, String url) {
        DistMetadata known = local.get(url);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return CompletableFuture.failedFuture(new PinwheelException(Category.BAD_INPUT,
                name + " @ " + Compiler.redactUrl(url) + ": direct URL requirements are not supported by pinwheel compile"));
    }

    private static Optional<Instant> earliest(List<DistFile> files) {
        return files.stream().flatMap(f -> f.uploadTime().stream()).min(Instant::compareTo);
    }
}
