"""pinwheel's model reader, run by the project's own interpreter.

Usage: python - TARGET DIALECT ROOT  (this file on stdin)

Imports TARGET ("module:attr", a declarative Base or a MetaData) with ROOT first on sys.path,
and prints one JSON object on stdout: the DDL that metadata.create_all() would run on DIALECT
("sqlite" or "postgresql"), compiled by SQLAlchemy's own dialect without a database driver,
plus what that DDL does not carry (table and column comments, the naming convention).

Failures print {"error": {...}} and exit 3 (the interpreter lacks SQLAlchemy) or 2 (the target
cannot be imported, is not metadata, or does not compile for the dialect).
Python 3.8 compatible on purpose.

Speed: a model's import builds a large graph of objects (a mapper, a table and their columns per
class) and the cyclic garbage collector would walk it again and again while it grows, so it is
off for this short-lived process; and once the answer is out the process ends at once with
os._exit, skipping the teardown of that graph (half a second at 300 tables) and the model's
atexit handlers, which have nothing to do for a process that only read it.
"""
import gc
import importlib
import json
import os
import sys
import traceback

gc.disable()

KEYS = {"Index": "ix", "UniqueConstraint": "uq", "CheckConstraint": "ck",
        "ForeignKeyConstraint": "fk", "PrimaryKeyConstraint": "pk"}
URLS = {"sqlite": "sqlite://", "postgresql": "postgresql://"}


# The project's code may print while it is imported; only this helper's answer goes to stdout.
ANSWER = sys.stdout
sys.stdout = sys.stderr


def answer(document):
    json.dump(document, ANSWER)
    ANSWER.write("\n")
    ANSWER.flush()


def finish():
    """Ends the process right after a successful answer (see the module's comment)."""
    sys.stderr.flush()
    os._exit(0)


def fail(code, kind, message, detail=None):
    answer({"error": {"kind": kind, "message": message, "detail": detail}})
    sys.exit(code)


def last_line(exc):
    lines = traceback.format_exception_only(type(exc), exc)
    return lines[-1].strip() if lines else type(exc).__name__


def load_metadata(target, MetaData):
    module_name, _, attr = target.partition(":")
    try:
        obj = importlib.import_module(module_name)
    except BaseException as e:  # SystemExit and KeyboardInterrupt in user code too: report, not crash
        fail(2, "import", "cannot import " + module_name, last_line(e))
    path = module_name
    for part in attr.split("."):
        path += ("." if path != module_name else ":") + part
        if not hasattr(obj, part):
            fail(2, "attribute", "module " + module_name + " has no attribute " + attr, path + " is missing")
        obj = getattr(obj, part)
    if isinstance(obj, MetaData):
        return obj
    metadata = getattr(obj, "metadata", None)
    if isinstance(metadata, MetaData):
        return metadata
    fail(2, "not-metadata", target + " is neither a MetaData nor a declarative Base",
         "it is " + type(obj).__module__ + "." + type(obj).__qualname__)


def naming_convention(metadata):
    out = {}
    for key, value in metadata.naming_convention.items():
        name = KEYS.get(getattr(key, "__name__", None), key)
        # Callables compute custom tokens; only the templates themselves are data.
        if isinstance(name, str) and isinstance(value, str):
            out[name] = value
    return out


def main(argv):
    if len(argv) != 3 or argv[1] not in URLS:
        fail(2, "usage", "usage: python - module:attr sqlite|postgresql ROOT")
    target, dialect_name, root = argv
    sys.path.insert(0, root)
    try:
        import sqlalchemy
        from sqlalchemy import MetaData, create_mock_engine
    except ImportError as e:
        fail(3, "no-sqlalchemy", "SQLAlchemy is not installed in " + sys.executable, last_line(e))
    metadata = load_metadata(target, MetaData)
    statements = []
    engine = None

    def execute(clause, *multiparams, **params):
        statements.append(str(clause.compile(dialect=engine.dialect)).strip())

    engine = create_mock_engine(URLS[dialect_name], execute)
    try:
        metadata.create_all(engine, checkfirst=False)
    except Exception as e:
        fail(2, "compile", "SQLAlchemy cannot create " + target + " on " + dialect_name, last_line(e))
    tables = []
    for table in metadata.sorted_tables:
        tables.append({
            "name": table.name,
            "schema": table.schema,
            "comment": table.comment,
            "columns": [{"name": c.name, "comment": c.comment} for c in table.columns],
        })
    answer({
        "sqlalchemy": sqlalchemy.__version__,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "dialect": dialect_name,
        "statements": statements,
        "tables": tables,
        "naming_convention": naming_convention(metadata),
    })


if __name__ == "__main__":
    main(sys.argv[1:])
    finish()
