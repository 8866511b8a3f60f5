package dev.pinwheel.migrate.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One database schema as pinwheel compares it: tables, PostgreSQL enum types and standalone
 * sequences, each list sorted by name. Foreign keys may name tables outside the schema (they are
 * left alone); nothing else is checked across tables, because introspection filtered by name may
 * legitimately see only part of a database.
 */
public record Schema(List<Table> tables, List<EnumType> enums, List<Sequence> sequences) {

    public Schema {
        Invalid.check(tables != null && enums != null && sequences != null, "schema lists must not be null");
        tables = tables.stream().sorted(Comparator.comparing(Table::name)).toList();
        enums = enums.stream().sorted(Comparator.comparing(EnumType::name)).toList();
        sequences = sequences.stream().sorted(Comparator.comparing(Sequence::name)).toList();
        Invalid.unique(tables.stream().map(Table::name).toList(), "table");
        Invalid.unique(enums.stream().map(EnumType::name).toList(), "enum type");
        Invalid.unique(sequences.stream().map(Sequence::name).toList(), "sequence");
    }

    public static Schema of(List<Table> tables, List<EnumType> enums, List<Sequence> sequences) {
        return new Schema(tables, enums, sequences);
    }

    public static Schema of(List<Table> tables) {
        return new Schema(tables, List.of(), List.of());
    }

    public static Schema empty() {
        return new Schema(List.of(), List.of(), List.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<EnumType> enumType(String name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Sequence> sequence(String name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return tables.isEmpty() && enums.isEmpty() && sequences.isEmpty();
    }

    public Schema withTables(List<Table> newTables) {
        return new Schema(newTables, enums, sequences);
    }

    public Schema withEnums(List<EnumType> newEnums) {
        return new Schema(tables, newEnums, sequences);
    }

    public Schema withSequences(List<Sequence> newSequences) {
        return new Schema(tables, enums, newSequences);
    }
}
