#!/usr/bin/env bash
# Benchmark: `pinwheel chill` vs `pip-chill`, following ../shared/docs/PERFORMANCE.md: whole-process
# wall time, the two tools alternating on the same environment, one warm-up round, then RUNS
# counted rounds; medians, min–max and the ratio of medians.
#
#   bench/chill.sh [RUNS]        (default 5; needs network access to PyPI for the first run)
#
# The environment: the real-world dispatch project's requirements-base.in (../shared/fixtures)
# plus a few development tools, compiled once by pinwheel and synced by pinwheel into a venv
# under $BENCH_DIR (default /tmp/pinwheel-bench) — about 210 distributions. pip-chill comes from
# PyPI into a throwaway venv; it lists the environment of the interpreter that runs it, so it
# runs under the target venv's python with its own site-packages on PYTHONPATH (and --no-chill
# to hide itself). Both print to stdout, redirected to a file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/archives.sh"
runs="${1:-5}"
work="${BENCH_DIR:-/tmp/pinwheel-bench}/chill"
shared="${BENCH_SHARED:-}"
for dir in ${shared:+"$shared/.."} "$root" "$root/.." "$root/../.." "$root/../../.."; do
  if [ -d "$dir/shared/fixtures" ]; then shared="$(cd "$dir/shared/fixtures" && pwd)"; break; fi
done
[ -n "$shared" ] || { echo "cannot find ../shared/fixtures" >&2; exit 2; }
mkdir -p "$work"

"$root/bin/pinwheel" --version >/dev/null   # builds the jar and the CDS archive outside the timings

if [ ! -x "$work/pipchill/bin/python" ] || ! "$work/pipchill/bin/python" -c 'import pip_chill' 2>/dev/null; then
  rm -rf "$work/pipchill"
  python3 -m venv "$work/pipchill" && "$work/pipchill/bin/pip" install -q pip-chill
fi
pipchill_site="$("$work/pipchill/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"

env="$work/env"
if [ ! -f "$env/.bench-complete" ]; then
  cp "$shared/real-world/dispatch/requirements-base.in" "$work/base.in"
  printf '%s\n' '-r base.in' pytest pytest-cov mypy black ipython sphinx celery flask > "$work/bench.in"
  (cd "$work" && "$root/bin/pinwheel" -q compile -o bench.txt bench.in)
  rm -rf "$env" && python3 -m venv "$env"
  "$root/bin/pinwheel" -q sync --python "$env" "$work/bench.txt"
  touch "$env/.bench-complete"
fi
dists=$(find "$env"/lib/python3*/site-packages -maxdepth 1 \( -name '*.dist-info' -o -name '*.egg-info' \) | wc -l)

run_tool() {
  case "$1" in
    pinwheel) "$root/bin/pinwheel" -q chill --python "$env" ;;
    pip-chill) env -u PYTHONHOME PYTHONPATH="$pipchill_site" "$env/bin/python" \
                 -c 'import sys; from pip_chill.cli import main; sys.exit(main())' --no-chill ;;
  esac >"$work/out-$1.txt" 2>"$work/last-$1.err" || { echo "$1 failed:" >&2; cat "$work/last-$1.err" >&2; return 1; }
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
  for tool in pinwheel pip-chill; do
    t=$(timed "$tool") || exit 1
    [ "$round" -eq 0 ] || times[$tool]+="$t "
  done
  [ "$round" -eq 0 ] && settle_archives
done
pw_top=$(grep -cv '^#' "$work/out-pinwheel.txt" || true)
pc_top=$(grep -cv '^#' "$work/out-pip-chill.txt" || true)
python3 - "$dists" "$pw_top" "$pc_top" "${times[pinwheel]}" "${times[pip-chill]}" <<'EOF'
import statistics, sys
dists, pw_top, pc_top = sys.argv[1:4]
pw, pc = [float(x) for x in sys.argv[4].split()], [float(x) for x in sys.argv[5].split()]
fmt = lambda xs: f"{statistics.median(xs):.2f} s ({min(xs):.2f}–{max(xs):.2f})"
print("| environment | runs | pinwheel chill median (min–max) | pip-chill median (min–max) | pip-chill / pinwheel | lines listed (pinwheel / pip-chill) |")
print("|---|---|---|---|---|---|")
print(f"| dispatch base.in + dev tools ({dists} distributions) | {len(pw)} | {fmt(pw)} | {fmt(pc)} | "
      f"{statistics.median(pc) / statistics.median(pw):.1f}× | {pw_top} / {pc_top} |")
EOF
