package dev.pinwheel.resolver.pubgrub;

import java.util.List;
import java.util.Objects;

/**
 * What the solver asks of the world. Calls come from the solver's single thread; an
 * implementation may start background work (prefetching) from any of them.
 */
public interface DependencyProvider<P, V extends Comparable<V>> {

    /**
     * Which undecided package to decide next: the lowest value goes first. Called for every
     * package that some requirement currently asks for, with the versions still allowed.
     */
    long priority(P pkg, Ranges<V> allowed);

    /** The version to try, within {@code allowed}, or null when no usable version is left. */
    V chooseVersion(P pkg, Ranges<V> allowed);

    /** The dependencies of one version; asked at most once per package version. */
    Dependencies<P, V> dependencies(P pkg, V version);

    /** One requirement of a package version on another package. */
    record Edge<P, V extends Comparable<V>>(P pkg, Ranges<V> set, boolean constraint, Object tag) {
        public Edge {
            Objects.requireNonNull(pkg, "pkg");
            Objects.requireNonNull(set, "set");
        }

        /** A dependency: the package must be selected within {@code set}. */
        public static <P, V extends Comparable<V>> Edge<P, V> requires(P pkg, Ranges<V> set, Object tag) {
            return new Edge<>(pkg, set, false, tag);
        }

        /** A constraint: if the package is selected at all, it must be within {@code set}. */
        public static <P, V extends Comparable<V>> Edge<P, V> constrains(P pkg, Ranges<V> set, Object tag) {
            return new Edge<>(pkg, set, true, tag);
        }
    }

    /** The edges of a version, or the reason the version cannot be used. */
    record Dependencies<P, V extends Comparable<V>>(List<Edge<P, V>> edges, String unavailableReason) {
        public Dependencies {
            edges = List.copyOf(edges);
        }

        public static <P, V extends Comparable<V>> Dependencies<P, V> of(List<Edge<P, V>> edges) {
            return new Dependencies<>(edges, null);
        }

        public static <P, V extends Comparable<V>> Dependencies<P, V> unavailable(String reason) {
            return new Dependencies<>(List.of(), Objects.requireNonNull(reason, "reason"));
        }

        public boolean available() {
            return unavailableReason == null;
        }
    }
}
