"""Answers PackagingDifferentialIT's cases with pypa/packaging, one answer line per case line."""
import json
import sys

from packaging.markers import InvalidMarker, Marker, UndefinedComparison
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version


def answer(fields):
    kind = fields[0]
    if kind == "V":
        try:
            return str(Version(fields[1]))
        except InvalidVersion:
            return "INVALID"
    if kind == "O":
        a, b = Version(fields[1]), Version(fields[2])
        return str((a > b) - (a < b))
    if kind == "C":
        try:
            spec = SpecifierSet(fields[1])
        except InvalidSpecifier:
            return "INVALID"
        v = Version(fields[2])
        return "%s %s" % (spec.contains(v, prereleases=True), spec.contains(v, prereleases=False))
    if kind == "M":
        try:
            marker = Marker(fields[1])
        except InvalidMarker:
            return "INVALID"
        env = json.loads(fields[2])
        env["extra"] = fields[3]
        try:
            return str(marker.evaluate(env))
        except UndefinedComparison:
            return "UNDEFINED"
    if kind == "R":
        try:
            r = Requirement(fields[1])
        except InvalidRequirement:
            return "INVALID"
        return "|".join([canonicalize_name(r.name), ",".join(sorted(canonicalize_name(e) for e in r.extras)),
                         str(r.specifier), r.url or "", "marker" if r.marker else ""])
    raise ValueError(kind)


def main():
    with open(sys.argv[1], encoding="utf-8") as cases, open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in cases:
            out.write(answer(line.rstrip("\n").split("\t")) + "\n")


main()
