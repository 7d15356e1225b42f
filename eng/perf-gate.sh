#!/usr/bin/env bash
# The main job, end to end: the Asset Anchor sample through PerfGuard's analyzers (PG0001-PG0006 are errors
# under samples/), its quick hot-path suite, and the MSBuild gate against the committed baseline and budgets.
# Exit code: 0 inside baseline and budgets, 1 a regression or broken budget, 2 unusable input or a failed step.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

suite=benchmarks/AssetAnchor.Sample.Benchmarks
out=artifacts/perfguard
started=$SECONDS

step() { printf '\n== %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() { printf '\nperf-gate: %s\n' "$*" >&2; exit 2; }

step "1/3 Build the sample and its suite under PerfGuard's analyzers"
dotnet build "$suite" -c Release -m:2 -nodeReuse:false ||
  fail "the build failed (an analyzer finding in samples/ is an error: see the PG000x lines above)"

step "2/3 Run the quick hot-path suite (BenchmarkDotNet, results in $out/sample/results)"
rm -rf "$out/sample" "$out/report"
dotnet run -c Release --no-build --project "$suite" -- --filter '*' --artifacts "$out/sample" --perfguard-job Quick ||
  fail "a benchmark failed (see BenchmarkDotNet's output above)"

step "3/3 Compare with the committed baseline and budgets (the MSBuild gate)"
gate_log=$(mktemp)
trap 'rm -f "$gate_log"' EXIT
dotnet build "$suite" -c Release --no-restore -nodeReuse:false -t:PerfGuardCompare -p:PerfGuardRequireResults=true |
  tee "$gate_log"
gate=${PIPESTATUS[0]}

# ---- Endpoint load stage (issue 11): the sample under wrk on SQLite and PostgreSQL, see docs/endpoint-load.md ----
# Runs after the benchmark gate whatever its verdict; its report is appended to the main Markdown report.
step "load: endpoint load stage (eng/load-stage.sh: SQLite, PostgreSQL and the suite on PostgreSQL, 8-12 minutes)"
bash eng/load-stage.sh "$out/load" "$(ls "$out"/report/*.md 2>/dev/null | head -n 1)"
load_status=$?
[ "$load_status" -eq 2 ] && fail "the endpoint load stage failed (see its output above)"
if [ -s "$out/load/skipped.txt" ]; then
  printf '\nWARNING: parts of the endpoint load stage were SKIPPED:\n' >&2
  sed 's/^/  - /' "$out/load/skipped.txt" >&2
fi
printf 'Load report: %s\n' "$out/load/perfguard-load-report.md"
[ "$load_status" -ne 0 ] && [ "$gate" -eq 0 ] && gate=1
# ---- end of the endpoint load stage ----

printf '\nReport: %s\n' "$(ls "$out"/report/*.md 2>/dev/null | head -n 1)"
printf 'HTML:   %s\n' "$(ls "$out"/report/*.html 2>/dev/null | head -n 1)"
if [ "$gate" -eq 0 ]; then
  printf 'Verdict: PASS, inside the baseline and budgets (%ss).\n' "$((SECONDS - started))"
  exit 0
fi
# The verdict names what failed: the PG1xxx errors the gate reported, or, when there are none, the build errors.
# MSBuild repeats every error in its closing summary: count distinct error lines.
pg_errors=$(grep -E 'error PG1[0-9]{3}' "$gate_log" | sed 's/^ *//' | sort -u | grep -oE 'error PG1[0-9]{3}' | sed 's/error //' |
  sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
if grep -q 'error PG1201' "$gate_log"; then
  printf 'Verdict: UNUSABLE INPUT (%s), see the PG1201 error above (%ss).\n' "$pg_errors" "$((SECONDS - started))"
  exit 2
fi
if grep -q 'error PG1203' "$gate_log"; then
  printf 'Verdict: RE-MEASUREMENT FAILED (%s): the suspected time regressions were not judged; see the PG1203 error above (%ss).\n' "$pg_errors" "$((SECONDS - started))"
  exit 2
fi
if [ -n "$pg_errors" ]; then
  printf 'Verdict: FAIL (%s), see the PG1xxx errors above (%ss).\n' "$pg_errors" "$((SECONDS - started))"
  exit 1
fi
other=$(grep -oE 'error [A-Z]+[0-9]+' "$gate_log" | sed 's/error //' | sort -u | paste -sd, -)
printf 'Verdict: THE GATE DID NOT RUN: its build failed with no PG1xxx error (%s), see above (%ss).\n' "${other:-no error code}" "$((SECONDS - started))"
exit 2
