package dev.pinwheel.migrate.schema;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What both dialects share: blocks of commented statements, quoting, constraint clauses. */
abstract class BaseRenderer implements SqlRenderer {

    /** Words that must be quoted as identifiers in PostgreSQL or SQLite. */
    private static final Set<String> KEYWORDS = Set.of(
            "abort", "action", "add", "after", "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "attach", "authorization", "autoincrement", "before", "begin", "between", "binary", "both", "by",
            "cascade", "case", "cast", "check", "collate", "collation", "column", "commit", "concurrently", "conflict",
            "constraint", "create", "cross", "current", "current_catalog", "current_date", "current_role", "current_schema",
            "current_time", "current_timestamp", "current_user", "database", "default", "deferrable", "deferred", "delete",
            "desc", "detach", "distinct", "do", "drop", "each", "else", "end", "escape", "except", "exclusive", "exists",
            "explain", "false", "fetch", "for", "foreign", "freeze", "from", "full", "glob", "grant", "group", "having", "if",
            "ilike", "immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead", "intersect", "into",
            "is", "isnull", "join", "key", "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp",
            "match", "natural", "no", "not", "notnull", "null", "of", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "plan", "pragma", "primary", "query", "raise", "recursive", "references", "regexp",
            "reindex", "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row", "savepoint",
            "select", "session_user", "set", "similar", "some", "symmetric", "system_user", "table", "tablesample", "temp",
            "temporary", "then", "to", "trailing", "transaction", "trigger", "true", "union", "unique", "update", "user",
            "using", "vacuum", "values", "variadic", "verbose", "view", "virtual", "when", "where", "window", "with",
            "without");

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    @Override
    public RenderedMigration render(Schema from, List<SchemaChange> changes) {
        Schema to = SchemaChange.applyAll(from, changes);
        return new RenderedMigration(renderAll(from, changes), renderAll(to, SchemaChange.reverseAll(changes)));
    }

    /** The SQL of the changes in order, starting from {@code start}. */
    abstract String renderAll(Schema start, List<SchemaChange> changes);

    /** One change: its description, review notes and statements. */
    static final class Block {
        final List<String> comments = new ArrayList<>();
        final List<String> reviews = new ArrayList<>();
        final List<String> statements = new ArrayList<>();

        Block(String description) {
            comments.add(description);
        }

        Block review(String text) {
            reviews.add(text);
            return this;
        }

        Block sql(String statement) {
            statements.add(statement);
            return this;
        }

        void appendTo(StringBuilder out) {
            if (out.length() > 0) {
                out.append('\n');
            }
            comments.forEach(c -> out.append("-- ").append(c).append('\n'));
            reviews.forEach(r -> out.append("-- REVIEW: ").append(r).append('\n'));
            statements.forEach(s -> out.append(s).append(";\n"));
        }
    }

    static String join(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        blocks.forEach(b -> b.appendTo(out));
        return out.toString();
    }

    static String q(String identifier) {
        return PLAIN.matcher(identifier).matches() && !KEYWORDS.contains(identifier)
                ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String cols(List<String> names) {
        return names.stream().map(BaseRenderer::q).collect(Collectors.joining(", "));
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String constraint(Optional<String> name) {
        return name.map(n -> "CONSTRAINT " + q(n) + " ").orElse("");
    }

    static String primaryKeyClause(PrimaryKey pk) {
        return constraint(pk.name()) + "PRIMARY KEY (" + cols(pk.columns()) + ")";
    }

    static String uniqueClause(UniqueConstraint u) {
        return constraint(u.name()) + "UNIQUE (" + cols(u.columns()) + ")";
    }

    static String checkClause(CheckConstraint c) {
        return constraint(c.name()) + "CHECK (" + c.expression() + ")";
    }

    static String foreignKeyClause(ForeignKey fk) {
        StringBuilder b = new StringBuilder(constraint(fk.name())).append("FOREIGN KEY (").append(cols(fk.columns()))
                .append(") REFERENCES ").append(q(fk.referredTable())).append(" (").append(cols(fk.referredColumns())).append(')');
        if (fk.onDelete() != ReferentialAction.NO_ACTION) {
            b.append(" ON DELETE ").append(fk.onDelete().sql());
        }
        if (fk.onUpdate() != ReferentialAction.NO_ACTION) {
            b.append(" ON UPDATE ").append(fk.onUpdate().sql());
        }
        return b.toString();
    }

    /** An expression element's trailing ordering words, which must stay outside its parentheses. */
    private static final java.util.regex.Pattern ORDERING = java.util.regex.Pattern.compile(
            "(?is)(.*?)((?:\\s+(?:ASC|DESC))?(?:\\s+NULLS\\s+(?:FIRST|LAST))?)");

    static String createIndex(String table, Index i) {
        String elements = i.elements().stream().map(BaseRenderer::indexElement).collect(Collectors.joining(", "));
        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + q(named(i.name(), "index on " + table)) + " ON " + q(table)
                + " (" + elements + ")" + i.where().map(w -> " WHERE " + w).orElse("");
    }

    /** A column, or a parenthesized expression keeping {@code DESC} / {@code NULLS LAST} (introspection reports ordered elements so) outside. */
    static String indexElement(Index.Element e) {
        if (!e.expression()) {
            return q(e.text());
        }
        java.util.regex.Matcher m = ORDERING.matcher(e.text());
        return m.matches() ? "(" + m.group(1) + ")" + m.group(2) : "(" + e.text() + ")";
    }

    /** The name of an object that SQL can only address by name. */
    static String named(Optional<String> name, String what) {
        return name.orElseThrow(() -> new DbException(Category.BAD_INPUT, "the " + what + " has no name, so it cannot be dropped or changed in SQL",
                "configure a naming convention (ix, uq, ck, fk, pk) so every constraint and index has a name"));
    }

    static String dropTableReview(String table) {
        return "drops table " + table + " with all its rows";
    }

    static String dropColumnReview(String table, String column) {
        return "drops column " + table + "." + column + " and its data";
    }

    /** Review notes for a column's new type and nullability, shared by both dialects. */
    static void reviewColumnChange(Block b, String table, Column from, Column to) {
        reviewColumnChange(b, table, from, to, false);
    }

    /** {@code fillsNulls}: the statement replaces NULLs by the new default itself (SQLite's rebuild copy does). */
    static void reviewColumnChange(Block b, String table, Column from, Column to, boolean fillsNulls) {
        TypeChange change = TypeChange.of(from.type(), to.type());
        if (change == TypeChange.NARROWING) {
            b.review("narrows " + table + "." + to.name() + " from " + from.type() + " to " + to.type()
                    + ": check that every existing value fits");
        } else if (change == TypeChange.CONVERSION) {
            b.review("converts " + table + "." + to.name() + " from " + from.type() + " to " + to.type()
                    + ": check that every value converts");
        }
        if (from.nullable() && !to.nullable() && fillsNulls && to.serverDefault().isPresent()) {
            b.review("sets NOT NULL on " + table + "." + to.name() + ": rows holding NULL get the default " + to.serverDefault().get());
        } else if (from.nullable() && !to.nullable()) {
            b.review("sets NOT NULL on " + table + "." + to.name() + ": fails if a row holds NULL"
                    + to.serverDefault().map(d -> " (the default " + d + " does not fill existing rows; UPDATE them first)")
                    .orElse(" (there is no default; UPDATE such rows first)"));
        }
    }

    static String renameReview(String evidence) {
        return "proposed as a rename, not a drop and an add: " + evidence + ". If these are different things, replace it by a drop and an add";
    }
}
