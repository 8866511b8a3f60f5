#!/usr/bin/env bash
# Benchmark: `pinwheel reqs` vs `pipreqs`, following ../shared/docs/PERFORMANCE.md: whole-process
# wall time, the two tools alternating on the same source tree, one warm-up round, then RUNS
# counted rounds; medians, min–max and the ratio of medians. Then accuracy on real projects that
# declare their dependencies.
#
#   bench/reqs.sh [RUNS]        (default 5; needs network access to PyPI for the first run)
#
# Codebase: Home Assistant 2024.3.3's `homeassistant` package (about 6,700 Python files), taken
# from its wheel on PyPI. pipreqs comes from PyPI into a throwaway venv under $BENCH_DIR (default
# /tmp/pinwheel-bench); both tools get that venv as the environment to read versions from
# (`pipreqs --use-local`, which asks PyPI nothing, and `pinwheel reqs --python --no-index`, which
# skips the index step of the import mapping), and print instead of writing a file. The accuracy
# runs below use pinwheel's defaults (bundled mapping, then PyPI for what it leaves).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/archives.sh"
runs="${1:-5}"
work="${BENCH_DIR:-/tmp/pinwheel-bench}"
mkdir -p "$work"

venv="$work/pipreqs"
if [ ! -x "$venv/bin/pipreqs" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q pipreqs
fi
src="$work/reqs-src/homeassistant-2024.3.3"
if [ ! -d "$src/homeassistant" ]; then
  mkdir -p "$src" && "$venv/bin/pip" download -q --no-deps homeassistant==2024.3.3 -d "$work/reqs-src"
  python3 -m zipfile -e "$work/reqs-src/homeassistant-2024.3.3-py3-none-any.whl" "$src"
fi
tree="$src/homeassistant"
files=$(find "$tree" -name '*.py' | wc -l)
"$root/bin/pinwheel" --version >/dev/null   # builds the jar and the CDS archive outside the timings

run_tool() {
  case "$1" in
    pinwheel) "$root/bin/pinwheel" -q reqs --print --no-index --python "$venv/bin/python" "$tree" ;;
    pipreqs) "$venv/bin/pipreqs" --use-local --print "$tree" ;;
  esac >/dev/null 2>"$work/last-$1.err" || { echo "$1 failed:" >&2; cat "$work/last-$1.err" >&2; return 1; }
}

timed() {
  local start end
  start=$(date +%s.%N)
  run_tool "$1" || return 1   # (errexit does not reach into $(...): a failed run must not count)
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

declare -A times=()
for round in $(seq 0 "$runs"); do
  for tool in pinwheel pipreqs; do
    t=$(timed "$tool") || exit 1
    [ "$round" -eq 0 ] || times[$tool]+="$t "
  done
  [ "$round" -eq 0 ] && settle_archives
done
python3 - "$files" "${times[pinwheel]}" "${times[pipreqs]}" <<'EOF'
import statistics, sys
files, pw, pr = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
fmt = lambda xs: f"{statistics.median(xs):.2f} s ({min(xs):.2f}–{max(xs):.2f})"
print("| codebase | runs | pinwheel reqs median (min–max) | pipreqs median (min–max) | pipreqs / pinwheel |")
print("|---|---|---|---|---|")
print(f"| homeassistant 2024.3.3 ({files} .py files) | {len(pw)} | {fmt(pw)} | {fmt(pr)} | "
      f"{statistics.median(pr) / statistics.median(pw):.1f}× |")
EOF

# Accuracy: each project's declared runtime dependencies (Requires-Dist without an extra marker)
# against what `pinwheel reqs` finds in its source, with no environment (bundled mapping only).
echo
echo "| project | declared runtime deps | found by reqs | declared found (recall) | findings declared (precision) | missed | found, not declared |"
echo "|---|---|---|---|---|---|---|"
for spec in django==5.1.4 flask==3.1.0 httpx==0.28.1 fastapi==0.115.6 celery==5.4.0 black==24.10.0; do
  name="${spec%%==*}"
  dir="$work/reqs-acc/$spec"
  if [ ! -d "$dir/src" ]; then
    mkdir -p "$dir" && "$venv/bin/pip" download -q --no-deps "$spec" -d "$dir"
    python3 -m zipfile -e "$dir"/*.whl "$dir/src"
  fi
  "$root/bin/pinwheel" -q reqs --print --mode no-pin "$dir/src" 2>/dev/null | grep -v '^#' | sed 's/[[ ].*//' > "$dir/found.txt"
  python3 - "$name" "$dir" <<'EOF'
import glob, re, sys
name, d = sys.argv[1], sys.argv[2]
norm = lambda s: re.sub(r"[-_.]+", "-", s).lower()
meta = open(glob.glob(d + "/src/*.dist-info/METADATA")[0], encoding="utf-8").read().split("\n\n")[0]
declared = set()
for line in meta.splitlines():
    if line.startswith("Requires-Dist:"):
        req = line[len("Requires-Dist:"):].strip()
        if "extra ==" in req or "extra==" in req:
            continue
        declared.add(norm(re.match(r"[A-Za-z0-9._-]+", req).group(0)))
found = {norm(l.strip()) for l in open(d + "/found.txt") if l.strip()}
hit = declared & found
recall = f"{len(hit)}/{len(declared)}" if declared else "–"
precision = f"{len(hit)}/{len(found)}" if found else "–"
print(f"| {name} | {len(declared)} | {len(found)} | {recall} | {precision} | {', '.join(sorted(declared - found)) or '–'} | {', '.join(sorted(found - declared)) or '–'} |")
EOF
done
