package dev.pinwheel.migrate.autogen;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the target schema is made of, before it is materialized: the DDL statements in the order
 * they run, and what DDL does not carry.
 *
 * @param origin where it came from, for messages ({@code app.models:Base (SQLAlchemy 2.1.9)})
 * @param statements the DDL, one statement per entry, in execution order
 * @param firstLines for each statement its 1-based line in the source file (0 when generated)
 * @param namingConvention SQLAlchemy's naming templates by key ({@code ix}, {@code uq}, {@code ck},
 *                         {@code fk}, {@code pk}); empty when none is configured
 * @param comments table and column comments the model declares ({@code table} or {@code table.column}
 *                 to comment), which a dialect without comments (SQLite) cannot keep
 */
public record TargetDdl(String origin, List<String> statements, List<Integer> firstLines,
                        Map<String, String> namingConvention, Map<String, String> comments) {

    public TargetDdl {
        Objects.requireNonNull(origin, "origin");
        statements = List.copyOf(statements);
        firstLines = List.copyOf(firstLines);
        namingConvention = Map.copyOf(namingConvention);
        comments = Map.copyOf(comments);
        if (firstLines.size() != statements.size()) {
            throw new IllegalArgumentException("one line number per statement");
        }
    }
}
