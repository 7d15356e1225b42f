using System.Net;
using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reports;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>
/// CPU time per operation in every report: the HTML table, the Markdown report and the GitHub step summary say the same
/// change and the same PG1005 verdict. Values are constant per run, so the medians and the text are known exactly:
/// CPU 7 us per operation in the baseline, 8.75 us (1.25x, beyond the 10% default) or 7 us now.
/// </summary>
public sealed class CpuReportTests
{
    private const string Slower = "Suite.Slower(Size: 1)";
    private const string Unchanged = "Suite.Unchanged(Size: 1)";
    private const string NoCpuInBaseline = "Suite.Old(Size: 1)";

    private static BenchmarkResult Result(string key, double wallNs, double? cpuNs) =>
        new(key, Enumerable.Repeat(wallNs, 15).ToList(), "current.json")
        {
            CpuNanosecondsPerOperation = cpuNs is { } cpu ? Enumerable.Repeat(cpu, 15).ToList() : [],
        };

    private static ResultSet Run(params BenchmarkResult[] results) =>
        new(results.ToDictionary(r => r.Key), EnvironmentInfo.Unknown, ["current.json"]);

    private static GateReport Report()
    {
        var baseline = BaselineBuilder.Build(
        [
            Run(Result(Slower, 20_000, 7_000), Result(Unchanged, 20_000, 7_000), Result(NoCpuInBaseline, 20_000, null)),
            Run(Result(Slower, 20_000, 7_000), Result(Unchanged, 20_000, 7_000), Result(NoCpuInBaseline, 20_000, null)),
        ]);
        return Comparer.Compare(baseline, Run(Result(Slower, 20_000, 8_750), Result(Unchanged, 20_000, 7_000), Result(NoCpuInBaseline, 20_000, 7_000)));
    }

    private const string SlowerChange = "7 us -> 8.75 us (1.250x, p=<0.0001, allowed 10%)";
    private const string UnchangedChange = "7 us -> 7 us (1.000x, p=-, allowed 10%)";

    [Fact]
    public void Html_has_a_cpu_time_column_with_the_change_and_the_PG1005_verdict()
    {
        var html = HtmlReport.Render(Report());
        var slower = WebUtility.HtmlEncode(SlowerChange);

        Assert.Contains("<th>CPU time/op</th><th>CPU verdict</th>", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"error\">{slower}</td><td class=\"error\">PG1005</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{WebUtility.HtmlEncode(UnchangedChange)}</td><td>ok</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>7 us</td><td>not gated: no CPU time in the baseline</td>", html, StringComparison.Ordinal);
        // The benchmark's own section says it too.
        Assert.Contains($"CPU time/op {slower}: PG1005;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_and_the_step_summary_show_the_same_cpu_cells()
    {
        using var folder = new TempFolder();
        var report = Report();
        var summary = folder.File("summary.md");

        var markdown = MarkdownReport.Render(report);
        ReportWriter.AppendGitHubStepSummary(report, summary);
        var stepSummary = File.ReadAllText(summary);

        foreach (var text in new[] { markdown, stepSummary })
        {
            Assert.Contains($"| {SlowerChange}: PG1005 | PG1005 |", text, StringComparison.Ordinal);
            Assert.Contains($"| {UnchangedChange}: ok | ok |", text, StringComparison.Ordinal);
            Assert.Contains("| 7 us: not gated: no CPU time in the baseline | ok |", text, StringComparison.Ordinal);
            Assert.Contains("- CPU time regressions (PG1005): 1", text, StringComparison.Ordinal);
        }

        // The full report's comparison table carries the CPU cell beside the wall-time numbers (wall allowance: the 50% minimum).
        Assert.Contains($"| 50% | {SlowerChange}: PG1005 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Comparison to Previous Test", stepSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_cpu_values_shows_dashes_not_zeros()
    {
        var baseline = BaselineBuilder.Build([Run(Result(Unchanged, 20_000, null))]);
        var report = Comparer.Compare(baseline, Run(Result(Unchanged, 20_000, null)));

        var html = HtmlReport.Render(report);

        Assert.Contains("<td>-</td><td>-</td>", html, StringComparison.Ordinal);
        Assert.Contains("CPU time/op -;", html, StringComparison.Ordinal);
    }
}
