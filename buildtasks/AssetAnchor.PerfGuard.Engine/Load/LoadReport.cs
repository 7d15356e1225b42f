using System.Globalization;
using System.Text;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>
/// The seed guide's "Performance Test Report Template" filled from one endpoint load comparison: Test Overview,
/// Key Metrics Summary, Test Results by Endpoint, Issues and Bottlenecks, Comparison to Previous Test.
/// </summary>
public static class LoadReport
{
    public const string MarkdownFileName = "perfguard-load-report.md";

    public static string Markdown(LoadGateReport report)
    {
        var run = report.Current;
        var text = new StringBuilder();
        var title = run.Label is null ? "Endpoint load test report" : $"Endpoint load test report ({run.Label})";
        text.Append("# ").Append(title).Append("\n\n");
        text.Append(report.Passed ? "**Verdict: PASS**" : "**Verdict: FAIL**").Append(" (").Append(Count(report, FindingSeverity.Error)).Append(" errors, ")
            .Append(Count(report, FindingSeverity.Warning)).Append(" warnings)\n\n");

        var endpoints = run.Endpoints;
        var totalRequests = endpoints.Sum(e => e.Requests);
        var totalErrors = endpoints.Sum(e => e.Errors);
        var totalSeconds = endpoints.Sum(e => e.Seconds);
        var stages = endpoints.SelectMany(e => e.Stages).ToList();

        text.Append("## Test Overview\n\n");
        text.Append("- Test type: ").Append(stages.Count == 0 ? "Load (stages not recorded)" : "Load: " + StageShape(stages)).Append('\n');
        text.Append("- Duration: ").Append(Seconds(totalSeconds)).Append(" of load over ").Append(endpoints.Count).Append(" endpoints, driven one after another\n");
        text.Append("- User load: ").Append(stages.Count == 0 ? "-" : $"{stages.Min(s => s.Connections)}-{stages.Max(s => s.Connections)} concurrent connections (closed loop, no think time)").Append('\n');
        text.Append("- Environment: ").Append(run.Environment.Cpu).Append(", ").Append(run.Environment.LogicalCores.ToString(CultureInfo.InvariantCulture))
            .Append(" logical cores, ").Append(run.Environment.Os).Append(", load generator ").Append(run.Tool);
        if (run.Label is not null)
        {
            text.Append(", database ").Append(run.Label);
        }

        if (run.Target is not null)
        {
            text.Append(", target ").Append(run.Target);
        }

        text.Append("\n\n");

        text.Append("## Key Metrics Summary\n\n### API Performance\n\n");
        var mean = totalRequests > 0 ? endpoints.Sum(e => e.Mean * e.Requests) / totalRequests : double.NaN;
        text.Append("- Average response time: ").Append(Ms(mean)).Append('\n');
        var worstP95 = endpoints.MaxBy(e => e.P95);
        text.Append("- 95th percentile response time: ").Append(worstP95 is null ? "-" : $"{Ms(worstP95.P95)} (highest endpoint: {worstP95.Key})").Append('\n');
        text.Append("- Requests per second: ").Append(totalSeconds > 0 ? Units.Format(totalRequests / totalSeconds) : "-").Append(" (").Append(totalRequests.ToString(CultureInfo.InvariantCulture)).Append(" requests)\n");
        text.Append("- Error rate: ").Append(totalRequests > 0 ? Units.FormatPercent((double)totalErrors / totalRequests) : "-").Append('\n');
        text.Append("\n### Database Performance\n\n- Not measured by the load stage: the benchmark report's round trips per operation (PG1003) cover queries per request")
            .Append(run.Label is null ? ".\n" : $"; this run used {run.Label}.\n");
        text.Append("\n### Resource Utilization\n\n- Not measured by the load stage (the service and the load generator share the machine).\n\n");

        text.Append("## Test Results by Endpoint\n\n");
        text.Append(EndpointTable(report));
        text.Append('\n');
        var stageRows = endpoints.Where(e => e.Stages.Count > 0).ToList();
        if (stageRows.Count > 0)
        {
            text.Append("Per stage (requests per second, p95):\n\n| Endpoint | ")
                .Append(string.Join(" | ", stageRows[0].Stages.Select(s => $"{s.Stage} ({s.Connections} conn.)"))).Append(" |\n|---|")
                .Append(string.Concat(stageRows[0].Stages.Select(_ => "---|"))).Append('\n');
            foreach (var endpoint in stageRows)
            {
                text.Append("| ").Append(Cell(endpoint.Key)).Append(" | ")
                    .Append(string.Join(" | ", endpoint.Stages.Select(s => $"{Units.Format(s.RequestsPerSecond)}/s, {Ms(s.P95)}"))).Append(" |\n");
            }

            text.Append('\n');
        }

        text.Append("## Issues and Bottlenecks\n\n");
        var issues = report.Findings.Where(f => f.Severity != FindingSeverity.Message).ToList();
        if (issues.Count == 0)
        {
            text.Append("- None: every endpoint is inside its budgets and its baseline.\n");
        }

        foreach (var finding in issues)
        {
            text.Append("- ").Append(finding.IsError ? "**error** " : "warning ").Append(finding.Code).Append(": ").Append(finding.Message).Append('\n');
        }

        text.Append("\n## Comparison to Previous Test\n\n");
        if (report.Baseline is not { } baseline)
        {
            text.Append("- No load baseline was given: nothing to compare with (`perfguard load baseline update` writes one).\n");
        }
        else
        {
            var pairs = report.Endpoints.Where(e => e.Baseline is not null && e.Current is not null).ToList();
            var baselineRequests = pairs.Sum(e => e.Baseline!.RequestsPerSecond);
            var currentRequests = pairs.Sum(e => e.Current!.RequestsPerSecond);
            var medianChanges = pairs.Where(e => e.Time is not null).Select(e => e.Time!.Ratio).Where(double.IsFinite).ToList();
            text.Append("- Baseline: ").Append(baseline.Path ?? "-").Append(" (").Append(baseline.Runs.ToString(CultureInfo.InvariantCulture)).Append(" run(s)")
                .Append(baseline.Commit is null ? string.Empty : $", commit {baseline.Commit[..Math.Min(12, baseline.Commit.Length)]}").Append(")\n");
            text.Append("- Response time change: ").Append(medianChanges.Count == 0 ? "-" : Change(GeometricMean(medianChanges), "slower", "faster"))
                .Append(" (geometric mean of the endpoints' median latency ratios)\n");
            text.Append("- Throughput change: ").Append(baselineRequests > 0 ? Change(currentRequests / baselineRequests, "higher", "lower") : "-").Append('\n');
            var baselineErrors = pairs.Count == 0 ? 0 : pairs.Average(e => e.Baseline!.ErrorRate);
            var currentErrors = pairs.Count == 0 ? 0 : pairs.Average(e => e.Current!.ErrorRate);
            text.Append("- Error rate change: ").Append(Units.FormatPercent(baselineErrors)).Append(" -> ").Append(Units.FormatPercent(currentErrors)).Append(" (mean over endpoints)\n\n");
            text.Append("| Endpoint | median latency (baseline -> now) | ratio | p-value | allowed | throughput (baseline -> now) | error rate (baseline -> now) | verdict |\n");
            text.Append("|---|---|---|---|---|---|---|---|\n");
            foreach (var row in pairs)
            {
                var time = row.Time;
                text.Append("| ").Append(Cell(row.Key)).Append(" | ")
                    .Append(time is null ? "-" : $"{Units.FormatTime(time.BaselineMedian)} -> {Units.FormatTime(time.CurrentMedian)}").Append(" | ")
                    .Append(time is null ? "-" : Units.FormatRatio(time.Ratio)).Append(" | ")
                    .Append(time is null ? "-" : Units.FormatPValue(time.PValue)).Append(" | ")
                    .Append(time is null ? "-" : "+" + Units.FormatPercent(time.RelativeThreshold)).Append(" | ")
                    .Append(Units.Format(row.Baseline!.RequestsPerSecond)).Append(" -> ").Append(Units.Format(row.Current!.RequestsPerSecond)).Append("/s | ")
                    .Append(Units.FormatPercent(row.Baseline.ErrorRate)).Append(" -> ").Append(Units.FormatPercent(row.Current.ErrorRate)).Append(" | ")
                    .Append(TimeVerdict(row)).Append(" |\n");
            }
        }

        text.Append("\n## Attachments\n\n");
        foreach (var file in run.SourceFiles)
        {
            text.Append("- Results: ").Append(file).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The guide's endpoint table, plus type, throughput, the budgets that applied and the verdict.</summary>
    public static string EndpointTable(LoadGateReport report)
    {
        var text = new StringBuilder();
        text.Append("| Endpoint | Request | Type | Requests | Throughput | Avg. Response Time | p50 | p95 | p99 | Error Rate | Budget p50/p95/p99, errors | Verdict |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var row in report.Endpoints)
        {
            if (row.Current is not { } e)
            {
                text.Append("| ").Append(Cell(row.Key)).Append(" | ").Append(Cell(row.Display)).Append(" | | | | | | | | | | no result (PG1103) |\n");
                continue;
            }

            text.Append("| ").Append(Cell(e.Key)).Append(" | `").Append(Cell(row.Display)).Append("` | ").Append(Cell(e.Type ?? string.Join(", ", row.Categories))).Append(" | ")
                .Append(e.Requests.ToString(CultureInfo.InvariantCulture)).Append(" | ")
                .Append(Units.Format(e.RequestsPerSecond)).Append("/s | ")
                .Append(Ms(e.Mean)).Append(" | ").Append(Ms(e.P50)).Append(" | ").Append(Ms(e.P95)).Append(" | ").Append(Ms(e.P99)).Append(" | ")
                .Append(Units.FormatPercent(e.ErrorRate)).Append(" | ")
                .Append(BudgetText(row)).Append(" | ")
                .Append(Verdict(row)).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// One row per endpoint, one column group per run (e.g. the same endpoints on SQLite and on PostgreSQL): where a
    /// database's round trips cost more, the latencies show it side by side.
    /// </summary>
    public static string SideBySide(IReadOnlyList<LoadRun> runs)
    {
        var text = new StringBuilder();
        var names = runs.Select((r, i) => r.Label ?? $"run {i + 1}").ToList();
        text.Append("| Endpoint | ").Append(string.Join(" | ", names.Select(n => $"{n} p50 | {n} p95 | {n} req/s | {n} errors"))).Append(" |\n");
        text.Append("|---|").Append(string.Concat(names.Select(_ => "---|---|---|---|"))).Append('\n');
        foreach (var key in runs.SelectMany(r => r.Endpoints.Select(e => e.Key)).Distinct(StringComparer.Ordinal))
        {
            text.Append("| ").Append(Cell(key));
            foreach (var run in runs)
            {
                var e = run.Find(key);
                text.Append(e is null ? " | - | - | - | -" : $" | {Ms(e.P50)} | {Ms(e.P95)} | {Units.Format(e.RequestsPerSecond)} | {Units.FormatPercent(e.ErrorRate)}");
            }

            text.Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>A plain-text table for the console.</summary>
    public static string Console(LoadGateReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"endpoint",-28} {"requests",9} {"req/s",8} {"p50",10} {"p95",10} {"p99",10} {"errors",8}  verdict\n");
        foreach (var row in report.Endpoints)
        {
            var e = row.Current;
            text.Append(CultureInfo.InvariantCulture, $"{Truncate(row.Key, 28),-28} {(e is null ? "-" : e.Requests.ToString(CultureInfo.InvariantCulture)),9} {(e is null ? "-" : Units.Format(e.RequestsPerSecond)),8} {(e is null ? "-" : Ms(e.P50)),10} {(e is null ? "-" : Ms(e.P95)),10} {(e is null ? "-" : Ms(e.P99)),10} {(e is null ? "-" : Units.FormatPercent(e.ErrorRate)),8}  {Verdict(row)}\n");
        }

        return text.ToString();
    }

    public static string Write(LoadGateReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, MarkdownFileName);
        File.WriteAllText(path, Markdown(report));
        return path;
    }

    private static string Verdict(EndpointComparison row)
    {
        var codes = row.Findings.Where(f => f.IsError).Select(f => f.Code).Distinct().ToList();
        if (codes.Count > 0)
        {
            return "FAIL " + string.Join(", ", codes);
        }

        var warnings = row.Findings.Where(f => f.Severity == FindingSeverity.Warning).Select(f => f.Code).Distinct().ToList();
        var time = TimeVerdict(row);
        return warnings.Count > 0 ? $"ok ({time}; warning {string.Join(", ", warnings)})" : $"ok ({time})";
    }

    private static string TimeVerdict(EndpointComparison row) => row.Time?.Status switch
    {
        TimeStatus.Slower => "slower",
        TimeStatus.Faster => "faster",
        TimeStatus.Same => "same",
        TimeStatus.TooFewValues => "too few windows",
        _ => "no baseline",
    };

    private static string BudgetText(EndpointComparison row)
    {
        string Limit(string metric) => row.Budgets.Where(b => b.Metric == metric).Select(b => b.Limit).DefaultIfEmpty(double.NaN).Min() is var v && double.IsFinite(v) ? Ms(v) : "-";
        return $"{Limit("p50")} / {Limit("p95")} / {Limit("p99")}, {(double.IsFinite(row.ErrorRateLimit) ? Units.FormatPercent(row.ErrorRateLimit) : "-")}";
    }

    private static string StageShape(IReadOnlyList<LoadStageResult> stages) =>
        string.Join(", ", stages.Select(s => s.Stage).Distinct(StringComparer.Ordinal).Select(stage =>
        {
            var of = stages.Where(s => s.Stage == stage).ToList();
            return $"{stage} ({string.Join("/", of.Select(s => s.Connections).Distinct())} connections, {Seconds(of.Average(s => s.Seconds))} per endpoint)";
        }));

    private static double GeometricMean(IReadOnlyList<double> ratios) => Math.Exp(ratios.Average(Math.Log));

    private static string Change(double ratio, string up, string down) =>
        ratio >= 1 ? $"{Units.FormatPercent(ratio - 1)} {up}" : $"{Units.FormatPercent(1 - ratio)} {down}";

    private static int Count(LoadGateReport report, FindingSeverity severity) => report.Findings.Count(f => f.Severity == severity);

    private static string Ms(double nanoseconds) => double.IsFinite(nanoseconds) ? Units.Format(nanoseconds / 1e6) + " ms" : "-";

    private static string Seconds(double seconds) => Units.Format(seconds) + " s";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "~";
}
