using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Load;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>The endpoint load gate on hand-made results: readers, verdicts (PG1001/PG1004/PG1006), baseline, bad input.</summary>
public sealed class LoadGateTests
{
    private static readonly EnvironmentInfo Machine = new("Linux Debian GNU/Linux 12 (bookworm)", "AMD EPYC", 2, ".NET 10.0.12", "X64", "wrk 4.1.0");

    private static string K6Summary => Path.Combine(Fixtures.Root, "k6", "summary-export.json");

    private static EndpointLoadResult Endpoint(string name, string type, double[] windowMs, long requests = 5000, long errors = 0, double p95Ms = 20, double p99Ms = 40) => new()
    {
        Key = name,
        Method = "GET",
        Path = "/api/" + name.Replace(' ', '-'),
        Type = type,
        WindowMedians = windowMs.Select(ms => ms * 1e6).ToList(),
        Requests = requests,
        Errors = errors,
        Seconds = 10,
        P50 = windowMs.Order().ElementAt(windowMs.Length / 2) * 1e6,
        P95 = p95Ms * 1e6,
        P99 = p99Ms * 1e6,
        Mean = windowMs.Average() * 1e6,
        Stages = [new LoadStageResult("steady", 4, 10, requests, errors, 5e6, p95Ms * 1e6, p99Ms * 1e6, 6e6,
            new Dictionary<string, long> { ["200"] = requests - errors, ["500"] = errors })],
        SourceFile = "results.json",
    };

    private static string WriteRun(TempFolder folder, string name, params EndpointLoadResult[] endpoints)
    {
        var path = folder.File(name);
        File.WriteAllText(path, LoadResultsFile.Serialize(new LoadRun { Endpoints = endpoints, Environment = Machine, SourceFiles = [], Tool = "wrk 4.1.0", Label = "sqlite" }));
        return path;
    }

    private static readonly double[] Quick = [5.0, 5.2, 4.9, 5.1, 5.3, 4.8];

    [Fact]
    public void K6_summary_export_gives_one_endpoint_per_tagged_sub_metric()
    {
        var run = LoadResultsFile.Read([K6Summary]);

        Assert.Equal(["PropertyList", "FinancialReport"], run.Endpoints.Select(e => e.Key));
        var list = run.Endpoints[0];
        Assert.Equal(18.93e6, list.P50, 3);
        Assert.Equal(63.24e6, list.P95, 3);
        Assert.Equal(1204.7e6, list.P99, 3);
        Assert.Equal(2000, list.Requests);
        Assert.Equal(6, list.Errors);
        Assert.Equal([18.93e6], list.WindowMedians);
        var report = run.Endpoints[1];
        Assert.Equal(0.06, report.ErrorRate, 6);
        Assert.Equal(16.66, report.RequestsPerSecond, 2);
        Assert.Equal("k6", run.Tool);
    }

    [Fact]
    public void K6_summary_export_is_gated_by_the_budgets_of_each_endpoint_type()
    {
        using var folder = new TempFolder();
        var budgets = folder.File("perfguard.json");
        File.WriteAllText(budgets, """
            {
              "categoryAssignments": { "PropertyList": "CriticalPath", "FinancialReport": "Reporting" }
            }
            """);

        var outcome = LoadGate.Compare(new LoadCompareRequest { Results = [K6Summary], Budgets = budgets });

        Assert.Equal(1, outcome.ExitCode);
        // PropertyList: p99 1204.7 ms > the CriticalPath 1 s (p50 and p95 within; 0.3% errors within 1%).
        // FinancialReport: 6% failed > 1%; its latencies are inside the Reporting budget (1 s / 3 s / 5 s).
        Assert.Equal(
            [(BuildCodes.BudgetExceeded, "PropertyList"), (BuildCodes.EndpointErrorRate, "FinancialReport")],
            outcome.Findings.Where(f => f.IsError).Select(f => (f.Code, f.BenchmarkKey!)));
        Assert.Contains("p99", outcome.Findings.Single(f => f.Code == BuildCodes.BudgetExceeded).Message, StringComparison.Ordinal);
        Assert.Contains("6%", outcome.Findings.Single(f => f.Code == BuildCodes.EndpointErrorRate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slower_endpoint_fails_with_PG1001_and_an_unchanged_or_slightly_slower_one_passes()
    {
        using var folder = new TempFolder();
        var baselineRun = WriteRun(folder, "base.json", Endpoint("listing", "CriticalPath", Quick), Endpoint("detail", "Read", Quick));
        var baseline = folder.File("load-baseline.json");
        Assert.Null(LoadGate.UpdateBaseline([baselineRun], baseline, recordCommit: false).Error);

        // 1.3x is inside the 50% between-run noise a one-run baseline gets; 8x is not.
        var current = WriteRun(folder, "now.json",
            Endpoint("listing", "CriticalPath", Quick.Select(v => v * 8).ToArray()),
            Endpoint("detail", "Read", Quick.Select(v => v * 1.3).ToArray()));
        var outcome = LoadGate.Compare(new LoadCompareRequest { Results = [current], Baseline = baseline });

        var error = Assert.Single(outcome.Findings, f => f.IsError);
        Assert.Equal(BuildCodes.TimeRegression, error.Code);
        Assert.Equal("listing", error.BenchmarkKey);
        Assert.Equal(Path.GetFullPath(baseline), error.File);
        Assert.True(error.Line > 0);
        Assert.Contains("8.000x", error.Message, StringComparison.Ordinal);

        var unchanged = WriteRun(folder, "again.json", Endpoint("listing", "CriticalPath", Quick.Reverse().ToArray()), Endpoint("detail", "Read", Quick));
        Assert.Equal(0, LoadGate.Compare(new LoadCompareRequest { Results = [unchanged], Baseline = baseline }).ExitCode);
    }

    [Fact]
    public void Too_few_windows_cannot_gate_latency_and_say_so()
    {
        using var folder = new TempFolder();
        var baseline = folder.File("load-baseline.json");
        LoadGate.UpdateBaseline([WriteRun(folder, "base.json", Endpoint("listing", "CriticalPath", [5, 5, 5]))], baseline, recordCommit: false);
        var current = WriteRun(folder, "now.json", Endpoint("listing", "CriticalPath", [50, 50, 50]));

        var outcome = LoadGate.Compare(new LoadCompareRequest { Results = [current], Baseline = baseline });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(BuildCodes.TooFewMeasurements, Assert.Single(outcome.Findings).Code);
    }

    [Fact]
    public void The_error_rate_budget_defaults_to_one_percent_and_perfguard_json_can_change_it()
    {
        using var folder = new TempFolder();
        var results = WriteRun(folder, "now.json", Endpoint("search", "Read", Quick, requests: 1000, errors: 50));

        var byDefault = LoadGate.Compare(new LoadCompareRequest { Results = [results] });
        var finding = Assert.Single(byDefault.Findings);
        Assert.Equal(BuildCodes.EndpointErrorRate, finding.Code);
        Assert.Contains("50 of 1000", finding.Message, StringComparison.Ordinal);
        Assert.Contains("500 x 50", finding.Message, StringComparison.Ordinal);

        var budgets = folder.File("perfguard.json");
        File.WriteAllText(budgets, """
            {
              "categories": {
                "Read": { "p50": "300ms", "p95": "700ms", "p99": "1.2s", "errorRate": "10%" }
              }
            }
            """);
        Assert.Equal(0, LoadGate.Compare(new LoadCompareRequest { Results = [results], Budgets = budgets }).ExitCode);

        File.WriteAllText(budgets, """
            {
              "categories": {
                "Read": { "errorRate": "2%" }
              }
            }
            """);
        var strict = Assert.Single(LoadGate.Compare(new LoadCompareRequest { Results = [results], Budgets = budgets }).Findings);
        Assert.Equal(BuildCodes.EndpointErrorRate, strict.Code);
        Assert.Equal(3, strict.Line);
    }

    [Fact]
    public void The_load_baseline_is_written_atomically_once_and_reads_back()
    {
        using var folder = new TempFolder();
        var run1 = WriteRun(folder, "r1.json", Endpoint("listing", "CriticalPath", Quick));
        var run2 = WriteRun(folder, "r2.json", Endpoint("listing", "CriticalPath", Quick.Select(v => v * 1.1).ToArray()));
        var path = folder.File("load-baseline.json");

        var first = LoadGate.UpdateBaseline([run1, run2], path, recordCommit: false);
        var second = LoadGate.UpdateBaseline([run1, run2], path, recordCommit: false);

        Assert.True(first.Written);
        Assert.False(second.Written);
        var read = LoadBaseline.Read(path);
        Assert.Equal(2, read.Runs);
        var entry = Assert.Single(read.Endpoints);
        Assert.Equal("CriticalPath", entry.Type);
        Assert.Equal(Quick.Select(v => v * 1e6), entry.RunWindowMedians[0]);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("perfguard.json", """{ "categories": { "Read": { "errorRate": "lots" } } }""", "errorRate")]
    [InlineData("results.json", """{ "schema": "perfguard-load-results/1", "tool": "wrk", "endpoints": [ { "name": "a", "requests": 10, "errors": 11, "seconds": 1, "p50Ms": 1, "p95Ms": 1, "p99Ms": 1, "meanMs": 1, "windowMediansMs": [1] } ] }""", "errors")]
    [InlineData("results.json", """{ "hello": 1 }""", "k6")]
    public void Bad_load_input_is_PG1201_with_its_file(string name, string json, string mentioned)
    {
        using var folder = new TempFolder();
        var path = folder.File(name);
        File.WriteAllText(path, json);
        var request = name == "perfguard.json"
            ? new LoadCompareRequest { Results = [K6Summary], Budgets = path }
            : new LoadCompareRequest { Results = [path] };

        var outcome = LoadGate.Compare(request);

        Assert.Equal(2, outcome.ExitCode);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(BuildCodes.UnreadableInput, finding.Code);
        Assert.Equal(path, finding.File);
        Assert.Equal(1, finding.Line);
        Assert.Contains(mentioned, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_list_with_a_typo_is_PG1201_at_its_line()
    {
        using var folder = new TempFolder();
        var path = folder.File("endpoints.json");
        File.WriteAllText(path, """
            {
              "endpoints": [
                { "name": "listing", "path": "/api/properties", "tpye": "CriticalPath" }
              ]
            }
            """);

        var error = Assert.Throws<PerfGuardInputException>(() => EndpointPlan.Load(path));

        Assert.Equal(3, error.Line);
        Assert.Contains("tpye", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_list_reads_auth_stages_and_environment_references()
    {
        using var folder = new TempFolder();
        var path = folder.File("endpoints.json");
        Environment.SetEnvironmentVariable("PERFGUARD_TEST_PASSWORD", "s3cret\"quoted");
        File.WriteAllText(path, """
            {
              "auth": { "path": "/login", "body": { "user": "me", "password": "${PERFGUARD_TEST_PASSWORD}" }, "tokenField": "data.token" },
              "stages": { "ramp": { "connections": [] }, "steady": { "windows": 5 }, "spike": { "connections": 0 } },
              "endpoints": [ { "name": "pay", "method": "post", "path": "/pay", "type": "Write", "body": { "amount": 1 } } ]
            }
            """);

        var plan = EndpointPlan.Load(path);

        Assert.Equal("data.token", plan.Auth!.TokenField);
        Assert.Contains("s3cret\\u0022quoted", plan.Auth.Body, StringComparison.Ordinal);
        Assert.Empty(plan.Stages.RampConnections);
        Assert.Equal(5, plan.Stages.SteadyWindows);
        Assert.Equal(5, plan.Stages.SecondsPerEndpoint);
        var endpoint = Assert.Single(plan.Endpoints);
        Assert.Equal("POST", endpoint.Method);
        Assert.Equal("""{ "amount": 1 }""", endpoint.Body);
    }

    [Fact]
    public void The_markdown_report_fills_the_guide_template_sections()
    {
        using var folder = new TempFolder();
        var baseline = folder.File("load-baseline.json");
        LoadGate.UpdateBaseline([WriteRun(folder, "base.json", Endpoint("listing", "CriticalPath", Quick))], baseline, recordCommit: false);
        var current = WriteRun(folder, "now.json", Endpoint("listing", "CriticalPath", Quick.Select(v => v * 8).ToArray()));

        var outcome = LoadGate.Compare(new LoadCompareRequest { Results = [current], Baseline = baseline, ReportDirectory = folder.File("report") });
        var markdown = File.ReadAllText(Assert.Single(outcome.ReportFiles));

        foreach (var section in new[] { "## Test Overview", "## Key Metrics Summary", "### API Performance", "## Test Results by Endpoint", "## Issues and Bottlenecks", "## Comparison to Previous Test" })
        {
            Assert.Contains(section, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| listing | `GET /api/listing` | CriticalPath |", markdown, StringComparison.Ordinal);
        Assert.Contains("FAIL PG1001", markdown, StringComparison.Ordinal);
        Assert.Contains("Response time change: 700% slower", markdown, StringComparison.Ordinal);
    }
}
