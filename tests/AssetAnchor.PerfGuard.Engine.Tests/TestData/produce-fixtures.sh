#!/usr/bin/env bash
# Re-creates the real BenchmarkDotNet results under TestData/gate-fixture/ (see README.md).
# Usage: tests/AssetAnchor.PerfGuard.Engine.Tests/TestData/produce-fixtures.sh   (from any folder)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="$here/gate-fixture"
dotnet build "$repo/benchmarks/AssetAnchor.PerfGuard.SelfBenchmarks" -c Release -m:2 -nodeReuse:false
dll="$repo/benchmarks/AssetAnchor.PerfGuard.SelfBenchmarks/bin/Release/net10.0/AssetAnchor.PerfGuard.SelfBenchmarks.dll"
# BenchmarkDotNet finds the project to build its runner from by searching from the current folder:
# run from this repository, or it may pick up another checkout with the same project name.
cd "$repo"
# name:variant pairs; each run is a separate process launch of the same build.
for run in baseline-run1:baseline baseline-run2:baseline baseline-run3:baseline \
           repeat:baseline slower:slower slower-confirm:slower allocates:allocates; do
  name="${run%%:*}"; variant="${run##*:}"
  artifacts="$(mktemp -d)"
  PERFGUARD_FIXTURE_VARIANT="$variant" dotnet "$dll" --filter '*GateFixtureBenchmarks*' \
    --exporters fulljson --artifacts "$artifacts" > "$artifacts/console.log"
  mkdir -p "$out/$name"
  cp "$artifacts"/results/*-report-full.json "$out/$name/"
  rm -rf "$artifacts"
  echo "$name ($variant) done"
done
