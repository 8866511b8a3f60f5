package dev.pinwheel.migrate.schema;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.schema.SchemaChange.AddColumn;
import dev.pinwheel.migrate.schema.SchemaChange.AlterColumn;
import dev.pinwheel.migrate.schema.SchemaChange.AlterEnum;
import dev.pinwheel.migrate.schema.SchemaChange.AlterSequence;
import dev.pinwheel.migrate.schema.SchemaChange.AlterTableComment;
import dev.pinwheel.migrate.schema.SchemaChange.CreateEnum;
import dev.pinwheel.migrate.schema.SchemaChange.CreateIndex;
import dev.pinwheel.migrate.schema.SchemaChange.CreateSequence;
import dev.pinwheel.migrate.schema.SchemaChange.CreateTable;
import dev.pinwheel.migrate.schema.SchemaChange.DropColumn;
import dev.pinwheel.migrate.schema.SchemaChange.DropEnum;
import dev.pinwheel.migrate.schema.SchemaChange.DropIndex;
import dev.pinwheel.migrate.schema.SchemaChange.DropSequence;
import dev.pinwheel.migrate.schema.SchemaChange.DropTable;
import dev.pinwheel.migrate.schema.SchemaChange.RenameColumn;
import dev.pinwheel.migrate.schema.SchemaChange.RenameTable;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SQLite: ALTER TABLE can only rename tables and columns, add simple columns and drop columns
 * nothing depends on. Every other change to an existing table is a rebuild — create the new
 * shape under a temporary name, copy the rows, drop the old table, rename, restore the indexes —
 * done once per table however many changes it has. Changes to a table created in the same
 * revision are folded into its CREATE TABLE, those to a table dropped later into its DROP TABLE. SQLite has no comments, enum types or sequences.
 *
 * <p>The rebuild drops a table that others may refer to, so it relies on foreign key
 * enforcement being off while the script runs, as it is on pinwheel's connections.
 */
final class SqliteRenderer extends BaseRenderer {

    static final String TEMP_PREFIX = "_pinwheel_tmp_";

    @Override
    public String dialect() {
        return "sqlite";
    }

    @Override
    String renderAll(Schema start, List<SchemaChange> changes) {
        int n = changes.size();
        List<Schema> states = new ArrayList<>(List.of(start));
        for (SchemaChange c : changes) {
            states.add(c.applyTo(states.get(states.size() - 1)));
        }
        // Group the changes of one table between the events that change which table a name means.
        Map<String, Integer> epoch = new HashMap<>();
        String[] key = new String[n];
        Map<String, Integer> createdAt = new HashMap<>();
        Map<String, Integer> droppedAt = new HashMap<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            SchemaChange c = changes.get(i);
            if (c instanceof CreateTable ct) {
                epoch.merge(ct.table().name(), 1, Integer::sum);
                String k = key(ct.table().name(), epoch);
                createdAt.put(k, i);
                key[i] = k;
                groups.put(k, new ArrayList<>());
            } else if (c instanceof DropTable dt) {
                String k = key(dt.table().name(), epoch);
                key[i] = k;
                droppedAt.put(k, i);
                epoch.merge(dt.table().name(), 1, Integer::sum);
            } else if (c instanceof RenameTable rt) {
                epoch.merge(rt.from(), 1, Integer::sum);
                epoch.merge(rt.to(), 1, Integer::sum);
            } else {
                Optional<String> t = tableOf(c);
                if (t.isPresent()) {
                    String k = key(t.get(), epoch);
                    key[i] = k;
                    groups.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SchemaChange c = changes.get(i);
            if (c instanceof CreateTable ct) {
                List<Integer> folded = groups.get(key[i]);
                int last = folded.isEmpty() ? i : folded.get(folded.size() - 1);
                Table table = states.get(last + 1).table(ct.table().name()).orElseThrow();
                Block b = new Block(c.description());
                folded.forEach(j -> b.comments.add(changes.get(j).description() + " (folded into CREATE TABLE)"));
                createTable(b, table.name(), table);
                blocks.add(b);
            } else if (c instanceof DropTable dt) {
                // Changes to a table that is dropped afterwards are moot (SQLite checks no references on DROP).
                Block b = new Block(c.description());
                groups.getOrDefault(key[i], List.of()).forEach(j -> b.comments.add(changes.get(j).description() + " (folded into DROP TABLE)"));
                b.review(dropTableReview(dt.table().name())).sql("DROP TABLE " + q(dt.table().name()));
                blocks.add(b);
            } else if (key[i] != null) {
                String k = key[i];
                List<Integer> group = groups.get(k);
                if (createdAt.containsKey(k) || droppedAt.containsKey(k)) {
                    continue;
                }
                if (cancelsOut(changes, states, group)) {
                    continue;
                }
                boolean rebuild = group.stream().anyMatch(j -> needsRebuild(changes.get(j), states.get(j)));
                if (!rebuild) {
                    blocks.add(nativeChange(c));
                } else if (i == group.get(group.size() - 1)) {
                    blocks.add(rebuild(changes, states, group));
                }
            } else {
                blocks.add(nativeChange(c));
            }
        }
        return join(blocks);
    }

    /**
     * A foreign key dropped and added back unchanged, which other dialects need around a type
     * change of its columns: SQLite checks no foreign keys on ALTER, so nothing is rebuilt.
     */
    private static boolean cancelsOut(List<SchemaChange> changes, List<Schema> states, List<Integer> group) {
        boolean onlyForeignKeys = group.stream().map(changes::get)
                .allMatch(c -> c instanceof SchemaChange.DropForeignKey || c instanceof SchemaChange.AddForeignKey);
        if (!onlyForeignKeys) {
            return false;
        }
        String name = tableOf(changes.get(group.get(0))).orElseThrow();
        Optional<Table> before = states.get(group.get(0)).table(name);
        Optional<Table> after = states.get(group.get(group.size() - 1) + 1).table(name);
        return before.equals(after);
    }

    private static String key(String table, Map<String, Integer> epoch) {
        return table + "#" + epoch.getOrDefault(table, 0);
    }

    private static Optional<String> tableOf(SchemaChange c) {
        if (c instanceof SchemaChange.AddColumn x) return Optional.of(x.table());
        if (c instanceof SchemaChange.DropColumn x) return Optional.of(x.table());
        if (c instanceof SchemaChange.RenameColumn x) return Optional.of(x.table());
        if (c instanceof SchemaChange.AlterColumn x) return Optional.of(x.table());
        if (c instanceof SchemaChange.AlterTableComment x) return Optional.of(x.table());
        if (c instanceof SchemaChange.AddPrimaryKey x) return Optional.of(x.table());
        if (c instanceof SchemaChange.DropPrimaryKey x) return Optional.of(x.table());
        if (c instanceof SchemaChange.AddForeignKey x) return Optional.of(x.table());
        if (c instanceof SchemaChange.DropForeignKey x) return Optional.of(x.table());
        if (c instanceof SchemaChange.AddUniqueConstraint x) return Optional.of(x.table());
        if (c instanceof SchemaChange.DropUniqueConstraint x) return Optional.of(x.table());
        if (c instanceof SchemaChange.CreateIndex x) return Optional.of(x.table());
        if (c instanceof SchemaChange.DropIndex x) return Optional.of(x.table());
        if (c instanceof SchemaChange.AddCheckConstraint x) return Optional.of(x.table());
        if (c instanceof SchemaChange.DropCheckConstraint x) return Optional.of(x.table());
        return Optional.empty();
    }

    private static final Pattern NON_CONSTANT_DEFAULT = Pattern.compile("(?i)\\s*(\\(|current_time|current_date|current_timestamp).*");

    /** Whether SQLite's ALTER TABLE cannot make this change in place. */
    static boolean needsRebuild(SchemaChange c, Schema before) {
        if (c instanceof AddColumn a) {
            Column col = a.column();
            return col.identity() != Identity.NONE
                    || (!col.nullable() && col.serverDefault().map(d -> d.strip().equalsIgnoreCase("NULL")).orElse(true))
                    || col.serverDefault().map(d -> NON_CONSTANT_DEFAULT.matcher(d).matches()).orElse(false);
        }
        if (c instanceof DropColumn d) {
            Table t = before.table(d.table()).orElseThrow();
            String col = d.column().name();
            Pattern word = Pattern.compile("(?<![A-Za-z0-9_$])\"?" + Pattern.quote(col) + "\"?(?![A-Za-z0-9_$])");
            return t.primaryKey().map(pk -> pk.columns().contains(col)).orElse(false)
                    || t.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(col))
                    || t.uniqueConstraints().stream().anyMatch(u -> u.columns().contains(col))
                    || t.indexes().stream().anyMatch(i -> i.columns().contains(col)
                            || i.elements().stream().anyMatch(e -> e.expression() && word.matcher(e.text()).find())
                            || i.where().map(w -> word.matcher(w).find()).orElse(false))
                    || t.checks().stream().anyMatch(ck -> word.matcher(ck.expression()).find())
                    || before.tables().stream().anyMatch(o -> o.foreignKeys().stream()
                            .anyMatch(fk -> fk.referredTable().equals(t.name()) && fk.referredColumns().contains(col)));
        }
        if (c instanceof AlterColumn a) {
            return !a.from().withComment(null).equals(a.to().withComment(null));
        }
        return !(c instanceof RenameColumn || c instanceof CreateIndex || c instanceof DropIndex || c instanceof AlterTableComment);
    }

    private Block nativeChange(SchemaChange change) {
        Block b = new Block(change.description());
        if (change instanceof RenameTable c) {
            b.review(renameReview(c.evidence())).sql("ALTER TABLE " + q(c.from()) + " RENAME TO " + q(c.to()));
        } else if (change instanceof RenameColumn c) {
            b.review(renameReview(c.evidence())).sql("ALTER TABLE " + q(c.table()) + " RENAME COLUMN " + q(c.from()) + " TO " + q(c.to()));
        } else if (change instanceof AddColumn c) {
            b.sql("ALTER TABLE " + q(c.table()) + " ADD COLUMN " + columnDefinition(c.column(), Optional.empty()));
        } else if (change instanceof DropColumn c) {
            b.review(dropColumnReview(c.table(), c.column().name())).sql("ALTER TABLE " + q(c.table()) + " DROP COLUMN " + q(c.column().name()));
        } else if (change instanceof CreateIndex c) {
            b.sql(createIndex(c.table(), c.index()));
        } else if (change instanceof DropIndex c) {
            b.sql("DROP INDEX " + q(named(c.index().name(), "index on " + c.table())));
        } else if (change instanceof AlterTableComment || change instanceof AlterColumn) {
            b.comments.add("SQLite does not store comments: nothing to do");
        } else if (change instanceof CreateEnum || change instanceof DropEnum || change instanceof AlterEnum
                || change instanceof CreateSequence || change instanceof DropSequence || change instanceof AlterSequence) {
            throw new DbException(Category.BAD_INPUT, "SQLite has no enum types or sequences: cannot render '" + change.description() + "'");
        } else {
            throw new IllegalStateException("change needs a rebuild: " + change);
        }
        return b;
    }

    private Block rebuild(List<SchemaChange> changes, List<Schema> states, List<Integer> group) {
        int first = group.get(0);
        int last = group.get(group.size() - 1);
        String name = tableOf(changes.get(first)).orElseThrow();
        Table before = states.get(first).table(name).orElseThrow();
        Table after = states.get(last + 1).table(name).orElseThrow();
        Block b = new Block(changes.get(first).description());
        // Where each column of the new table comes from: renames are followed, added columns come from nowhere.
        Map<String, String> origin = new LinkedHashMap<>();
        before.columns().forEach(c -> origin.put(c.name(), c.name()));
        for (int j : group) {
            SchemaChange c = changes.get(j);
            if (j != first) {
                b.comments.add(c.description());
            }
            if (c instanceof RenameColumn r) {
                origin.put(r.to(), origin.remove(r.from()));
                b.review(renameReview(r.evidence()));
            } else if (c instanceof DropColumn d) {
                origin.remove(d.column().name());
                b.review(dropColumnReview(name, d.column().name()));
            } else if (c instanceof AddColumn a && !a.column().nullable() && a.column().serverDefault().isEmpty()
                    && a.column().identity() == Identity.NONE) {
                b.review("adds NOT NULL column " + name + "." + a.column().name()
                        + " without a default: the copy fails if the table has rows; add a server default or fill it in steps");
            } else if (c instanceof AlterColumn a) {
                reviewColumnChange(b, name, a.from(), a.to(), true);
            }
        }
        b.review("SQLite cannot ALTER this in place: table " + name + " is rebuilt (new table, rows copied, old table dropped,"
                + " new one renamed, indexes restored); triggers and views on it are not restored, and foreign key"
                + " enforcement must be off while it runs (it is on pinwheel's connections)");
        String temp = TEMP_PREFIX + name;
        createTableOnly(b, temp, after);
        List<String> into = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (Column c : after.columns()) {
            String from = origin.get(c.name());
            if (from == null) {
                continue;
            }
            into.add(q(c.name()));
            Column old = before.column(from).orElseThrow();
            boolean fill = old.nullable() && !c.nullable() && c.serverDefault().isPresent();
            select.add(fill ? "COALESCE(" + q(from) + ", " + c.serverDefault().get() + ")" : q(from));
        }
        if (into.isEmpty()) {
            b.review("no column of " + name + " survives, so no rows are copied");
        } else {
            b.sql("INSERT INTO " + q(temp) + " (" + String.join(", ", into) + ") SELECT " + String.join(", ", select) + " FROM " + q(name));
        }
        b.sql("DROP TABLE " + q(name));
        b.sql("ALTER TABLE " + q(temp) + " RENAME TO " + q(name));
        after.indexes().forEach(i -> b.sql(createIndex(name, i)));
        return b;
    }

    private static void createTable(Block b, String name, Table t) {
        createTableOnly(b, name, t);
        t.indexes().forEach(i -> b.sql(createIndex(name, i)));
    }

    private static void createTableOnly(Block b, String name, Table t) {
        Optional<Column> autoincrement = t.columns().stream().filter(c -> c.identity() == Identity.AUTOINCREMENT).findFirst();
        autoincrement.ifPresent(c -> {
            if (!t.primaryKey().map(pk -> pk.columns().equals(List.of(c.name()))).orElse(false)
                    || !c.type().toLowerCase(Locale.ROOT).equals("integer")) {
                throw new DbException(Category.BAD_INPUT, "SQLite allows AUTOINCREMENT only on an INTEGER PRIMARY KEY column; "
                        + t.name() + "." + c.name() + " is not one");
            }
        });
        List<String> lines = new ArrayList<>();
        t.columns().forEach(c -> lines.add(columnDefinition(c, c.identity() == Identity.AUTOINCREMENT
                ? t.primaryKey() : Optional.empty())));
        if (autoincrement.isEmpty()) {
            t.primaryKey().ifPresent(pk -> lines.add(primaryKeyClause(pk)));
        }
        t.uniqueConstraints().forEach(u -> lines.add(uniqueClause(u)));
        t.checks().forEach(c -> lines.add(checkClause(c)));
        t.foreignKeys().forEach(fk -> lines.add(foreignKeyClause(fk)));
        b.sql("CREATE TABLE " + q(name) + " (\n    " + String.join(",\n    ", lines) + "\n)");
    }

    /** A column; {@code inlinePk} is the primary key written on an AUTOINCREMENT column. */
    private static String columnDefinition(Column c, Optional<PrimaryKey> inlinePk) {
        if (c.identity() != Identity.NONE && c.identity() != Identity.AUTOINCREMENT) {
            throw new DbException(Category.BAD_INPUT, "SQLite has no " + Describe.identity(c.identity()) + " columns ("
                    + c.name() + ")");
        }
        StringBuilder b = new StringBuilder(q(c.name())).append(' ').append(c.type());
        inlinePk.ifPresent(pk -> b.append(' ').append(constraint(pk.name())).append("PRIMARY KEY AUTOINCREMENT"));
        if (!c.nullable()) {
            b.append(" NOT NULL");
        }
        c.serverDefault().ifPresent(d -> b.append(" DEFAULT ").append(d));
        return b.toString();
    }
}
