using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Reports;

namespace AssetAnchor.PerfGuard.Engine.Tests;

public sealed class ReportTests
{
    private static GateReport SlowerReport(TempFolder folder) =>
        Comparer.Compare(Fixtures.StoredBaseline(folder, "baseline-run1"), Fixtures.Read("slower"));

    [Fact]
    public void Markdown_follows_the_seed_report_template()
    {
        using var folder = new TempFolder();

        var markdown = MarkdownReport.Render(SlowerReport(folder), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

        Assert.StartsWith("# Performance Test Report - 2026-11-24", markdown, StringComparison.Ordinal);
        string[] sections = ["## Test Overview", "## Key Metrics Summary", "## Test Results by Benchmark", "## Issues and Bottlenecks", "## Comparison to Previous Test", "## Attachments"];
        var positions = sections.Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("| Benchmark | Categories | Median | p95 | p99 | Allocated/op | Round trips/op | Change vs baseline | CPU time/op | Verdict |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Time regressions (PG1001): 2", markdown, StringComparison.Ordinal);
        Assert.Contains("**PG1001** (error)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_has_one_inline_svg_chart_per_benchmark_and_no_scripts()
    {
        using var folder = new TempFolder();
        var report = SlowerReport(folder);

        var html = HtmlReport.Render(report);

        Assert.Equal(report.Benchmarks.Count, html.Split("<svg ").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        // Both distributions are drawn: 25 baseline and 25 current dots per benchmark (BenchmarkDotNet may drop outliers).
        var circles = html.Split("<circle ").Length - 1;
        var expected = report.Benchmarks.Sum(b => b.Baseline!.PooledValues.Count + b.Current!.NanosecondsPerOperation.Count);
        Assert.Equal(expected, circles);
    }

    [Fact]
    public void Json_report_is_valid_and_carries_the_verdict_numbers()
    {
        using var folder = new TempFolder();

        using var json = JsonDocument.Parse(JsonReport.Render(SlowerReport(folder)));

        var root = json.RootElement;
        Assert.Equal("perfguard-report/1", root.GetProperty("schema").GetString());
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal(2, root.GetProperty("errors").GetInt32());
        var sum = root.GetProperty("benchmarks").EnumerateArray().Single(b => b.GetProperty("key").GetString() == Fixtures.SumArray1000);
        Assert.Equal("Slower", sum.GetProperty("time").GetProperty("status").GetString());
        Assert.InRange(sum.GetProperty("time").GetProperty("ratio").GetDouble(), 2.5, 3.5);
    }

    [Fact]
    public void The_github_step_summary_is_appended_not_overwritten()
    {
        using var folder = new TempFolder();
        var summary = folder.File("summary.md");
        File.WriteAllText(summary, "previous step\n");

        ReportWriter.AppendGitHubStepSummary(SlowerReport(folder), summary);

        var text = File.ReadAllText(summary);
        Assert.StartsWith("previous step\n# Performance Test Report", text, StringComparison.Ordinal);
        Assert.Contains("FAILED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_writes_the_three_reports_into_the_report_folder()
    {
        using var folder = new TempFolder();
        var baseline = Fixtures.StoredBaseline(folder, "baseline-run1");

        var outcome = PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.Run("repeat")], Baseline = baseline.Path!, ReportDirectory = folder.File("report") });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["perfguard-report.html", "perfguard-report.json", "perfguard-report.md"], Directory.GetFiles(folder.File("report")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_console_table_has_a_row_per_benchmark_and_the_summary()
    {
        using var folder = new TempFolder();

        var table = ConsoleReport.Render(SlowerReport(folder));

        var lines = table.TrimEnd().Split('\n');
        // Header and rule, six rows, the p=- legend (four rows show one), the summary.
        Assert.Equal(2 + 6 + 1 + 1, lines.Length);
        Assert.StartsWith("FAILED: 6 benchmarks, 2 error(s)", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(Fixtures.SumArray1000, StringComparison.Ordinal) && l.TrimEnd().EndsWith("PG1001", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_axis_labels_fit_inside_the_chart()
    {
        using var folder = new TempFolder();
        var html = HtmlReport.Render(SlowerReport(folder));

        // Each label is centred on its tick; at 11 px a character of these labels is at most about 7 px wide.
        var width = double.Parse(System.Text.RegularExpressions.Regex.Match(html, "<svg [^>]*width=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var labels = System.Text.RegularExpressions.Regex.Matches(html, "<text x=\"([0-9.]+)\" y=\"113\" font-size=\"11\" text-anchor=\"middle\">([^<]*)</text>");
        Assert.NotEmpty(labels);
        foreach (System.Text.RegularExpressions.Match label in labels)
        {
            var x = double.Parse(label.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var halfWidth = label.Groups[2].Value.Length * 7 / 2.0;
            Assert.True(x + halfWidth <= width, $"label '{label.Groups[2].Value}' at x={x} ends past the chart's width {width}");
        }
    }

    [Fact]
    public void Html_lets_long_paths_and_names_wrap_at_separators()
    {
        using var folder = new TempFolder();
        var report = SlowerReport(folder);

        var html = HtmlReport.Render(report);

        Assert.Contains("overflow-wrap:anywhere", html, StringComparison.Ordinal);
        // The results path breaks after each folder, the benchmark name after each dot.
        var resultsFolder = Path.GetDirectoryName(report.Current.SourceFiles[0])!;
        Assert.Contains(HtmlReport.Breakable(resultsFolder), html, StringComparison.Ordinal);
        Assert.Contains(Path.DirectorySeparatorChar + "<wbr>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>AssetAnchor.<wbr>PerfGuard.<wbr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_breakable_text_is_still_encoded()
    {
        Assert.Equal("a/<wbr>&lt;b&gt;/<wbr>c", HtmlReport.Breakable("a/<b>/c"));
        Assert.Equal("x.<wbr>y(N: 1)", HtmlReport.Breakable("x.y(N: 1)", '.'));
    }

    [Fact]
    public void Every_report_explains_p_dash_when_a_row_shows_it()
    {
        using var folder = new TempFolder();
        var report = SlowerReport(folder);
        Assert.Contains("p=-", ConsoleReport.Render(report), StringComparison.Ordinal);

        const string legend = "p=- means no test was run: the medians differ by less than the allowed change, or there are too few values";
        Assert.Contains(legend, MarkdownReport.Render(report), StringComparison.Ordinal);
        Assert.Contains(legend, MarkdownReport.Render(report, compact: true), StringComparison.Ordinal);
        Assert.Contains(legend, ConsoleReport.Render(report), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(legend), HtmlReport.Render(report), StringComparison.Ordinal);

        // Only the rows whose time change was tested (the two regressions): no dash, no legend.
        var tested = new GateReport
        {
            Baseline = report.Baseline,
            Current = report.Current,
            Budgets = report.Budgets,
            Settings = report.Settings,
            Findings = report.Findings,
            Benchmarks = report.Benchmarks.Where(row => row.Time is { } time && !double.IsNaN(time.PValue)).ToList(),
        };
        Assert.Equal(2, tested.Benchmarks.Count);
        Assert.DoesNotContain("p=-", ConsoleReport.Render(tested), StringComparison.Ordinal);
        Assert.DoesNotContain("p=- means", MarkdownReport.Render(tested), StringComparison.Ordinal);
        Assert.DoesNotContain("p=- means", HtmlReport.Render(tested), StringComparison.Ordinal);
    }
}
