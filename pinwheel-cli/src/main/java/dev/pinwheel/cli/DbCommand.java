package dev.pinwheel.cli;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.autogen.AutogenListener;
import dev.pinwheel.migrate.autogen.Autogenerator;
import dev.pinwheel.migrate.autogen.TargetSource;
import dev.pinwheel.migrate.schema.RenderedMigration;
import dev.pinwheel.migrate.schema.SchemaChange;
import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.HistoryRange;
import dev.pinwheel.migrate.Direction;
import dev.pinwheel.migrate.EarlyConnection;
import dev.pinwheel.migrate.MigrationListener;
import dev.pinwheel.migrate.Migrator;
import dev.pinwheel.migrate.Revision;
import dev.pinwheel.migrate.RevisionFormat;
import dev.pinwheel.migrate.RevisionGraph;
import dev.pinwheel.migrate.ScriptAuthor;
import dev.pinwheel.migrate.ScriptDirectory;
import dev.pinwheel.migrate.SqliteNativeLibrary;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pinwheel db}: Alembic's commands with Alembic's names, meanings and output shapes, on
 * plain-SQL scripts. Commands that only read scripts ({@code heads}, {@code history},
 * {@code branches}, {@code show}) never load a JDBC driver.
 */
@Command(name = "db", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Versioned database migrations in Alembic's model (SQLite and PostgreSQL).")
final class DbCommand implements Callable<Integer> {

    private final Console console;

    @Spec
    CommandSpec spec;

    DbCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(console.context().err());
        return ExitCodes.BAD_INPUT;
    }

    /** {@code --url}, shared by the commands that reach the database. */
    static final class UrlOption {
        @Option(names = "--url", paramLabel = "URL",
                description = "The database, as a SQLAlchemy URL (default: $DATABASE_URL, then .env, then the embedded SQLite file).")
        String url;
    }

    /** The options of the commands that compare the database with the model. */
    static final class AutogenOptions {
        @Option(names = "--python", paramLabel = "PYTHON",
                description = "The interpreter that imports the model: a venv directory or an interpreter (default: $VIRTUAL_ENV, else .venv, else python3).")
        String python;
        @Option(names = "--no-rename-detection",
                description = "Never propose a dropped and an added column or table of the same shape as a rename.")
        boolean noRenameDetection;
        @Option(names = "--no-cache",
                description = "Build the whole model in a throwaway schema of the dev database, using neither pinwheel's cache nor the kept target schema (on PostgreSQL).")
        boolean noCache;
    }

    /** What every db command starts from: the config, the scripts, and on demand the database. */
    abstract static class Base implements Callable<Integer> {
        final Console console;

        Base(Console console) {
            this.console = console;
        }

        DbConfig config() {
            // sqlite-jdbc loads its native library from pinwheel's cache, not a fresh copy per start.
            SqliteNativeLibrary.useCache(EnvSettings.cacheDir(console.context()));
            return DbConfig.load(console.context().cwd());
        }

        ScriptDirectory scripts(DbConfig config) {
            return ScriptDirectory.load(config.versionsDir());
        }

        Migrator migrator(DbConfig config, ScriptDirectory scripts, UrlOption option) {
            return migrator(config, scripts, resolve(config, option), null);
        }

        DbConfig.ResolvedUrl resolve(DbConfig config, UrlOption option) {
            DbConfig.ResolvedUrl resolved = config.resolveUrl(option.url, name -> console.context().env().get(name));
            console.debug("database: " + resolved.url() + " (from " + resolved.origin() + ")");
            return resolved;
        }

        Migrator migrator(DbConfig config, ScriptDirectory scripts, DbConfig.ResolvedUrl resolved, EarlyConnection early) {
            String who = console.context().getenv("USER").or(() -> console.context().getenv("USERNAME")).orElse("unknown");
            return new Migrator(config, scripts, resolved.url(), early, new Reporter(console), Clock.systemDefaultZone(), who,
                    VersionProvider.version());
        }

        /**
         * The scripts and a migrator whose connection opens while the scripts are read (when
         * {@code online}); {@code check} runs on the scripts before the migrator is made.
         */
        Prepared connectingMigrator(DbConfig config, UrlOption option, boolean online,
                                    java.util.function.Consumer<ScriptDirectory> check) {
            DbConfig.ResolvedUrl resolved = resolve(config, option);
            EarlyConnection early = online ? EarlyConnection.open(resolved.url()) : null;
            try {
                ScriptDirectory scripts = scripts(config);
                check.accept(scripts);
                return new Prepared(scripts, migrator(config, scripts, resolved, early));
            } catch (RuntimeException e) {
                if (early != null) {
                    early.close();
                }
                throw e;
            }
        }

        /**
         * The migrator for commands that change the database: they refuse scripts that the
         * checksum file does not vouch for (a bad merge, a script added by hand). Scripts merely
         * edited since it was written are left to `db sums`: that is every new script while its
         * author writes it, and a reminder on each command would be noise.
         */
        Migrator writingMigrator(UrlOption option, boolean online) {
            return connectingMigrator(config(), option, online, ScriptDirectory::requireSums).migrator();
        }

        record Prepared(ScriptDirectory scripts, Migrator migrator) {
        }

        /** Commands that only read mention what the checksum file disagrees about. */
        void checkSums(ScriptDirectory scripts) {
            scripts.checkSums().problems().forEach(console::warn);
        }

        String path(Path p) {
            return p.toString();
        }

        /** Compares the database with the configured model (or schema.sql). */
        Autogenerator.Comparison compare(DbConfig config, ScriptDirectory scripts, UrlOption url, AutogenOptions options) {
            Context context = console.context();
            DbConfig.ResolvedUrl resolved = config.resolveUrl(url.url, name -> context.env().get(name));
            console.debug("database: " + resolved.url() + " (from " + resolved.origin() + ")");
            TargetSource target = TargetSource.configured(config, () -> {
                Path python = new EnvironmentFinder(new Interpreters(EnvSettings.cacheDir(context)), context.cwd(),
                        context.env()).findInterpreterPath(Optional.ofNullable(options.python));
                console.debug("model interpreter: " + python);
                return python;
            }, context.env());
            Optional<DbUrl> devUrl = config.autogen().devUrl().map(u -> DbUrl.parse(u, config.projectRoot()));
            try (Progress progress = console.progress("Comparing")) {
                AutogenListener listener = new AutogenListener() {
                    @Override
                    public void step(String what) {
                        progress.update(what);
                    }

                    @Override
                    public void done(String what, long millis) {
                        console.debug(what + ": " + millis + " ms");
                    }
                };
                return new Autogenerator(listener).compare(new Autogenerator.Request(config, scripts, resolved.url(),
                        target, devUrl, !options.noRenameDetection,
                        options.noCache ? Optional.empty() : Optional.of(EnvSettings.cacheDir(context))));
            }
        }
    }

    /** Prints the runner's events the way Alembic logs them. */
    static final class Reporter implements MigrationListener {
        private final Console console;

        Reporter(Console console) {
            this.console = console;
        }

        @Override
        public void waitingForLock() {
            console.info("Waiting for another session's migration lock on this database...");
        }

        @Override
        public void running(Direction direction, List<String> from, Revision revision, List<String> to) {
            if (direction == Direction.STAMP) {
                console.info("Running stamp_revision " + String.join(", ", from) + " -> " + String.join(", ", to));
            } else {
                console.info("Running " + direction.label() + " " + String.join(", ", from) + " -> "
                        + String.join(", ", to) + ", " + revision.message());
            }
        }

        @Override
        public void warning(String message) {
            console.warn(message);
        }

        @Override
        public void info(String message) {
            console.info(message);
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the migrations folder.")
    static final class Init extends Base {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "The folder (default: script_location, 'migrations').")
        String dir;

        Init(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            Path target = dir == null ? config.scriptLocation() : console.context().resolve(dir);
            for (Path p : ScriptAuthor.init(config, target)) {
                console.out().println((Files.isDirectory(p) ? "Creating directory " : "Generating ") + p + " ...  done");
            }
            console.info("Set the database URL with --url, $" + config.urlEnv() + " or " + config.urlEnv()
                    + "= in .env; without one, pinwheel uses the SQLite file " + config.sqliteFile() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "revision", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a new revision script on the current head.")
    static final class RevisionCmd extends Base {
        @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "What the revision does.")
        String message;
        @Option(names = "--head", paramLabel = "REV", defaultValue = "head",
                description = "The revision to build on (default: head; 'base' starts a new branch).")
        String head;
        @Option(names = "--splice", description = "Allow --head to name a revision that is not a head.")
        boolean splice;
        @Option(names = "--branch-label", paramLabel = "LABEL", description = "A branch label for the new revision.")
        List<String> branchLabels = new ArrayList<>();
        @Option(names = "--depends-on", paramLabel = "REV", split = ",", description = "Revisions this one depends on.")
        List<String> dependsOn = new ArrayList<>();
        @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a random one.")
        String revId;
        @Option(names = "--autogenerate",
                description = "Draft the upgrade and downgrade SQL from the differences between the database and the model.")
        boolean autogenerate;
        @Mixin
        UrlOption url = new UrlOption();
        @Mixin
        AutogenOptions options = new AutogenOptions();

        RevisionCmd(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            ScriptDirectory scripts = scripts(config);
            checkSums(scripts);
            RenderedMigration sql = new RenderedMigration("", "");
            if (autogenerate) {
                Autogenerator.Comparison comparison = compare(config, scripts, url, options);
                if (comparison.agrees()) {
                    console.info("No changes in schema detected; no revision written.");
                    return ExitCodes.OK;
                }
                for (SchemaChange change : comparison.changes()) {
                    console.info("Detected " + change.description());
                }
                sql = Autogenerator.draft(comparison);
            }
            Path file = ScriptAuthor.revision(config, scripts, new ScriptAuthor.RevisionRequest(message, head, splice,
                    branchLabels, dependsOn, revId, sql.upgradeSql(), sql.downgradeSql()), Clock.systemDefaultZone());
            console.out().println("Generating " + file + " ...  done");
            return ExitCodes.OK;
        }
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Apply revisions up to TARGET (head, heads, +N, REV, label@head; FROM:TO with --sql).")
    static final class Upgrade extends Base {
        @Parameters(arity = "0..1", paramLabel = "TARGET", defaultValue = "head", description = "Default: head.")
        String target;
        @Option(names = "--sql", description = "Print the SQL instead of running it (offline mode).")
        boolean sql;
        @Option(names = "--allow-changed", description = "Proceed although applied scripts changed since they ran.")
        boolean allowChanged;
        @Mixin
        UrlOption url = new UrlOption();

        Upgrade(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            Migrator migrator = writingMigrator(url, !sql);
            if (sql) {
                console.out().print(migrator.upgradeSql(target));
            } else {
                migrator.upgrade(target, allowChanged);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "downgrade", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Revert revisions down to TARGET (-N, REV, base, label@base; FROM:TO with --sql).")
    static final class Downgrade extends Base {
        @Parameters(paramLabel = "TARGET")
        String target;
        @Option(names = "--sql", description = "Print the SQL instead of running it (offline mode).")
        boolean sql;
        @Mixin
        UrlOption url = new UrlOption();

        Downgrade(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            Migrator migrator = writingMigrator(url, !sql);
            if (sql) {
                console.out().print(migrator.downgradeSql(target));
            } else {
                migrator.downgrade(target);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "current", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show the database's current revision(s); -v for details.")
    static final class Current extends Base {
        @Option(names = "--check-heads", description = "Fail (exit 1) unless the database is at the head revision(s).")
        boolean checkHeads;
        @Mixin
        UrlOption url = new UrlOption();

        Current(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            Prepared prepared = connectingMigrator(config, url, true, this::checkSums);
            ScriptDirectory scripts = prepared.scripts();
            Migrator.Status status = prepared.migrator().current();
            if (!status.unknownRows().isEmpty()) {
                throw new DbException(Category.BAD_INPUT, "Can't locate revision identified by '" + status.unknownRows().get(0) + "'",
                        "the database was migrated with scripts you do not have");
            }
            boolean verbose = console.options().verbose();
            RevisionFormat format = new RevisionFormat(scripts.graph(), Set.of());
            if (verbose) {
                console.out().println("Current revision(s) for " + config.resolveUrl(url.url, n -> console.context().env().get(n)).url() + ":");
            }
            for (Revision r : status.current()) {
                console.out().println(verbose ? format.entry(r) : format.line(r, false, false, false, true));
            }
            for (Revision r : status.changed()) {
                console.warn("script " + r.id() + " (" + r.path() + ") changed after it was applied");
            }
            if (checkHeads) {
                Set<String> at = new HashSet<>(status.current().stream().map(Revision::id).toList());
                Set<String> heads = new HashSet<>(scripts.graph().heads().stream().map(Revision::id).toList());
                if (!at.equals(heads)) {
                    throw new DbException(Category.NEGATIVE, "Database is not on all head revisions",
                            "run `pinwheel db upgrade heads`");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List revisions, newest first; -v for details.")
    static final class History extends Base {
        @Option(names = {"-r", "--rev-range"}, paramLabel = "RANGE", description = "FROM:TO, e.g. base:head, ae10:, :current.")
        String range;
        @Option(names = {"-i", "--indicate-current"}, description = "Mark the database's current revision(s).")
        boolean indicateCurrent;
        @Mixin
        UrlOption url = new UrlOption();

        History(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            ScriptDirectory scripts = scripts(config);
            RevisionGraph graph = scripts.graph();
            boolean needsDb = indicateCurrent || (range != null && range.contains("current"));
            List<Revision> current = needsDb ? migrator(config, scripts, url).current().current() : List.of();
            RevisionFormat format = new RevisionFormat(graph,
                    indicateCurrent ? new HashSet<>(current.stream().map(Revision::id).toList()) : Set.of());
            boolean verbose = console.options().verbose();
            for (Revision r : HistoryRange.select(graph, range, current)) {
                console.out().println(verbose ? format.entry(r) : format.line(r, true, true, true, indicateCurrent));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "heads", mixinStandardHelpOptions = true, description = "Show the head revisions; -v for details.")
    static final class Heads extends Base {
        Heads(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            ScriptDirectory scripts = scripts(config());
            RevisionFormat format = new RevisionFormat(scripts.graph(), Set.of());
            boolean verbose = console.options().verbose();
            for (Revision r : scripts.graph().heads()) {
                console.out().println(verbose ? format.entry(r) : format.line(r, true, false, false, false));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "branches", mixinStandardHelpOptions = true, description = "Show the branch points.")
    static final class Branches extends Base {
        Branches(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            RevisionGraph graph = scripts(config()).graph();
            RevisionFormat format = new RevisionFormat(graph, Set.of());
            boolean verbose = console.options().verbose();
            List<Revision> newestFirst = new ArrayList<>(graph.topological());
            java.util.Collections.reverse(newestFirst);
            for (Revision r : newestFirst) {
                if (graph.isBranchPoint(r)) {
                    console.out().println(verbose ? format.entry(r) : format.line(r, true, false, false, true));
                    String pad = " ".repeat(r.id().length());
                    for (Revision child : graph.children(r)) {
                        console.out().println(pad + " -> " + format.line(child, true, verbose, false, true));
                    }
                    console.out().println();
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one revision (or head, heads, current).")
    static final class Show extends Base {
        @Parameters(paramLabel = "REV")
        String rev;
        @Mixin
        UrlOption url = new UrlOption();

        Show(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            ScriptDirectory scripts = scripts(config);
            List<Revision> current = rev.contains("current") ? migrator(config, scripts, url).current().current() : List.of();
            RevisionFormat format = new RevisionFormat(scripts.graph(), Set.of());
            for (Revision r : HistoryRange.revisions(scripts.graph(), rev, current)) {
                console.out().println(format.entry(r));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a revision that joins two or more revisions (usually: heads).")
    static final class Merge extends Base {
        @Parameters(arity = "1..*", paramLabel = "REV", description = "The revisions to join, or 'heads'.")
        List<String> revisions;
        @Option(names = {"-m", "--message"}, paramLabel = "MSG")
        String message;
        @Option(names = "--branch-label", paramLabel = "LABEL")
        List<String> branchLabels = new ArrayList<>();
        @Option(names = "--rev-id", paramLabel = "ID")
        String revId;

        Merge(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            Path file = ScriptAuthor.merge(config, scripts(config), revisions, message == null ? "" : message,
                    branchLabels, revId, Clock.systemDefaultZone());
            console.out().println("Generating " + file + " ...  done");
            return ExitCodes.OK;
        }
    }

    @Command(name = "stamp", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Set the version table to REV (one per branch) without running any migration (to take over a database).")
    static final class Stamp extends Base {
        @Parameters(arity = "1..*", paramLabel = "REV")
        List<String> revs;
        @Option(names = "--purge", description = "Empty the version table first (also drops rows of unknown revisions).")
        boolean purge;
        @Option(names = "--sql", description = "Print the SQL instead of running it.")
        boolean sql;
        @Mixin
        UrlOption url = new UrlOption();

        Stamp(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            Migrator migrator = writingMigrator(url, !sql);
            if (sql) {
                console.out().print(migrator.stampSql(revs));
            } else {
                migrator.stamp(revs, purge);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "sums", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Check the versions folder's " + ScriptDirectory.SUM_FILE
                    + " against the scripts (exit 1 if it is out of date); --write records the scripts in it.")
    static final class Sums extends Base {
        @Option(names = "--write", description = "Rewrite the file from the scripts (after a resolved merge or an edit).")
        boolean write;

        Sums(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            ScriptDirectory scripts = scripts(config());
            if (write) {
                scripts.writeSums();
                console.out().println("Wrote " + scripts.versionsDir().resolve(ScriptDirectory.SUM_FILE) + " ("
                        + scripts.graph().size() + " scripts)");
                return ExitCodes.OK;
            }
            ScriptDirectory.SumCheck check = scripts.checkSums();
            check.problems().forEach(console.out()::println);
            String note = ScriptDirectory.editedNote(check);
            if (!note.isEmpty()) {
                console.out().println(note);
            }
            if (!check.inSync()) {
                throw new DbException(Category.NEGATIVE, ScriptDirectory.SUM_FILE + " is out of date",
                        "check the scripts, then run `pinwheel db sums --write` and commit " + ScriptDirectory.SUM_FILE);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Compare the database (at head) with the model: exit 0 when they agree, 1 listing the differences.")
    static final class Check extends Base {
        @Mixin
        UrlOption url = new UrlOption();
        @Mixin
        AutogenOptions options = new AutogenOptions();

        Check(Console console) {
            super(console);
        }

        @Override
        public Integer call() {
            DbConfig config = config();
            ScriptDirectory scripts = scripts(config);
            checkSums(scripts);
            Autogenerator.Comparison comparison = compare(config, scripts, url, options);
            if (comparison.agrees()) {
                console.out().println("No new upgrade operations detected.");
                return ExitCodes.OK;
            }
            for (SchemaChange change : comparison.changes()) {
                console.out().println(change.description());
            }
            int n = comparison.changes().size();
            throw new DbException(Category.NEGATIVE, n + " difference" + (n == 1 ? "" : "s") + " between the database and "
                    + comparison.origin(), "write them into a revision with `pinwheel db revision --autogenerate -m MSG`");
        }
    }
}
