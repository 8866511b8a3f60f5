package dev.pinwheel.migrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Model-level execution of changes: what the database does to its catalog when the SQL runs. */
final class Apply {

    private Apply() {
    }

    static Schema table(Schema s, String name, UnaryOperator<Table> change) {
        Table t = s.table(name).orElseThrow(() -> Invalid.because("no table '" + name + "'"));
        List<Table> out = new ArrayList<>(s.tables());
        out.set(out.indexOf(t), change.apply(t));
        return s.withTables(out);
    }

    static Schema addTable(Schema s, Table t) {
        Invalid.check(s.table(t.name()).isEmpty(), "table '" + t.name() + "' exists already");
        List<Table> out = new ArrayList<>(s.tables());
        out.add(t);
        return s.withTables(out);
    }

    static Schema dropTable(Schema s, String name) {
        Invalid.check(s.table(name).isPresent(), "no table '" + name + "'");
        return s.withTables(s.tables().stream().filter(t -> !t.name().equals(name)).toList());
    }

    static <T> List<T> plus(List<T> list, T item, String what) {
        Invalid.check(!list.contains(item), what + " exists already");
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    static <T> List<T> minus(List<T> list, T item, String what) {
        Invalid.check(list.contains(item), "no " + what);
        List<T> out = new ArrayList<>(list);
        out.remove(item);
        return out;
    }

    static <T> List<T> replace(List<T> list, Predicate<T> which, UnaryOperator<T> change) {
        return list.stream().map(x -> which.test(x) ? change.apply(x) : x).toList();
    }

    /** Renaming a table updates every foreign key that refers to it, as both databases do. */
    static Schema renameTable(Schema s, String from, String to) {
        Invalid.check(s.table(to).isEmpty(), "table '" + to + "' exists already");
        Schema renamed = table(s, from, t -> t.withName(to));
        return renamed.withTables(renamed.tables().stream().map(t -> t.withForeignKeys(replace(t.foreignKeys(),
                fk -> fk.referredTable().equals(from), fk -> fk.withReferred(to, fk.referredColumns())))).toList());
    }

    /**
     * Renaming a column updates the table's constraints and indexes, the expressions that name it
     * (as PostgreSQL and SQLite rewrite their stored expressions) and other tables' foreign keys.
     */
    static Schema renameColumn(Schema s, String table, String from, String to) {
        UnaryOperator<List<String>> cols = l -> l.stream().map(c -> c.equals(from) ? to : c).toList();
        UnaryOperator<String> expr = e -> renameIdentifier(e, from, to);
        Schema renamed = table(s, table, t -> {
            Invalid.check(t.column(from).isPresent(), "no column '" + table + "." + from + "'");
            Invalid.check(t.column(to).isEmpty(), "column '" + table + "." + to + "' exists already");
            return new Table(t.name(),
                    replace(t.columns(), c -> c.name().equals(from), c -> c.withName(to)),
                    t.primaryKey().map(pk -> new PrimaryKey(pk.name(), cols.apply(pk.columns()))),
                    t.foreignKeys().stream().map(fk -> fk.withColumns(cols.apply(fk.columns()))).toList(),
                    t.uniqueConstraints().stream().map(u -> new UniqueConstraint(u.name(), cols.apply(u.columns()))).toList(),
                    t.indexes().stream().map(i -> new Index(i.name(), i.unique(), i.elements().stream()
                            .map(e -> e.expression() ? Index.Element.expression(expr.apply(e.text()))
                                    : e.text().equals(from) ? Index.Element.column(to) : e).toList(),
                            i.where().map(expr))).toList(),
                    t.checks().stream().map(c -> new CheckConstraint(c.name(), expr.apply(c.expression()))).toList(),
                    t.comment());
        });
        return renamed.withTables(renamed.tables().stream().map(t -> t.withForeignKeys(replace(t.foreignKeys(),
                fk -> fk.referredTable().equals(table), fk -> fk.withReferred(table, cols.apply(fk.referredColumns()))))).toList());
    }

    private static final Pattern WORD = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*");

    /** Replaces the identifier {@code from} (bare or double-quoted) outside string literals. */
    static String renameIdentifier(String expression, String from, String to) {
        Matcher m = WORD.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            boolean hit = w.equals(from) || w.equals('"' + from.replace("\"", "\"\"") + '"');
            m.appendReplacement(out, Matcher.quoteReplacement(hit ? (w.startsWith("\"") ? '"' + to.replace("\"", "\"\"") + '"' : to) : w));
        }
        m.appendTail(out);
        return out.toString();
    }
}
