package dev.pinwheel.resolver.pubgrub;

/**
 * Version solving proved that the root cannot be satisfied. Carries the derivation tree; adapters
 * render it with {@link Reporter} and rethrow in their own terms.
 */
public final class NoSolutionException extends RuntimeException {

    private final transient DerivationTree<?, ?> tree;

    NoSolutionException(DerivationTree<?, ?> tree) {
        super("version solving failed", null, false, false);
        this.tree = tree;
    }

    @SuppressWarnings("unchecked")
    public <P, V extends Comparable<V>> DerivationTree<P, V> tree() {
        return (DerivationTree<P, V>) tree;
    }
}
