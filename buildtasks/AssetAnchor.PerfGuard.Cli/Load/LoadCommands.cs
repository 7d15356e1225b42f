using System.Globalization;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Load;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Cli.Load;

/// <summary><c>perfguard load run | compare | baseline update</c>: the endpoint load gate (docs/endpoint-load.md).</summary>
internal static class LoadCommands
{
    private static readonly string[] RunOptions = ["--url", "--start", "--health", "--startup-timeout", "--endpoints", "--out", "--label", "--wrk", "--service-log"];
    private static readonly string[] CompareOptions = ["--results", "--baseline", "--budgets", "--threshold", "--run-noise", "--min-run-noise", "--significance", "--report", "--no-table"];
    private static readonly string[] UpdateOptions = ["--results", "--baseline"];
    private static readonly string[] TableOptions = ["--results"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) => args.Count == 0
        ? throw new UsageException("'load' needs a subcommand: run, compare or baseline update")
        : args[0] switch
        {
            "run" => RunLoad(Arguments.Parse(args.Skip(1), RunOptions), stdout, stderr),
            "compare" => Compare(Arguments.Parse(args.Skip(1), CompareOptions), stdout, stderr),
            "table" => Table(Arguments.Parse(args.Skip(1), TableOptions), stdout, stderr),
            "baseline" when args.Count > 1 && args[1] == "update" => Update(Arguments.Parse(args.Skip(2), UpdateOptions), stdout, stderr),
            _ => throw new UsageException($"unknown load subcommand '{string.Join(' ', args.Take(2))}' (expected run, compare, table or baseline update)"),
        };

    private static int RunLoad(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var url = arguments.Single("--url");
        var start = arguments.Single("--start");
        if ((url is null) == (start is null))
        {
            throw new UsageException("give exactly one of --url <base address of a running service> or --start \"<command that runs the service>\"");
        }

        Uri? baseUrl = null;
        if (url is not null && (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            throw new UsageException($"--url '{url}' is not an http(s) address");
        }

        var startupSeconds = arguments.Single("--startup-timeout") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : throw new UsageException($"--startup-timeout '{text}' must be a whole number of seconds")
            : 300;
        var outPath = arguments.RequiredSingle("--out");
        var endpointsPath = arguments.RequiredSingle("--endpoints");
        EndpointPlan plan;
        try
        {
            plan = EndpointPlan.Load(endpointsPath);
        }
        catch (PerfGuardInputException ex)
        {
            stderr.WriteLine(ex.ToFinding().ToCanonicalString());
            return Program.UsageError;
        }

        var wrkPath = WrkDriver.Locate(arguments.Single("--wrk"));
        if (wrkPath is null)
        {
            stderr.WriteLine("perfguard: the load generator wrk was not found" + (arguments.Single("--wrk") is { } given ? $" at '{given}'" : " on the PATH")
                + ". Install it (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk) or pass --wrk <path>.");
            return Program.UsageError;
        }

        try
        {
            return RunAsync(plan, baseUrl, start, arguments, startupSeconds, outPath, wrkPath, stdout).GetAwaiter().GetResult();
        }
        catch (LoadRunException ex)
        {
            stderr.WriteLine($"perfguard: load run failed: {ex.Message}");
            return Program.UsageError;
        }
        catch (HttpRequestException ex)
        {
            stderr.WriteLine($"perfguard: load run failed: the service did not answer ({ex.Message})");
            return Program.UsageError;
        }
    }

    private static async Task<int> RunAsync(EndpointPlan plan, Uri? baseUrl, string? start, Arguments arguments, int startupSeconds, string outPath, string wrkPath, TextWriter stdout)
    {
        ServiceProcess? service = null;
        try
        {
            if (start is not null)
            {
                var serviceLog = arguments.Single("--service-log") ?? Path.ChangeExtension(Path.GetFullPath(outPath), ".service.log");
                service = await ServiceProcess.StartAsync(start, arguments.Single("--health") ?? "/health", TimeSpan.FromSeconds(startupSeconds), serviceLog, stdout);
                baseUrl = service.BaseUrl;
            }

            var run = await new LoadRunner(new WrkDriver(wrkPath), stdout).RunAsync(plan, baseUrl!, arguments.Single("--label"));
            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            Directory.CreateDirectory(folder);
            Engine.Baselines.BaselineStore.WriteAtomic(outPath, LoadResultsFile.Serialize(run));
            stdout.WriteLine($"load: wrote {Path.GetFullPath(outPath)}");
            return Program.Pass;
        }
        finally
        {
            service?.Dispose();
        }
    }

    private static int Compare(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var outcome = LoadGate.Compare(new LoadCompareRequest
        {
            Results = arguments.Required("--results"),
            Baseline = arguments.Single("--baseline"),
            Budgets = arguments.Single("--budgets"),
            Settings = arguments.Settings(Setting.Threshold, Setting.RunNoise, Setting.MinimumRunNoise, Setting.Significance),
            ReportDirectory = arguments.Single("--report"),
        });
        if (outcome.Report is { } report && !arguments.Flag("--no-table"))
        {
            stdout.Write(LoadReport.Console(report));
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

    /// <summary>Prints a Markdown table of several runs side by side (one --results per run, e.g. per database).</summary>
    private static int Table(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var runs = arguments.Required("--results").Select(path => LoadResultsFile.Read([path])).ToList();
            stdout.Write(LoadReport.SideBySide(runs));
            return Program.Pass;
        }
        catch (PerfGuardInputException ex)
        {
            stderr.WriteLine(ex.ToFinding().ToCanonicalString());
            return Program.UsageError;
        }
    }

    private static int Update(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var baseline = arguments.RequiredSingle("--baseline");
        var outcome = LoadGate.UpdateBaseline(arguments.Required("--results"), baseline);
        if (outcome.Error is { } error)
        {
            stderr.WriteLine(error.ToCanonicalString());
            return Program.UsageError;
        }

        foreach (var change in outcome.Changes)
        {
            stdout.WriteLine(change);
        }

        stdout.WriteLine(outcome.Written
            ? $"wrote {Path.GetFullPath(baseline)} ({outcome.Baseline!.Endpoints.Count} endpoints, {outcome.Baseline.Runs} run(s)); review the diff and commit it"
            : $"{Path.GetFullPath(baseline)} is already up to date");
        return Program.Pass;
    }
}
