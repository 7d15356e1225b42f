#!/usr/bin/env python3
"""Derives the PG1003 fixtures (see README.md): real BenchmarkDotNet full JSON from gate-fixture/ with a
PerfGuard.DbRoundTrips metric (shared contract 1) added to every benchmark, plus a categories sidecar
(shared contract 3). Until the PerfGuard BenchmarkDotNet extension writes them, this is the only source."""
import json, os, shutil

here = os.path.dirname(os.path.abspath(__file__))
name = "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks"

def derive(source_run, target, round_trips_for):
    src = os.path.join(here, "gate-fixture", source_run, name + "-report-full.json")
    with open(src, encoding="utf-8") as f:
        report = json.load(f)
    for benchmark in report["Benchmarks"]:
        benchmark["Metrics"].append({
            "Value": round_trips_for(benchmark["Method"]),
            "Descriptor": {"Id": "PerfGuard.DbRoundTrips", "DisplayName": "Round trips", "Legend": "Database round trips per operation",
                           "NumberFormat": "0.##", "UnitType": 0, "Unit": "Count", "TheGreaterTheBetter": False, "PriorityInCategory": 0}})
    out = os.path.join(here, "derived", target)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, name + "-report-full.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    sidecar = {"schema": "perfguard-benchmarks/1", "benchmarks": [
        {"fullName": b["FullName"], "categories": ["Read"] if b["Method"] == "Lookup" else ["CriticalPath"]} for b in report["Benchmarks"]]}
    with open(os.path.join(out, name + "-perfguard.json"), "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=1)

# Baseline build: Lookup makes 1 round trip per call, the others none.
derive("baseline-run1", "roundtrips-baseline", lambda method: 1 if method == "Lookup" else 0)
# Regressed build (an N+1): Lookup makes 3 round trips per call. Times from the repeat run of the same build.
derive("repeat", "roundtrips-regressed", lambda method: 3 if method == "Lookup" else 0)
