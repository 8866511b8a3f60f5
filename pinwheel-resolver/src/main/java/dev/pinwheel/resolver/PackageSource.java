package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.util.concurrent.CompletableFuture;

/**
 * The resolver's only view of the world: package indexes, find-links, direct URLs.
 *
 * <p>Every method returns at once with a future, so the resolver can ask early for what it will
 * probably need (the page of a package as soon as some requirement names it, then the metadata of
 * the version it will likely pick) and block only when it really needs an answer. An
 * implementation over the network should therefore start the work in the background and
 * memoize: the resolver may ask for the same thing several times, from any thread, and expects
 * one fetch. Futures complete exceptionally with a {@link dev.pinwheel.packaging.PinwheelException}.
 * Category ENVIRONMENT (an unreachable index) or INTERNAL stops the resolution and is rethrown;
 * from {@link #metadata}, category BAD_INPUT or NEGATIVE (metadata that cannot be parsed, an sdist
 * whose metadata cannot be built) only makes that version unusable, and the resolver tries others.
 */
public interface PackageSource {

    /**
     * The versions of {@code name} the indexes offer, with the facts needed to choose among them
     * without metadata. A project no index knows completes with {@link ProjectVersions#notFound}.
     */
    CompletableFuture<ProjectVersions> versions(ProjectName name);

    /** The core metadata of one listed version (all files of a version share it). */
    CompletableFuture<DistMetadata> metadata(ProjectName name, Version version);

    /**
     * The resolver's first choice for a project it has just met: the version it will ask
     * {@link #metadata} for unless later constraints rule it out. A source may start all of the
     * work now, the expensive part included (building an sdist's metadata), so that it overlaps
     * the rest of the resolve.
     */
    default void prefetchFirstChoice(ProjectName name, Version version) {
        metadata(name, version);
    }

    /**
     * A version the resolver may try soon: it is walking down the project's versions, its first
     * choices ruled out one by one. A source may start fetching the metadata now where that is
     * cheap (not an sdist build), so that the walk does not wait one round trip per version.
     */
    default void prefetchNext(ProjectName name, Version version) {
    }

    /**
     * The metadata of a direct URL requirement {@code name @ url} (a wheel, an sdist, a VCS or
     * local path); its version is the one the artifact declares.
     */
    CompletableFuture<DistMetadata> urlMetadata(ProjectName name, String url);
}
