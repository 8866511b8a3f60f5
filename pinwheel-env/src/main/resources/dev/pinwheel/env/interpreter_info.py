# Run by the target interpreter (any CPython/PyPy 3.x) to describe itself to pinwheel as one JSON
# object on stdout. Standard library only; must not import site-packages code.
import sys

if sys.flags.no_site:
    # Run with -S so that no .pth file of the base installation is executed (one that imports a
    # package costs tens of milliseconds); only the venv part of site is wanted, which sets
    # sys.prefix and sys.exec_prefix to the venv the way a normal start does.
    import site
    site.venv(None)

import json
import os
import platform
import sysconfig


def libc():
    # glibc answers through confstr; musl does not, so ask its loader for its version.
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, ValueError, OSError):
        text = None
    if text and text.startswith("glibc "):
        return {"family": "glibc", "version": text.split()[1]}
    if sys.platform.startswith("linux"):
        import glob
        import subprocess
        for loader in sorted(glob.glob("/lib/ld-musl-*.so.1")):
            try:
                out = subprocess.run([loader], capture_output=True, text=True).stderr
            except OSError:
                continue
            for line in out.splitlines():
                if line.startswith("Version "):
                    return {"family": "musl", "version": line.split()[1]}
    return None


def paths():
    names = ("purelib", "platlib", "scripts", "data", "include", "stdlib")
    found = sysconfig.get_paths()
    return {name: found.get(name) for name in names}


impl = sys.implementation
iv = impl.version
implementation_version = "%d.%d.%d" % (iv.major, iv.minor, iv.micro)
if iv.releaselevel != "final":
    implementation_version += iv.releaselevel[0] + str(iv.serial)

info = {
    "executable": sys.executable,
    "base_executable": getattr(sys, "_base_executable", None) or sys.executable,
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "version_info": list(sys.version_info[:3]),
    "implementation": impl.name,
    "pointer_bits": 64 if sys.maxsize > 2 ** 32 else 32,
    "sysconfig_platform": sysconfig.get_platform(),
    "soabi": sysconfig.get_config_var("SOABI"),
    "gil_disabled": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "libc": libc(),
    "mac_version": platform.mac_ver()[0] if sys.platform == "darwin" else None,
    "abiflags": getattr(sys, "abiflags", ""),
    "paths": paths(),
    "markers": {
        "implementation_name": impl.name,
        "implementation_version": implementation_version,
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_python_implementation": platform.python_implementation(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    },
}
json.dump(info, sys.stdout)
