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

    static String name(String value, String what) {
        check(value != null && !value.isBlank(), what + " must not be blank");
        return value;
    }

    static Optional<String> optionalName(Optional<String> value, String what) {
        check(value != null, what + " must not be null (use Optional.empty())");
        value.ifPresent(v -> name(v, what));
        return value;
    }

    static Optional<String> optional(Optional<String> value, String what) {
        check(value != null, what + " must not be null (use Optional.empty())");
        return value;
    }

    static List<String> names(List<String> values, String what, boolean allowEmpty) {
        check(values != null, what + " must not be null");
        List<String> copy = List.copyOf(values);
        check(allowEmpty || !copy.isEmpty(), what + " must not be empty");
        copy.forEach(v -> name(v, what));
        return copy;
    }

    static void unique(Collection<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            check(seen.add(n), "duplicate " + what + " '" + n + "'");
        }
    }
}
