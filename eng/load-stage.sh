#!/usr/bin/env bash
# The main job's endpoint load stage (docs/endpoint-load.md): the Asset Anchor sample on 127.0.0.1, seeded at the
# guide's volumes, driven by wrk through `perfguard load run` (ramp, steady windows, spike), once on SQLite and once
# on a PostgreSQL server this script starts on 127.0.0.1 and removes afterwards; each run gated by
# `perfguard load compare` against its committed load baseline and the budgets of benchmarks/AssetAnchor.Sample.Load.
#
# Usage: eng/load-stage.sh [output folder] [main Markdown report to append the load report to]
# Exit code: 0 inside baselines and budgets, 1 a latency regression, broken budget or error rate, 2 a failed step.
# A missing tool that cannot be installed (not root, no apt-get) skips that part with a WARNING line and is listed in
# $out/skipped.txt; set PERFGUARD_REQUIRE_LOAD=1 to make any skip a failure (exit 2) instead.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

out=${1:-artifacts/perfguard/load}
main_report=${2:-}
plan_dir=benchmarks/AssetAnchor.Sample.Load
sample_dll=samples/AssetAnchor.Sample/bin/Release/net10.0/AssetAnchor.Sample.dll
cli_dll=buildtasks/AssetAnchor.PerfGuard.Cli/bin/Release/net10.0/perfguard.dll
status=0

warn() { printf '\nWARNING: %s\n' "$*" >&2; printf '%s\n' "$*" >>"$out/skipped.txt"; }
note() { printf '\nNOTE: %s\n' "$*"; printf '%s\n' "$*" >>"$out/notes.txt"; }
fail() { printf '\nload-stage: %s\n' "$*" >&2; exit 2; }
is_root() { [ "$(id -u)" -eq 0 ]; }
apt_install() {
  # Only as root with apt-get; the index is refreshed when the first attempt cannot find the package.
  is_root && command -v apt-get >/dev/null 2>&1 || return 1
  printf 'load-stage: installing %s (apt-get)\n' "$*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }
}

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

# 1. The load generator. Debian's "bombardier" package is an unrelated game, so wrk it is.
if ! command -v wrk >/dev/null 2>&1; then
  apt_install wrk || true
fi
if ! command -v wrk >/dev/null 2>&1; then
  warn "SKIPPED the endpoint load stage: wrk is not installed and could not be installed here (install it: apt-get install wrk, or brew install wrk)."
  [ "${PERFGUARD_REQUIRE_LOAD:-0}" = 1 ] && exit 2
  exit 0
fi

# 2. The sample and the perfguard CLI (Release).
dotnet build samples/AssetAnchor.Sample/AssetAnchor.Sample.csproj -c Release -m:2 -nodeReuse:false -v:q -nologo >"$out/build.log" 2>&1 &&
  dotnet build buildtasks/AssetAnchor.PerfGuard.Cli/AssetAnchor.PerfGuard.Cli.csproj -c Release -m:2 -nodeReuse:false -v:q -nologo >>"$out/build.log" 2>&1 ||
  { cat "$out/build.log"; fail "building the sample or the perfguard CLI failed"; }

perfguard() { dotnet "$cli_dll" "$@"; }

# Runs the load against a fresh database (the rent payment endpoint writes rows), then gates it.
run_database() {
  local label=$1 connection=$2 provider=$3
  mkdir -p "$out/$label"
  printf '\n-- %s: seeding a fresh database and driving the endpoints (about a minute)\n' "$label"
  ConnectionStrings__AssetAnchor="$connection" Database__Provider="$provider" Logging__LogLevel__Default=Warning \
    perfguard load run --start "dotnet $sample_dll" --health /health --startup-timeout 600 \
    --endpoints "$plan_dir/endpoints.json" --out "$out/$label/results.json" --label "$label" ||
    fail "the $label load run failed (service log: $out/$label/results.service.log)"
  local baseline="$plan_dir/load-baseline.$label.json"
  local args=(load compare --results "$out/$label/results.json" --budgets "$plan_dir/perfguard.json" --report "$out/$label")
  if [ -f "$baseline" ]; then
    args+=(--baseline "$baseline")
  else
    note "no committed load baseline for $label ($baseline): latency is not compared with a previous run, only with the budgets."
  fi
  perfguard "${args[@]}"
  local gate=$?
  [ "$gate" -eq 2 ] && fail "the $label load results could not be compared (see the PG1201 error above)"
  [ "$gate" -ne 0 ] && status=1
  return 0
}

# 3. SQLite (the sample's embedded default).
run_database sqlite "Data Source=$out/sqlite/assetanchor.db" Sqlite

# 4. PostgreSQL, a throwaway server on 127.0.0.1 (initdb into a temp folder; fsync off, it is discarded afterwards).
pg_bin=$(pg_config --bindir 2>/dev/null || true)
[ -x "$pg_bin/initdb" ] || pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ ! -x "$pg_bin/initdb" ]; then
  apt_install postgresql || true
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ ! -x "${pg_bin:-}/initdb" ]; then
  warn "SKIPPED the PostgreSQL load run: the PostgreSQL server binaries (initdb, pg_ctl) are not installed and could not be installed here (Debian: apt-get install postgresql)."
  [ "${PERFGUARD_REQUIRE_LOAD:-0}" = 1 ] && exit 2
else
  pg_data=$(mktemp -d "${TMPDIR:-/tmp}/perfguard-pg.XXXXXX")
  as_pg=()
  if is_root; then
    # PostgreSQL refuses to run as root: the server runs as the "postgres" user the package creates.
    id postgres >/dev/null 2>&1 || fail "running as root, but there is no 'postgres' user to run the PostgreSQL server as"
    chown postgres "$pg_data"
    as_pg=(runuser -u postgres --)
  fi
  stop_pg() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1; rm -rf "$pg_data"; }
  trap stop_pg EXIT
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U perfguard --no-sync >"$out/postgresql-initdb.log" 2>&1 ||
    fail "initdb failed (see $out/postgresql-initdb.log)"
  started=0
  for _ in 1 2 3 4 5; do
    pg_port=$(shuf -i 20000-59999 -n 1)
    if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start \
      -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  [ "$started" -eq 1 ] || { cp "$pg_data/server.log" "$out/postgresql-server.log" 2>/dev/null; fail "the PostgreSQL server did not start (see $out/postgresql-server.log)"; }
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U perfguard assetanchor || fail "createdb failed"
  printf 'load-stage: PostgreSQL %s on 127.0.0.1:%s (data in %s)\n' "$("$pg_bin/postgres" --version | awk '{print $3}')" "$pg_port" "$pg_data"
  run_database postgresql "Host=127.0.0.1;Port=$pg_port;Username=perfguard;Database=assetanchor" PostgreSql

  # The sample's hot-path suite on the same server (a database of its own): every round trip is a network hop here,
  # so the N+1 variants pay more than on SQLite. PERFGUARD_LOAD_SUITE=0 leaves it out.
  if [ "${PERFGUARD_LOAD_SUITE:-1}" = 1 ]; then
    suite=benchmarks/AssetAnchor.Sample.Benchmarks
    suite_baseline="$suite/perfguard-baseline.postgresql.json"
    printf '\n-- postgresql: the sample hot-path suite (Quick job, a few minutes)\n'
    "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U perfguard assetanchor_suite || fail "createdb assetanchor_suite failed"
    dotnet build "$suite" -c Release -m:2 -nodeReuse:false -v:q -nologo >>"$out/build.log" 2>&1 || { cat "$out/build.log"; fail "building the suite failed"; }
    PERFGUARD_SAMPLE_POSTGRESQL="Host=127.0.0.1;Port=$pg_port;Username=perfguard;Database=assetanchor_suite" \
      dotnet run -c Release --no-build --project "$suite" -- --filter '*' --artifacts "$out/postgresql/suite" --perfguard-job Quick \
      --buildTimeout 600 >"$out/postgresql/suite.log" 2>&1
    suite_run=$?
    if [ "$suite_run" -ne 0 ]; then
      # The load runs above are complete and gated; a suite that could not run (BenchmarkDotNet's child build under
      # heavy load, say) is reported loudly, and fails the stage only with PERFGUARD_REQUIRE_LOAD=1.
      grep -E 'Build Error|timeout|Exception' "$out/postgresql/suite.log" | head -n 5 >&2
      warn "SKIPPED the gate of the hot-path suite on PostgreSQL: the suite failed (exit $suite_run, log $out/postgresql/suite.log)."
      [ "${PERFGUARD_REQUIRE_LOAD:-0}" = 1 ] && exit 2
    elif [ -f "$suite_baseline" ]; then
      perfguard compare --results "$out/postgresql/suite/results" --baseline "$suite_baseline" --budgets "$suite/perfguard.json" --report "$out/postgresql/suite-report"
      suite_gate=$?
      [ "$suite_gate" -eq 2 ] && fail "the PostgreSQL suite results could not be compared (see the PG1201 error above)"
      [ "$suite_gate" -ne 0 ] && status=1
    else
      note "no committed PostgreSQL suite baseline ($suite_baseline): the suite's PostgreSQL results are in $out/postgresql/suite/results, not gated."
    fi
  fi
fi

# 5. One report with every database's section, appended to the main job's report when given.
report="$out/perfguard-load-report.md"
databases=()
for db in sqlite postgresql; do
  [ -f "$out/$db/results.json" ] && databases+=("$db")
done
{
  printf '# Endpoint load stage\n\n'
  printf 'The sample service under wrk, the same endpoints and stages on each database (%s).\n\n' "${databases[*]}"
  if [ -s "$out/skipped.txt" ]; then
    printf '**Skipped:**\n\n'; sed 's/^/- /' "$out/skipped.txt"; printf '\n'
  fi
  if [ -s "$out/notes.txt" ]; then
    sed 's/^/- Note: /' "$out/notes.txt"; printf '\n'
  fi
  table_args=()
  for db in "${databases[@]}"; do table_args+=(--results "$out/$db/results.json"); done
  printf '## Databases side by side\n\n'
  perfguard load table "${table_args[@]}"
  printf '\n'
  for db in "${databases[@]}"; do
    sed 's/^#/##/' "$out/$db/perfguard-load-report.md"
    printf '\n'
  done
  if [ -f "$out/postgresql/suite-report/perfguard-report.md" ]; then
    printf '## The hot-path suite on PostgreSQL\n\n'
    sed 's/^#/##/' "$out/postgresql/suite-report/perfguard-report.md"
    printf '\n'
  fi
} >"$report"
if [ -n "$main_report" ] && [ -f "$main_report" ]; then
  { printf '\n'; sed 's/^#/##/' "$report"; } >>"$main_report"
fi
printf '\nLoad report: %s\n' "$report"
exit "$status"
