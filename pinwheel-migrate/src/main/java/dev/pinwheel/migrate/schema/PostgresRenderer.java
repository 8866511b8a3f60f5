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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PostgreSQL: every change in place with ALTER. Serial columns are written as
 * {@code serial}/{@code bigserial}, identity columns as {@code GENERATED ... AS IDENTITY}; an enum
 * type that loses values is recreated and its columns converted through {@code text}.
 */
final class PostgresRenderer extends BaseRenderer {

    @Override
    public String dialect() {
        return "postgresql";
    }

    @Override
    String renderAll(Schema start, List<SchemaChange> changes) {
        List<Block> blocks = new ArrayList<>();
        Set<String> newTables = new HashSet<>();
        Schema state = start;
        for (SchemaChange c : changes) {
            blocks.add(render(state, c, newTables));
            if (c instanceof CreateTable ct) {
                newTables.add(ct.table().name());
            } else if (c instanceof RenameTable rt && newTables.remove(rt.from())) {
                newTables.add(rt.to());
            }
            state = c.applyTo(state);
        }
        return join(blocks);
    }

    private Block render(Schema state, SchemaChange change, Set<String> newTables) {
        Block b = new Block(change.description());
        if (change instanceof CreateTable c) {
            createTable(b, c.table());
        } else if (change instanceof DropTable c) {
            b.review(dropTableReview(c.table().name())).sql("DROP TABLE " + q(c.table().name()));
        } else if (change instanceof RenameTable c) {
            b.review(renameReview(c.evidence())).sql("ALTER TABLE " + q(c.from()) + " RENAME TO " + q(c.to()));
        } else if (change instanceof AlterTableComment c) {
            b.sql("COMMENT ON TABLE " + q(c.table()) + " IS " + c.to().map(BaseRenderer::literal).orElse("NULL"));
        } else if (change instanceof AddColumn c) {
            Column col = c.column();
            if (!col.nullable() && col.serverDefault().isEmpty() && col.identity() == Identity.NONE && !newTables.contains(c.table())) {
                b.review("adds NOT NULL column " + c.table() + "." + col.name()
                        + " without a default: fails if the table has rows; add a server default or fill it in steps");
            }
            b.sql("ALTER TABLE " + q(c.table()) + " ADD COLUMN " + columnDefinition(col));
            col.comment().ifPresent(text -> b.sql(commentOnColumn(c.table(), col.name(), Optional.of(text))));
        } else if (change instanceof DropColumn c) {
            b.review(dropColumnReview(c.table(), c.column().name()))
                    .sql("ALTER TABLE " + q(c.table()) + " DROP COLUMN " + q(c.column().name()));
        } else if (change instanceof RenameColumn c) {
            b.review(renameReview(c.evidence()))
                    .sql("ALTER TABLE " + q(c.table()) + " RENAME COLUMN " + q(c.from()) + " TO " + q(c.to()));
        } else if (change instanceof AlterColumn c) {
            alterColumn(b, state, c.table(), c.from(), c.to());
        } else if (change instanceof AddPrimaryKey c) {
            lockReview(b, c.table(), newTables, "primary key");
            b.sql("ALTER TABLE " + q(c.table()) + " ADD " + primaryKeyClause(c.primaryKey()));
        } else if (change instanceof DropPrimaryKey c) {
            b.sql(dropConstraint(c.table(), c.primaryKey().name(), "primary key"));
        } else if (change instanceof AddForeignKey c) {
            b.sql("ALTER TABLE " + q(c.table()) + " ADD " + foreignKeyClause(c.foreignKey()));
        } else if (change instanceof DropForeignKey c) {
            b.sql(dropConstraint(c.table(), c.foreignKey().name(), "foreign key"));
        } else if (change instanceof AddUniqueConstraint c) {
            lockReview(b, c.table(), newTables, "unique constraint");
            b.sql("ALTER TABLE " + q(c.table()) + " ADD " + uniqueClause(c.constraint()));
        } else if (change instanceof DropUniqueConstraint c) {
            b.sql(dropConstraint(c.table(), c.constraint().name(), "unique constraint"));
        } else if (change instanceof AddCheckConstraint c) {
            b.sql("ALTER TABLE " + q(c.table()) + " ADD " + checkClause(c.check()));
        } else if (change instanceof DropCheckConstraint c) {
            b.sql(dropConstraint(c.table(), c.check().name(), "check constraint"));
        } else if (change instanceof CreateIndex c) {
            if (!newTables.contains(c.table())) {
                b.review("builds index " + c.index().name().orElse("") + " without CONCURRENTLY: writes to " + c.table()
                        + " wait until it is built; for a big table use CREATE INDEX CONCURRENTLY in a script that runs outside a transaction");
            }
            b.sql(createIndex(c.table(), c.index()));
        } else if (change instanceof DropIndex c) {
            b.sql("DROP INDEX " + q(named(c.index().name(), "index on " + c.table())));
        } else if (change instanceof CreateEnum c) {
            b.sql("CREATE TYPE " + q(c.type().name()) + " AS ENUM (" + values(c.type().values()) + ")");
        } else if (change instanceof DropEnum c) {
            b.review("drops enum type " + c.type().name()).sql("DROP TYPE " + q(c.type().name()));
        } else if (change instanceof AlterEnum c) {
            alterEnum(b, state, c);
        } else if (change instanceof CreateSequence c) {
            Sequence s = c.sequence();
            b.sql("CREATE SEQUENCE " + q(s.name()) + " AS " + s.dataType() + " START WITH " + s.start() + " INCREMENT BY " + s.increment());
        } else if (change instanceof DropSequence c) {
            b.review("drops sequence " + c.sequence().name() + " and its current value").sql("DROP SEQUENCE " + q(c.sequence().name()));
        } else if (change instanceof AlterSequence c) {
            StringBuilder sql = new StringBuilder("ALTER SEQUENCE " + q(c.to().name()));
            if (!c.from().dataType().equals(c.to().dataType())) {
                sql.append(" AS ").append(c.to().dataType());
            }
            if (c.from().start() != c.to().start()) {
                sql.append(" START WITH ").append(c.to().start());
            }
            if (c.from().increment() != c.to().increment()) {
                sql.append(" INCREMENT BY ").append(c.to().increment());
            }
            b.sql(sql.toString());
        } else {
            throw new IllegalStateException("unrendered change " + change);
        }
        return b;
    }

    private static void lockReview(Block b, String table, Set<String> newTables, String what) {
        if (!newTables.contains(table)) {
            b.review("adding the " + what + " builds a unique index while writes to " + table + " wait");
        }
    }

    private static String dropConstraint(String table, Optional<String> name, String what) {
        return "ALTER TABLE " + q(table) + " DROP CONSTRAINT " + q(named(name, what + " on " + table));
    }

    private static String values(List<String> values) {
        return values.stream().map(BaseRenderer::literal).collect(Collectors.joining(", "));
    }

    static String columnDefinition(Column c) {
        StringBuilder b = new StringBuilder(q(c.name())).append(' ');
        switch (c.identity()) {
            case SERIAL:
                b.append(serialType(c.type()));
                break;
            case ALWAYS:
                b.append(c.type()).append(" GENERATED ALWAYS AS IDENTITY");
                break;
            case BY_DEFAULT:
                b.append(c.type()).append(" GENERATED BY DEFAULT AS IDENTITY");
                break;
            default:
                b.append(c.type());
        }
        if (!c.nullable()) {
            b.append(" NOT NULL");
        }
        c.serverDefault().ifPresent(d -> b.append(" DEFAULT ").append(d));
        return b.toString();
    }

    private static String serialType(String type) {
        switch (type) {
            case "bigint": return "bigserial";
            case "smallint": return "smallserial";
            default: return "serial";
        }
    }

    private static String commentOnColumn(String table, String column, Optional<String> text) {
        return "COMMENT ON COLUMN " + q(table) + "." + q(column) + " IS " + text.map(BaseRenderer::literal).orElse("NULL");
    }

    private static void createTable(Block b, Table t) {
        List<String> lines = new ArrayList<>();
        t.columns().forEach(c -> lines.add(columnDefinition(c)));
        t.primaryKey().ifPresent(pk -> lines.add(primaryKeyClause(pk)));
        t.uniqueConstraints().forEach(u -> lines.add(uniqueClause(u)));
        t.checks().forEach(c -> lines.add(checkClause(c)));
        t.foreignKeys().forEach(fk -> lines.add(foreignKeyClause(fk)));
        b.sql("CREATE TABLE " + q(t.name()) + " (\n    " + String.join(",\n    ", lines) + "\n)");
        t.indexes().forEach(i -> b.sql(createIndex(t.name(), i)));
        t.comment().ifPresent(text -> b.sql("COMMENT ON TABLE " + q(t.name()) + " IS " + literal(text)));
        t.columns().forEach(c -> c.comment().ifPresent(text -> b.sql(commentOnColumn(t.name(), c.name(), Optional.of(text)))));
    }

    private static void alterColumn(Block b, Schema state, String table, Column from, Column to) {
        String alter = "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(to.name()) + " ";
        boolean typeChanged = !from.type().equals(to.type());
        boolean defaultChanged = !from.serverDefault().equals(to.serverDefault());
        boolean identityChanged = from.identity() != to.identity();
        reviewColumnChange(b, table, from, to);
        boolean switchGenerated = identityChanged && generated(from.identity()) && generated(to.identity());
        if (identityChanged && !switchGenerated) {
            if (generated(from.identity())) {
                b.sql(alter + "DROP IDENTITY");
            } else if (from.identity() == Identity.SERIAL) {
                // The owned sequence stays (dropped with the column); without the default it is inert.
                b.sql(alter + "DROP DEFAULT");
            }
        }
        if (from.serverDefault().isPresent() && (typeChanged || (defaultChanged && to.serverDefault().isEmpty()))) {
            b.sql(alter + "DROP DEFAULT");
        }
        if (typeChanged) {
            TypeChange kind = TypeChange.of(from.type(), to.type());
            String type = to.type();
            b.sql(alter + "TYPE " + type + (kind == TypeChange.CONVERSION
                    ? " USING " + q(to.name()) + castPath(state, from.type(), type) + type : ""));
        }
        if (from.nullable() != to.nullable()) {
            b.sql(alter + (to.nullable() ? "DROP NOT NULL" : "SET NOT NULL"));
        }
        if (to.serverDefault().isPresent() && (defaultChanged || (typeChanged && from.serverDefault().isPresent()))) {
            b.sql(alter + "SET DEFAULT " + to.serverDefault().get());
        }
        if (switchGenerated) {
            b.sql(alter + "SET GENERATED " + (to.identity() == Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT"));
        } else if (identityChanged && generated(to.identity())) {
            b.sql(alter + "ADD GENERATED " + (to.identity() == Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY");
            b.sql(restartAfterExistingRows(table, to.name()));
        } else if (identityChanged && to.identity() == Identity.SERIAL) {
            String seq = q(table + "_" + to.name() + "_seq");
            b.sql("CREATE SEQUENCE IF NOT EXISTS " + seq + " OWNED BY " + q(table) + "." + q(to.name()));
            b.sql(alter + "SET DEFAULT nextval(" + literal(table + "_" + to.name() + "_seq") + "::regclass)");
            b.sql(restartAfterExistingRows(table, to.name()));
        }
        if (!from.comment().equals(to.comment())) {
            b.sql(commentOnColumn(table, to.name(), to.comment()));
        }
    }

    /**
     * The casts before the final {@code ::type}: an enum value casts only to and from text, and a
     * boolean only to and from {@code integer}.
     */
    private static String castPath(Schema state, String from, String to) {
        if (state.enumType(from).isPresent() || state.enumType(to).isPresent()) {
            return "::text::";
        }
        boolean ints = INTEGERS.contains(from) || INTEGERS.contains(to);
        if (ints && (from.equals("boolean") || to.equals("boolean"))) {
            return "::integer::";
        }
        return "::";
    }

    private static final java.util.Set<String> INTEGERS = java.util.Set.of("smallint", "integer", "bigint");

    private static boolean generated(Identity i) {
        return i == Identity.ALWAYS || i == Identity.BY_DEFAULT;
    }

    /** Existing rows already hold values; the generator must start after them. */
    private static String restartAfterExistingRows(String table, String column) {
        return "SELECT setval(pg_get_serial_sequence(" + literal(q(table)) + ", " + literal(column) + "), COALESCE(max("
                + q(column) + "), 0) + 1, false) FROM " + q(table);
    }

    private static void alterEnum(Block b, Schema state, AlterEnum c) {
        String type = q(c.to().name());
        switch (c.kind()) {
            case ADD_VALUES: {
                List<String> present = new ArrayList<>(c.from().values());
                List<String> target = c.to().values();
                for (int i = 0; i < target.size(); i++) {
                    String v = target.get(i);
                    if (present.contains(v)) {
                        continue;
                    }
                    String where = "";
                    if (i > 0) {
                        where = " AFTER " + literal(target.get(i - 1));
                    } else if (!present.isEmpty()) {
                        where = " BEFORE " + literal(present.get(0));
                    }
                    b.sql("ALTER TYPE " + type + " ADD VALUE " + literal(v) + where);
                    present.add(v);
                }
                b.review("a value added with ALTER TYPE ... ADD VALUE cannot be used before this transaction commits");
                break;
            }
            case RENAME_VALUES: {
                List<String> evidence = new ArrayList<>();
                List<String[]> renames = new ArrayList<>();
                for (int i = 0; i < c.from().values().size(); i++) {
                    String old = c.from().values().get(i);
                    String now = c.to().values().get(i);
                    if (!old.equals(now)) {
                        evidence.add("'" + old + "' to '" + now + "' at position " + (i + 1));
                        renames.add(new String[] {old, now});
                    }
                }
                // Labels that trade places ('a' -> 'b' while 'b' -> 'a') would collide: such renames
                // go through temporary labels, as a swap of two variables does.
                boolean collide = renames.stream().anyMatch(r -> c.from().values().contains(r[1]));
                for (int i = 0; collide && i < renames.size(); i++) {
                    String temporary = "_pinwheel_tmp_" + (i + 1);
                    b.sql("ALTER TYPE " + type + " RENAME VALUE " + literal(renames.get(i)[0]) + " TO " + literal(temporary));
                    renames.get(i)[0] = temporary;
                }
                for (String[] r : renames) {
                    b.sql("ALTER TYPE " + type + " RENAME VALUE " + literal(r[0]) + " TO " + literal(r[1]));
                }
                b.review(renameReview("enum type " + c.to().name() + " keeps its number of values and changes "
                        + String.join(", ", evidence) + "; rows holding the old value will read the new one"));
                break;
            }
            default: {
                String old = q(c.to().name() + "_old");
                List<String[]> usages = new ArrayList<>();
                for (Table t : state.tables()) {
                    for (Column col : t.columns()) {
                        String array = col.type().startsWith(c.from().name()) ? col.type().substring(c.from().name().length()) : null;
                        if (array != null && array.matches("(\\[\\d*\\])*")) {
                            usages.add(new String[] {t.name(), col.name(), array, col.serverDefault().orElse(null)});
                        }
                    }
                }
                if (!c.removedValues().isEmpty()) {
                    b.review("removes " + c.removedValues().stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "))
                            + " from enum type " + c.to().name() + ": rows holding them make this fail; UPDATE them first");
                }
                // A foreign key between two columns of the type cannot hold while one is converted and
                // the other not yet: PostgreSQL checks it after each ALTER. Such keys go and come back.
                List<Map.Entry<String, ForeignKey>> keys = new ArrayList<>();
                for (Table t : state.tables()) {
                    for (ForeignKey fk : t.foreignKeys()) {
                        if (usages.stream().anyMatch(u -> fk.runsOver(t.name(), u[0], u[1]))) {
                            keys.add(Map.entry(t.name(), fk));
                        }
                    }
                }
                b.sql("ALTER TYPE " + type + " RENAME TO " + old);
                b.sql("CREATE TYPE " + type + " AS ENUM (" + values(c.to().values()) + ")");
                keys.forEach(k -> b.sql(dropConstraint(k.getKey(), k.getValue().name(), "foreign key")));
                for (String[] u : usages) {
                    String alter = "ALTER TABLE " + q(u[0]) + " ALTER COLUMN " + q(u[1]) + " ";
                    if (u[3] != null) {
                        b.sql(alter + "DROP DEFAULT");
                    }
                    b.sql(alter + "TYPE " + type + u[2] + " USING " + q(u[1]) + "::text" + u[2] + "::" + type + u[2]);
                    if (u[3] != null) {
                        b.sql(alter + "SET DEFAULT " + u[3]);
                    }
                }
                keys.forEach(k -> b.sql("ALTER TABLE " + q(k.getKey()) + " ADD " + foreignKeyClause(k.getValue())));
                b.sql("DROP TYPE " + old);
            }
        }
    }
}
