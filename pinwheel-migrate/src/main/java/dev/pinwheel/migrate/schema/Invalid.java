package dev.pinwheel.migrate.schema;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validation helpers shared by the model's factories; a broken model is bad input (a schema.sql, a helper's output). */
final class Invalid {

    private Invalid() {
    }

    static DbException because(String message) {
        return new DbException(Category.BAD_INPUT, "invalid schema: " + message);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw because(message);
        }
    }

    // Messages are put together only on failure: the model's factories run for every column
    // of every table read from a catalog, and building each message eagerly was a third of an
    // introspection's CPU.

    static String name(String value, String what) {
        return name(value, what, null);
    }

    /** {@link #name(String, String)} for the {@code what} of {@code subject} ({@code "type of column 'id'"}). */
    static String name(String value, String what, String subject) {
        if (value == null || value.isBlank()) {
            throw because(label(what, subject) + " must not be blank");
        }
        return value;
    }

    private static String label(String what, String subject) {
        return subject == null ? what : what + " '" + subject + "'";
    }

    static Optional<String> optionalName(Optional<String> value, String what) {
        if (value == null) {
            throw because(what + " must not be null (use Optional.empty())");
        }
        value.ifPresent(v -> name(v, what));
        return value;
    }

    static Optional<String> optional(Optional<String> value, String what) {
        return optional(value, what, null);
    }

    /** {@link #optional(Optional, String)} for the {@code what} of {@code subject}. */
    static Optional<String> optional(Optional<String> value, String what, String subject) {
        if (value == null) {
            throw because(label(what, subject) + " must not be null (use Optional.empty())");
        }
        return value;
    }

    static List<String> names(List<String> values, String what, boolean allowEmpty) {
        if (values == null) {
            throw because(what + " must not be null");
        }
        List<String> copy = List.copyOf(values);
        if (!allowEmpty && copy.isEmpty()) {
            throw because(what + " must not be empty");
        }
        for (String v : copy) {
            name(v, what);
        }
        return copy;
    }

    static void unique(Collection<String> names, String what) {
        unique(names, what, "");
    }

    /** No name twice; the message names {@code what} and then {@code where} ({@code " in table t"}). */
    static void unique(Collection<String> names, String what, String where) {
        if (names.size() < 2) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw because("duplicate " + what + where + " '" + n + "'");
            }
        }
    }
}
