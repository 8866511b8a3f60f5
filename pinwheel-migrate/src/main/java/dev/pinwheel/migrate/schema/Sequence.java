package dev.pinwheel.migrate.schema;

/**
 * A standalone sequence (not the ones PostgreSQL makes for serial or identity columns, which are
 * part of their {@link Column}). {@code dataType} is the normalized type ({@code bigint} by default).
 */
public record Sequence(String name, String dataType, long start, long increment) {

    public Sequence {
        Invalid.name(name, "sequence name");
        Invalid.name(dataType, "sequence type");
        Invalid.check(increment != 0, "sequence " + name + " has increment 0");
    }

    /** {@code bigint}, starting at 1, increment 1 (PostgreSQL's defaults). */
    public static Sequence of(String name) {
        return new Sequence(name, "bigint", 1, 1);
    }

    public Sequence withStart(long newStart) {
        return new Sequence(name, dataType, newStart, increment);
    }

    public Sequence withIncrement(long newIncrement) {
        return new Sequence(name, dataType, start, newIncrement);
    }
}
