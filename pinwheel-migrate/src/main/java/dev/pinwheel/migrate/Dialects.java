package dev.pinwheel.migrate;

/** The registry of dialects by name; the URL's dialect name picks one. */
public final class Dialects {

    private Dialects() {
    }

    /**
     * The dialect of that name, or null. A switch rather than a map of constructor references:
     * each reference is a class the JVM spins on start-up, and every {@code db} command's start
     * comes through here (~8 ms of the main thread before the command line is even parsed).
     */
    private static Dialect create(String name) {
        return switch (name) {
            case "sqlite" -> new SqliteDialect();
            case "postgresql" -> new PostgresDialect();
            default -> null;
        };
    }

    /**
     * Starts warming up the named dialect ({@link Dialect#warmUp}); the launcher's guess of the
     * database, so a name that is no dialect is ignored.
     */
    public static void warmUp(String name) {
        Dialect d = create(name);
        if (d != null) {
            d.warmUp();
        }
    }

    public static Dialect forUrl(DbUrl url) {
        return byName(url.dialect());
    }

    public static Dialect byName(String name) {
        Dialect d = create(name);
        if (d == null) {
            throw DbException.badInput("no dialect named '" + name + "'", "pinwheel db supports sqlite and postgresql");
        }
        return d;
    }
}
