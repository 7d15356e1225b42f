using System.Globalization;
using System.Reflection;
using AssetAnchor.PerfGuard.Engine;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Reports;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Cli;

/// <summary>Entry point of the <c>perfguard</c> tool. Exit codes: 0 pass, 1 regression or broken budget, 2 unusable input or arguments.</summary>
public static class Program
{
    public const int Pass = 0;
    public const int Regression = 1;
    public const int UsageError = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(HelpText);
            return args.Count == 0 ? UsageError : Pass;
        }

        if (args[0] is "--version")
        {
            stdout.WriteLine(Version);
            return Pass;
        }

        try
        {
            return args[0] switch
            {
                "compare" => Compare(Arguments.Parse(args.Skip(1), CompareOptions), stdout, stderr),
                "baseline" when args.Count > 1 && args[1] == "update" => Update(Arguments.Parse(args.Skip(2), UpdateOptions), stdout, stderr),
                "load" => Load.LoadCommands.Run(args.Skip(1).ToList(), stdout, stderr),
                "baseline" => throw new UsageException("'baseline' needs a subcommand: perfguard baseline update --results <file|dir> --baseline <file> [--runs k]"),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"perfguard: {ex.Message}. Run 'perfguard --help'.");
            return UsageError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Input errors arrive as PG1201 findings; anything else is a bug, still reported without a stack trace.
            stderr.WriteLine($"perfguard: error {Engine.Diagnostics.BuildCodes.UnreadableInput}: unexpected failure: {ex.Message} ({ex.GetType().Name})");
            return UsageError;
        }
    }

    private static readonly string[] CompareOptions = ["--results", "--baseline", "--budgets", "--threshold", "--report", "--confirm", "--run-noise", "--min-run-noise", "--significance", "--no-table", "--cpu-threshold", "--cpu-min-run-noise", "--contention-limit", "--require-all", "--allocation-tolerance"];
    private static readonly string[] UpdateOptions = ["--results", "--baseline", "--runs", "--filter"];

    private static int Compare(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var outcome = PerfGuardGate.Compare(new CompareRequest
        {
            Results = arguments.Required("--results"),
            Baseline = arguments.RequiredSingle("--baseline"),
            Budgets = arguments.Single("--budgets"),
            Settings = arguments.Settings([.. SettingNames.All]),
            ConfirmationResults = arguments.All("--confirm"),
            ReportDirectory = arguments.Single("--report"),
            StepSummaryPath = StepSummaryPath(),
        });

        if (outcome.Report is { } report && !arguments.Flag("--no-table"))
        {
            stdout.Write(ConsoleReport.Render(report));
        }

        foreach (var finding in outcome.Findings.Where(f => f.Severity != FindingSeverity.Message))
        {
            (finding.IsError ? stderr : stdout).WriteLine(finding.ToCanonicalString());
        }

        foreach (var file in outcome.ReportFiles)
        {
            stdout.WriteLine($"report: {file}");
        }

        return outcome.ExitCode;
    }

    private static int Update(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        int? runs = arguments.Single("--runs") is { } runsText
            ? int.TryParse(runsText, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 ? k : throw new UsageException($"--runs '{runsText}' must be a whole number of at least 1")
            : null;
        var baseline = arguments.RequiredSingle("--baseline");
        var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest
        {
            Results = arguments.Required("--results"),
            Baseline = baseline,
            Runs = runs,
            Filter = arguments.All("--filter"),
        });

        if (outcome.Error is { } error)
        {
            stderr.WriteLine(error.ToCanonicalString());
            return UsageError;
        }

        foreach (var change in outcome.Changes)
        {
            stdout.WriteLine(change);
        }

        stdout.WriteLine(outcome.Written
            ? $"wrote {Path.GetFullPath(baseline)} ({outcome.Baseline!.Benchmarks.Count} benchmarks, {outcome.Baseline.Runs} run(s)); review the diff and commit it"
            : $"{Path.GetFullPath(baseline)} is already up to date");
        return Pass;
    }

    /// <summary>GitHub Actions names its step summary file in GITHUB_STEP_SUMMARY; the CLI, not the engine, reads it.</summary>
    private static string? StepSummaryPath() =>
        Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } path ? path : null;

    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Program).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public const string HelpText = """
        perfguard: keep a .NET service inside its performance budget.

        Usage:
          perfguard compare --results <file|dir> --baseline <file> [--budgets <file>] [--threshold 5%|2ns] [--report <dir>]
                            [--confirm <file|dir>] [--run-noise auto|20%] [--min-run-noise 50%] [--significance 0.01] [--no-table]
                            [--cpu-threshold 10%|2ns] [--cpu-min-run-noise 5%] [--contention-limit 20%] [--require-all]
                            [--allocation-tolerance 1%|16B]
          perfguard baseline update --results <file|dir> --baseline <file> [--runs k] [--filter <glob>]
          perfguard load run (--url <address> | --start "<command>" [--health /health]) --endpoints <file> --out <file> [--label <text>] [--wrk <path>]
          perfguard load compare --results <file|dir> [--baseline <file>] [--budgets <file>] [--report <dir>] [--threshold 10%|2ms] [--min-run-noise 50%]
          perfguard load baseline update --results <file|dir> --baseline <file>
          perfguard load table --results <file> --results <file>
          perfguard --version
          perfguard --help

        compare           Compares BenchmarkDotNet full JSON (*-report-full.json; a file, a folder, or --results given
                          several times) with the committed baseline and the budgets (perfguard.json beside the baseline
                          unless --budgets is given). Findings are printed as 'path(line): error PG1xxx: message'.
                          Each setting option wins over perfguard.json's value, which wins over the default.
          --confirm       A re-measurement of the same build: a time regression (PG1001) fails only if it shows there too.
          --run-noise     Between-run noise to allow: 'auto' measures it from a pooled baseline, never below --min-run-noise
                          (default 50%, also what a one-run baseline gets); a percentage fixes it.
          --cpu-threshold, --cpu-min-run-noise
                          The CPU time per operation gate (PG1005): threshold and least between-run noise.
          --contention-limit
                          Benchmarks whose threads waited for a core beyond this share of their runnable time were measured
                          on a busy machine: one PG1106 warning, and their time is judged on CPU time only.
          --allocation-tolerance
                          How much allocated bytes/op may grow before PG1002, e.g. 1%|16B (the larger part wins); a
                          baseline pooled from runs that allocated differently widens it per benchmark to twice their spread.
          --require-all   Every baseline benchmark must have a result (PG1103 becomes an error): for a gate over the merged
                          results of several shards (pass each shard's folder with --results), where a missing result
                          means a shard that failed or was not uploaded.
          --report        Folder for perfguard-report.md, .json and .html. GITHUB_STEP_SUMMARY, when set, gets the summary.
        baseline update   Writes the baseline from fresh results (atomically) and prints what changed. With --runs k, each
                          benchmark must appear in exactly k results files (one file per run); the runs are pooled.
                          Benchmarks whose fresh results the gate judges unchanged keep their committed entry; an
                          update that changes nothing leaves the file as it is.
          --filter        Update only the benchmarks whose key matches the glob ('*' any text, '?' one character,
                          case-insensitive; may be given several times); every other entry stays as committed.
        load run          Drives each endpoint of the list with wrk (ramp, steady windows, spike; each run bounded in time and
                          requests) and writes the results. --start runs the service on a free 127.0.0.1 port (ASPNETCORE_URLS).
        load compare      Gates load results (PerfGuard's or k6 --summary-export JSON): latency vs the load baseline (PG1001),
                          p50/p95/p99 vs the budgets of the endpoint's type (PG1004), error rate vs its budget (PG1006, default 1%).
                          See docs/endpoint-load.md.

        Exit codes: 0 pass (warnings allowed), 1 a regression or broken budget, 2 unusable input or arguments.

        """;
}
