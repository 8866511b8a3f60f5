package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;

/** Progress of a resolution, for a live display. Called on the resolver's thread. */
public interface ResolveListener {

    ResolveListener NONE = new ResolveListener() {
    };

    /** The resolver is about to try {@code version} of {@code name} (it may backtrack later). */
    default void trying(ProjectName name, Version version) {
    }
}
