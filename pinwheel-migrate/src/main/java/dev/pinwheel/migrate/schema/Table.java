package dev.pinwheel.migrate.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table. Columns keep their order (it is the order of CREATE TABLE); the constraint and index
 * lists are sorted into one canonical order, so two tables with the same content are equal no
 * matter in which order a catalog query returned them.
 */
public record Table(String name, List<Column> columns, Optional<PrimaryKey> primaryKey, List<ForeignKey> foreignKeys,
                    List<UniqueConstraint> uniqueConstraints, List<Index> indexes, List<CheckConstraint> checks,
                    Optional<String> comment) {

    public Table {
        Invalid.name(name, "table name");
        if (columns == null || foreignKeys == null || uniqueConstraints == null || indexes == null || checks == null) {
            throw Invalid.because("lists of table " + name + " must not be null");
        }
        if (primaryKey == null) {
            throw Invalid.because("primary key of table " + name + " must not be null (use Optional.empty())");
        }
        if (comment == null) {
            throw Invalid.because("comment of table " + name + " must not be null (use Optional.empty())");
        }
        columns = List.copyOf(columns);
        Set<String> known = new HashSet<>();
        for (Column c : columns) {
            if (!known.add(c.name())) {
                throw Invalid.because("duplicate column in table " + name + " '" + c.name() + "'");
            }
        }
        foreignKeys = canonical(foreignKeys);
        uniqueConstraints = canonical(uniqueConstraints);
        indexes = canonical(indexes);
        checks = canonical(checks);
        if (primaryKey.isPresent()) {
            requireColumns(known, primaryKey.get().columns(), "primary key", name);
        }
        for (ForeignKey fk : foreignKeys) {
            requireColumns(known, fk.columns(), "foreign key", name);
        }
        for (UniqueConstraint u : uniqueConstraints) {
            requireColumns(known, u.columns(), "unique constraint", name);
        }
        for (Index i : indexes) {
            requireColumns(known, i.columns(), "index " + i.name().orElse(""), name);
        }
        List<String> constraintNames = new ArrayList<>();
        primaryKey.flatMap(PrimaryKey::name).ifPresent(constraintNames::add);
        foreignKeys.forEach(f -> f.name().ifPresent(constraintNames::add));
        uniqueConstraints.forEach(u -> u.name().ifPresent(constraintNames::add));
        checks.forEach(c -> c.name().ifPresent(constraintNames::add));
        Invalid.unique(constraintNames, "constraint name", " in table " + name);
        Invalid.unique(indexes.stream().flatMap(i -> i.name().stream()).toList(), "index name", " in table " + name);
    }

    private static void requireColumns(Set<String> known, List<String> used, String what, String table) {
        for (String c : used) {
            if (!known.contains(c)) {
                throw Invalid.because(what + " in table " + table + " uses unknown column '" + c + "'");
            }
        }
    }

    private static <T> List<T> canonical(List<T> items) {
        if (items.size() < 2) {
            return List.copyOf(items);
        }
        // Each record's text once, not once per comparison.
        return items.stream().map(x -> Map.entry(x.toString(), x)).sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
    }

    /** A table with these columns and nothing else. */
    public static Table of(String name, List<Column> columns) {
        return new Table(name, columns, Optional.empty(), List.of(), List.of(), List.of(), List.of(), Optional.empty());
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The column of this name. */
    public Optional<Column> column(String columnName) {
        for (Column c : columns) {
            if (c.name().equals(columnName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Table withName(String newName) {
        return new Table(newName, columns, primaryKey, foreignKeys, uniqueConstraints, indexes, checks, comment);
    }

    public Table withColumns(List<Column> newColumns) {
        return new Table(name, newColumns, primaryKey, foreignKeys, uniqueConstraints, indexes, checks, comment);
    }

    /** A copy with this primary key ({@code null} for none). */
    public Table withPrimaryKey(PrimaryKey pk) {
        return new Table(name, columns, Optional.ofNullable(pk), foreignKeys, uniqueConstraints, indexes, checks, comment);
    }

    public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
        return new Table(name, columns, primaryKey, newForeignKeys, uniqueConstraints, indexes, checks, comment);
    }

    public Table withUniqueConstraints(List<UniqueConstraint> newUniques) {
        return new Table(name, columns, primaryKey, foreignKeys, newUniques, indexes, checks, comment);
    }

    public Table withIndexes(List<Index> newIndexes) {
        return new Table(name, columns, primaryKey, foreignKeys, uniqueConstraints, newIndexes, checks, comment);
    }

    public Table withChecks(List<CheckConstraint> newChecks) {
        return new Table(name, columns, primaryKey, foreignKeys, uniqueConstraints, indexes, newChecks, comment);
    }

    /** A copy with this comment ({@code null} for none). */
    public Table withComment(String text) {
        return new Table(name, columns, primaryKey, foreignKeys, uniqueConstraints, indexes, checks, Optional.ofNullable(text));
    }

    /** Tables referred to by this table's foreign keys (itself included if self-referencing). */
    public Set<String> referredTables() {
        Set<String> out = new HashSet<>();
        foreignKeys.forEach(fk -> out.add(fk.referredTable()));
        return out;
    }

    /** Collects a table's parts in any order, as bulk catalog queries deliver them. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private PrimaryKey primaryKey;
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<UniqueConstraint> uniques = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<CheckConstraint> checks = new ArrayList<>();
        private String comment;

        private Builder(String name) {
            this.name = name;
        }

        public Builder column(Column column) {
            columns.add(column);
            return this;
        }

        public Builder columns(Column... more) {
            columns.addAll(List.of(more));
            return this;
        }

        public Builder primaryKey(PrimaryKey pk) {
            primaryKey = pk;
            return this;
        }

        public Builder foreignKey(ForeignKey fk) {
            foreignKeys.add(fk);
            return this;
        }

        public Builder unique(UniqueConstraint u) {
            uniques.add(u);
            return this;
        }

        public Builder index(Index i) {
            indexes.add(i);
            return this;
        }

        public Builder check(CheckConstraint c) {
            checks.add(c);
            return this;
        }

        public Builder comment(String text) {
            comment = text;
            return this;
        }

        public Table build() {
            return new Table(name, columns, Optional.ofNullable(primaryKey), foreignKeys, uniques, indexes, checks,
                    Optional.ofNullable(comment));
        }
    }
}
