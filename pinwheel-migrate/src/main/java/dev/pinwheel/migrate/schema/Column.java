package dev.pinwheel.migrate.schema;

import java.util.Optional;

/**
 * A column. {@code type} is the normalized type text of the dialect (see {@link SqlTypes}), for
 * PostgreSQL enum columns the enum type's name; {@code serverDefault} is the database's own
 * normalized expression text (PostgreSQL's {@code pg_get_expr}, SQLite's {@code dflt_value}),
 * compared as text because both sides of a diff are introspected by the same queries.
 */
public record Column(String name, String type, boolean nullable, Optional<String> serverDefault,
                     Optional<String> comment, Identity identity) {

    public Column {
        Invalid.name(name, "column name");
        Invalid.name(type, "type of column", name);
        type = type.strip();
        Invalid.optional(serverDefault, "server default of column", name);
        Invalid.optional(comment, "comment of column", name);
        if (identity == null) {
            throw Invalid.because("identity of column '" + name + "' must not be null");
        }
        if (identity != Identity.NONE && serverDefault.isPresent()) {
            throw Invalid.because("column '" + name + "' has both identity " + identity + " and a server default");
        }
    }

    // Written out: a diff compares thousands of columns, and the record's generated equals goes
    // through method handles, which cost several times more before the JIT has compiled them.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Column c && nullable == c.nullable && identity == c.identity
                && name.equals(c.name) && type.equals(c.type) && serverDefault.equals(c.serverDefault)
                && comment.equals(c.comment);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, type, nullable, serverDefault, comment, identity);
    }

    /** A nullable column without default, comment or identity. */
    public static Column of(String name, String type) {
        return new Column(name, type, true, Optional.empty(), Optional.empty(), Identity.NONE);
    }

    public Column withName(String newName) {
        return new Column(newName, type, nullable, serverDefault, comment, identity);
    }

    public Column withType(String newType) {
        return new Column(name, newType, nullable, serverDefault, comment, identity);
    }

    public Column withNullable(boolean newNullable) {
        return new Column(name, type, newNullable, serverDefault, comment, identity);
    }

    public Column notNull() {
        return withNullable(false);
    }

    /** A copy with this server default ({@code null} for none). */
    public Column withDefault(String expression) {
        return new Column(name, type, nullable, Optional.ofNullable(expression), comment, identity);
    }

    /** A copy with this comment ({@code null} for none). */
    public Column withComment(String text) {
        return new Column(name, type, nullable, serverDefault, Optional.ofNullable(text), identity);
    }

    public Column withIdentity(Identity newIdentity) {
        return new Column(name, type, nullable, serverDefault, comment, newIdentity);
    }

    /** Everything but the name: what rename detection compares. */
    Column shape() {
        return withName("_");
    }
}
