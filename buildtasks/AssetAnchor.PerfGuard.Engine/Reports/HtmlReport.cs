using System.Globalization;
using System.Net;
using System.Text;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Reports;

/// <summary>
/// One self-contained HTML page: the summary, the issues and, per benchmark, an inline SVG strip chart of the
/// baseline's and the current per-iteration times with both medians marked. No scripts, no external files.
/// </summary>
public static class HtmlReport
{
    private const int Width = 640;
    private const int Height = 120;
    private const int Left = 100;

    // Room for half of the last axis label, which is centred on the axis end ("123.4 us" is about 50 px wide).
    private const int Right = 40;

    public static string Render(GateReport report)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PerfGuard report</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}.error{color:#b00020}.warning{color:#8a6d00}.ok{color:#1b5e20}section{margin:1.5em 0;border-top:1px solid #ddd}code{font-size:13px}h3,p,li,code{overflow-wrap:anywhere}svg{max-width:100%;height:auto}.legend{color:#555;font-size:13px}</style>");
        html.AppendLine("</head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>PerfGuard report</h1><p class=\"{(report.Passed ? "ok" : "error")}\"><strong>{E(ReportText.Summary(report))}</strong></p>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p>Baseline <code>{Breakable(report.Baseline.Path ?? string.Empty)}</code> ({report.Baseline.Runs} run(s)); results {Breakable(report.Current.DisplayPath)}; threshold {E(report.Settings.Threshold.ToString())}; environment {(report.EnvironmentDifferences.Count == 0 ? "matches" : "differs: " + E(string.Join("; ", report.EnvironmentDifferences)))}.</p>");
        var issues = report.Findings.Where(f => f.Severity != FindingSeverity.Message).ToList();
        if (issues.Count > 0)
        {
            html.AppendLine("<h2>Issues</h2><ul>");
            foreach (var finding in issues)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<li class=\"{(finding.IsError ? "error" : "warning")}\"><strong>{finding.Code}</strong> {Breakable(finding.Message)}</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("<h2>Benchmarks</h2>");
        if (ReportText.PValueLegend(report) is { } legend)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"legend\">{E(legend)}</p>");
        }

        // One row per benchmark first: the verdicts side by side, CPU time beside wall time.
        html.AppendLine("<table><thead><tr><th>Benchmark</th><th>Verdict</th><th>Time (wall) vs baseline</th><th>CPU time/op</th><th>CPU verdict</th><th>Allocated/op</th><th>Round trips/op</th></tr></thead><tbody>");
        foreach (var row in report.Benchmarks)
        {
            var cpuClass = row.Cpu?.Status == TimeStatus.Slower ? " class=\"error\"" : string.Empty;
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{Breakable(row.Key, '.')}</td><td>{E(ReportText.Verdict(row))}</td><td>{E(ReportText.TimeChange(row))}</td><td{cpuClass}>{E(ReportText.CpuChange(row))}</td><td{cpuClass}>{E(ReportText.CpuVerdict(row))}</td><td>{E(ReportText.BytesChange(row))}</td><td>{E(ReportText.RoundTripsChange(row))}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        foreach (var row in report.Benchmarks)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<section><h3>{Breakable(row.Key, '.')}</h3>");
            html.AppendLine(CultureInfo.InvariantCulture, $"<p>Verdict: <strong>{E(ReportText.Verdict(row))}</strong>; time {E(ReportText.TimeChange(row))}; CPU time/op {E(ReportText.CpuCell(row))}; allocated/op {E(ReportText.BytesChange(row))}; round trips/op {E(ReportText.RoundTripsChange(row))}</p>");
            html.AppendLine(Chart(row));
            html.AppendLine("</section>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>Two rows of dots (baseline above, current below) on a shared linear axis, medians as bars.</summary>
    internal static string Chart(BenchmarkComparison row)
    {
        var baseline = row.Baseline?.PooledValues ?? [];
        var current = row.Current?.NanosecondsPerOperation ?? [];
        var all = baseline.Concat(current).Where(double.IsFinite).ToList();
        if (all.Count == 0)
        {
            return string.Empty;
        }

        var min = all.Min();
        var max = all.Max();
        if (max - min < 1e-9)
        {
            min -= 1;
            max += 1;
        }

        var pad = (max - min) * 0.05;
        min = Math.Max(0, min - pad);
        max += pad;
        double X(double value) => Left + ((value - min) / (max - min) * (Width - Left - Right));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"baseline vs current per-iteration times\">");
        var slower = row.Time?.Status == TimeStatus.Slower;
        Strip("baseline", baseline, 30, "#607d8b", row.Baseline?.Median);
        Strip("current", current, 70, slower ? "#c62828" : "#1565c0", row.Current?.Quantiles.Median);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"95\" x2=\"{Width - Right}\" y2=\"95\" stroke=\"#999\"/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = min + ((max - min) * tick / 4);
            var x = X(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"95\" x2=\"{x:0.#}\" y2=\"100\" stroke=\"#999\"/><text x=\"{x:0.#}\" y=\"113\" font-size=\"11\" text-anchor=\"middle\">{E(Units.FormatTime(value))}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();

        void Strip(string label, IReadOnlyList<double> values, int y, string color, double? median)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 4}\" font-size=\"12\">{label} ({values.Count})</text>");
            for (var i = 0; i < values.Count; i++)
            {
                // A small deterministic jitter keeps equal values visible without randomness in the file.
                var jitter = ((i * 7) % 11) - 5;
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(values[i]):0.#}\" cy=\"{y + jitter}\" r=\"3\" fill=\"{color}\" fill-opacity=\"0.6\"><title>{E(Units.FormatTime(values[i]))}</title></circle>");
            }

            if (median is { } m && double.IsFinite(m))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(m):0.#}\" y1=\"{y - 12}\" x2=\"{X(m):0.#}\" y2=\"{y + 12}\" stroke=\"{color}\" stroke-width=\"3\"><title>median {E(Units.FormatTime(m))}</title></line>");
            }
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Encoded text that may wrap after a path separator (or <paramref name="alsoAfter"/>): long paths and benchmark
    /// names break at a sensible place instead of overflowing the page (the CSS breaks anywhere as a last resort).
    /// </summary>
    internal static string Breakable(string text, char? alsoAfter = null)
    {
        var html = new StringBuilder(text.Length + 16);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '/' or '\\' || text[i] == alsoAfter)
            {
                html.Append(E(text[start..(i + 1)])).Append("<wbr>");
                start = i + 1;
            }
        }

        return html.Append(E(text[start..])).ToString();
    }
}
