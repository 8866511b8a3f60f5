package dev.pinwheel.migrate.schema;

import java.util.Locale;

/** ON DELETE / ON UPDATE of a foreign key. */
public enum ReferentialAction {
    NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"), SET_DEFAULT("SET DEFAULT");

    private final String sql;

    ReferentialAction(String sql) {
        this.sql = sql;
    }

    /** The SQL words, e.g. {@code SET NULL}. */
    public String sql() {
        return sql;
    }

    /**
     * Parses the SQL words ({@code "SET NULL"}, {@code "no action"}) or PostgreSQL's one-letter
     * catalog codes ({@code a r c n d} of {@code pg_constraint.confdeltype}).
     */
    public static ReferentialAction parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (t) {
            case "A": case "NO ACTION": case "": return NO_ACTION;
            case "R": case "RESTRICT": return RESTRICT;
            case "C": case "CASCADE": return CASCADE;
            case "N": case "SET NULL": return SET_NULL;
            case "D": case "SET DEFAULT": return SET_DEFAULT;
            default: throw Invalid.because("unknown referential action '" + text + "'");
        }
    }
}
