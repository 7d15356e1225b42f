using AssetAnchor.PerfGuard.Engine.Comparison;

namespace AssetAnchor.PerfGuard.Engine.Reports;

/// <summary>Wording shared by every report, so that the console, Markdown and HTML say the same thing.</summary>
internal static class ReportText
{
    public static string Verdict(BenchmarkComparison row)
    {
        if (row.Baseline is null)
        {
            return "new (PG1101)";
        }

        if (row.Current is null)
        {
            return "missing (PG1103)";
        }

        var verdicts = row.Findings.Where(f => f.Severity != Diagnostics.FindingSeverity.Message).Select(f => f.Code).Distinct().ToList();
        if (verdicts.Count > 0)
        {
            return string.Join(" ", verdicts.Select(code => code + (code == Diagnostics.BuildCodes.TimeRegression && row.Findings.All(f => f.Code != code || !f.IsError) ? "(warn)" : string.Empty)));
        }

        if (row.Time?.Status == TimeStatus.NotConfirmed)
        {
            return "noise (not confirmed)";
        }

        return row.IsImprovement ? "improved" : "ok";
    }

    public static string TimeChange(BenchmarkComparison row) => row.Time is { } time
        ? $"{Units.FormatRatio(time.Ratio)} (p={Units.FormatPValue(time.PValue)}, allowed {Units.FormatPercent(time.RelativeThreshold)}){(row.MeasuredBusy ? ", busy machine: not judged" : string.Empty)}"
        : "-";

    /// <summary>
    /// "7.04 us -> 8.8 us (1.250x, p=0.0001, allowed 10%)"; the current CPU time alone when the baseline has none, or
    /// "-". The verdict is <see cref="CpuVerdict"/>.
    /// </summary>
    public static string CpuChange(BenchmarkComparison row) => row.Cpu is { } cpu
        ? $"{Units.FormatTime(cpu.BaselineMedian)} -> {Units.FormatTime(cpu.CurrentMedian)} ({Units.FormatRatio(cpu.Ratio)}, p={Units.FormatPValue(cpu.PValue)}, allowed {Units.FormatPercent(cpu.RelativeThreshold)})"
        : row.Current is { CpuNanosecondsPerOperation.Count: > 0 } current ? Units.FormatTime(current.CpuMedian) : "-";

    /// <summary>The CPU-time verdict alone (PG1005), so that a report can say it beside the change.</summary>
    public static string CpuVerdict(BenchmarkComparison row)
    {
        if (row.Cpu is not { } cpu)
        {
            return row.Current is { CpuNanosecondsPerOperation.Count: > 0 } && row.Baseline is not null
                ? "not gated: no CPU time in the baseline"
                : "-";
        }

        return cpu.Status switch
        {
            TimeStatus.Slower => row.Findings.Any(f => f.Code == Diagnostics.BuildCodes.CpuTimeRegression && f.IsError)
                ? Diagnostics.BuildCodes.CpuTimeRegression
                : Diagnostics.BuildCodes.CpuTimeRegression + "(warn)",
            TimeStatus.NotConfirmed => "noise (not confirmed)",
            TimeStatus.Faster => "faster",
            TimeStatus.TooFewValues => "too few values to judge",
            TimeStatus.Same => "ok",
            _ => "-",
        };
    }

    /// <summary>Change and verdict in one cell: "7.04 us -> 8.8 us (1.250x, p=0.0001, allowed 10%): PG1005".</summary>
    public static string CpuCell(BenchmarkComparison row)
    {
        var verdict = CpuVerdict(row);
        return verdict == "-" ? CpuChange(row) : $"{CpuChange(row)}: {verdict}";
    }

    public static string BytesChange(BenchmarkComparison row) => row.Bytes is { } bytes
        ? $"{Units.FormatBytes(bytes.Baseline)} -> {Units.FormatBytes(bytes.Current)}"
        : row.Current?.BytesAllocatedPerOperation is { } b ? Units.FormatBytes(b) : "-";

    public static string RoundTripsChange(BenchmarkComparison row) => row.RoundTrips is { } rt
        ? $"{Units.FormatCount(rt.Baseline)} -> {Units.FormatCount(rt.Current)}"
        : row.Current?.RoundTripsPerOperation is { } r ? Units.FormatCount(r) : "-";

    /// <summary>
    /// What "p=-" in a time change means, for the reports that show one; null when no row shows it. A dash is not a
    /// missing value: the test was not needed or could not decide.
    /// </summary>
    public static string? PValueLegend(GateReport report) =>
        report.Benchmarks.Any(row => (row.Time is { } time && double.IsNaN(time.PValue)) || (row.Cpu is { } cpu && double.IsNaN(cpu.PValue)))
            ? "p is the one-sided Mann-Whitney p-value of a time or CPU-time change; p=- means no test was run: the medians differ by less than the allowed change, or there are too few values for the test to reach the significance level."
            : null;

    public static string Summary(GateReport report)
    {
        var errors = report.Findings.Count(f => f.IsError);
        var warnings = report.Findings.Count(f => f.Severity == Diagnostics.FindingSeverity.Warning);
        return $"{(report.Passed ? "PASSED" : "FAILED")}: {report.Benchmarks.Count} benchmarks, {errors} error(s), {warnings} warning(s), {report.Benchmarks.Count(b => b.IsImprovement)} improvement(s)";
    }
}
