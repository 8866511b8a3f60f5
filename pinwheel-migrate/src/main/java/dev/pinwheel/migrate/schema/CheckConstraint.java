package dev.pinwheel.migrate.schema;

import java.util.Optional;

/** A CHECK constraint; {@code expression} is the database's normalized text without the outer {@code CHECK (...)}. */
public record CheckConstraint(Optional<String> name, String expression) {

    public CheckConstraint {
        Invalid.optionalName(name, "check constraint name");
        Invalid.name(expression, "check expression");
        expression = expression.strip();
    }

    public static CheckConstraint of(String name, String expression) {
        return new CheckConstraint(Optional.ofNullable(name), expression);
    }

    public CheckConstraint withName(String newName) {
        return new CheckConstraint(Optional.ofNullable(newName), expression);
    }
}
