package dev.pinwheel.migrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Small random schemas over tiny name pools, so two of them overlap a lot. */
final class RandomSchemas {

    private static final String[] TYPES = {"integer", "bigint", "text", "varchar(10)", "varchar(20)", "boolean", "mood"};
    private static final String[] DEFAULTS = {"0", "'x'", "now()"};

    private RandomSchemas() {
    }

    static Schema generate(Random r) {
        List<Table> tables = new ArrayList<>();
        int n = r.nextInt(5);
        List<String> names = new ArrayList<>(List.of("t0", "t1", "t2", "t3", "t4", "t5"));
        java.util.Collections.shuffle(names, r);
        for (int i = 0; i < n; i++) {
            tables.add(table(r, names.get(i), names.subList(0, n)));
        }
        List<EnumType> enums = new ArrayList<>();
        if (r.nextBoolean()) {
            List<String> values = new ArrayList<>(List.of("a", "b", "c", "d"));
            java.util.Collections.shuffle(values, r);
            enums.add(EnumType.of("mood", values.subList(0, 1 + r.nextInt(3))));
        }
        if (r.nextBoolean()) {
            enums.add(EnumType.of("color", "red", "green"));
        }
        List<Sequence> sequences = new ArrayList<>();
        if (r.nextBoolean()) {
            sequences.add(Sequence.of("seq").withIncrement(1 + r.nextInt(2)));
        }
        return Schema.of(tables, enums, sequences);
    }

    private static Table table(Random r, String name, List<String> tableNames) {
        List<Column> columns = new ArrayList<>();
        int nc = 1 + r.nextInt(4);
        // Every table has c0 first, so foreign keys (all to c0) refer to a real column.
        List<String> cnames = new ArrayList<>(List.of("c1", "c2", "c3", "c4"));
        java.util.Collections.shuffle(cnames, r);
        cnames.add(0, "c0");
        for (int i = 0; i < nc; i++) {
            Column c = Column.of(cnames.get(i), TYPES[r.nextInt(TYPES.length)]).withNullable(r.nextBoolean());
            int d = r.nextInt(6);
            if (d < DEFAULTS.length) {
                c = c.withDefault(DEFAULTS[d]);
            } else if (d == 5 && c.type().equals("integer")) {
                c = c.withIdentity(Identity.SERIAL);
            }
            if (r.nextInt(4) == 0) {
                c = c.withComment("note " + r.nextInt(2));
            }
            columns.add(c);
        }
        List<String> used = columns.stream().map(Column::name).toList();
        Table.Builder b = Table.builder(name);
        columns.forEach(b::column);
        if (r.nextBoolean()) {
            b.primaryKey(new PrimaryKey(name(r, "pk_" + name), List.of(used.get(0))));
        }
        if (r.nextBoolean()) {
            String other = tableNames.get(r.nextInt(tableNames.size()));
            b.foreignKey(new ForeignKey(name(r, "fk_" + name + "_" + other), List.of(used.get(r.nextInt(used.size()))), other,
                    List.of("c0"), r.nextBoolean() ? ReferentialAction.CASCADE : ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION));
        }
        if (r.nextBoolean()) {
            b.unique(new UniqueConstraint(name(r, "uq_" + name), List.of(used.get(r.nextInt(used.size())))));
        }
        if (r.nextBoolean()) {
            String col = used.get(r.nextInt(used.size()));
            List<Index.Element> elements = r.nextBoolean() ? List.of(Index.Element.column(col))
                    : List.of(Index.Element.expression("lower(" + col + ")"));
            b.index(new Index(Optional.of("ix_" + name + "_" + r.nextInt(2)), r.nextBoolean(), elements,
                    r.nextBoolean() ? Optional.empty() : Optional.of(col + " IS NOT NULL")));
        }
        if (r.nextBoolean()) {
            b.check(new CheckConstraint(name(r, "ck_" + name), used.get(0) + " IS NOT NULL OR 'c0' <> ''"));
        }
        if (r.nextInt(4) == 0) {
            b.comment("table note");
        }
        return b.build();
    }

    private static Optional<String> name(Random r, String name) {
        return r.nextInt(3) == 0 ? Optional.empty() : Optional.of(name);
    }

    /** A schema SQLite can hold: no enum types, sequences or serial columns, SQLite's words for defaults. */
    static Schema forSqlite(Schema s) {
        return Schema.of(s.tables().stream().map(t -> t.withColumns(t.columns().stream().map(c -> {
            Column out = c.withIdentity(Identity.NONE).withComment(null);
            if (out.type().equals("mood")) {
                out = out.withType("text");
            }
            if (out.serverDefault().equals(Optional.of("now()"))) {
                out = out.withDefault("CURRENT_TIMESTAMP");
            }
            return out;
        }).toList()).withComment(null)).toList());
    }

    /** A copy with some tables and columns renamed and a few other edits, so rename detection has work. */
    static Schema mutate(Schema s, Random r) {
        Schema out = s;
        for (Table t : s.tables()) {
            int what = r.nextInt(4);
            if (what == 0 && out.table("r_" + t.name()).isEmpty()) {
                out = Apply.renameTable(out, t.name(), "r_" + t.name());
            } else if (what == 1) {
                Column c = t.columns().get(r.nextInt(t.columns().size()));
                out = Apply.renameColumn(out, t.name(), c.name(), "r_" + c.name());
            } else if (what == 2) {
                Column c = t.columns().get(r.nextInt(t.columns().size()));
                String tn = t.name();
                out = Apply.table(out, tn, x -> x.withColumns(Apply.replace(x.columns(), y -> y.name().equals(c.name()),
                        y -> y.withNullable(!y.nullable()).withType(y.type().equals("text") ? "varchar(10)" : "text"))));
            }
        }
        return out;
    }
}
