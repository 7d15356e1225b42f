using System.Globalization;
using System.Text;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Reports;

/// <summary>
/// The seed guide's "Performance Test Report" template, filled from a comparison: overview, key metrics,
/// results by benchmark (median/p95/p99/allocations/round trips), issues, comparison to the previous test.
/// </summary>
public static class MarkdownReport
{
    public static string Render(GateReport report, DateTimeOffset? date = null, bool compact = false)
    {
        var md = new StringBuilder();
        var env = report.Current.Environment;
        md.AppendLine(CultureInfo.InvariantCulture, $"# Performance Test Report - {(date ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**{ReportText.Summary(report)}**");
        md.AppendLine();
        md.AppendLine("## Test Overview");
        md.AppendLine("- Test type: BenchmarkDotNet hot-path suite, compared with the committed baseline (PerfGuard regression gate)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Job: {Cell(report.Current.Job)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Environment: {Cell(env.Os)}, {Cell(env.Cpu)} ({env.LogicalCores} logical cores), {Cell(env.Runtime)}, {Cell(env.Architecture)}, BenchmarkDotNet {Cell(env.BenchmarkDotNetVersion)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Baseline: `{report.Baseline.Path}` ({report.Baseline.Runs} run(s){(report.Baseline.Commit is { } c ? ", commit " + c[..Math.Min(12, c.Length)] : string.Empty)}); environment {(report.EnvironmentDifferences.Count == 0 ? "matches" : "differs: " + Cell(string.Join("; ", report.EnvironmentDifferences)))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Time threshold: {report.Settings.Threshold} and the between-run noise, one-sided Mann-Whitney at {Units.Format(report.Settings.Significance)}{(report.Confirmation is null ? string.Empty : ", suspected regressions re-measured")}");
        md.AppendLine();
        md.AppendLine("## Key Metrics Summary");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Time regressions (PG1001): {Count(report, BuildCodes.TimeRegression)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- CPU time regressions (PG1005): {Count(report, BuildCodes.CpuTimeRegression)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Measured on a busy machine (PG1106, wall time not judged): {report.BusyBenchmarks.Count}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Allocation regressions (PG1002): {Count(report, BuildCodes.AllocationRegression)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Database round-trip regressions (PG1003): {Count(report, BuildCodes.RoundTripRegression)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Budgets exceeded (PG1004): {Count(report, BuildCodes.BudgetExceeded)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- New / missing benchmarks: {report.Benchmarks.Count(b => b.Baseline is null)} / {report.Benchmarks.Count(b => b.Current is null)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Improvements: {report.Benchmarks.Count(b => b.IsImprovement)}");
        md.AppendLine();
        md.AppendLine("## Test Results by Benchmark");
        md.AppendLine();
        md.AppendLine("| Benchmark | Categories | Median | p95 | p99 | Allocated/op | Round trips/op | Change vs baseline | CPU time/op | Verdict |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var row in report.Benchmarks)
        {
            var q = row.Current?.Quantiles;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(row.Key)} | {Cell(string.Join(", ", row.Categories))} | {Units.FormatTime(q?.Median ?? double.NaN)} | {Units.FormatTime(q?.P95 ?? double.NaN)} | {Units.FormatTime(q?.P99 ?? double.NaN)} | {Cell(ReportText.BytesChange(row))} | {Cell(ReportText.RoundTripsChange(row))} | {Cell(ReportText.TimeChange(row))} | {Cell(ReportText.CpuCell(row))} | {Cell(ReportText.Verdict(row))} |");
        }

        if (ReportText.PValueLegend(report) is { } legend)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"_{legend}_");
        }

        md.AppendLine();
        md.AppendLine("## Issues and Bottlenecks");
        var issues = report.Findings.Where(f => f.Severity != FindingSeverity.Message).ToList();
        if (issues.Count == 0)
        {
            md.AppendLine("- None.");
        }

        foreach (var finding in issues)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{finding.Code}** ({(finding.IsError ? "error" : "warning")}): {Cell(finding.Message)}");
        }

        var notes = report.Findings.Where(f => f.Severity == FindingSeverity.Message).ToList();
        foreach (var note in notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note.Code} (info): {Cell(note.Message)}");
        }

        if (compact)
        {
            return md.ToString();
        }

        md.AppendLine();
        md.AppendLine("## Comparison to Previous Test");
        md.AppendLine();
        md.AppendLine("| Benchmark | Baseline median | Current median | Ratio | p-value | Allowed change | CPU time/op | Allocated/op | Round trips/op |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var row in report.Benchmarks.Where(b => b.Time is not null))
        {
            var t = row.Time!;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(row.Key)} | {Units.FormatTime(t.BaselineMedian)} | {Units.FormatTime(t.CurrentMedian)} | {Units.FormatRatio(t.Ratio)} | {Units.FormatPValue(t.PValue)} | {Units.FormatPercent(t.RelativeThreshold)} | {Cell(ReportText.CpuCell(row))} | {Cell(ReportText.BytesChange(row))} | {Cell(ReportText.RoundTripsChange(row))} |");
        }

        var improved = report.Benchmarks.Where(b => b.IsImprovement).ToList();
        if (improved.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Improvements (never errors; update the baseline to lock them in):");
            foreach (var row in improved)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(row.Key)}: time {ReportText.TimeChange(row)}, CPU time/op {ReportText.CpuChange(row)}, allocated {ReportText.BytesChange(row)}, round trips {ReportText.RoundTripsChange(row)}");
            }
        }

        md.AppendLine();
        md.AppendLine("## Attachments");
        foreach (var file in report.Current.SourceFiles)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Results: `{file}`");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- Baseline: `{report.Baseline.Path}`");
        if (report.Budgets.Path is { } budgets)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Budgets: `{budgets}`");
        }

        md.AppendLine("- Charts of baseline vs current distributions: `perfguard-report.html`");
        return md.ToString();
    }

    private static int Count(GateReport report, string code) => report.Findings.Count(f => f.Code == code && f.Severity != FindingSeverity.Message);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
