package dev.pinwheel.scan;

import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.ProjectPage;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The last step of mapping an import to a distribution: whether the package index has a project
 * of the import's normalized name. Asked only for the names that neither the target environment
 * nor the bundled mapping resolve, all at once.
 */
public interface ProjectIndex {

    /** Asks nothing ({@code --no-index}): unmapped imports keep their own name, noted as assumed. */
    ProjectIndex NONE = new ProjectIndex() {
        @Override
        public Map<ProjectName, Boolean> exist(Collection<ProjectName> names) {
            throw new UnsupportedOperationException("NONE asks nothing");
        }

        @Override
        public boolean asks() {
            return false;
        }
    };

    /**
     * For every name, whether the index has a project of that name.
     *
     * @throws PinwheelException when the index cannot be asked (network, configuration)
     */
    Map<ProjectName, Boolean> exist(Collection<ProjectName> names);

    /** Whether this asks an index at all. */
    default boolean asks() {
        return true;
    }

    /**
     * Through pinwheel-index's client: every page is fetched in parallel and cached (and
     * revalidated) like any page {@code compile} reads, so a second run asks nothing new.
     */
    static ProjectIndex of(IndexClient client) {
        return names -> {
            Map<ProjectName, CompletableFuture<ProjectPage>> pages = new LinkedHashMap<>();
            for (ProjectName name : names) {
                pages.put(name, client.pageAsync(name));
            }
            Map<ProjectName, Boolean> exist = new LinkedHashMap<>();
            for (Map.Entry<ProjectName, CompletableFuture<ProjectPage>> e : pages.entrySet()) {
                try {
                    exist.put(e.getKey(), e.getValue().join().exists());
                } catch (CompletionException failure) {
                    if (failure.getCause() instanceof PinwheelException p) {
                        throw p;
                    }
                    throw failure;
                }
            }
            return exist;
        };
    }
}
