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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pinwheel db}: Alembic's commands with Alembic's names, meanings and output shapes, on
 * plain-SQL scripts. Commands that only read scripts ({@code heads}, {@code history},
 * {@code branches}, {@code show}) never load a JDBC driver.
 */
final class DbCommand implements Callable<Integer> {

    private final Console console;

    private CommandSpec spec;

    DbCommand(Console console) {
        this.console = console;
    }

    /** The command's model (see {@link SpecBuilder} for why by hand). */
    CommandSpec spec() {
        spec = SpecBuilder.command(this, "db", "Versioned database migrations in Alembic's model (SQLite and PostgreSQL).")
                .build();
        return spec;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(console.context().err());
        return ExitCodes.BAD_INPUT;
    }

    /** {@code --url}, shared by the commands that reach the database. */
    static final class UrlOption {
        String url;

        void declare(SpecBuilder b) {
            b.option(String.class, "--url", "URL",
                    "The database, as a SQLAlchemy URL (default: $DATABASE_URL, then .env, then the embedded SQLite file).",
                    () -> url, v -> url = v);
        }
    }

    /** The options of the commands that compare the database with the model. */
    static final class AutogenOptions {
        String python;
        boolean noRenameDetection;
        boolean noCache;

        void declare(SpecBuilder b) {
            b.option(String.class, "--python", "PYTHON", "The interpreter that imports the model: a venv directory or an "
                    + "interpreter (default: $VIRTUAL_ENV, else .venv, else python3).", () -> python, v -> python = v);
            b.flag("--no-rename-detection",
                    "Never propose a dropped and an added column or table of the same shape as a rename.",
                    () -> noRenameDetection, v -> noRenameDetection = v);
            b.flag("--no-cache", "Build the whole model in a throwaway schema of the dev database, using neither "
                    + "pinwheel's cache nor the kept target schema (on PostgreSQL).", () -> noCache, v -> noCache = v);
        }
    }

    /** What every db command starts from: the config, the scripts, and on demand the database. */
    abstract static class Base implements Callable<Integer> {
        final Console console;

        Base(Console console) {
            this.console = console;
        }

        /** The command's model (see {@link SpecBuilder} for why by hand). */
        abstract CommandSpec spec();

        DbConfig config() {
            // sqlite-jdbc loads its native library from pinwheel's cache, not a fresh copy per start.
            SqliteNativeLibrary.useCache(EnvSettings.cacheDir(console.context()));
            return DbConfig.load(console.context().cwd());
        }

        ScriptDirectory scripts(DbConfig config) {
            return ScriptDirectory.load(config.versionsDir());
        }

        /** The scripts with their checksums, for commands that compare them all. */
        ScriptDirectory checkedScripts(DbConfig config) {
            return ScriptDirectory.load(config.versionsDir(), true);
        }

        Migrator migrator(DbConfig config, ScriptDirectory scripts, UrlOption option) {
            return migrator(config, scripts, resolve(config, option), null);
        }

        /**
         * Who the history table says applied a revision: $USER, $USERNAME (Windows), $LOGNAME,
         * else the account the JVM reads from the system (CI containers and root shells often set
         * none of the variables).
         */
        static String appliedBy(java.util.function.Function<String, Optional<String>> env, String account) {
            for (String name : new String[] {"USER", "USERNAME", "LOGNAME"}) {
                Optional<String> v = env.apply(name).filter(s -> !s.isBlank());
                if (v.isPresent()) {
                    return v.get();
                }
            }
            return account == null || account.isBlank() ? "unknown" : account;
        }

        DbConfig.ResolvedUrl resolve(DbConfig config, UrlOption option) {
            DbConfig.ResolvedUrl resolved = config.resolveUrl(option.url, name -> console.context().env().get(name));
            console.debug("database: " + resolved.url() + " (from " + resolved.origin() + ")");
            return resolved;
        }

        Migrator migrator(DbConfig config, ScriptDirectory scripts, DbConfig.ResolvedUrl resolved, EarlyConnection early) {
            String who = appliedBy(console.context()::getenv, console.context().account().orElse(null));
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
                ScriptDirectory scripts = checkedScripts(config);
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

    static final class Init extends Base {
        String dir;

        Init(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "init", "Create the migrations folder.").sortedOptions();
            b.positional("0..1", "DIR",
                    "The folder (default: script_location, 'migrations').", () -> dir, v -> dir = v);
            return b.build();
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

    static final class RevisionCmd extends Base {
        String message;
        String head;
        boolean splice;
        List<String> branchLabels = new ArrayList<>();
        List<String> dependsOn = new ArrayList<>();
        String revId;
        boolean autogenerate;
        UrlOption url = new UrlOption();
        AutogenOptions options = new AutogenOptions();

        RevisionCmd(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "revision", "Create a new revision script on the current head.");
            b.option(String.class, "-m, --message", "MSG", "What the revision does.", () -> message, v -> message = v);
            b.option(String.class, "--head", "REV",
                    "The revision to build on (default: head; 'base' starts a new branch).",
                    () -> head, v -> head = v).defaultValue("head");
            b.flag("--splice", "Allow --head to name a revision that is not a head.", () -> splice, v -> splice = v);
            b.repeatable("--branch-label", "LABEL",
                    "A branch label for the new revision.", () -> branchLabels, v -> branchLabels = v);
            b.repeatable("--depends-on", "REV",
                    "Revisions this one depends on.", () -> dependsOn, v -> dependsOn = v).splitRegex(",");
            b.option(String.class, "--rev-id", "ID",
                    "Use this id instead of a random one.", () -> revId, v -> revId = v);
            b.flag("--autogenerate",
                    "Draft the upgrade and downgrade SQL from the differences between the database and the model.",
                    () -> autogenerate, v -> autogenerate = v);
            url.declare(b);
            options.declare(b);
            return b.build();
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

    static final class Upgrade extends Base {
        String target;
        boolean sql;
        boolean allowChanged;
        UrlOption url = new UrlOption();

        Upgrade(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "upgrade",
                    "Apply revisions up to TARGET (head, heads, +N, REV, label@head; FROM:TO with --sql).");
            b.positional("0..1", "TARGET", "Default: head.", () -> target, v -> target = v).defaultValue("head");
            b.flag("--sql", "Print the SQL instead of running it (offline mode).", () -> sql, v -> sql = v);
            b.flag("--allow-changed",
                    "Proceed although applied scripts changed since they ran.",
                    () -> allowChanged, v -> allowChanged = v);
            url.declare(b);
            return b.build();
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

    static final class Downgrade extends Base {
        String target;
        boolean sql;
        UrlOption url = new UrlOption();

        Downgrade(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "downgrade",
                    "Revert revisions down to TARGET (-N, REV, base, label@base; FROM:TO with --sql).");
            b.positional("1", "TARGET", null, () -> target, v -> target = v);
            b.flag("--sql", "Print the SQL instead of running it (offline mode).", () -> sql, v -> sql = v);
            url.declare(b);
            return b.build();
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

    static final class Current extends Base {
        boolean checkHeads;
        UrlOption url = new UrlOption();

        Current(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "current",
                    "Show the database's current revision(s); -v for details.");
            b.flag("--check-heads",
                    "Fail (exit 1) unless the database is at the head revision(s).",
                    () -> checkHeads, v -> checkHeads = v);
            url.declare(b);
            return b.build();
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

    static final class History extends Base {
        String range;
        boolean indicateCurrent;
        UrlOption url = new UrlOption();

        History(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "history", "List revisions, newest first; -v for details.");
            b.option(String.class, "-r, --rev-range", "RANGE",
                    "FROM:TO, e.g. base:head, ae10:, :current.", () -> range, v -> range = v);
            b.flag("-i, --indicate-current",
                    "Mark the database's current revision(s).", () -> indicateCurrent, v -> indicateCurrent = v);
            url.declare(b);
            return b.build();
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
                console.out().println(verbose ? format.entry(r) : format.line(r, true, true, true, true));
            }
            return ExitCodes.OK;
        }
    }

    static final class Heads extends Base {
        Heads(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            return SpecBuilder.command(this, "heads", "Show the head revisions; -v for details.").sortedOptions().build();
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

    static final class Branches extends Base {
        Branches(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            return SpecBuilder.command(this, "branches", "Show the branch points.").sortedOptions().build();
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

    static final class Show extends Base {
        String rev;
        UrlOption url = new UrlOption();

        Show(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "show", "Show one revision (or head, heads, current).").sortedOptions();
            b.positional("1", "REV", null, () -> rev, v -> rev = v);
            url.declare(b);
            return b.build();
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

    static final class Merge extends Base {
        List<String> revisions;
        String message;
        List<String> branchLabels = new ArrayList<>();
        String revId;

        Merge(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "merge",
                    "Create a revision that joins two or more revisions (usually: heads).");
            b.positionals("1..*", "REV", "The revisions to join, or 'heads'.", () -> revisions, v -> revisions = v);
            b.option(String.class, "-m, --message", "MSG", null, () -> message, v -> message = v);
            b.repeatable("--branch-label", "LABEL", null, () -> branchLabels, v -> branchLabels = v);
            b.option(String.class, "--rev-id", "ID", null, () -> revId, v -> revId = v);
            return b.build();
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

    static final class Stamp extends Base {
        List<String> revs;
        boolean purge;
        boolean sql;
        UrlOption url = new UrlOption();

        Stamp(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "stamp",
                    "Set the version table to REV (one per branch) without running any migration (to take over a database).");
            b.positionals("1..*", "REV", null, () -> revs, v -> revs = v);
            b.flag("--purge",
                    "Empty the version table first (also drops rows of unknown revisions).",
                    () -> purge, v -> purge = v);
            b.flag("--sql", "Print the SQL instead of running it.", () -> sql, v -> sql = v);
            url.declare(b);
            return b.build();
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

    static final class Sums extends Base {
        boolean write;

        Sums(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "sums",
                    "Check the versions folder's " + ScriptDirectory.SUM_FILE
                            + " against the scripts (exit 1 if it is out of date); --write records the scripts in it.");
            b.flag("--write",
                    "Rewrite the file from the scripts (after a resolved merge or an edit).",
                    () -> write, v -> write = v);
            return b.build();
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

    static final class Check extends Base {
        UrlOption url = new UrlOption();
        AutogenOptions options = new AutogenOptions();

        Check(Console console) {
            super(console);
        }

        @Override
        CommandSpec spec() {
            SpecBuilder b = SpecBuilder.command(this, "check",
                    "Compare the database (at head) with the model: exit 0 when they agree, 1 listing the differences.");
            url.declare(b);
            options.declare(b);
            return b.build();
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
