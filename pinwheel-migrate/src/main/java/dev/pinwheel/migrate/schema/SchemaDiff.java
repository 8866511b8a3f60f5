package dev.pinwheel.migrate.schema;

import dev.pinwheel.migrate.schema.SchemaChange.AddCheckConstraint;
import dev.pinwheel.migrate.schema.SchemaChange.AddColumn;
import dev.pinwheel.migrate.schema.SchemaChange.AddForeignKey;
import dev.pinwheel.migrate.schema.SchemaChange.AddPrimaryKey;
import dev.pinwheel.migrate.schema.SchemaChange.AddUniqueConstraint;
import dev.pinwheel.migrate.schema.SchemaChange.AlterColumn;
import dev.pinwheel.migrate.schema.SchemaChange.AlterEnum;
import dev.pinwheel.migrate.schema.SchemaChange.AlterSequence;
import dev.pinwheel.migrate.schema.SchemaChange.AlterTableComment;
import dev.pinwheel.migrate.schema.SchemaChange.CreateEnum;
import dev.pinwheel.migrate.schema.SchemaChange.CreateIndex;
import dev.pinwheel.migrate.schema.SchemaChange.CreateSequence;
import dev.pinwheel.migrate.schema.SchemaChange.CreateTable;
import dev.pinwheel.migrate.schema.SchemaChange.DropCheckConstraint;
import dev.pinwheel.migrate.schema.SchemaChange.DropColumn;
import dev.pinwheel.migrate.schema.SchemaChange.DropEnum;
import dev.pinwheel.migrate.schema.SchemaChange.DropForeignKey;
import dev.pinwheel.migrate.schema.SchemaChange.DropIndex;
import dev.pinwheel.migrate.schema.SchemaChange.DropPrimaryKey;
import dev.pinwheel.migrate.schema.SchemaChange.DropSequence;
import dev.pinwheel.migrate.schema.SchemaChange.DropTable;
import dev.pinwheel.migrate.schema.SchemaChange.DropUniqueConstraint;
import dev.pinwheel.migrate.schema.SchemaChange.RenameColumn;
import dev.pinwheel.migrate.schema.SchemaChange.RenameTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares two schemas into the ordered list of changes that turns the first into the second.
 *
 * <p>Order (the downgrade is the same list reversed, so it is ordered too): new and changed enum
 * types and sequences; renames; dropped foreign keys; other dropped constraints and indexes;
 * dropped tables, referencing ones first (their names may be reused); added and altered columns;
 * new constraints and indexes on existing tables; new tables, referenced ones first; new foreign
 * keys (including those that close a cycle of new tables); dropped columns; dropped enum types
 * and sequences.
 *
 * <p>Constraints and indexes match when they are equal records: by name and content when named,
 * by content when unnamed; anything else is dropped and added. A dropped table and an added one
 * (or a dropped and an added column of one table) with the same shape, and no other candidate on
 * either side, are proposed as a rename with the evidence in words.
 */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /** The changes from {@code from} (the database) to {@code to} (the target); empty when they agree. */
    public static List<SchemaChange> compare(Schema from, Schema to, DiffOptions options) {
        return new Run(options).compare(from, to);
    }

    private static final class Run {
        private final DiffOptions options;
        private final List<SchemaChange> types = new ArrayList<>();
        private final List<SchemaChange> renames = new ArrayList<>();
        private final List<SchemaChange> dropForeignKeys = new ArrayList<>();
        private final List<SchemaChange> dropOthers = new ArrayList<>();
        private final List<SchemaChange> columns = new ArrayList<>();
        private final List<SchemaChange> addOthers = new ArrayList<>();
        private final List<SchemaChange> createTables = new ArrayList<>();
        private final List<SchemaChange> addForeignKeys = new ArrayList<>();
        private final List<SchemaChange> dropColumns = new ArrayList<>();
        private final List<SchemaChange> dropTables = new ArrayList<>();
        private final List<SchemaChange> dropTypes = new ArrayList<>();
        private final Set<DropForeignKey> detach = new java.util.LinkedHashSet<>();

        Run(DiffOptions options) {
            this.options = options;
        }

        List<SchemaChange> compare(Schema from, Schema to) {
            Schema original = options.prepare(from);
            Schema b = options.prepare(to);
            compareEnums(original, b);
            compareSequences(original, b);
            Schema a = original;
            List<Table> dropped = original.tables().stream().filter(t -> b.table(t.name()).isEmpty()).toList();
            List<Table> added = b.tables().stream().filter(t -> original.table(t.name()).isEmpty()).toList();
            if (options.renameDetection()) {
                for (Pair<Table> p : uniquePairs(dropped, added, (x, y) -> tableShape(x).equals(tableShape(y)))) {
                    renames.add(new RenameTable(p.from.name(), p.to.name(), tableEvidence(p.from, p.to)));
                    a = Apply.renameTable(a, p.from.name(), p.to.name());
                }
                for (Table y : b.tables()) {
                    if (a.table(y.name()).isPresent()) {
                        a = detectColumnRenames(a, a.table(y.name()).orElseThrow(), y);
                    }
                }
            }
            Schema compared = a;
            for (Table y : b.tables()) {
                compared.table(y.name()).ifPresent(x -> compareTable(compared, x, y));
            }
            Schema state = reattach(compared, b);
            List<Table> created = b.tables().stream().filter(t -> state.table(t.name()).isEmpty()).toList();
            Ordered create = dependencyOrder(created);
            create.tables.forEach(t -> createTables.add(new CreateTable(t)));
            create.detached.forEach((t, fks) -> fks.forEach(fk -> addForeignKeys.add(new AddForeignKey(t, fk))));
            List<Table> gone = state.tables().stream().filter(t -> b.table(t.name()).isEmpty()).toList();
            Ordered drop = dependencyOrder(gone);
            drop.detached.forEach((t, fks) -> fks.forEach(fk -> dropForeignKeys.add(new DropForeignKey(t, fk))));
            for (int i = drop.tables.size() - 1; i >= 0; i--) {
                dropTables.add(new DropTable(drop.tables.get(i)));
            }

            List<SchemaChange> out = new ArrayList<>();
            // Tables go before anything is created: index and constraint names are schema-wide, and a
            // new table may reuse the names of one that goes.
            for (List<SchemaChange> phase : List.of(types, renames, dropForeignKeys, dropOthers, dropTables, columns,
                    addOthers, createTables, addForeignKeys, dropColumns, dropTypes)) {
                out.addAll(phase);
            }
            return List.copyOf(out);
        }

        private void compareEnums(Schema a, Schema b) {
            for (EnumType y : b.enums()) {
                a.enumType(y.name()).ifPresentOrElse(
                        x -> {
                            if (!x.equals(y)) {
                                types.add(new AlterEnum(x, y, options.renameDetection()));
                            }
                        },
                        () -> types.add(new CreateEnum(y)));
            }
            a.enums().stream().filter(x -> b.enumType(x.name()).isEmpty()).forEach(x -> dropTypes.add(new DropEnum(x)));
        }

        private void compareSequences(Schema a, Schema b) {
            for (Sequence y : b.sequences()) {
                a.sequence(y.name()).ifPresentOrElse(
                        x -> {
                            if (!x.equals(y)) {
                                types.add(new AlterSequence(x, y));
                            }
                        },
                        () -> types.add(new CreateSequence(y)));
            }
            a.sequences().stream().filter(x -> b.sequence(x.name()).isEmpty()).forEach(x -> dropTypes.add(new DropSequence(x)));
        }

        private Schema detectColumnRenames(Schema a, Table x, Table y) {
            List<Column> dropped = x.columns().stream().filter(c -> y.column(c.name()).isEmpty()).toList();
            List<Column> added = y.columns().stream().filter(c -> x.column(c.name()).isEmpty()).toList();
            for (Pair<Column> p : uniquePairs(dropped, added, (c, d) -> c.shape().equals(d.shape()))) {
                String evidence = "column " + x.name() + "." + p.from.name() + " was dropped and " + x.name() + "." + p.to.name()
                        + " added, both " + Describe.column(p.to) + "; no other dropped or added column of " + x.name()
                        + " has this shape";
                renames.add(new RenameColumn(x.name(), p.from.name(), p.to.name(), evidence));
                a = Apply.renameColumn(a, x.name(), p.from.name(), p.to.name());
            }
            return a;
        }

        private void compareTable(Schema a, Table x, Table y) {
            String t = y.name();
            for (Column c : y.columns()) {
                x.column(c.name()).ifPresentOrElse(
                        old -> {
                            if (!old.equals(c)) {
                                columns.add(new AlterColumn(t, old, c));
                                if (!old.type().equals(c.type())) {
                                    detachForeignKeysOn(a, t, c.name());
                                }
                            }
                        },
                        () -> columns.add(new AddColumn(t, c)));
            }
            x.columns().stream().filter(c -> y.column(c.name()).isEmpty()).forEach(c -> dropColumns.add(new DropColumn(t, c)));
            if (!x.comment().equals(y.comment())) {
                columns.add(new AlterTableComment(t, x.comment(), y.comment()));
            }
            if (!x.primaryKey().equals(y.primaryKey())) {
                x.primaryKey().ifPresent(pk -> {
                    dropOthers.add(new DropPrimaryKey(t, pk));
                    detachReferences(a, t, pk.columns());
                });
                y.primaryKey().ifPresent(pk -> addOthers.add(new AddPrimaryKey(t, pk)));
            }
            match(x.foreignKeys(), y.foreignKeys(), fk -> dropForeignKeys.add(new DropForeignKey(t, fk)),
                    fk -> addForeignKeys.add(new AddForeignKey(t, fk)));
            match(x.uniqueConstraints(), y.uniqueConstraints(), u -> {
                dropOthers.add(new DropUniqueConstraint(t, u));
                detachReferences(a, t, u.columns());
            }, u -> addOthers.add(new AddUniqueConstraint(t, u)));
            match(x.indexes(), y.indexes(), i -> {
                dropOthers.add(new DropIndex(t, i));
                if (i.unique() && i.where().isEmpty() && i.columns().size() == i.elements().size()) {
                    detachReferences(a, t, i.columns());
                }
            }, i -> addOthers.add(new CreateIndex(t, i)));
            match(x.checks(), y.checks(), c -> dropOthers.add(new DropCheckConstraint(t, c)),
                    c -> addOthers.add(new AddCheckConstraint(t, c)));
        }

        /**
         * A key that foreign keys rely on cannot be dropped under them (PostgreSQL refuses), so
         * foreign keys that stay are dropped first and added back after the key is replaced.
         */
        private void detachReferences(Schema a, String table, List<String> keyColumns) {
            Set<String> key = Set.copyOf(keyColumns);
            detachIf(a, (owner, fk) -> fk.referredTable().equals(table) && Set.copyOf(fk.referredColumns()).equals(key));
        }

        /**
         * A column whose type changes cannot stay in a foreign key while it does: PostgreSQL
         * rechecks the constraint after each ALTER and refuses the moment the two sides differ.
         * Foreign keys on either side of the column are dropped first and added back after.
         */
        private void detachForeignKeysOn(Schema a, String table, String column) {
            detachIf(a, (owner, fk) -> fk.runsOver(owner, table, column));
        }

        /** Detaches every foreign key of {@code a} that {@code test} picks (given its table's name). */
        private void detachIf(Schema a, BiPredicate<String, ForeignKey> test) {
            for (Table other : a.tables()) {
                for (ForeignKey fk : other.foreignKeys()) {
                    if (test.test(other.name(), fk)) {
                        detach.add(new DropForeignKey(other.name(), fk));
                    }
                }
            }
        }

        /**
         * Detached foreign keys that the plain diff keeps are dropped and added back; those of
         * tables that go away are dropped before the key, and the dropped table is left without them.
         */
        private Schema reattach(Schema state, Schema b) {
            for (DropForeignKey d : detach) {
                if (dropForeignKeys.contains(d)) {
                    continue;
                }
                dropForeignKeys.add(d);
                if (b.table(d.table()).isPresent()) {
                    addForeignKeys.add(d.reverse());
                } else {
                    state = d.applyTo(state);
                }
            }
            return state;
        }

        /** Multiset difference: equal records match, the rest of {@code xs} is dropped and of {@code ys} added. */
        private static <T> void match(List<T> xs, List<T> ys, Consumer<T> drop, Consumer<T> add) {
            List<T> remaining = new ArrayList<>(ys);
            for (T x : xs) {
                if (!remaining.remove(x)) {
                    drop.accept(x);
                }
            }
            remaining.forEach(add);
        }
    }

    // ---- post-processing shared by create and drop

    /** Tables in dependency order; foreign keys that would close a cycle are detached. */
    private record Ordered(List<Table> tables, Map<String, List<ForeignKey>> detached) {
    }

    private static Ordered dependencyOrder(List<Table> tables) {
        Map<String, Table> pending = new TreeMap<>();
        tables.forEach(t -> pending.put(t.name(), t));
        Set<String> names = Set.copyOf(pending.keySet());
        Set<String> done = new HashSet<>();
        List<Table> out = new ArrayList<>();
        Map<String, List<ForeignKey>> detached = new TreeMap<>();
        while (!pending.isEmpty()) {
            Table next = pending.values().stream()
                    .filter(t -> t.foreignKeys().stream().allMatch(fk -> ready(fk, t, names, done)))
                    .findFirst().orElse(pending.values().iterator().next());
            List<ForeignKey> cut = next.foreignKeys().stream().filter(fk -> !ready(fk, next, names, done)).toList();
            if (!cut.isEmpty()) {
                detached.put(next.name(), cut);
            }
            List<ForeignKey> kept = new ArrayList<>(next.foreignKeys());
            kept.removeAll(cut);
            out.add(next.withForeignKeys(kept));
            done.add(next.name());
            pending.remove(next.name());
        }
        return new Ordered(out, detached);
    }

    private static boolean ready(ForeignKey fk, Table t, Set<String> names, Set<String> done) {
        return fk.referredTable().equals(t.name()) || !names.contains(fk.referredTable()) || done.contains(fk.referredTable());
    }

    // ---- rename detection

    private record Pair<T>(T from, T to) {
    }

    /** Pairs where each side has exactly one candidate on the other: an unambiguous match. */
    private static <T> List<Pair<T>> uniquePairs(List<T> dropped, List<T> added, BiPredicate<T, T> same) {
        List<Pair<T>> out = new ArrayList<>();
        for (T d : dropped) {
            List<T> candidates = added.stream().filter(x -> same.test(d, x)).toList();
            if (candidates.size() == 1 && dropped.stream().filter(x -> same.test(x, candidates.get(0))).count() == 1) {
                out.add(new Pair<>(d, candidates.get(0)));
            }
        }
        return out;
    }

    /** Everything but the names of the table and its constraints, order-free. */
    static List<String> tableShape(Table t) {
        if (t.columns().isEmpty()) {
            return List.of("empty " + t.name());  // nothing to recognize an empty table by
        }
        Function<ForeignKey, String> fk = f -> "fk " + f.columns() + " -> "
                + (f.referredTable().equals(t.name()) ? "<self>" : f.referredTable()) + f.referredColumns() + f.onDelete() + f.onUpdate();
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add("column " + c));
        t.primaryKey().ifPresent(pk -> parts.add("pk " + pk.columns()));
        t.foreignKeys().forEach(f -> parts.add(fk.apply(f)));
        t.uniqueConstraints().forEach(u -> parts.add("uq " + u.columns()));
        t.indexes().forEach(i -> parts.add("ix " + i.unique() + i.elements() + i.where()));
        t.checks().forEach(c -> parts.add("ck " + c.expression()));
        parts.add("comment " + t.comment());
        return parts.stream().sorted().toList();
    }

    private static String tableEvidence(Table from, Table to) {
        String cols = to.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        int constraints = (to.primaryKey().isPresent() ? 1 : 0) + to.foreignKeys().size() + to.uniqueConstraints().size()
                + to.checks().size() + to.indexes().size();
        return "table " + from.name() + " was dropped and " + to.name() + " added with the same " + to.columns().size()
                + " column" + (to.columns().size() == 1 ? "" : "s") + " (" + cols + ")"
                + (constraints == 0 ? "" : " and the same " + constraints + " constraints and indexes")
                + "; no other dropped or added table has this shape";
    }
}
