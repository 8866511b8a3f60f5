#!/usr/bin/env bash
# Benchmark: `pinwheel compile` vs `pip-compile` (pip-tools) vs `uv pip compile`, following
# ../shared/docs/PERFORMANCE.md: whole-process wall time, the three tools alternating on the same
# input, one warm-up round, then RUNS counted rounds, each round starting with the next tool (a
# request right after another tool's requests for the same files is answered faster here, see
# bench/sync.sh); cold = a fresh empty cache for every run, warm = the cache a previous run
# filled. Prints one Markdown table row per input and mode.
#
#   bench/compile.sh [RUNS]        (default 6, a multiple of the 3 tools; needs network access to PyPI)
#   BENCH_INPUTS=seed|dispatch|all (default all) picks the inputs; BENCH_MODES="cold warm" the modes;
#   BENCH_TOOLS="pinwheel uv" leaves pip-compile out (it needs ~10 minutes per cold dispatch run).
#
# pip-tools and uv are installed from PyPI into throwaway venvs under $BENCH_DIR (default
# /tmp/pinwheel-bench). Every run writes a fresh output file, so no run reuses earlier pins.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/archives.sh"
runs="${1:-6}"
work="${BENCH_DIR:-/tmp/pinwheel-bench}"
# ../shared beside the repository (a git worktree sits deeper, so look upwards), or $BENCH_SHARED.
shared="${BENCH_SHARED:-}"
for dir in ${shared:+"$shared/.."} "$root" "$root/.." "$root/../.." "$root/../../.."; do
  if [ -d "$dir/shared/fixtures" ]; then shared="$(cd "$dir/shared/fixtures" && pwd)"; break; fi
done
[ -n "$shared" ] || { echo "cannot find ../shared/fixtures" >&2; exit 2; }
seed="$shared/seed-backend/requirements/base.in"
dispatch="$shared/real-world/dispatch/requirements-base.in"
case "${BENCH_INPUTS:-all}" in
  seed) inputs=("$seed") ;;
  dispatch) inputs=("$dispatch") ;;
  *) inputs=("$seed" "$dispatch") ;;
esac
mkdir -p "$work"

if [ ! -x "$work/pip-tools/bin/pip-compile" ]; then
  python3 -m venv "$work/pip-tools" && "$work/pip-tools/bin/pip" install -q pip-tools
fi
if [ ! -x "$work/uv/bin/uv" ]; then
  python3 -m venv "$work/uv" && "$work/uv/bin/pip" install -q uv
fi
"$root/bin/pinwheel" --version >/dev/null   # builds the jar and the CDS archive outside the timings

# Each tool's command for: input, output, cache dir.
run_tool() {
  local tool="$1" in="$2" out="$3" cache="$4"
  rm -f "$out"
  case "$tool" in
    pinwheel) PINWHEEL_CACHE_DIR="$cache" "$root/bin/pinwheel" -q compile -o "$out" "$in" ;;
    pip-compile) PIP_CACHE_DIR="$cache/pip" "$work/pip-tools/bin/pip-compile" -q --no-strip-extras \
                   --cache-dir "$cache/pip-tools" -o "$out" "$in" ;;
    uv) UV_CACHE_DIR="$cache" "$work/uv/bin/uv" -q pip compile -p python3 -o "$out" "$in" ;;
  esac >/dev/null 2>"$work/last-$tool.err" || { echo "$tool failed on $in:" >&2; cat "$work/last-$tool.err" >&2; return 1; }
}

# Wall time of one run in seconds.
timed() {
  local start end
  start=$(date +%s.%N)
  run_tool "$@"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

read -r -a tools <<< "${BENCH_TOOLS:-pinwheel pip-compile uv}"
doomed=()
trap 'rm -rf "${doomed[@]}"' EXIT
echo "| input | cache | pinwheel median (min–max) | pip-compile median (min–max) | uv median (min–max) | pip-compile / pinwheel | pinwheel / uv |"
echo "|---|---|---|---|---|---|---|"
for in in "${inputs[@]}"; do
  name="$(basename "$(dirname "$in")")/$(basename "$in")"
  pins=""
  for mode in ${BENCH_MODES:-cold warm}; do
    declare -A times=()
    for round in $(seq 0 "$runs"); do
      first=$(( round % ${#tools[@]} ))
      for tool in "${tools[@]:$first}" "${tools[@]:0:$first}"; do
        if [ "$mode" = cold ]; then
          cache="$(mktemp -d "$work/cache-$tool-XXXX")"
        else
          cache="$work/warm-$tool"
          mkdir -p "$cache"
        fi
        t=$(timed "$tool" "$in" "$work/out-$tool.txt" "$cache")
        # Cold caches go at the end, not right after their run: on this ext4 without a journal,
        # creating files steps over every inode freed in the last minutes (see bench/sync.sh), so
        # the next tool's run would pay for this deletion.
        [ "$mode" = cold ] && doomed+=("$cache")
        # Round 0 is the warm-up (for warm mode it also fills the cache).
        if [ "$round" -gt 0 ]; then times[$tool]="${times[$tool]:-} $t"; fi
      done
      [ "$round" -eq 0 ] && [ "$mode" = cold ] && settle_archives   # recorded by a cold run
    done
    pins=$(grep -c '==' "$work/out-pinwheel.txt" || true)
    python3 - "$name ($pins pins)" "$mode" "${times[pinwheel]:-}" "${times[pip-compile]:-}" "${times[uv]:-}" <<'PY'
import statistics, sys
name, mode, *series = sys.argv[1:]
values = [[float(x) for x in s.split()] for s in series]
med = [statistics.median(v) if v else None for v in values]
cells = [f"{m:.2f} s ({min(v):.2f}–{max(v):.2f})" if v else "—" for m, v in zip(med, values)]
slower = f"{med[1] / med[0]:.1f}×" if med[0] and med[1] else "—"
versus_uv = f"{med[0] / med[2]:.2f}×" if med[0] and med[2] else "—"
print(f"| {name} | {mode} | {cells[0]} | {cells[1]} | {cells[2]} | {slower} | {versus_uv} |")
PY
    unset times
  done
done
