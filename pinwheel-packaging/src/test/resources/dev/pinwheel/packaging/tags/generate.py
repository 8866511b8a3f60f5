"""Regenerates the expected supported-tag lists in this directory with the real `packaging`.

    python3 -m venv /tmp/x && /tmp/x/bin/pip install packaging && /tmp/x/bin/python generate.py

Each target's platform list is computed by packaging's own functions with the host facts
(glibc, musl, sysconfig platform) replaced, so the lists do not depend on this machine.
The file's first line names the packaging version that produced it.
"""
import sysconfig
import packaging
from packaging import tags, _manylinux, _musllinux


def linux_platforms(arch, glibc=None, musl=None):
    _manylinux._get_glibc_version = lambda: _manylinux._GLibCVersion(*glibc) if glibc else _manylinux._GLibCVersion(-1, -1)
    _manylinux._have_compatible_abi = lambda executable, archs: glibc is not None
    _manylinux._get_manylinux_module = lambda: None
    _musllinux._get_musl_version = lambda executable: _musllinux._MuslVersion(*musl) if musl else None
    sysconfig.get_platform = lambda: "linux-" + arch
    return list(tags._linux_platforms(is_32bit=False))


def cpython(version, platforms, abis):
    interp = "cp" + "".join(map(str, version))
    return list(tags.cpython_tags(version, abis, platforms)) + list(tags.compatible_tags(version, interp, platforms))


def pypy(version, abi, platforms):
    interp = "pp" + "".join(map(str, version))
    return list(tags.generic_tags(interp, [abi], platforms)) + list(tags.compatible_tags(version, "pp3", platforms))


TARGETS = {
    "cp311-manylinux_2_28_x86_64": lambda: cpython((3, 11), linux_platforms("x86_64", glibc=(2, 28)), ["cp311"]),
    "cp312-manylinux_2_17_aarch64": lambda: cpython((3, 12), linux_platforms("aarch64", glibc=(2, 17)), ["cp312"]),
    "cp39-manylinux_2_5_i686": lambda: cpython((3, 9), linux_platforms("i686", glibc=(2, 5)), ["cp39"]),
    "cp311-musllinux_1_2_x86_64": lambda: cpython((3, 11), linux_platforms("x86_64", musl=(1, 2)), ["cp311"]),
    "cp311-linux_x86_64": lambda: cpython((3, 11), linux_platforms("x86_64"), ["cp311"]),
    "cp311-macosx_14_0_arm64": lambda: cpython((3, 11), list(tags.mac_platforms((14, 0), "arm64")), ["cp311"]),
    "cp310-macosx_12_0_x86_64": lambda: cpython((3, 10), list(tags.mac_platforms((12, 0), "x86_64")), ["cp310"]),
    "cp38-macosx_10_9_x86_64": lambda: cpython((3, 8), list(tags.mac_platforms((10, 9), "x86_64")), ["cp38"]),
    "cp311-win_amd64": lambda: cpython((3, 11), ["win_amd64"], ["cp311"]),
    "cp37-win32": lambda: cpython((3, 7), ["win32"], ["cp37m"]),
    "cp312-win_arm64": lambda: cpython((3, 12), ["win_arm64"], ["cp312"]),
    "cp311d-win_amd64": lambda: cpython((3, 11), ["win_amd64"], ["cp311d", "cp311"]),
    "cp313t-manylinux_2_35_x86_64": lambda: cpython((3, 13), linux_platforms("x86_64", glibc=(2, 35)), ["cp313t"]),
    "cp312-macosx_15_0_x86_64": lambda: cpython((3, 12), list(tags.mac_platforms((15, 0), "x86_64")), ["cp312"]),
    "cp36-macosx_10_6_i386": lambda: cpython((3, 6), list(tags.mac_platforms((10, 6), "i386")), ["cp36m"]),
    "cp311-manylinux_2_31_armv8l": lambda: cpython((3, 11), linux_platforms("armv8l", glibc=(2, 31)), ["cp311"]),
    "cp310-musllinux_1_1_aarch64": lambda: cpython((3, 10), linux_platforms("aarch64", musl=(1, 1)), ["cp310"]),
    "cp38-manylinux_2_17_ppc64le": lambda: cpython((3, 8), linux_platforms("ppc64le", glibc=(2, 17)), ["cp38"]),
    "cp314-win32": lambda: cpython((3, 14), ["win32"], ["cp314"]),
    "pp310-manylinux_2_28_x86_64": lambda: pypy((3, 10), "pypy310_pp73", linux_platforms("x86_64", glibc=(2, 28))),
}

if __name__ == "__main__":
    for name, make in TARGETS.items():
        with open(name + ".txt", "w") as out:
            out.write(f"# packaging {packaging.__version__}\n")
            for tag in make():
                out.write(f"{tag}\n")
