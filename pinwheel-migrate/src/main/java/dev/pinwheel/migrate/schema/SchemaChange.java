package dev.pinwheel.migrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One reversible schema operation, as data. {@link #reverse()} undoes it, {@link #applyTo}
 * performs it on the model, {@link #description()} says it in one line for {@code db check};
 * rendering to SQL is {@link SqlRenderer}'s job.
 */
public sealed interface SchemaChange {

    /** One line for humans, e.g. {@code add column users.email varchar(255) NOT NULL}. */
    String description();

    /** The change that undoes this one. */
    SchemaChange reverse();

    /** The schema after this change; throws if the change does not fit {@code schema}. */
    Schema applyTo(Schema schema);

    /** Applies changes in order. */
    static Schema applyAll(Schema schema, List<SchemaChange> changes) {
        Schema s = schema;
        for (SchemaChange c : changes) {
            s = c.applyTo(s);
        }
        return s;
    }

    /** The changes that undo {@code changes}: each reversed, in reverse order. */
    static List<SchemaChange> reverseAll(List<SchemaChange> changes) {
        List<SchemaChange> out = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            out.add(changes.get(i).reverse());
        }
        return out;
    }

    // ---- tables

    record CreateTable(Table table) implements SchemaChange {
        public String description() {
            return "add table " + table.name() + " (" + table.columns().size() + " column" + (table.columns().size() == 1 ? "" : "s") + ")";
        }

        public SchemaChange reverse() {
            return new DropTable(table);
        }

        public Schema applyTo(Schema s) {
            return Apply.addTable(s, table);
        }
    }

    /** Drops a table with all its data; carries the whole table so it can be reversed. */
    record DropTable(Table table) implements SchemaChange {
        public String description() {
            return "drop table " + table.name();
        }

        public SchemaChange reverse() {
            return new CreateTable(table);
        }

        public Schema applyTo(Schema s) {
            Invalid.check(s.table(table.name()).equals(Optional.of(table)), "table '" + table.name() + "' is not as expected");
            return Apply.dropTable(s, table.name());
        }
    }

    /** A rename, proposed because a dropped and an added table have the same shape; {@code evidence} says why. */
    record RenameTable(String from, String to, String evidence) implements SchemaChange {
        public String description() {
            return "rename table " + from + " to " + to;
        }

        public SchemaChange reverse() {
            return new RenameTable(to, from, evidence);
        }

        public Schema applyTo(Schema s) {
            return Apply.renameTable(s, from, to);
        }
    }

    record AlterTableComment(String table, Optional<String> from, Optional<String> to) implements SchemaChange {
        public String description() {
            return (to.isPresent() ? "set comment of table " : "remove comment of table ") + table;
        }

        public SchemaChange reverse() {
            return new AlterTableComment(table, to, from);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withComment(to.orElse(null)));
        }
    }

    // ---- columns

    record AddColumn(String table, Column column) implements SchemaChange {
        public String description() {
            return "add column " + table + "." + column.name() + " " + Describe.column(column);
        }

        public SchemaChange reverse() {
            return new DropColumn(table, column);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withColumns(Apply.plus(t.columns(), column, "column " + table + "." + column.name())));
        }
    }

    /** Drops a column with its data; carries the column so it can be reversed. */
    record DropColumn(String table, Column column) implements SchemaChange {
        public String description() {
            return "drop column " + table + "." + column.name();
        }

        public SchemaChange reverse() {
            return new AddColumn(table, column);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withColumns(Apply.minus(t.columns(), column, "column " + table + "." + column.name() + " as expected")));
        }
    }

    record RenameColumn(String table, String from, String to, String evidence) implements SchemaChange {
        public String description() {
            return "rename column " + table + "." + from + " to " + to;
        }

        public SchemaChange reverse() {
            return new RenameColumn(table, to, from, evidence);
        }

        public Schema applyTo(Schema s) {
            return Apply.renameColumn(s, table, from, to);
        }
    }

    /** Type, nullability, server default, comment or identity of one column; the name stays. */
    record AlterColumn(String table, Column from, Column to) implements SchemaChange {
        public AlterColumn {
            Invalid.check(from.name().equals(to.name()), "an altered column keeps its name");
        }

        public String description() {
            List<String> parts = new ArrayList<>();
            if (!from.type().equals(to.type())) {
                parts.add("type " + from.type() + " -> " + to.type());
            }
            if (from.nullable() != to.nullable()) {
                parts.add(to.nullable() ? "drop NOT NULL" : "set NOT NULL");
            }
            if (!from.serverDefault().equals(to.serverDefault())) {
                parts.add("default " + from.serverDefault().orElse("none") + " -> " + to.serverDefault().orElse("none"));
            }
            if (!from.comment().equals(to.comment())) {
                parts.add(to.comment().isPresent() ? "set comment" : "remove comment");
            }
            if (from.identity() != to.identity()) {
                parts.add("identity " + Describe.identity(from.identity()) + " -> " + Describe.identity(to.identity()));
            }
            return "alter column " + table + "." + to.name() + ": " + String.join(", ", parts);
        }

        public SchemaChange reverse() {
            return new AlterColumn(table, to, from);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> {
                Invalid.check(t.columns().contains(from), "column " + table + "." + from.name() + " is not as expected");
                return t.withColumns(Apply.replace(t.columns(), c -> c.equals(from), c -> to));
            });
        }
    }

    // ---- constraints and indexes

    record AddPrimaryKey(String table, PrimaryKey primaryKey) implements SchemaChange {
        public String description() {
            return "add primary key " + Describe.name(primaryKey.name()) + "on " + table + " (" + String.join(", ", primaryKey.columns()) + ")";
        }

        public SchemaChange reverse() {
            return new DropPrimaryKey(table, primaryKey);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> {
                Invalid.check(t.primaryKey().isEmpty(), "table " + table + " has a primary key already");
                return t.withPrimaryKey(primaryKey);
            });
        }
    }

    record DropPrimaryKey(String table, PrimaryKey primaryKey) implements SchemaChange {
        public String description() {
            return "drop primary key " + Describe.name(primaryKey.name()) + "on " + table + " (" + String.join(", ", primaryKey.columns()) + ")";
        }

        public SchemaChange reverse() {
            return new AddPrimaryKey(table, primaryKey);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> {
                Invalid.check(t.primaryKey().equals(Optional.of(primaryKey)), "primary key of " + table + " is not as expected");
                return t.withPrimaryKey(null);
            });
        }
    }

    record AddForeignKey(String table, ForeignKey foreignKey) implements SchemaChange {
        public String description() {
            return "add foreign key " + Describe.name(foreignKey.name()) + "on " + table + " " + Describe.foreignKey(foreignKey);
        }

        public SchemaChange reverse() {
            return new DropForeignKey(table, foreignKey);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withForeignKeys(Apply.plus(t.foreignKeys(), foreignKey, "foreign key on " + table)));
        }
    }

    record DropForeignKey(String table, ForeignKey foreignKey) implements SchemaChange {
        public String description() {
            return "drop foreign key " + Describe.name(foreignKey.name()) + "on " + table + " " + Describe.foreignKey(foreignKey);
        }

        public SchemaChange reverse() {
            return new AddForeignKey(table, foreignKey);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withForeignKeys(Apply.minus(t.foreignKeys(), foreignKey, "such foreign key on " + table)));
        }
    }

    record AddUniqueConstraint(String table, UniqueConstraint constraint) implements SchemaChange {
        public String description() {
            return "add unique constraint " + Describe.name(constraint.name()) + "on " + table + " (" + String.join(", ", constraint.columns()) + ")";
        }

        public SchemaChange reverse() {
            return new DropUniqueConstraint(table, constraint);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withUniqueConstraints(Apply.plus(t.uniqueConstraints(), constraint, "unique constraint on " + table)));
        }
    }

    record DropUniqueConstraint(String table, UniqueConstraint constraint) implements SchemaChange {
        public String description() {
            return "drop unique constraint " + Describe.name(constraint.name()) + "on " + table + " (" + String.join(", ", constraint.columns()) + ")";
        }

        public SchemaChange reverse() {
            return new AddUniqueConstraint(table, constraint);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withUniqueConstraints(Apply.minus(t.uniqueConstraints(), constraint, "such unique constraint on " + table)));
        }
    }

    record CreateIndex(String table, Index index) implements SchemaChange {
        public String description() {
            return "add " + Describe.index(table, index);
        }

        public SchemaChange reverse() {
            return new DropIndex(table, index);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withIndexes(Apply.plus(t.indexes(), index, "index on " + table)));
        }
    }

    record DropIndex(String table, Index index) implements SchemaChange {
        public String description() {
            return "drop " + Describe.index(table, index);
        }

        public SchemaChange reverse() {
            return new CreateIndex(table, index);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withIndexes(Apply.minus(t.indexes(), index, "such index on " + table)));
        }
    }

    record AddCheckConstraint(String table, CheckConstraint check) implements SchemaChange {
        public String description() {
            return "add check constraint " + Describe.name(check.name()) + "on " + table + " (" + check.expression() + ")";
        }

        public SchemaChange reverse() {
            return new DropCheckConstraint(table, check);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withChecks(Apply.plus(t.checks(), check, "check constraint on " + table)));
        }
    }

    record DropCheckConstraint(String table, CheckConstraint check) implements SchemaChange {
        public String description() {
            return "drop check constraint " + Describe.name(check.name()) + "on " + table + " (" + check.expression() + ")";
        }

        public SchemaChange reverse() {
            return new AddCheckConstraint(table, check);
        }

        public Schema applyTo(Schema s) {
            return Apply.table(s, table, t -> t.withChecks(Apply.minus(t.checks(), check, "such check constraint on " + table)));
        }
    }

    // ---- enum types and sequences (PostgreSQL)

    record CreateEnum(EnumType type) implements SchemaChange {
        public String description() {
            return "add enum type " + type.name() + " (" + String.join(", ", type.values()) + ")";
        }

        public SchemaChange reverse() {
            return new DropEnum(type);
        }

        public Schema applyTo(Schema s) {
            return s.withEnums(Apply.plus(s.enums(), type, "enum type " + type.name()));
        }
    }

    record DropEnum(EnumType type) implements SchemaChange {
        public String description() {
            return "drop enum type " + type.name();
        }

        public SchemaChange reverse() {
            return new CreateEnum(type);
        }

        public Schema applyTo(Schema s) {
            return s.withEnums(Apply.minus(s.enums(), type, "enum type " + type.name() + " as expected"));
        }
    }

    /**
     * New values of an enum type. {@link #kind()} says how: values only added (in place, with
     * {@code ADD VALUE}), values renamed in place ({@code RENAME VALUE}, only when
     * {@code renameValues}: same number of values, and the only differences are old values
     * replaced at their positions by names that were not taken), or
     * anything else, which needs the type recreated and loses the removed values.
     */
    record AlterEnum(EnumType from, EnumType to, boolean renameValues) implements SchemaChange {
        public enum Kind { ADD_VALUES, RENAME_VALUES, RECREATE }

        public AlterEnum {
            Invalid.check(from.name().equals(to.name()), "an altered enum type keeps its name");
        }

        public Kind kind() {
            List<String> kept = to.values().stream().filter(from.values()::contains).toList();
            if (kept.equals(from.values())) {
                return Kind.ADD_VALUES;
            }
            // Renaming in place only works when no new name is still taken by another old value.
            if (renameValues && from.values().size() == to.values().size()
                    && addedValues().size() == removedValues().size() && !addedValues().isEmpty()
                    && positionsOf(addedValues()).equals(positionsOfIn(removedValues(), from))) {
                return Kind.RENAME_VALUES;
            }
            return Kind.RECREATE;
        }

        private List<Integer> positionsOf(List<String> values) {
            return positionsOfIn(values, to);
        }

        private static List<Integer> positionsOfIn(List<String> values, EnumType type) {
            return values.stream().map(type.values()::indexOf).toList();
        }

        /** Values of {@code from} missing from {@code to}. */
        public List<String> removedValues() {
            return from.values().stream().filter(v -> !to.values().contains(v)).toList();
        }

        /** Values of {@code to} missing from {@code from}. */
        public List<String> addedValues() {
            return to.values().stream().filter(v -> !from.values().contains(v)).toList();
        }

        public String description() {
            String name = " enum type " + to.name();
            switch (kind()) {
                case ADD_VALUES:
                    return "add value" + (addedValues().size() == 1 ? " " : "s ") + quoted(addedValues()) + " to" + name;
                case RENAME_VALUES: {
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < from.values().size(); i++) {
                        if (!from.values().get(i).equals(to.values().get(i))) {
                            parts.add(quoted(List.of(from.values().get(i))) + " to " + quoted(List.of(to.values().get(i))));
                        }
                    }
                    return "rename value" + (parts.size() == 1 ? " " : "s ") + String.join(", ", parts) + " of" + name;
                }
                default:
                    return "change values of" + name + " (" + String.join(", ", from.values()) + ") -> ("
                            + String.join(", ", to.values()) + ")" + (removedValues().isEmpty() ? "" : ", removing " + quoted(removedValues()));
            }
        }

        private static String quoted(List<String> values) {
            return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
        }

        public SchemaChange reverse() {
            return new AlterEnum(to, from, renameValues);
        }

        public Schema applyTo(Schema s) {
            return s.withEnums(Apply.plus(Apply.minus(s.enums(), from, "enum type " + from.name() + " as expected"), to, "enum type"));
        }
    }

    record CreateSequence(Sequence sequence) implements SchemaChange {
        public String description() {
            return "add sequence " + sequence.name();
        }

        public SchemaChange reverse() {
            return new DropSequence(sequence);
        }

        public Schema applyTo(Schema s) {
            return s.withSequences(Apply.plus(s.sequences(), sequence, "sequence " + sequence.name()));
        }
    }

    record DropSequence(Sequence sequence) implements SchemaChange {
        public String description() {
            return "drop sequence " + sequence.name();
        }

        public SchemaChange reverse() {
            return new CreateSequence(sequence);
        }

        public Schema applyTo(Schema s) {
            return s.withSequences(Apply.minus(s.sequences(), sequence, "sequence " + sequence.name() + " as expected"));
        }
    }

    /** Type, start or increment of a sequence; its current value stays. */
    record AlterSequence(Sequence from, Sequence to) implements SchemaChange {
        public AlterSequence {
            Invalid.check(from.name().equals(to.name()), "an altered sequence keeps its name");
        }

        public String description() {
            List<String> parts = new ArrayList<>();
            if (!from.dataType().equals(to.dataType())) {
                parts.add("type " + from.dataType() + " -> " + to.dataType());
            }
            if (from.start() != to.start()) {
                parts.add("start " + from.start() + " -> " + to.start());
            }
            if (from.increment() != to.increment()) {
                parts.add("increment " + from.increment() + " -> " + to.increment());
            }
            return "alter sequence " + to.name() + ": " + String.join(", ", parts);
        }

        public SchemaChange reverse() {
            return new AlterSequence(to, from);
        }

        public Schema applyTo(Schema s) {
            return s.withSequences(Apply.plus(Apply.minus(s.sequences(), from, "sequence " + from.name() + " as expected"), to, "sequence"));
        }
    }
}
