"""pinwheel's model reader, run by the project's own interpreter.

Usage: python - TARGET DIALECT ROOT [CONVENTION]  (this file on stdin)

CONVENTION is the config's naming convention as a JSON object ({"pk": "pk_%(table_name)s", ...}):
it applies when the model's MetaData has none of its own (SQLAlchemy's default, which only names
indexes), before the DDL is compiled, so the database built from the DDL has the names the
convention gives.

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


def where(exc, root):
    """The place in the project's code the interpreter blames: {file, line, column, end, text}.

    A SyntaxError carries its own place (column 1-based); any other exception the innermost
    traceback frame in a file under ROOT (column from Python 3.11's positions, 0-based there).
    """
    import linecache
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        text = exc.text if exc.text is not None else linecache.getline(exc.filename, exc.lineno)
        end = getattr(exc, "end_offset", None) if getattr(exc, "end_lineno", None) == exc.lineno else None
        return {"file": exc.filename, "line": exc.lineno, "column": exc.offset or 0, "end": end or 0,
                "text": (text or "").rstrip("\r\n")}
    root = os.path.abspath(root) + os.sep
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        filename = os.path.abspath(frame.filename)
        if not filename.startswith(root) or not frame.lineno:
            continue
        text = linecache.getline(frame.filename, frame.lineno).rstrip("\r\n")
        column = getattr(frame, "colno", None)
        end = getattr(frame, "end_colno", None) if getattr(frame, "end_lineno", None) == frame.lineno else None
        return {"file": frame.filename, "line": frame.lineno, "column": column + 1 if column is not None else 0,
                "end": end + 1 if end is not None else 0, "text": text}
    return None


def load_metadata(target, MetaData, root):
    module_name, _, attr = target.partition(":")
    try:
        obj = importlib.import_module(module_name)
    except BaseException as e:  # SystemExit and KeyboardInterrupt in user code too: report, not crash
        try:
            place = where(e, root)
        except Exception:
            place = None
        answer({"error": {"kind": "import", "message": "cannot import " + module_name, "detail": last_line(e),
                          "where": place}})
        sys.exit(2)
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


def apply_convention(metadata, configured):
    """Gives a model without a convention of its own the configured one (see the module's comment).

    SQLAlchemy names constraints when they are attached to their table, during the model's
    import, so setting metadata.naming_convention now is not enough: every constraint and index
    the new convention would name is named again here, as SQLAlchemy would have at import.
    """
    from sqlalchemy import Index
    from sqlalchemy.sql import naming
    from sqlalchemy.sql.elements import conv
    from sqlalchemy.sql.schema import DEFAULT_NAMING_CONVENTION
    if not configured or dict(metadata.naming_convention) != dict(DEFAULT_NAMING_CONVENTION):
        return
    default = dict(DEFAULT_NAMING_CONVENTION)
    merged = dict(default)
    merged.update(configured)
    metadata.naming_convention = merged
    for table in metadata.tables.values():
        for const in list(table.constraints) + list(table.indexes):
            name = const.name
            if isinstance(const, Index) and isinstance(name, conv) and merged.get("ix") != default.get("ix"):
                # A name SQLAlchemy's default "ix" template made is made again from the configured one.
                try:
                    made = default["ix"] % naming.ConventionDict(const, table, default)
                except Exception:
                    made = None
                if name == made:
                    const.name = None
            try:
                renamed = naming._constraint_name_for_table(const, table)
            except Exception:
                # e.g. a %(constraint_name)s template for an unnamed constraint: stays as it was
                const.name = name
                continue
            if renamed:
                const.name = renamed
            elif const.name is None:
                const.name = name


def main(argv):
    if len(argv) not in (3, 4) or argv[1] not in URLS:
        fail(2, "usage", "usage: python - module:attr sqlite|postgresql ROOT [CONVENTION]")
    target, dialect_name, root = argv[:3]
    configured = json.loads(argv[3]) if len(argv) == 4 else {}
    sys.path.insert(0, root)
    try:
        import sqlalchemy
        from sqlalchemy import MetaData, create_mock_engine
    except ImportError as e:
        fail(3, "no-sqlalchemy", "SQLAlchemy is not installed in " + sys.executable, last_line(e))
    metadata = load_metadata(target, MetaData, root)
    apply_convention(metadata, configured)
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
