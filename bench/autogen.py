#!/usr/bin/env python3
"""Benchmark: `pinwheel db revision --autogenerate` / `db check` vs Alembic, following
../shared/docs/PERFORMANCE.md.

Whole-process wall time; Alembic, SQLAlchemy and psycopg2-binary installed from PyPI into a
throwaway venv, whose interpreter also reads the model for pinwheel (interpreter start included).
A generated 300-table SQLAlchemy 2 model (columns of several types, foreign keys, indexes, unique
constraints); the database already holds it (built by metadata.create_all()) and both tools have
an empty versions folder, so the database is at head. `check` finds no differences;
`revision --autogenerate` drafts one new table (the model has one more than the database), and the
draft is deleted after each run. pinwheel runs with the model and with `schema.sql` (the model's DDL
as a file), each also right after a change to the model: before every such run (outside the
timing) one more table gets one more column in the model (and, for `check`, in the database too,
so it still agrees), a different table each round, so the target cache misses and the kept dev
schema rebuilds that table. `check` also runs with `--no-cache` (the target built whole in a
throwaway dev schema, the cost of a first run on a new server). Without a change the target
cache, warm after the warm-up round, skips the dev database. SQLite and PostgreSQL ($PINWHEEL_TEST_PG_URL, one database per
tool). Per round each command alternates Alembic then pinwheel; one warm-up round, then RUNS counted rounds. Prints a
Markdown section for docs/benchmarks.md.

    bench/autogen.py [RUNS]        (default 5; BENCH_DB_KINDS="sqlite postgresql" picks the databases)
"""
import os, shutil, statistics, subprocess, sys, tempfile
from pathlib import Path

from db import fresh_db_archives, pg_database, settle_archives, sh, timed  # bench/db.py: the same helpers, the same protocol

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/pinwheel-bench")) / "autogen"
TABLES = int(os.environ.get("BENCH_TABLES", "300"))
PINWHEEL = str(ROOT / "bin" / "pinwheel")



def model_source(tables, extra, added=None):
    out = ["from datetime import datetime", "from decimal import Decimal", "from typing import Optional",
           "from sqlalchemy import MetaData, String, Text, Numeric, Boolean, ForeignKey, Index, UniqueConstraint, text",
           "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column", "",
           "class Base(DeclarativeBase):",
           "    metadata = MetaData(naming_convention={'ix': 'ix_%(column_0_label)s', "
           "'uq': 'uq_%(table_name)s_%(column_0_name)s', 'fk': 'fk_%(table_name)s_%(column_0_name)s', "
           "'pk': 'pk_%(table_name)s'})", ""]
    for i in range(tables + (1 if extra else 0)):
        out += ["class T%d(Base):" % i, "    __tablename__ = 't%d'" % i,
                "    id: Mapped[int] = mapped_column(primary_key=True)",
                "    name: Mapped[str] = mapped_column(String(100), index=True)",
                "    code: Mapped[str] = mapped_column(String(20))",
                "    note: Mapped[Optional[str]] = mapped_column(Text)",
                "    amount: Mapped[Optional[Decimal]] = mapped_column(Numeric(12, 2))",
                "    active: Mapped[bool] = mapped_column(server_default=text('true'))",
                "    created: Mapped[datetime]"]
        for col in (added or {}).get(i, []):
            out.append("    %s: Mapped[Optional[int]]" % col)
        if i > 0:
            out.append("    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey('t%d.id', ondelete='CASCADE'))"
                       % (i // 2))
        out += ["    __table_args__ = (UniqueConstraint('code'),)", ""]
    return "\n".join(out) + "\n"


ENV_PY = """from alembic import context
from sqlalchemy import engine_from_config, pool
import sys
sys.path.insert(0, '.')
from app.models import Base
config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section), prefix='sqlalchemy.', poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
"""

MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''


def write_models(project, extra, added=None):
    (project / "app").mkdir(parents=True, exist_ok=True)
    (project / "app" / "__init__.py").write_text("")
    (project / "app" / "models.py").write_text(model_source(TABLES, extra, added))


def alembic_project(dir_, url):
    write_models(dir_, True)
    (dir_ / "migrations" / "versions").mkdir(parents=True)
    (dir_ / "migrations" / "env.py").write_text(ENV_PY)
    (dir_ / "migrations" / "script.py.mako").write_text(MAKO)
    (dir_ / "alembic.ini").write_text(
        "[alembic]\nscript_location = migrations\nsqlalchemy.url = %s\n\n" % url.replace("%", "%%")
        + "[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
        "[logger_root]\nlevel = WARN\nhandlers = console\n[handler_console]\nclass = StreamHandler\n"
        "args = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n[formatter_generic]\nformat = %(message)s\n")


def pinwheel_project(dir_, url, source, venv_python, dialect):
    write_models(dir_, True)
    (dir_ / "migrations" / "versions").mkdir(parents=True)
    (dir_ / "migrations" / "versions" / "pinwheel.sum").write_text("")
    (dir_ / ".env").write_text("DATABASE_URL=%s\n" % url)
    # keep_dev_schema: on PostgreSQL without a dev_url the target may stay in the compared database
    # between runs (off by default); measured with it on, as a project that wants speed sets it (or
    # a dev_url). The --no-cache rows show what a run without it costs after a model change.
    if source == "schema.sql":
        write_schema_sql(dir_, venv_python, dialect)
        (dir_ / "pyproject.toml").write_text('[tool.pinwheel.db]\nschema = "schema.sql"\nkeep_dev_schema = true\n')
    else:
        (dir_ / "pyproject.toml").write_text('[tool.pinwheel.db]\nmetadata = "app.models:Base"\nkeep_dev_schema = true\n')


def write_schema_sql(dir_, venv_python, dialect):
    """The model's DDL as SQLAlchemy compiles it for the dialect, as a schema.sql file."""
    code = ("import sys; sys.path.insert(0, '.'); from sqlalchemy import create_mock_engine; from app.models import Base\n"
            "out = []\ne = create_mock_engine('%s://', lambda s, *a, **k: out.append(str(s.compile(dialect=e.dialect)).strip() + ';'))\n"
            "Base.metadata.create_all(e, checkfirst=False)\nopen('schema.sql', 'w').write('\\n\\n'.join(out) + '\\n')\n" % dialect)
    sh([venv_python, "-c", code], cwd=dir_)


def create_all(venv_python, url):
    """The database at head: the model without its extra table."""
    tmp = Path(tempfile.mkdtemp(prefix="model-", dir=WORK))
    write_models(tmp, False)
    sh([venv_python, "-c", "import sys; sys.path.insert(0, '.'); from sqlalchemy import create_engine; "
        "from app.models import Base; Base.metadata.create_all(create_engine(sys.argv[1]))", url], cwd=tmp)
    shutil.rmtree(tmp)


def alter(venv_python, url, statement):
    """One statement on the real database, outside the timings (the model change of the round, for check)."""
    sh([venv_python, "-c", "import sys; from sqlalchemy import create_engine\n"
        "with create_engine(sys.argv[1]).begin() as c: c.exec_driver_sql(sys.argv[2])", url, statement])


def clean_drafts(project):
    for f in (project / "migrations" / "versions").iterdir():
        if f.name != "pinwheel.sum":
            f.unlink()
    sums = project / "migrations" / "versions" / "pinwheel.sum"
    if sums.exists():
        sums.write_text("")


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    venv = WORK / "venv"
    if not (venv / "bin" / "alembic").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(venv / "bin" / "pip"), "install", "-q", "alembic", "sqlalchemy", "psycopg2-binary"])
    py = str(venv / "bin" / "python")
    versions = subprocess.run([py, "-c", "import alembic, sqlalchemy; print('Alembic %s, SQLAlchemy %s' % "
                               "(alembic.__version__, sqlalchemy.__version__))"], capture_output=True, text=True).stdout.strip()
    sh([PINWHEEL, "--version"])  # builds the jar and the CDS archive outside the timings
    tmp = Path(tempfile.mkdtemp(prefix="autogen-bench-", dir=WORK))
    load_start = os.getloadavg()
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # Python's default: compiled modules (the model, env.py) cached in __pycache__, as on a
    # developer's machine; this workplace sets PYTHONDONTWRITEBYTECODE.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["VIRTUAL_ENV"] = str(venv)
    # pinwheel's own cache (the autogenerate target cache among others), emptied once per benchmark
    cache = WORK / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env["PINWHEEL_CACHE_DIR"] = str(cache)
    kinds = os.environ.get("BENCH_DB_KINDS", "sqlite postgresql").split()
    targets = [("SQLite", None, "sqlite")] if "sqlite" in kinds else []
    if os.environ.get("PINWHEEL_TEST_PG_URL") and "postgresql" in kinds:
        targets.append(("PostgreSQL", os.environ["PINWHEEL_TEST_PG_URL"], "postgresql"))
    rows = []
    for label, base, dialect in targets:
        d = tmp / label
        urls = {}
        for who in ("alembic", "model", "schema.sql", "model-changed", "schema.sql-changed"):
            if base is None:
                (d / who).mkdir(parents=True)
                urls[who] = "sqlite:///%s" % (d / who / "app.db")
            else:
                urls[who] = pg_database(py, base, "bench_autogen_" + who.replace(".", "_").replace("-", "_"))
            create_all(py, urls[who])
        alembic_project(d / "alembic", urls["alembic"])
        pinwheel_project(d / "model", urls["model"], "model", py, dialect)
        pinwheel_project(d / "schema.sql", urls["schema.sql"], "schema.sql", py, dialect)
        pinwheel_project(d / "model-changed", urls["model-changed"], "model", py, dialect)
        pinwheel_project(d / "schema.sql-changed", urls["schema.sql-changed"], "schema.sql", py, dialect)
        fresh_db_archives()  # this database kind's classes in the archives its warm-up round records
        commands = [("check", ["check"], ["check"]),
                    ("revision --autogenerate", ["revision", "--autogenerate", "-m", "x"],
                     ["revision", "--autogenerate", "-m", "x"])]
        for name, a_args, p_args in commands:
            # pinwheel's variants: (label, project, extra arguments). The target cache is warm after
            # the warm-up round (the model does not change between rounds); for `check`, the same
            # runs with --no-cache show what a changed model costs (the target built in the dev database).
            variants = [("SQLAlchemy model", "model", []), ("schema.sql", "schema.sql", []),
                        ("SQLAlchemy model, right after a model change", "model-changed", []),
                        ("schema.sql, right after a model change", "schema.sql-changed", [])]
            if name == "check":
                variants += [("SQLAlchemy model, --no-cache", "model", ["--no-cache"]),
                             ("schema.sql, --no-cache", "schema.sql", ["--no-cache"])]
            times = {"alembic": []}
            times.update({v[0]: [] for v in variants})
            # check must agree: drop the extra table from the model for it
            added = {}  # table -> columns added so far, in the *-changed projects (and their databases for check)
            for who in ("alembic", "model", "schema.sql", "model-changed", "schema.sql-changed"):
                write_models(d / who, name != "check")
            for who in ("schema.sql", "schema.sql-changed"):
                write_schema_sql(d / who, py, dialect)
            for rnd in range(RUNS + 1):
                a = timed([str(venv / "bin" / "alembic")] + a_args, d / "alembic", env)
                clean_drafts(d / "alembic")
                if rnd > 0:
                    times["alembic"].append(a)
                # The change of this round: one more column on another table each round.
                table = (rnd * 97 + 13) % TABLES
                column = "extra_%s_%d" % (name.split()[0], rnd)
                added.setdefault(table, []).append(column)
                for variant, who, extra in variants:
                    if who.endswith("-changed"):
                        write_models(d / who, name != "check", added)
                        if who.startswith("schema.sql"):
                            write_schema_sql(d / who, py, dialect)
                        if name == "check":
                            alter(py, urls[who], "ALTER TABLE t%d ADD COLUMN %s INTEGER" % (table, column))
                    b = timed([PINWHEEL, "-q", "db"] + p_args + extra, d / who, env)
                    clean_drafts(d / who)
                    if rnd > 0:
                        times[variant].append(b)
                if rnd == 0:
                    settle_archives()
            ma = statistics.median(times["alembic"])
            for variant, _, _ in variants:
                mb = statistics.median(times[variant])
                rows.append("| %s | %s | %s | %.2f s (%.2f–%.2f) | %.2f s (%.2f–%.2f) | %.1f× |"
                            % (label, name, variant, ma, min(times["alembic"]), max(times["alembic"]), mb,
                               min(times[variant]), max(times[variant]), ma / mb))
    load = os.getloadavg()
    print("## pinwheel db revision --autogenerate / db check vs Alembic\n")
    print("`bench/autogen.py %d`: %s from PyPI against `bin/pinwheel db`, a generated %d-table SQLAlchemy 2 model "
          "(8–9 columns, a unique constraint, an index and a foreign key per table) already in the database "
          "(metadata.create_all()), empty versions folders. `check` finds no difference; "
          "`revision --autogenerate` drafts one new table (deleted after each run). pinwheel reads the model "
          "with the same venv's interpreter (its start and SQLAlchemy's import included), or `schema.sql` "
          "(the model's DDL). Whole-process wall time, alternating Alembic, pinwheel (model), pinwheel "
          "(schema.sql), each also right after a model change (one more column on another table each round, "
          "in the database too for `check`) and with --no-cache for `check`; 1 warm-up round, %d counted. Median (min–max); ratio = Alembic median / pinwheel "
          "median. Each database kind starts from fresh class-data archives of the `db` commands, recorded by its own warm-up round. Load average at the start: %.1f, %.1f, %.1f; at the end: %.1f, %.1f, %.1f on 2 cores.\n"
          % ((RUNS, versions, TABLES, RUNS) + load_start + load))
    print("| database | command | pinwheel target | Alembic | pinwheel | ratio |\n|---|---|---|---|---|---|")
    for r in rows:
        print(r)
    print()


if __name__ == "__main__":
    main()
