#!/usr/bin/env python3
"""Benchmark: `pinwheel db` vs Alembic, following ../shared/docs/PERFORMANCE.md.

Whole-process wall time; Alembic (with SQLAlchemy and psycopg2-binary) installed from PyPI into a
throwaway venv; the same 1,000 linear revisions (one CREATE TABLE each) for both tools; per round
the commands run in the order upgrade head, current, heads, history, downgrade base, each one
alternating Alembic and pinwheel in ABBA order (each tool goes first in every other round, so neither always
runs on the server state the other's writes left); three warm-up rounds, then RUNS counted rounds. SQLite and
PostgreSQL ($PINWHEEL_TEST_PG_URL, a fresh database per tool), then pinwheel `db heads` at 10,000
revisions. Prints a Markdown section for docs/benchmarks.md.

    bench/db.py [RUNS]        (default 5; BENCH_DB_KINDS="postgresql" runs one kind)

On PostgreSQL, upgrade and downgrade are also measured against Alembic configured with
transaction_per_migration=True, which commits each revision on its own as pinwheel does, and the
server's own floor is measured: the same 1,000 CREATE TABLEs with their version-table updates and
history rows sent by psycopg2 as one message, in one transaction and as 1,000 transactions (what
any client must wait for, whatever it does itself). Then two ideal clients, whole-process: a
Python process with psycopg2 and a JVM with pgjdbc (bench/ideal/IdealClient.java, started as
bin/pinwheel starts Java), each only connecting and sending the run's whole SQL (built beforehand,
one transaction per revision) in messages of 100 revisions, reading no script and checking
nothing; their times are the least such a client could take, and Alembic's median over them the
best ratio such a client could reach.
"""
import os, statistics, subprocess, sys, tempfile, time, urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/pinwheel-bench")) / "db"
N = 1000
PINWHEEL = str(ROOT / "bin" / "pinwheel")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def rev_id(i, salt):
    return "%012x" % ((salt << 40) + i * 7919 + 1)


def make_alembic(dir_, url, per_migration=False):
    (dir_ / "versions").mkdir(parents=True)
    (dir_.parent / "alembic.ini").write_text(
        "[alembic]\nscript_location = %s\nsqlalchemy.url = %s\n\n" % (dir_, url.replace("%", "%%"))
        + "[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
        "[logger_root]\nlevel = WARN\nhandlers = console\n[handler_console]\nclass = StreamHandler\n"
        "args = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n[formatter_generic]\nformat = %(message)s\n")
    (dir_ / "script.py.mako").write_text("")
    (dir_ / "env.py").write_text(
        "from alembic import context\nfrom sqlalchemy import engine_from_config, pool\n"
        "config = context.config\n"
        "if context.is_offline_mode():\n"
        "    context.configure(url=config.get_main_option('sqlalchemy.url'), literal_binds=True)\n"
        "    with context.begin_transaction():\n        context.run_migrations()\n"
        "else:\n"
        "    engine = engine_from_config(config.get_section(config.config_ini_section), prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
        "    with engine.connect() as connection:\n"
        "        context.configure(connection=connection%s)\n"
        "        with context.begin_transaction():\n            context.run_migrations()\n"
        % (", transaction_per_migration=True" if per_migration else ""))
    prev = None
    for i in range(N):
        rid = rev_id(i, 0xa1)
        (dir_ / "versions" / ("%s_rev_%d.py" % (rid, i))).write_text(
            '"""rev %d\n\nRevision ID: %s\nRevises: %s\n"""\nfrom alembic import op\n\n'
            "revision = %r\ndown_revision = %r\nbranch_labels = None\ndepends_on = None\n\n\n"
            "def upgrade():\n    op.execute('CREATE TABLE t%d (id INTEGER PRIMARY KEY, name VARCHAR(50))')\n\n\n"
            "def downgrade():\n    op.execute('DROP TABLE t%d')\n" % (i, rid, prev or "", rid, prev, i, i))
        prev = rid


def make_pinwheel(project, url, n=N):
    versions = project / "migrations" / "versions"
    versions.mkdir(parents=True)
    if url:
        (project / ".env").write_text("DATABASE_URL=%s\n" % url)
    prev = None
    for i in range(n):
        rid = rev_id(i, 0xb2)
        (versions / ("%s_rev_%d.sql" % (rid, i))).write_text(
            "-- message: rev %d\n-- revision: %s\n-- down_revision: %s\n-- branch_labels:\n-- depends_on:\n"
            "-- create_date: 2026-01-01 00:00:00.000000\n-- transactional: true\n\n-- +upgrade\n"
            "CREATE TABLE t%d (id INTEGER PRIMARY KEY, name VARCHAR(50));\n\n-- +downgrade\nDROP TABLE t%d;\n"
            % (i, rid, prev or "none", i, i))
        prev = rid
    # Scripts written by hand, as here, are recorded the way a developer records them.
    sh([PINWHEEL, "-q", "db", "sums", "--write"], cwd=project)


def fresh_db_archives():
    """Deletes the launcher's class-data archives of `db` commands, so the next database kind records
    its own. The launcher records one archive per command on that command's first run; an archive
    recorded by a SQLite run holds none of the PostgreSQL driver's classes (and the other way round),
    which costs a PostgreSQL `db current` about 0.5 s of CPU. A project uses one kind of database,
    so each kind is measured with the archive its own first (warm-up) run records."""
    for f in (ROOT / "pinwheel-cli" / "target").glob("pinwheel-db-*.jsa*"):
        f.unlink()


def settle_archives():
    """Marks the launcher's class-data archives settled once the warm-up round has recorded them, so
    that no counted run lists its classes (the launcher lists them, ~10 ms a run, until three runs
    in a row add nothing; see bench/archives.sh)."""
    for f in (ROOT / "pinwheel-cli" / "target").glob("pinwheel-*.jsa"):
        f.with_name(f.name + ".settled").touch()


def timed(cmd, cwd, env):
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()[-2000:]))
    return elapsed


def pg_database(venv_python, base_url, name):
    u = urllib.parse.urlsplit(base_url)
    code = ("import psycopg2; c = psycopg2.connect(%r); c.autocommit = True; cur = c.cursor(); "
            "cur.execute('DROP DATABASE IF EXISTS %s'); cur.execute('CREATE DATABASE %s')" % (base_url, name, name))
    sh([venv_python, "-c", code])
    return urllib.parse.urlunsplit(("postgresql+psycopg2", u.netloc, "/" + name, u.query, u.fragment))


COMMANDS = [("upgrade head", ["upgrade", "head"]), ("current", ["current"]), ("heads", ["heads"]),
            ("history", ["history"]), ("downgrade base", ["downgrade", "base"])]
# Like for like: Alembic with transaction_per_migration=True commits each revision on its own, as
# pinwheel does (its default env.py runs the whole upgrade in one transaction).
WRITES = [("upgrade head", ["upgrade", "head"]), ("downgrade base", ["downgrade", "base"])]


FLOOR_CODE = r"""
import sys, time, psycopg2
conn = psycopg2.connect(sys.argv[1]); conn.autocommit = True; cur = conn.cursor()
n, runs = int(sys.argv[2]), int(sys.argv[3])
setup = ("DROP TABLE IF EXISTS floor_version, floor_history;"
         "CREATE TABLE floor_version (version_num varchar(32) PRIMARY KEY);"
         "CREATE TABLE floor_history (revision text, direction text, checksum text, started_at timestamptz,"
         " finished_at timestamptz, duration_ms bigint, applied_by text, tool_version text, success boolean);"
         "INSERT INTO floor_version VALUES ('r0');")
def revision(i, last, each):
    sql = ("CREATE TABLE floor_t%d (id INTEGER PRIMARY KEY, name VARCHAR(50));"
           "UPDATE floor_version SET version_num = 'r%d' WHERE floor_version.version_num = 'r%d';"
           "INSERT INTO floor_history VALUES ('r%d', 'upgrade', 'x', now(), clock_timestamp(), 1, 'me', '1', true);"
           % (i, i, i - 1, i))
    if not each:
        return sql
    return "BEGIN;" + ("" if last else "SET LOCAL synchronous_commit TO OFF;") + sql + "COMMIT;"
drop = "".join("DROP TABLE IF EXISTS floor_t%d;" % i for i in range(1, n + 1))
for label, each in (("one transaction", False), ("a transaction per revision", True)):
    times = []
    for _ in range(runs):
        cur.execute(drop); cur.execute(setup)
        body = "".join(revision(i, i == n, each) for i in range(1, n + 1))
        text = body if each else "BEGIN;" + body + "COMMIT;"
        t = time.perf_counter(); cur.execute(text); times.append(time.perf_counter() - t)
    times.sort()
    print("%s\t%.2f\t%.2f\t%.2f" % (label, times[len(times) // 2], times[0], times[-1]))
cur.execute(drop); cur.execute("DROP TABLE floor_version, floor_history")
"""


# The SQL file holds one batch per line (100 revisions each: one message of 1,000 took the server
# longer than ten of 100 in every trial here).
IDEAL_CLIENT = ("import psycopg2, sys; c = psycopg2.connect(sys.argv[1]); c.autocommit = True; cur = c.cursor()\n"
                "for batch in open(sys.argv[2]):\n    cur.execute(batch)")


def ideal_client(venv_python, url, runs, work):
    """Whole-process time of a client that only sends the upgrade's (then the downgrade's) SQL."""
    url = url.replace("postgresql+psycopg2://", "postgresql://")
    def tx(i, sql, direction, to, frm):
        return ("BEGIN;SET LOCAL synchronous_commit TO OFF;%s;UPDATE ideal_version SET version_num = 'r%d' "
                "WHERE ideal_version.version_num = 'r%d';INSERT INTO ideal_history VALUES ('r%d', '%s', 'x', now(), "
                "clock_timestamp(), 1, 'me', '1', true);COMMIT;" % (sql, to, frm, i, direction))
    up, down = work / "ideal-up.sql", work / "ideal-down.sql"
    def batches(txs):
        return "".join("".join(txs[k:k + 100]) + "\n" for k in range(0, len(txs), 100))
    up.write_text(batches([tx(i, "CREATE TABLE ideal_t%d (id INTEGER PRIMARY KEY, name VARCHAR(50))" % i, "upgrade",
                              i, i - 1) for i in range(1, N + 1)]))
    down.write_text(batches([tx(i, "DROP TABLE ideal_t%d" % i, "downgrade", i - 1, i) for i in range(N, 0, -1)]))
    subprocess.run([venv_python, "-c", "import psycopg2, sys; c = psycopg2.connect(sys.argv[1]); c.autocommit = True; "
                    "c.cursor().execute(sys.argv[2])", url,
                    "CREATE TABLE ideal_version (version_num varchar(32) PRIMARY KEY); INSERT INTO ideal_version VALUES ('r0');"
                    "CREATE TABLE ideal_history (revision text, direction text, checksum text, started_at timestamptz,"
                    " finished_at timestamptz, duration_ms bigint, applied_by text, tool_version text, success boolean)"],
                   check=True)
    java_cmd = ideal_java_client(work, url)
    clients = {"Python (psycopg2)": lambda f: [venv_python, "-c", IDEAL_CLIENT, url, str(f)],
               "JVM (pgjdbc)": lambda f: java_cmd + [str(f)]}
    times = {(who, name): [] for who in clients for name in ("upgrade head", "downgrade base")}
    # Three warm-up rounds: the first cycles of creating and dropping 1,000 tables in a new database
    # run slower (up to 2×) while its catalogs grow. The two clients alternate, each first in every
    # other round.
    for rnd in range(runs + 3):
        order = list(clients) if rnd % 2 == 0 else list(reversed(list(clients)))
        for who in order:
            for name, f in (("upgrade head", up), ("downgrade base", down)):
                took = timed(clients[who](f), work, dict(os.environ))
                if rnd >= 3:
                    times[(who, name)].append(took)
    return times


def ideal_java_client(work, url):
    """bench/ideal/IdealClient.java built against pinwheel's jar, run as the launcher runs pinwheel
    (JDK 17, SerialGC, C1 only, a class-data archive of its own classes)."""
    java = os.environ.get("PINWHEEL_JAVA", "java")
    jdk_bin = Path(java).parent if os.sep in java else None
    tool = lambda name: str(jdk_bin / name) if jdk_bin else name
    jar = ROOT / "pinwheel-cli" / "target" / "pinwheel.jar"
    out = work / "ideal-java"
    out.mkdir(exist_ok=True)
    sh([tool("javac"), "-cp", str(jar), "-d", str(out), str(ROOT / "bench" / "ideal" / "IdealClient.java")])
    sh([tool("jar"), "cf", str(out / "ideal.jar"), "-C", str(out), "IdealClient.class"])
    u = urllib.parse.urlsplit(url)
    classpath = "%s:%s" % (jar, out / "ideal.jar")
    flags = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss4m"]
    cmd = [java] + flags + ["-cp", classpath, "IdealClient", "jdbc:postgresql://%s:%d%s" % (u.hostname, u.port or 5432, u.path),
                            urllib.parse.unquote(u.username or ""), urllib.parse.unquote(u.password or "")]
    # One run lists the classes it loads (against an empty file: nothing to change), then the archive.
    empty = out / "empty.sql"
    empty.write_text("SELECT 1\n")
    sh(cmd[:1] + ["-XX:DumpLoadedClassList=%s" % (out / "ideal.classlist")] + cmd[1:] + [str(empty)])
    sh([java, "-XX:+UseSerialGC", "-Xshare:dump", "-XX:SharedClassListFile=%s" % (out / "ideal.classlist"),
        "-XX:SharedArchiveFile=%s" % (out / "ideal.jsa"), "-cp", classpath])
    return cmd[:1] + ["-XX:SharedArchiveFile=%s" % (out / "ideal.jsa"), "-Xshare:auto"] + cmd[1:]


def server_floor(venv_python, url, runs):
    """The server's own time for the upgrade's SQL, sent in one message (no client work, no round trips)."""
    out = subprocess.run([venv_python, "-c", FLOOR_CODE, url.replace("postgresql+psycopg2://", "postgresql://"),
                          str(N), str(max(runs, 3))], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.strip().splitlines()]


# Three warm-up rounds: in a new PostgreSQL database the first cycles of creating and dropping
# 1,000 tables run up to 2× slower (one warm-up round left some counted rounds of one tool there).
WARMUPS = 3


def compare(label, alembic_dir, pinwheel_dir, venv, commands=COMMANDS):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # Python caches compiled revision scripts in __pycache__ by default, as on a developer's
    # machine; this workplace sets PYTHONDONTWRITEBYTECODE, which made Alembic compile its 1,000
    # scripts on every run (~0.1 s more per command). The warm-up round writes the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    results = {name: ([], []) for name, _ in commands}
    for rnd in range(RUNS + WARMUPS):
        for name, args in commands:
            # ABBA: each tool runs first in every other round, so neither always follows the other's writes.
            order = ("a", "b") if rnd % 2 == 0 else ("b", "a")
            took = {}
            for who in order:
                took[who] = (timed([str(venv / "bin" / "alembic")] + args, alembic_dir, env) if who == "a"
                             else timed([PINWHEEL, "-q", "db"] + args, pinwheel_dir, env))
            a, b = took["a"], took["b"]
            if rnd >= WARMUPS:
                results[name][0].append(a)
                results[name][1].append(b)
        if rnd == 0:
            settle_archives()
    rows = []
    for name, _ in commands:
        a, b = results[name]
        ma, mb = statistics.median(a), statistics.median(b)
        ALEMBIC_MEDIANS[(label, name)] = ma
        rows.append("| %s | %s | %.2f s (%.2f–%.2f) | %.2f s (%.2f–%.2f) | %.1f× |"
                    % (label, name, ma, min(a), max(a), mb, min(b), max(b), ma / mb))
    return rows


ALEMBIC_MEDIANS = {}


def main():
    load_start = os.getloadavg()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    WORK.mkdir(parents=True, exist_ok=True)
    venv = WORK / "alembic-venv"
    if not (venv / "bin" / "alembic").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(venv / "bin" / "pip"), "install", "-q", "alembic", "sqlalchemy", "psycopg2-binary"])
    version = subprocess.run([str(venv / "bin" / "alembic"), "--version"], capture_output=True, text=True).stdout.strip()
    sh([PINWHEEL, "--version"])  # builds the jar and the CDS archive outside the timings
    tmp = Path(tempfile.mkdtemp(prefix="db-bench-", dir=WORK))
    rows = []
    like = []
    floor = []
    ideal = {}
    kinds = os.environ.get("BENCH_DB_KINDS", "sqlite postgresql").split()
    targets = [("SQLite", None)] if "sqlite" in kinds else []
    pg = os.environ.get("PINWHEEL_TEST_PG_URL")
    if pg and "postgresql" in kinds:
        targets.append(("PostgreSQL", pg))
    for label, base in targets:
        if base is None:
            a_url, p_url = "sqlite:///%s" % (tmp / label / "alembic" / "app.db"), "sqlite:///app.db"
        else:
            a_url = pg_database(str(venv / "bin" / "python"), base, "bench_alembic")
            p_url = pg_database(str(venv / "bin" / "python"), base, "bench_pinwheel")
        (tmp / label / "alembic").mkdir(parents=True)
        make_alembic(tmp / label / "alembic" / "migrations", a_url)
        make_pinwheel(tmp / label / "pinwheel", p_url)
        fresh_db_archives()
        rows += compare(label, tmp / label / "alembic", tmp / label / "pinwheel", venv)
        if base is not None:
            a2_url = pg_database(str(venv / "bin" / "python"), base, "bench_alembic_each")
            (tmp / label / "alembic-each").mkdir(parents=True)
            make_alembic(tmp / label / "alembic-each" / "migrations", a2_url, per_migration=True)
            # A new database for pinwheel too: PostgreSQL's catalogs grow with every create-and-drop
            # cycle until vacuumed, and the default comparison has run several on the first one.
            p2_url = pg_database(str(venv / "bin" / "python"), base, "bench_pinwheel_each")
            (tmp / label / "pinwheel" / ".env").write_text("DATABASE_URL=%s\n" % p2_url)
            like = compare(label + ", Alembic with transaction_per_migration", tmp / label / "alembic-each",
                           tmp / label / "pinwheel", venv, WRITES)
            floor = server_floor(str(venv / "bin" / "python"), pg_database(str(venv / "bin" / "python"), base,
                                                                            "bench_floor"), RUNS)
            ideal = ideal_client(str(venv / "bin" / "python"), pg_database(str(venv / "bin" / "python"), base,
                                                                            "bench_ideal"), RUNS, tmp)
    big = tmp / "heads10k"
    make_pinwheel(big, None, 10_000)
    env = dict(os.environ)
    timed([PINWHEEL, "-q", "db", "heads"], big, env)
    t10k = [timed([PINWHEEL, "-q", "db", "heads"], big, env) for _ in range(RUNS)]
    load = os.getloadavg()
    print("## pinwheel db vs Alembic\n")
    print("`bench/db.py %d`: %s from PyPI (with SQLAlchemy, psycopg2-binary) against `bin/pinwheel db`, %d linear "
          "revisions of one `CREATE TABLE` each, whole-process wall time, per round upgrade head → current → heads → "
          "history → downgrade base, each alternating Alembic and pinwheel (ABBA: Alembic first in even rounds, "
          "pinwheel first in odd ones); "
          "%d warm-up rounds, %d counted. "
          "Alembic runs its default env.py (one transaction for the whole upgrade); pinwheel (commit %s) commits "
          "each revision in its own transaction with its version-table move and history row (on PostgreSQL up to 100 "
          "revisions per message). Alembic may write its scripts' bytecode cache (`PYTHONDONTWRITEBYTECODE` unset), "
          "as Python does by default. Median (min–max); ratio = Alembic median / pinwheel median. "
          "Load average (1, 5, 15 min) at the start: %.1f, %.1f, %.1f; at the end: %.1f, %.1f, %.1f, on 2 cores "
          "(other agents were building and testing). Each database kind starts from fresh class-data archives "
          "of the `db` commands, recorded by its first warm-up round.\n"
          % (RUNS, version, N, WARMUPS, RUNS, commit, load_start[0], load_start[1], load_start[2], load[0], load[1], load[2]))
    print("| database | command | Alembic | pinwheel | ratio |\n|---|---|---|---|---|")
    for r in rows:
        print(r)
    if like:
        print("\nLike for like (each revision in its own transaction on both sides):\n")
        print("| database | command | Alembic | pinwheel | ratio |\n|---|---|---|---|---|")
        for r in like:
            print(r)
    if floor:
        print("\nThe PostgreSQL server's own time for the upgrade's SQL (1,000 CREATE TABLEs with version-table updates "
              "and history rows, sent by psycopg2 as one message, median (min–max) of %d):\n" % max(RUNS, 3))
        print("| sent as | server time |\n|---|---|")
        for label, med, lo, hi in floor:
            print("| %s | %.2f s (%.2f–%.2f) |" % (label, float(med), float(lo), float(hi)))
    if ideal:
        print("\nIdeal clients on PostgreSQL, whole process: a process that connects and sends the run's SQL (built "
              "beforehand, a transaction per revision) in messages of 100 revisions, reading no script and checking "
              "nothing — Python with psycopg2, and a JVM with pgjdbc started as `bin/pinwheel` starts (bench/ideal/"
              "IdealClient.java, JDK 17, C1 only, a class-data archive); the two alternate, median (min–max) of %d after "
              "three warm-up rounds. Alembic's median over a client's is the best ratio that client could reach here:\n"
              % RUNS)
        print("| client | command | time | best possible ratio vs Alembic |\n|---|---|---|---|")
        for (who, name), t in ideal.items():
            m = statistics.median(t)
            a = ALEMBIC_MEDIANS.get(("PostgreSQL", name))
            print("| %s | %s | %.2f s (%.2f–%.2f) | %s |" % (who, name, m, min(t), max(t), "%.1f×" % (a / m) if a else "–"))
    print("\npinwheel `db heads` at 10,000 revisions: median %.2f s (%.2f–%.2f), %d runs.\n"
          % (statistics.median(t10k), min(t10k), max(t10k), RUNS))


if __name__ == "__main__":
    main()
