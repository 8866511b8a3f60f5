package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.Dialect;
import dev.pinwheel.migrate.Dialects;
import dev.pinwheel.migrate.MigrationListener;
import dev.pinwheel.migrate.Migrator;
import dev.pinwheel.migrate.Revision;
import dev.pinwheel.migrate.ScriptDirectory;
import dev.pinwheel.migrate.schema.DiffOptions;
import dev.pinwheel.migrate.schema.NamingConvention;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.SchemaChange;
import dev.pinwheel.migrate.schema.SchemaDiff;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The engine of {@code db revision --autogenerate} and {@code db check}: refuses a database that
 * is not at head, reads the wanted schema (the model's interpreter runs while the real database
 * is being read), materializes it in the dev database, introspects both with the same queries
 * and diffs the two models.
 */
public final class Autogenerator {

    private final AutogenListener listener;

    public Autogenerator(AutogenListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * What to compare.
     *
     * @param devUrl the configured scratch database, if any
     * @param renameDetection whether a dropped and an added column or table of one shape become a rename
     */
    public record Request(DbConfig config, ScriptDirectory scripts, DbUrl url, TargetSource target,
                          Optional<DbUrl> devUrl, boolean renameDetection) {
        public Request {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(scripts, "scripts");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(devUrl, "devUrl");
        }
    }

    /**
     * The two sides and their differences.
     *
     * @param origin where the wanted schema came from
     * @param database the live database, filtered
     * @param target the wanted schema as the dev database holds it, filtered
     * @param changes what turns {@code database} into {@code target}, in dependency order; empty when they agree
     */
    public record Comparison(String dialect, String origin, Schema database, Schema target, List<SchemaChange> changes) {
        public Comparison {
            changes = List.copyOf(changes);
        }

        public boolean agrees() {
            return changes.isEmpty();
        }
    }

    public Comparison compare(Request request) {
        DbUrl url = request.url();
        String dialectName = url.dialect();
        requireHead(request);
        CompletableFuture<TargetDdl> ddl = CompletableFuture.supplyAsync(() ->
                timed("reading " + describe(request.target()), () -> request.target().load(dialectName)));
        Dialect dialect = Dialects.forUrl(url);
        Introspector introspector = Introspector.forDialect(dialectName);
        try (Connection c = connect(dialect, url)) {
            DiffOptions filter = options(request, NamingConvention.none());
            String schema = dialectName.equals("postgresql") ? currentSchema(c) : "main";
            Schema database = timed("reading the database", () -> sql(url, () ->
                    introspector.read(c, schema, filter::includesTable)));
            TargetDdl target = join(ddl);
            try (DevDatabase dev = openDev(request, c)) {
                timed("building the target schema in the dev database", () -> {
                    dev.apply(target);
                    return null;
                });
                Schema wanted = timed("reading the dev database", () -> sql(url, () ->
                        introspector.read(dev.connection(), dev.schema(), filter::includesTable)));
                NamingConvention convention = NamingConvention.of(target.namingConvention());
                if (dialectName.equals("postgresql")) {
                    convention = convention.withMaxIdentifierLength(63);
                }
                List<SchemaChange> changes = SchemaDiff.compare(database, wanted, options(request, convention));
                return new Comparison(dialectName, target.origin(), database, wanted, changes);
            }
        } catch (SQLException e) {
            throw new DbException(Category.ENVIRONMENT, "database error on " + url + ": " + url.mask(e.getMessage()),
                    null, e);
        } finally {
            ddl.cancel(false);
        }
    }

    private static DiffOptions options(Request r, NamingConvention convention) {
        DbConfig.Autogen a = r.config().autogen();
        return DiffOptions.defaults()
                .withIgnoredTables(Set.of(r.config().versionTable(), r.config().historyTable()))
                .withInclude(a.includeTables()).withExclude(a.excludeTables())
                .withRenameDetection(r.renameDetection()).withNamingConvention(convention);
    }

    private DevDatabase openDev(Request r, Connection real) {
        if (r.devUrl().isPresent()) {
            DbUrl dev = r.devUrl().get();
            if (!dev.dialect().equals(r.url().dialect())) {
                throw new DbException(Category.BAD_INPUT, "dev_url " + dev + " is " + dev.dialect() + " but the database "
                        + r.url() + " is " + r.url().dialect(), "the dev database must be of the same kind as the real one");
            }
            return DevDatabase.openSeparate(dev);
        }
        return DevDatabase.open(r.url(), real);
    }

    /** Refuses unless the database is at the head revision(s), as Alembic does: a draft on a stale database is wrong. */
    private void requireHead(Request r) {
        Migrator.Status status = new Migrator(r.config(), r.scripts(), r.url(), new MigrationListener() { },
                Clock.systemUTC(), null, null).current();
        Set<String> at = new TreeSet<>(status.current().stream().map(Revision::id).toList());
        Set<String> heads = new TreeSet<>(r.scripts().graph().heads().stream().map(Revision::id).toList());
        if (!status.unknownRows().isEmpty() || !at.equals(heads)) {
            String where = !status.unknownRows().isEmpty() ? "at unknown revision " + String.join(", ", status.unknownRows())
                    : at.isEmpty() ? "at base (no revision applied)" : "at " + String.join(", ", at);
            throw new DbException(Category.NEGATIVE, "Target database is not up to date: it is " + where
                    + ", the head" + (heads.size() == 1 ? " is " : "s are ") + String.join(", ", heads),
                    "run `pinwheel db upgrade head` first, so the comparison starts from what the scripts already do");
        }
    }

    private static Connection connect(Dialect dialect, DbUrl url) {
        try {
            return dialect.connect(url);
        } catch (SQLException e) {
            throw new DbException(Category.ENVIRONMENT, "cannot connect to " + url + ": " + url.mask(e.getMessage()),
                    "check the URL (--url, $DATABASE_URL or .env) and that the server runs", e);
        }
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) {
                throw new SQLException("no current schema: the search_path names no existing schema");
            }
            return schema;
        }
    }

    private static String describe(TargetSource target) {
        return target instanceof SchemaFile f ? f.file().getFileName().toString() : "the model";
    }

    private <T> T timed(String what, Supplier<T> work) {
        listener.step(what);
        long start = System.nanoTime();
        T result = work.get();
        listener.done(what, (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    private static TargetDdl join(CompletableFuture<TargetDdl> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PinwheelException p) {
                throw p;
            }
            throw e;
        }
    }

    /** A catalog read whose SQL errors become environment errors naming the database. */
    private interface SqlWork<T> {
        T get() throws SQLException;
    }

    private static <T> T sql(DbUrl url, SqlWork<T> work) {
        try {
            return work.get();
        } catch (SQLException e) {
            throw new DbException(Category.ENVIRONMENT, "reading the catalog of " + url + " failed: "
                    + url.mask(e.getMessage()), null, e);
        }
    }
}
