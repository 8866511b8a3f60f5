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

    /**
     * A schema PostgreSQL accepts: defaults of the column's type, the mood enum wherever a column
     * uses it, expression indexes only over text, foreign keys only to a primary key of the same type.
     */
    static Schema forPostgres(Schema s) {
        List<Table> tables = new ArrayList<>();
        for (Table t : s.tables()) {
            // Primary key columns are NOT NULL in PostgreSQL.
            List<String> key = t.primaryKey().map(PrimaryKey::columns).orElse(List.of());
            List<Column> columns = t.columns().stream().map(c -> c.serverDefault().isEmpty() ? c
                    : c.withDefault(defaultFor(c.type()))).map(c -> key.contains(c.name()) ? c.notNull() : c).toList();
            // CREATE TABLE silently skips a UNIQUE that repeats the primary key.
            Table out = t.withColumns(columns).withUniqueConstraints(t.uniqueConstraints().stream()
                    .filter(u -> !t.primaryKey().map(pk -> pk.columns().equals(u.columns())).orElse(false)).toList());
            out = out.withIndexes(out.indexes().stream().map(i -> new Index(i.name(), i.unique(), i.elements().stream()
                    .map(e -> {
                        if (!e.expression()) {
                            return e;
                        }
                        String col = e.text().substring("lower(".length(), e.text().length() - 1);
                        String type = t.column(col).orElseThrow().type();
                        return type.equals("text") || type.startsWith("varchar") ? e : Index.Element.column(col);
                    }).toList(), i.where())).toList());
            tables.add(out);
        }
        List<Table> fixed = new ArrayList<>();
        for (Table t : tables) {
            fixed.add(t.withForeignKeys(t.foreignKeys().stream().filter(fk -> tables.stream()
                    .filter(o -> o.name().equals(fk.referredTable())).anyMatch(o ->
                            o.primaryKey().map(pk -> pk.columns().equals(List.of("c0"))).orElse(false)
                                    && o.column("c0").orElseThrow().type().equals(t.column(fk.columns().get(0)).orElseThrow().type())))
                    .toList()));
        }
        boolean moody = fixed.stream().anyMatch(t -> t.columns().stream().anyMatch(c -> c.type().equals("mood")));
        List<EnumType> enums = new ArrayList<>(s.enums().stream().filter(e -> !e.name().equals("mood")).toList());
        if (moody) {
            enums.add(s.enumType("mood").orElse(EnumType.of("mood", "a", "b")));
        }
        // PostgreSQL names every constraint; so does a database that pinwheel's migrations made.
        return NamingConvention.of(java.util.Map.of("pk", "pk_%(table_name)s", "uq", "uq_%(table_name)s_%(column_0_name)s",
                "ck", "ck_%(table_name)s", "fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"))
                .apply(Schema.of(fixed, enums, s.sequences()));
    }

    private static String defaultFor(String type) {
        switch (type) {
            case "integer": case "bigint": return "0";
            case "boolean": return "false";
            case "mood": return "NULL";
            default: return "'x'::text";
        }
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
