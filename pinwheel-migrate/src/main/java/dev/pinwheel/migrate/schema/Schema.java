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
        return byName(tables, Table::name, name);
    }

    public Optional<EnumType> enumType(String name) {
        return byName(enums, EnumType::name, name);
    }

    public Optional<Sequence> sequence(String name) {
        return byName(sequences, Sequence::name, name);
    }

    /** A binary search of a list sorted by name (a diff looks up every table of the other side). */
    private static <T> Optional<T> byName(List<T> sorted, java.util.function.Function<T, String> nameOf, String name) {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            T item = sorted.get(mid);
            int c = nameOf.apply(item).compareTo(name);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return Optional.of(item);
            }
        }
        return Optional.empty();
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
