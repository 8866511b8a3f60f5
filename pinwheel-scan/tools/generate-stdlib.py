"""Regenerates pinwheel-scan's bundled standard-library lists (resources .../scan/stdlib/3.X.txt).

Run with each CPython 3.8-3.13 available (pyenv here):  python generate-stdlib.py OUTDIR
then run once more with --derive-314 OUTDIR after 3.13's list exists.

- 3.10 and later: sys.stdlib_module_names, the interpreter's own list (all platforms).
- 3.8 and 3.9 have no such list: the modules found in the interpreter's stdlib directory and
  lib-dynload plus sys.builtin_module_names, without test-only modules, plus the platform-only
  modules (Windows, macOS) that 3.10's official list names and that a Linux build cannot show
  (they exist since long before 3.8).
- 3.14 (no interpreter on the machine that made the lists): 3.13's list plus the modules that
  "What's New In Python 3.14" adds at top level (annotationlib, compression, _zstd).
"""
import os
import sys
import sysconfig

PLATFORM_ONLY = ["_dbm", "_frozen_importlib", "_frozen_importlib_external", "_gdbm", "_msi",
                 "_overlapped", "_scproxy", "_winapi", "msilib", "msvcrt", "nt", "winreg", "winsound"]
NEW_IN_314 = ["annotationlib", "compression", "_zstd"]


def derived():
    names = set(sys.builtin_module_names)
    std = sysconfig.get_paths()["stdlib"]
    for d in (std, os.path.join(std, "lib-dynload")):
        for e in os.listdir(d):
            p = os.path.join(d, e)
            if os.path.isdir(p):
                if e.isidentifier() and e not in ("site-packages", "__pycache__"):
                    names.add(e)
            elif e.endswith(".py"):
                names.add(e[:-3])
            elif e.endswith(".so"):
                names.add(e.split(".")[0])
    test_only = {n for n in names if n == "test" or n.startswith(("_test", "xx", "_xx")) or n == "_ctypes_test"}
    return {n for n in names if n.isidentifier()} - test_only | set(PLATFORM_ONLY)


def write(outdir, version, names, how):
    with open(os.path.join(outdir, version + ".txt"), "w") as f:
        f.write("# Python %s standard library, top-level modules; %s (tools/generate-stdlib.py)\n" % (version, how))
        f.write("\n".join(sorted(names)) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "--derive-314":
        outdir = sys.argv[2]
        with open(os.path.join(outdir, "3.13.txt")) as f:
            base = {line.strip() for line in f if line.strip() and not line.startswith("#")}
        write(outdir, "3.14", base | set(NEW_IN_314), "3.13's list plus the modules What's New in 3.14 adds")
    else:
        outdir = sys.argv[1]
        version = "%d.%d" % sys.version_info[:2]
        if hasattr(sys, "stdlib_module_names"):
            write(outdir, version, sys.stdlib_module_names, "sys.stdlib_module_names of CPython " + sys.version.split()[0])
        else:
            write(outdir, version, derived(), "derived from the stdlib directory of CPython " + sys.version.split()[0])
