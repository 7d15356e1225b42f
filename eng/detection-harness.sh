#!/usr/bin/env bash
# Measures the gate itself (docs/how-the-gate-decides.md, "Measured detection"): A/A and A/B pairings of a 20-benchmark
# CPU-bound suite with injected CPU slowdowns, at 0, 2 and 4 CPU-bound background processes. Not part of CI.
#
#   bash eng/detection-harness.sh run   [out]   # the BenchmarkDotNet runs (19; 2.5-6.5 min each on the shared 2-core machine)
#   bash eng/detection-harness.sh judge [out]   # judge every pairing with the engine, as 'perfguard compare' does; print the tables
#
# Environment: HARNESS_LOADS="0 2 4", HARNESS_SLOWDOWNS="0.10 0.25 0.50 1.00", HARNESS_NONROOT_LOAD=4 (a cell run
# without CAP_SYS_NICE, as a CI runner that is not root: BenchmarkDotNet cannot raise its priority there; empty: none),
# HARNESS_BASELINE_RUNS=2.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
out=${2:-artifacts/detection}
loads=${HARNESS_LOADS:-"4 0 2"}
slowdowns=${HARNESS_SLOWDOWNS:-"0.25 0.10 0.50 1.00"}
nonroot_load=${HARNESS_NONROOT_LOAD-4}  # HARNESS_NONROOT_LOAD="" leaves the not-root cells out
baseline_runs=${HARNESS_BASELINE_RUNS:-2}
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

hogs=()
start_hogs() {
  for _ in $(seq 1 "$1"); do sh -c 'while :; do :; done' & hogs+=("$!"); done
}
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${hogs[@]}"; do wait "$pid" 2>/dev/null || true; done
  hogs=()
}
trap stop_hogs EXIT

# One run of the suite into $out/<name>: slowdown, background processes, optional prefix command (setpriv).
run_cell() {
  local name=$1 slowdown=$2 load=$3; shift 3
  local dir="$out/$name"
  if [ -f "$dir/done" ]; then echo "== $name: already measured"; return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  start_hogs "$load"
  echo "== $name: slowdown $slowdown, $load background processes, $(date -u +%H:%M:%S), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "start $(date -u +%H:%M:%S) loadavg $(cut -d' ' -f1-3 /proc/loadavg)" > "$dir/conditions"
  PERFGUARD_DETECTION_SLOWDOWN=$slowdown DOTNET_TieredCompilation=0 "$@" dotnet "$bin/AssetAnchor.PerfGuard.SelfBenchmarks.dll" \
    --detection --filter '*DetectionBenchmarks*' --artifacts "$dir/bdn" > "$dir/run.log" 2>&1 || { stop_hogs; echo "run $name failed, see $dir/run.log"; exit 2; }
  echo "end $(date -u +%H:%M:%S) loadavg $(cut -d' ' -f1-3 /proc/loadavg)" >> "$dir/conditions"
  stop_hogs
  touch "$dir/done"
}

if [ "$mode" = run ]; then
  # A private copy of the build, so that rebuilding the repository while the harness runs changes nothing.
  bin=$(mktemp -d /tmp/perfguard-detection-bin.XXXX)
  [ -n "${HARNESS_NO_BUILD:-}" ] || dotnet build benchmarks/AssetAnchor.PerfGuard.SelfBenchmarks/AssetAnchor.PerfGuard.SelfBenchmarks.csproj -c Release -m:2 -nodeReuse:false -v:q -nologo
  cp -r benchmarks/AssetAnchor.PerfGuard.SelfBenchmarks/bin/Release/net10.0/. "$bin/"
  mkdir -p "$out"
  for r in $(seq 1 "$baseline_runs"); do run_cell "baseline-$r" 0 0; done
  if [ -n "$nonroot_load" ] && [ -n "${HARNESS_NONROOT_FIRST:-}" ]; then
    run_cell "nonroot-load$nonroot_load-A" 0 "$nonroot_load" setpriv --bounding-set=-sys_nice
    run_cell "nonroot-load$nonroot_load-B0.25" 0.25 "$nonroot_load" setpriv --bounding-set=-sys_nice
  fi
  for load in $loads; do
    run_cell "load$load-A" 0 "$load"
    # HARNESS_SLOWDOWNS_<load> overrides the slowdowns of one load (e.g. HARNESS_SLOWDOWNS_0="0.25" when time is short).
    eval "cell_slowdowns=\${HARNESS_SLOWDOWNS_$load:-\$slowdowns}"
    for s in $cell_slowdowns; do run_cell "load$load-B$s" "$s" "$load"; done
  done
  if [ -n "$nonroot_load" ] && [ -z "${HARNESS_NONROOT_FIRST:-}" ]; then
    run_cell "nonroot-load$nonroot_load-A" 0 "$nonroot_load" setpriv --bounding-set=-sys_nice
    run_cell "nonroot-load$nonroot_load-B0.25" 0.25 "$nonroot_load" setpriv --bounding-set=-sys_nice
  fi
  rm -rf "$bin"
  exit 0
fi

if [ "$mode" = judge ]; then
  exec dotnet run -c Release --project benchmarks/AssetAnchor.PerfGuard.SelfBenchmarks -- --judge-detection "$out"
fi

echo "usage: $0 run|judge [out]" >&2
exit 2
