#!/usr/bin/env bash
# Benchmark: `pinwheel sync` vs `pip-sync` (pip-tools) vs `uv pip sync`, following
# ../shared/docs/PERFORMANCE.md: whole-process wall time, the three tools alternating on the same
# lock files, one warm-up round, then RUNS counted rounds, each round starting with the next tool
# (pinwheel first, then pip-sync first, then uv first, ...): a download right after another
# tool's download of the same files is faster here (measured: uv 0.96 s right after pip-sync,
# 0.78 s right after pip-sync and pinwheel, 1.32 s right after pinwheel alone), so a fixed order
# favours the tool that always comes last. Use a multiple of 3 for RUNS. Scenarios:
#   fresh-warm  a fresh venv, the tool's cache filled by earlier runs
#   fresh-cold  a fresh venv, an empty cache for every run
#   no-op       a venv that already equals the lock files (pinwheel answers from the stamp its
#               previous no-op left, see README "pinwheel sync")
#   no-op-full  the same with PINWHEEL_NO_STAMP=1: pinwheel's sync checks everything every time
# Prints one Markdown table row per scenario.
#
#   bench/sync.sh [RUNS]        (default 6; needs network access to PyPI)
#   BENCH_SCENARIOS="no-op fresh-warm" bench/sync.sh 5    (only these scenarios)
#
# The lock files are the seed project's base.in + dev.in compiled once by pinwheel. Every target
# venv is made by `python3 -m venv` (with pip, which pip-sync needs in the target) outside the
# timings. pip-tools and uv are installed from PyPI into throwaway venvs under $BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/archives.sh"
runs="${1:-6}"
work="${BENCH_DIR:-/tmp/pinwheel-bench}/sync"
shared="${BENCH_SHARED:-}"
for dir in ${shared:+"$shared/.."} "$root" "$root/.." "$root/../.." "$root/../../.."; do
  if [ -d "$dir/shared/fixtures" ]; then shared="$(cd "$dir/shared/fixtures" && pwd)"; break; fi
done
[ -n "$shared" ] || { echo "cannot find ../shared/fixtures" >&2; exit 2; }
mkdir -p "$work"

if [ ! -x "$work/pip-tools/bin/pip-sync" ]; then
  python3 -m venv "$work/pip-tools" && "$work/pip-tools/bin/pip" install -q pip-tools
fi
if [ ! -x "$work/uv/bin/uv" ]; then
  python3 -m venv "$work/uv" && "$work/uv/bin/pip" install -q uv
fi
"$root/bin/pinwheel" --version >/dev/null   # builds the jar and the CDS archive outside the timings

locks="$work/requirements"
if [ ! -f "$locks/dev.txt" ]; then
  mkdir -p "$locks"
  cp "$shared/seed-backend/requirements/base.in" "$shared/seed-backend/requirements/dev.in" "$locks/"
  (cd "$work" && "$root/bin/pinwheel" -q compile -o requirements/base.txt requirements/base.in \
    && "$root/bin/pinwheel" -q compile -o requirements/dev.txt requirements/dev.in)
fi
lockfiles=("$locks/base.txt" "$locks/dev.txt")

# Training, outside the timings: one cold sync (fresh venv, empty cache) records the `sync`
# archive with the download, TLS and unpacking classes in it. The first scenario's warm-up alone
# would not: its cache is warm, so it downloads nothing, and every cold run after it would load
# ~2,400 classes from the jar (measured: fresh-cold 3.51 s with that archive, 2.94 s with this one).
rm -rf "$work/train-venv" "$work/train-cache"
python3 -m venv --without-pip "$work/train-venv"
PINWHEEL_CACHE_DIR="$work/train-cache" "$root/bin/pinwheel" -q sync --python "$work/train-venv" "${lockfiles[@]}" >/dev/null
settle_archives   # (the training dirs are deleted at the end, with every run's venv and cold cache)

# A target venv as every tool starts from it (pip included, outside the timings), in a new
# directory: nothing is deleted while runs are timed (see the cold caches below); the venvs and
# cold caches of all runs go at the end of the script.
doomed=("$work/train-venv" "$work/train-cache")
fresh_venv() {   # sets $venv
  venv="$(mktemp -d "$work/venv-$1-XXXX")"
  python3 -m venv "$venv"
  doomed+=("$venv")
}

run_tool() {
  local tool="$1" venv="$2" cache="$3"
  case "$tool" in
    pinwheel) PINWHEEL_CACHE_DIR="$cache" "$root/bin/pinwheel" -q sync --python "$venv" "${lockfiles[@]}" ;;
    pip-sync) PIP_CACHE_DIR="$cache" "$work/pip-tools/bin/pip-sync" -q --python-executable "$venv/bin/python" \
                "${lockfiles[@]}" ;;
    uv) UV_CACHE_DIR="$cache" "$work/uv/bin/uv" -q pip sync --python "$venv/bin/python" "${lockfiles[@]}" ;;
  esac >/dev/null 2>"$work/last-$tool.err" || { echo "$tool failed:" >&2; cat "$work/last-$tool.err" >&2; return 1; }
}

# "wall:cpu" seconds of one run; CPU (user + system) is what a loaded machine makes wall time follow.
timed() {
  /usr/bin/time -o "$work/time.out" -f '%e %U %S' bash -c "$(declare -f run_tool); $(declare -p root work lockfiles); run_tool $*"
  read -r wall user sys < "$work/time.out"
  python3 -c "print(f'{$wall:.3f}:{$user + $sys:.3f}')"
}

tools=(pinwheel pip-sync uv)
declare -A last_venv=() noop_venv=()
echo "| scenario | pinwheel median (min–max; CPU) | pip-sync median (min–max; CPU) | uv median (min–max; CPU) | pip-sync / pinwheel | pinwheel / uv | load avg (start → end) |"
echo "|---|---|---|---|---|---|---|"
for scenario in ${BENCH_SCENARIOS:-fresh-warm fresh-cold no-op no-op-full}; do
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  if [ "$scenario" = no-op-full ]; then export PINWHEEL_NO_STAMP=1; else unset PINWHEEL_NO_STAMP; fi
  declare -A times=()
  for round in $(seq 0 "$runs"); do
    first=$(( round % ${#tools[@]} ))
    for tool in "${tools[@]:$first}" "${tools[@]:0:$first}"; do
      case "$scenario" in
        fresh-warm) fresh_venv "$tool"; cache="$work/warm-$tool"; mkdir -p "$cache" ;;
        fresh-cold) fresh_venv "$tool"; cache="$(mktemp -d "$work/cache-$tool-XXXX")" ;;
        no-op|no-op-full) cache="$work/warm-$tool"
               [ "$round" -eq 0 ] && { fresh_venv "$tool"; noop_venv[$tool]="$venv"; run_tool "$tool" "$venv" "$cache"; }
               venv="${noop_venv[$tool]}" ;;
      esac
      last_venv[$tool]="$venv"
      # Every run starts with the dirty pages of the runs before it written out: a venv and a
      # cache are ~170 MB of new files, and the kernel wrote pip-sync's back ~30 s later, in the
      # middle of the next tools' runs (pinwheel's fresh-cold: 2.18 s, CPU 3.57 s without this,
      # 1.90 s, CPU 3.14 s with it; docs/benchmarks.md, session 15). A tool's own writes still
      # count as they happen.
      sync
      t=$(timed "$tool" "$venv" "$cache")
      # Cold caches and venvs are deleted at the end of the script, not after each run: on an ext4
      # without a journal, creating a file steps over every inode freed in the last one to five
      # minutes (perf: find_inode_bit/recently_deleted was most of every tool's system time here),
      # so deleting a 4,000-file cache or a venv right before a run charged that run for it.
      [ "$scenario" = fresh-cold ] && doomed+=("$cache")
      # Round 0 is the warm-up (it also fills the warm caches).
      if [ "$round" -gt 0 ]; then times[$tool]="${times[$tool]:-} $t"; fi
    done
  done
  python3 - "$scenario" "$load_start → $(cut -d' ' -f1 /proc/loadavg)" "${times[pinwheel]}" "${times[pip-sync]}" "${times[uv]}" <<'PY'
import statistics, sys
scenario, load, *series = sys.argv[1:]
values = [[float(x.split(":")[0]) for x in s.split()] for s in series]
cpus = [[float(x.split(":")[1]) for x in s.split()] for s in series]
med = [statistics.median(v) for v in values]
cell = lambda m, v, c: f"{m:.2f} s ({min(v):.2f}–{max(v):.2f}; CPU {statistics.median(c):.2f} s)"
print(f"| {scenario} | " + " | ".join(cell(m, v, c) for m, v, c in zip(med, values, cpus))
      + f" | {med[1] / med[0]:.1f}× | {med[0] / med[2]:.2f}× | {load} |")
PY
  unset times
done
# The environments must agree: every tool installed the same versions.
for tool in "${tools[@]}"; do
  "${last_venv[$tool]}/bin/python" -m pip list --format=freeze --disable-pip-version-check 2>/dev/null \
    | grep -vi '^\(pip\|setuptools\|wheel\)==' | tr 'A-Z_' 'a-z-' | sort > "$work/freeze-$tool.txt"
done
if cmp -s "$work/freeze-pinwheel.txt" "$work/freeze-pip-sync.txt" && cmp -s "$work/freeze-pinwheel.txt" "$work/freeze-uv.txt"; then
  echo
  echo "All three environments hold the same $(wc -l < "$work/freeze-pinwheel.txt") packages."
else
  echo; echo "WARNING: the environments differ:"; diff "$work/freeze-pinwheel.txt" "$work/freeze-uv.txt" || true
fi
rm -rf "${doomed[@]}"
