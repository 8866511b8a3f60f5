package dev.pinwheel.migrate;

import java.util.Map;
import java.util.function.Supplier;

/** The registry of dialects by name; the URL's dialect name picks one. */
public final class Dialects {

    private static final Map<String, Supplier<Dialect>> REGISTRY = Map.of(
            "sqlite", SqliteDialect::new,
            "postgresql", PostgresDialect::new);

    private Dialects() {
    }

    /**
     * Starts warming up the named dialect ({@link Dialect#warmUp}); the launcher's guess of the
     * database, so a name that is no dialect is ignored.
     */
    public static void warmUp(String name) {
        Supplier<Dialect> d = REGISTRY.get(name);
        if (d != null) {
            d.get().warmUp();
        }
    }

    public static Dialect forUrl(DbUrl url) {
        return byName(url.dialect());
    }

    public static Dialect byName(String name) {
        Supplier<Dialect> d = REGISTRY.get(name);
        if (d == null) {
            throw DbException.badInput("no dialect named '" + name + "'", "pinwheel db supports sqlite and postgresql");
        }
        return d.get();
    }
}
