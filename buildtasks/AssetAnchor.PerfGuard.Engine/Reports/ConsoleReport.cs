using AssetAnchor.PerfGuard.Engine.Comparison;

namespace AssetAnchor.PerfGuard.Engine.Reports;

/// <summary>A fixed-width table for the terminal and the build log.</summary>
public static class ConsoleReport
{
    /// <summary>"PASSED: 6 benchmarks, 0 error(s), 1 warning(s), 0 improvement(s)".</summary>
    public static string Summary(GateReport report) => ReportText.Summary(report);

    /// <summary>The table followed by the summary line (the CLI's output).</summary>
    public static string Render(GateReport report) => Table(report) + ReportText.Summary(report) + Environment.NewLine;

    /// <summary>The table alone: the build log prints the summary once, on its own "PerfGuard: ..." line.</summary>
    public static string Table(GateReport report)
    {
        string[] header = ["Benchmark", "Baseline median", "Current median", "Time change", "CPU time/op", "Allocated/op", "Round trips/op", "Verdict"];
        var rows = report.Benchmarks.Select(row => new[]
        {
            row.Key,
            Units.FormatTime(row.Baseline?.Median ?? double.NaN),
            Units.FormatTime(row.Current?.Quantiles.Median ?? double.NaN),
            ReportText.TimeChange(row),
            ReportText.CpuCell(row),
            ReportText.BytesChange(row),
            ReportText.RoundTripsChange(row),
            ReportText.Verdict(row),
        }).ToList();

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new System.Text.StringBuilder();
        Line(header);
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            Line(row);
        }

        if (ReportText.PValueLegend(report) is { } legend)
        {
            text.AppendLine(legend);
        }
        return text.ToString();

        void Line(string[] cells) =>
            text.AppendLine(string.Join(" | ", cells.Select((c, i) => i is 0 or 7 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
    }
}
