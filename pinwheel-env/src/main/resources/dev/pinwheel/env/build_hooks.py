# Runs one step of a PEP 517 / PEP 660 build for pinwheel, in a fresh process of the build
# environment's interpreter. Standard library only.
#
#   build_hooks.py unpack ARCHIVE DEST
#   build_hooks.py hook SOURCE_DIR BACKEND BACKEND_PATH_JSON HOOK KWARGS_JSON RESULT_FILE
#
# `hook` writes {"value": ...} or {"missing": true} (the backend lacks an optional hook) to
# RESULT_FILE; the backend's own output goes to stdout/stderr for pinwheel to show on failure.
import importlib
import json
import os
import sys


def unpack(archive, dest):
    # Refuse members that would land outside dest (absolute paths, .., links pointing out).
    dest = os.path.realpath(dest)

    def inside(path):
        target = os.path.realpath(os.path.join(dest, path))
        return target == dest or target.startswith(dest + os.sep)

    if archive.endswith(".zip"):
        import zipfile
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if not inside(name):
                    raise SystemExit("refusing %s: member %r leaves the archive" % (archive, name))
            z.extractall(dest)
        return
    import tarfile
    with tarfile.open(archive) as t:
        members = t.getmembers()
        for m in members:
            if not inside(m.name) or m.isdev():
                raise SystemExit("refusing %s: member %r leaves the archive" % (archive, m.name))
            if (m.issym() or m.islnk()) and not inside(os.path.join(os.path.dirname(m.name), m.linkname)):
                raise SystemExit("refusing %s: link %r points outside the archive" % (archive, m.name))
        if hasattr(tarfile, "data_filter"):
            t.extractall(dest, members=members, filter="data")
        else:
            t.extractall(dest, members=members)


def load_backend(spec, backend_path):
    module_name, _, attrs = spec.partition(":")
    paths = [os.path.abspath(p) for p in backend_path]
    for p in reversed(paths):
        sys.path.insert(0, p)
    module = importlib.import_module(module_name.strip())
    if paths:
        # PEP 517: an in-tree backend must come from backend-path.
        origin = os.path.abspath(getattr(module, "__file__", "") or "")
        if not any(origin.startswith(p + os.sep) for p in paths):
            raise SystemExit("backend %s was not loaded from its backend-path %s" % (spec, paths))
    for attr in filter(None, attrs.strip().split(".")):
        module = getattr(module, attr)
    return module


def run_hook(source, spec, backend_path, hook, kwargs, result_file):
    os.chdir(source)
    backend = load_backend(spec, json.loads(backend_path))
    function = getattr(backend, hook, None)
    if function is None:
        result = {"missing": True}
    else:
        result = {"value": function(**json.loads(kwargs))}
    with open(result_file, "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    if sys.argv[1] == "unpack":
        unpack(sys.argv[2], sys.argv[3])
    else:
        run_hook(*sys.argv[2:8])
