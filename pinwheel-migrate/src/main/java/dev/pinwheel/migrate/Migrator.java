package dev.pinwheel.migrate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;

/**
 * Runs migrations against one database, or renders them as SQL: upgrade, downgrade, stamp and
 * the current state. Every online run takes the dialect's session lock first and reads the
 * version table after getting it, so concurrent runs apply each revision exactly once. Each
 * revision runs in its own transaction (unless its script opts out) together with its version
 * table change and its history row; a failure rolls back that revision only and reports the
 * failing statement with its script line.
 *
 * <p>On a server ({@link Dialect#pipeline()}) consecutive transactional revisions go together,
 * up to {@link #BATCH_REVISIONS} in one message, each still its own transaction, and the server
 * stops at the first error; every revision of a run but the last commits without waiting for the
 * disk, and the last one's durable commit flushes them all. So a run of many small revisions
 * costs a few round trips, and a crash mid-run can only lose whole revisions at its end, which
 * the next run applies again. When a batch fails, the version table tells how many of its
 * revisions committed, and the failing one runs again one statement at a time, which reports the
 * statement and its line.
 */
public final class Migrator {

    private final DbConfig config;
    private final RevisionGraph graph;
    private final DbUrl url;
    private final Dialect dialect;
    private final MigrationListener listener;
    private final Clock clock;
    private final String who;
    private final String toolVersion;
    private EarlyConnection early;

    /**
     * @param who recorded in the history table as {@code applied_by}
     * @param toolVersion recorded as {@code tool_version}
     */
    public Migrator(DbConfig config, ScriptDirectory scripts, DbUrl url, MigrationListener listener, Clock clock,
                    String who, String toolVersion) {
        this.config = Objects.requireNonNull(config, "config");
        this.graph = scripts.graph();
        this.url = Objects.requireNonNull(url, "url");
        this.dialect = Dialects.forUrl(url);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.who = who;
        this.toolVersion = toolVersion;
    }

    /** The same, with a connection already being opened to {@code url}; the first database call takes it. */
    public Migrator(DbConfig config, ScriptDirectory scripts, DbUrl url, EarlyConnection early, MigrationListener listener,
                    Clock clock, String who, String toolVersion) {
        this(config, scripts, url, listener, clock, who, toolVersion);
        this.early = early;
    }

    /** What the database holds. */
    public record Status(boolean tableExists, List<Revision> current, List<String> unknownRows, List<Revision> changed) {
        public Status {
            current = List.copyOf(current);
            unknownRows = List.copyOf(unknownRows);
            changed = List.copyOf(changed);
        }
    }

    /** What a run did: the steps taken and the version table's rows afterwards. */
    public record Outcome(List<Revision> moved, List<String> rows) {
        public Outcome {
            moved = List.copyOf(moved);
            rows = List.copyOf(rows);
        }
    }

    // ---- online ------------------------------------------------------------------------------

    /** The version table's rows and which applied scripts changed since they ran; never writes. */
    public Status current() {
        return withConnection(false, c -> {
            if (!dialect.tableExists(c, config.versionTable())) {
                return new Status(false, List.of(), List.of(), List.of());
            }
            List<String> rows = readRows(c);
            List<Revision> current = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String row : rows) {
                graph.get(row).ifPresentOrElse(current::add, () -> unknown.add(row));
            }
            List<Revision> changed = unknown.isEmpty() ? changed(c, current, false) : List.of();
            return new Status(true, current, unknown, changed);
        });
    }

    public Outcome upgrade(String target, boolean allowChanged) {
        return withConnection(true, c -> {
            List<Revision> current = prepare(c);
            List<Revision> changed = changed(c, current, true);
            if (!changed.isEmpty()) {
                String list = Targets.ids(changed);
                if (!allowChanged) {
                    throw new DbException(DbException.Category.NEGATIVE,
                            "applied script" + (changed.size() == 1 ? " " : "s ") + list + " changed after "
                                    + (changed.size() == 1 ? "it was" : "they were") + " applied",
                            "restore the script" + (changed.size() == 1 ? "" : "s")
                                    + " as applied, or rerun with --allow-changed to accept the edit");
                }
                listener.warning("applied scripts changed after they ran (accepted by --allow-changed): " + list);
            }
            List<Revision> destination = Targets.upgradeTo(graph, target, current);
            List<Step> steps = Planner.upgrade(graph, current, destination);
            run(steps, new Sink.Jdbc(c), c, ids(current));
            return new Outcome(steps.stream().map(Step::revision).toList(), readRows(c));
        });
    }

    public Outcome downgrade(String target) {
        return withConnection(true, c -> {
            List<Revision> current = prepare(c);
            List<Step> steps = Planner.downgrade(graph, current, removal(target, current));
            run(steps, new Sink.Jdbc(c), c, ids(current));
            return new Outcome(steps.stream().map(Step::revision).toList(), readRows(c));
        });
    }

    /**
     * Sets the version table to {@code targets} (several for several branches, as Alembic's
     * {@code stamp REV...}) without running scripts.
     */
    public Outcome stamp(List<String> targets, boolean purge) {
        return withConnection(true, c -> {
            ensureTables(c);
            List<String> rows = readRows(c);
            List<Revision> current = new ArrayList<>();
            for (String row : rows) {
                if (graph.get(row).isPresent()) {
                    current.add(graph.get(row).get());
                } else if (!purge) {
                    throw unknownRow(row);
                }
            }
            List<Revision> destination = stampDestination(targets, current);
            List<String> after = Planner.stampRows(graph, rows, destination, purge);
            Sink sink = new Sink.Jdbc(c);
            List<Revision> recorded = stampSql(sink, current, rows, destination, after, lastChecksums(c).keySet(), true);
            return new Outcome(recorded, readRows(c));
        });
    }

    // ---- offline -----------------------------------------------------------------------------

    /** The SQL of an upgrade, for {@code --sql}: {@code TARGET} from base, or a {@code FROM:TO} range. */
    public String upgradeSql(String range) {
        String[] r = splitRange(range, "base");
        List<Revision> start = Targets.resolve(graph, r[0], List.of(), true);
        List<Revision> destination = Targets.upgradeTo(graph, r[1], start);
        Sink.Buffer buffer = new Sink.Buffer();
        if (start.isEmpty()) {
            createTables(buffer);
        }
        runUnchecked(Planner.upgrade(graph, start, destination), buffer);
        return buffer.text();
    }

    /** The SQL of a downgrade, for {@code --sql}: needs a {@code FROM:TO} range. */
    public String downgradeSql(String range) {
        if (!range.contains(":")) {
            throw DbException.badInput("downgrade --sql needs a range FROM:TO, e.g. head:base",
                    "offline mode cannot read the database to know where it starts");
        }
        String[] r = splitRange(range, null);
        List<Revision> start = Targets.resolve(graph, r[0], List.of(), true);
        Sink.Buffer buffer = new Sink.Buffer();
        runUnchecked(Planner.downgrade(graph, start, removal(r[1], start)), buffer);
        return buffer.text();
    }

    /** The SQL of a stamp, for {@code --sql}, starting from an empty version table. */
    public String stampSql(List<String> targets) {
        Sink.Buffer buffer = new Sink.Buffer();
        createTables(buffer);
        List<Revision> destination = stampDestination(targets, List.of());
        try {
            stampSql(buffer, List.of(), List.of(), destination, Planner.stampRows(graph, List.of(), destination, false),
                    Set.of(), false);
        } catch (SQLException e) {
            throw new IllegalStateException("the buffer never fails", e);
        }
        return buffer.text();
    }

    /**
     * The revisions several stamp targets name together: each target resolved, duplicates
     * dropped, {@code base} adding nothing. Two on one line of history would leave the version
     * table holding a revision and its ancestor, which no state of the database matches.
     */
    private List<Revision> stampDestination(List<String> targets, List<Revision> current) {
        if (targets.isEmpty()) {
            throw DbException.badInput("stamp needs at least one revision", "e.g. `pinwheel db stamp head`");
        }
        Map<String, Revision> chosen = new java.util.LinkedHashMap<>();
        Map<String, String> namedBy = new HashMap<>();
        for (String target : targets) {
            for (Revision r : Targets.resolve(graph, target, current, true)) {
                chosen.putIfAbsent(r.id(), r);
                namedBy.putIfAbsent(r.id(), target);
            }
        }
        List<Revision> destination = List.copyOf(chosen.values());
        if (destination.size() > 1) {
            for (Revision r : destination) {
                BitSet above = graph.descendantsOfByParents(r);
                above.clear(graph.indexOf(r.id()));
                for (Revision other : destination) {
                    if (above.get(graph.indexOf(other.id()))) {
                        throw DbException.badInput("stamp targets " + namedBy.get(r.id()) + " and " + namedBy.get(other.id())
                                        + " are on one line of history: " + r.id() + " is an ancestor of " + other.id(),
                                "stamp one revision per branch (the newest applied one)");
                    }
                }
            }
        }
        return destination;
    }

    private static String[] splitRange(String range, String defaultStart) {
        int colon = range.indexOf(':');
        if (colon < 0) {
            return new String[] {defaultStart, range};
        }
        String from = range.substring(0, colon);
        String to = range.substring(colon + 1);
        return new String[] {from.isEmpty() ? "base" : from, to.isEmpty() ? "heads" : to};
    }

    private void runUnchecked(List<Step> steps, Sink.Buffer buffer) {
        try {
            run(steps, buffer, null, List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("the buffer never fails", e);
        }
    }

    // ---- the shared execution path ------------------------------------------------------------

    private BitSet removal(String target, List<Revision> current) {
        boolean special = target.equals("base") || target.endsWith("@base") || target.matches("-\\d+");
        if (!special) {
            BitSet applied = graph.ancestorsOf(current);
            for (Revision d : Targets.resolve(graph, target, current, false)) {
                if (!applied.get(graph.indexOf(d.id()))) {
                    throw DbException.badInput("Destination " + d.id() + " is not a valid downgrade target from current head(s)"
                            + (current.isEmpty() ? " (nothing is applied)" : " " + Targets.ids(current)),
                            "downgrade goes to an applied revision; see `pinwheel db history -i`");
                }
            }
        }
        return Targets.downgradeRemoval(graph, target, current);
    }

    /** Revisions sent together in one round trip, at most. */
    static final int BATCH_REVISIONS = 100;
    /** Characters of SQL sent together in one round trip, at most (a single larger revision goes alone). */
    static final int BATCH_CHARS = 1 << 20;

    /**
     * @param connection the live connection, or null when the sink is offline SQL
     * @param rows the version table's rows before the first step (read when a batch fails)
     */
    private void run(List<Step> steps, Sink sink, Connection connection, List<String> rows) throws SQLException {
        boolean online = connection != null;
        Optional<Dialect.Pipeline> pipeline = online ? dialect.pipeline() : Optional.empty();
        Set<String> state = new LinkedHashSet<>(rows);
        CompletableFuture<Batch> ahead = null;
        int i = 0;
        while (i < steps.size()) {
            if (pipeline.isPresent() && steps.get(i).revision().transactional()) {
                Batch batch = ahead != null ? ahead.join() : batch(steps, i, pipeline.get());
                ahead = null;
                // The next batch's SQL is written while the server runs this one.
                int next = i + batch.size();
                if (next < steps.size() && steps.get(next).revision().transactional()) {
                    ahead = CompletableFuture.supplyAsync(() -> batch(steps, next, pipeline.get()));
                }
                long t0 = System.nanoTime();
                int done = batch.size();
                try {
                    sink.pipeline(batch.sql());
                } catch (SQLException e) {
                    // A transaction before the failed one may have committed the deferral: what
                    // runs from here (the failure's history row included) commits durably.
                    try {
                        sink.execute(pipeline.get().restoreDurability());
                    } catch (SQLException again) {
                        e.addSuppressed(again);
                        throw e;
                    }
                    done = committed(steps.subList(i, i + batch.size()), state, readRows(connection), e);
                }
                Duration each = Duration.ofNanos((System.nanoTime() - t0) / Math.max(1, done));
                for (Step step : steps.subList(i, i + done)) {
                    announce(step, sink);
                    apply(step, state);
                    listener.finished(step.direction(), step.revision(), each);
                }
                i += done;
                if (done == batch.size()) {
                    continue;
                }
                ahead = null;
                // The revision that failed runs again one statement at a time, which finds and reports the statement.
            }
            Step step = steps.get(i);
            announce(step, sink);
            statementByStatement(step, SqlSplitter.split(step.section().sql(), dialect.flavor()), sink, online);
            apply(step, state);
            i++;
        }
    }

    private static List<String> ids(List<Revision> revisions) {
        return revisions.stream().map(Revision::id).toList();
    }

    /** Tells the listener and the offline SQL that a revision runs, as Alembic does. */
    private void announce(Step step, Sink sink) {
        Revision r = step.revision();
        // Named as Alembic names them: from the script's parents to the revision, or back.
        List<String> from = step.direction() == Direction.UPGRADE ? r.downRevisions() : List.of(r.id());
        List<String> to = step.direction() == Direction.UPGRADE ? List.of(r.id()) : r.downRevisions();
        listener.running(step.direction(), from, r, to);
        sink.comment("Running " + step.direction().label() + " " + String.join(", ", from) + " -> "
                + String.join(", ", to) + ", " + r.message());
    }

    private static void apply(Step step, Set<String> state) {
        state.removeAll(step.removed());
        state.addAll(step.added());
    }

    /** Consecutive transactional revisions from {@code from}, as one text of transactions. */
    private record Batch(int size, List<String> sql) {
    }

    /**
     * The transactional revisions from {@code from} that go together: each its own transaction
     * with its statements, the version table move and the history row (these two as statements
     * the batch's first transaction prepares, so the server plans them once). The batch's first
     * transaction defers the session's durability (once per batch, not per revision), and unless
     * another batch follows, its last transaction starts by restoring it, so the run's last commit
     * waits for the disk and flushes the ones before it, and its script runs as it would alone.
     */
    private Batch batch(List<Step> steps, int from, Dialect.Pipeline pipeline) {
        // Named per batch (each starts at another step), so a script that deallocates the session's
        // statements makes at most one revision fail here, which then runs again alone, in plain SQL.
        String move = "pinwheel_move_" + from;
        String history = "pinwheel_history_" + from;
        List<List<String>> transactions = new ArrayList<>();
        int chars = 0;
        int i = from;
        while (i < steps.size() && i - from < BATCH_REVISIONS && steps.get(i).revision().transactional()) {
            Step step = steps.get(i);
            Revision r = step.revision();
            List<String> one = new ArrayList<>();
            one.add("BEGIN");
            for (SqlSplitter.Statement s : SqlSplitter.split(step.section().sql(), dialect.flavor())) {
                one.add(s.sql());
            }
            one.addAll(versionSql(step.removed(), step.added(), (to, was) -> pipeline.execute(move, to, was)));
            one.add(pipeline.execute(history, dialect.literal(r.id()), dialect.literal(step.direction().label()),
                    dialect.literal(r.checksum())));
            one.add("COMMIT");
            int size = one.stream().mapToInt(String::length).sum();
            if (i > from && chars + size > BATCH_CHARS) {
                break;
            }
            transactions.add(one);
            chars += size;
            i++;
        }
        boolean anotherBatchFollows = i < steps.size() && steps.get(i).revision().transactional();
        List<String> first = transactions.get(0);
        String historyTable = dialect.quote(config.historyTable());
        first.add(1, pipeline.prepare(history, historyInsert("$1", "$2", "$3",
                pipeline.startedAt(historyTable), pipeline.finishedAt(), pipeline.durationMs(historyTable), true)));
        first.add(1, pipeline.prepare(move, versionMove("$1", "$2")));
        List<String> last = transactions.get(transactions.size() - 1);
        if (!anotherBatchFollows) {
            last.add(1, pipeline.restoreDurability());
        }
        if (anotherBatchFollows || transactions.size() > 1) {
            first.add(1, pipeline.deferDurability());
        }
        List<String> sql = new ArrayList<>();
        transactions.forEach(sql::addAll);
        return new Batch(transactions.size(), sql);
    }

    /**
     * How many revisions of a failed batch committed: the version table's rows after the failure
     * equal the state after that many of its steps. A batch whose rows match no step's state was
     * changed by something else meanwhile, which the session lock rules out: reported as is.
     */
    private int committed(List<Step> batch, Set<String> before, List<String> rows, SQLException cause) {
        Set<String> actual = new java.util.HashSet<>(rows);
        Set<String> state = new LinkedHashSet<>(before);
        for (int k = 0; ; k++) {
            if (state.equals(actual)) {
                return k;
            }
            if (k == batch.size()) {
                throw new DbException(DbException.Category.ENVIRONMENT,
                        "the version table reads " + rows + " after a failed run of revisions, which matches none of them",
                        "run `pinwheel db current` and `pinwheel db history` to see where the database is", masked(cause));
            }
            apply(batch.get(k), state);
        }
    }

    private void statementByStatement(Step step, List<SqlSplitter.Statement> statements, Sink sink, boolean online)
            throws SQLException {
        Revision r = step.revision();
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        boolean tx = r.transactional();
        SqlSplitter.Statement current = null;
        try {
            if (tx) {
                sink.begin();
            }
            for (SqlSplitter.Statement s : statements) {
                current = s;
                sink.execute(s.sql());
            }
            current = null;
            if (!tx) {
                sink.begin();
            }
            for (String sql : versionSql(step.removed(), step.added(), this::versionMove)) {
                sink.execute(sql);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            sink.execute(historyInsert(r, step.direction(), started, took, true, online));
            sink.commit();
            listener.finished(step.direction(), r, took);
        } catch (SQLException e) {
            sink.rollback();
            if (online) {
                try {
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    sink.execute(historyInsert(r, step.direction(), started, took, false, true));
                } catch (SQLException ignored) {
                    // The failure itself is what matters; a broken history insert must not hide it.
                }
            }
            throw failure(step, current, e, tx);
        }
    }

    private DbException failure(Step step, SqlSplitter.Statement statement, SQLException e, boolean tx) {
        Revision r = step.revision();
        String where = "";
        String excerpt = "";
        if (statement != null) {
            // PostgreSQL says where in the statement it failed; elsewhere the statement's start is shown.
            String section = step.section().sql();
            int position = serverErrorPosition(e);
            int at = statement.offset() + (position > 0 && position <= statement.sql().length() ? position - 1 : 0);
            if (statement.offset() < 0 || at >= section.length()) {
                at = -1;
            }
            if (at < 0) {
                where = " at " + display(r.path()) + ":" + (step.section().firstLine() + statement.line() - 1);
            } else {
                int lineStart = section.lastIndexOf('\n', at - 1) + 1;
                int lineEnd = section.indexOf('\n', at);
                String line = section.substring(lineStart, lineEnd < 0 ? section.length() : lineEnd).replace("\r", "");
                int column = at - lineStart + 1;
                int scriptLine = step.section().firstLine() + SourceError.lineOf(section, at) - 1;
                int length = 1;
                while (column - 1 + length < line.length() && isWordChar(line.charAt(column - 1 + length))
                        && isWordChar(line.charAt(column - 1))) {
                    length++;
                }
                where = " at " + display(r.path()) + ":" + scriptLine + ":" + column;
                // Tabs stay tabs under the caret, so it lines up in a terminal.
                String pad = line.substring(0, Math.min(column - 1, line.length())).replaceAll("[^\t]", " ");
                excerpt = "\n  " + line + "\n  " + pad + "^".repeat(length);
            }
        }
        String stays = step.removed().isEmpty() ? "base" : String.join(", ", step.removed());
        StringBuilder message = new StringBuilder();
        message.append(step.direction().label()).append(' ').append(r.id()).append(" (").append(r.message()).append(") failed")
                .append(where).append(tx ? "; rolled back, the database stays at " + stays
                        : "; the script runs outside a transaction, so statements before this one stay applied")
                .append(excerpt);
        if (statement != null) {
            String sql = statement.sql();
            if (sql.length() > 800) {
                sql = sql.substring(0, 800) + " ...";
            }
            message.append("\n  statement: ").append(sql.replace("\n", "\n    "));
        }
        return new DbException(DbException.Category.ENVIRONMENT, url.mask(message.toString()),
                "fix the script and run the command again", masked(e));
    }

    /** The 1-based character position PostgreSQL reports within the failed statement, or 0. */
    private static int serverErrorPosition(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getPosition();
            }
        }
        return 0;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private String display(Path path) {
        if (path == null) {
            return "<memory>";
        }
        Path rel = path.startsWith(config.projectRoot()) ? config.projectRoot().relativize(path) : path;
        return rel.toString();
    }

    /**
     * Moves the version table and records a stamp row (with the script's checksum) for every
     * revision that becomes applied, or that is applied but was never recorded (a database
     * Alembic made), so later edits to those scripts are noticed.
     */
    private List<Revision> stampSql(Sink sink, List<Revision> current, List<String> rows, List<Revision> destination,
                                    List<String> after, Set<String> recordedBefore, boolean online) throws SQLException {
        List<String> removed = new ArrayList<>(rows);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(rows);
        BitSet before = graph.ancestorsOf(current);
        List<Revision> afterRevs = new ArrayList<>();
        for (String a : after) {
            graph.get(a).ifPresent(afterRevs::add);
        }
        BitSet now = graph.ancestorsOf(afterRevs);
        List<Revision> recorded = new ArrayList<>();
        for (Revision r : graph.ordered(now, false)) {
            if (!before.get(graph.indexOf(r.id())) || !recordedBefore.contains(r.id())) {
                recorded.add(r);
            }
        }
        for (Revision d : destination) {
            listener.running(Direction.STAMP, removed, d, added);
        }
        sink.comment("Running stamp_revision " + String.join(", ", removed) + " -> " + String.join(", ", added));
        sink.begin();
        try {
            for (String sql : versionSql(removed, added, this::versionMove)) {
                sink.execute(sql);
            }
            Instant at = clock.instant();
            for (Revision r : recorded) {
                sink.execute(historyInsert(r, Direction.STAMP, at, Duration.ZERO, true, online));
            }
            sink.commit();
        } catch (SQLException e) {
            sink.rollback();
            throw e;
        }
        return recorded;
    }

    /**
     * Alembic's own statements for moving the version table; a single row's move (the common
     * case) is written by {@code move} from the literals of the revision it moves to and from.
     */
    private List<String> versionSql(List<String> removed, List<String> added,
                                    BinaryOperator<String> move) {
        String t = dialect.quote(config.versionTable());
        List<String> out = new ArrayList<>();
        if (removed.size() == 1 && added.size() == 1) {
            out.add(move.apply(dialect.literal(added.get(0)), dialect.literal(removed.get(0))));
            return out;
        }
        for (String r : removed) {
            out.add("DELETE FROM " + t + " WHERE " + t + ".version_num = " + dialect.literal(r));
        }
        for (String a : added) {
            out.add("INSERT INTO " + t + " (version_num) VALUES (" + dialect.literal(a) + ")");
        }
        return out;
    }

    /** The version table's row moving from one revision to the next (the values are SQL). */
    private String versionMove(String to, String from) {
        String t = dialect.quote(config.versionTable());
        return "UPDATE " + t + " SET version_num=" + to + " WHERE " + t + ".version_num = " + from;
    }

    private String historyInsert(Revision r, Direction direction, Instant started, Duration took, boolean success,
                                 boolean online) {
        String id = dialect.literal(r.id());
        String label = dialect.literal(direction.label());
        String checksum = dialect.literal(r.checksum());
        return online
                ? historyInsert(id, label, checksum, dialect.timestampLiteral(started),
                        dialect.timestampLiteral(started.plus(took)), Long.toString(took.toMillis()), success)
                : historyInsert(id, label, checksum, "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP", "0", success);
    }

    /** A history row; every value but the success flag is SQL (a literal, an expression or a parameter). */
    private String historyInsert(String revision, String direction, String checksum, String startedAt, String finishedAt,
                                 String durationMs, boolean success) {
        return "INSERT INTO " + dialect.quote(config.historyTable())
                + " (revision, direction, checksum, started_at, finished_at, duration_ms, applied_by, tool_version, success)"
                + " VALUES (" + revision + ", " + direction + ", " + checksum + ", " + startedAt + ", " + finishedAt + ", "
                + durationMs + ", "
                + dialect.literal(who) + ", " + dialect.literal(toolVersion) + ", " + dialect.booleanLiteral(success) + ")";
    }

    private void createTables(Sink sink) {
        try {
            sink.execute(dialect.createVersionTable(config.versionTable()));
            sink.execute(dialect.createHistoryTable(config.historyTable()));
        } catch (SQLException e) {
            throw new IllegalStateException("the buffer never fails", e);
        }
    }

    // ---- database state ------------------------------------------------------------------------

    private List<Revision> prepare(Connection c) throws SQLException {
        ensureTables(c);
        List<Revision> current = new ArrayList<>();
        for (String row : readRows(c)) {
            current.add(graph.get(row).orElseThrow(() -> unknownRow(row)));
        }
        return current;
    }

    private DbException unknownRow(String row) {
        return new DbException(DbException.Category.BAD_INPUT,
                "Can't locate revision identified by '" + row + "' (the database is at it, but no script has that id)",
                "get the missing script, or move the database with `pinwheel db stamp --purge REV`");
    }

    private void ensureTables(Connection c) throws SQLException {
        boolean version = dialect.tableExists(c, config.versionTable());
        boolean history = dialect.tableExists(c, config.historyTable());
        if (version && history) {
            return;
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (!version) {
                s.execute(dialect.createVersionTable(config.versionTable()));
            }
            if (!history) {
                s.execute(dialect.createHistoryTable(config.historyTable()));
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private List<String> readRows(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version_num FROM " + dialect.quote(config.versionTable()))) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Applied revisions whose script differs from the checksum recorded when it was applied or stamped. */
    private List<Revision> changed(Connection c, List<Revision> current, boolean historyExists) throws SQLException {
        if (current.isEmpty() || !(historyExists || dialect.tableExists(c, config.historyTable()))) {
            return List.of();
        }
        Map<String, String> last = lastChecksums(c);
        List<Revision> changed = new ArrayList<>();
        for (Revision r : graph.ordered(graph.ancestorsOf(current), false)) {
            String sum = last.get(r.id());
            if (sum != null && !sum.equals(r.checksum())) {
                changed.add(r);
            }
        }
        return changed;
    }

    /** Each revision's checksum as last applied or stamped (the history table must exist). */
    private Map<String, String> lastChecksums(Connection c) throws SQLException {
        Map<String, String> last = new HashMap<>();
        String history = dialect.quote(config.historyTable());
        try (Statement s = c.createStatement();
             // Only the newest row per revision: the table grows with every run.
             ResultSet rs = s.executeQuery("SELECT revision, checksum FROM " + history + " WHERE id IN (SELECT MAX(id) FROM "
                     + history + " WHERE success = " + dialect.booleanLiteral(true)
                     + " AND direction IN ('upgrade', 'stamp') GROUP BY revision)")) {
            while (rs.next()) {
                last.put(rs.getString(1), rs.getString(2));
            }
        }
        return last;
    }

    // ---- connections -----------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(boolean lock, Work<T> work) {
        Connection c;
        try {
            EarlyConnection opened = early;
            early = null;
            c = opened != null ? opened.take() : dialect.connectForMigrations(url);
        } catch (SQLException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "cannot connect to " + url,
                    "check the URL (--url, $" + config.urlEnv() + " or .env) and that the server runs", masked(e));
        }
        try (c) {
            AutoCloseable held = lock ? dialect.lock(c, url, config.versionTable(), listener::waitingForLock) : () -> { };
            try {
                return work.run(c);
            } finally {
                held.close();
            }
        } catch (DbException e) {
            throw e;
        } catch (SQLException e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "database error on " + url, null, masked(e));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DbException(DbException.Category.ENVIRONMENT, "database error on " + url, null, masked(e));
        }
    }

    /** The driver's message with any password masked, as a cause that carries no foreign text. */
    private DbException masked(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DbException(DbException.Category.ENVIRONMENT, url.mask(m.strip()));
    }

    /** Ids in topological order, for messages. */
    static Set<String> idsOf(List<Revision> revisions) {
        Set<String> out = new LinkedHashSet<>();
        revisions.forEach(r -> out.add(r.id()));
        return out;
    }
}
