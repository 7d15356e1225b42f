using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// The CPU-time gate (PG1005) and the contention verdict (PG1106). CPU time per operation does not count the time a
/// benchmark waits for a core, so it stays comparable on a busy machine where wall time does not. It is judged like
/// wall time (Harrell-Davis medians, a threshold, the between-run noise of the baseline's pooled runs, a one-sided
/// Mann-Whitney test, the re-measurement when there is one), with its own, much smaller, noise allowance.
/// </summary>
public static class CpuTimeComparer
{
    public static TimeComparison? Compare(BaselineEntry entry, BenchmarkResult result, ResultSet? confirmation, CompareSettings settings)
    {
        var baselineValues = entry.PooledCpuValues;
        var currentValues = result.CpuNanosecondsPerOperation;
        if (baselineValues.Count == 0 || currentValues.Count == 0 || entry.CpuMedian is not { } baselineMedian || baselineMedian <= 0)
        {
            return null;
        }

        var measured = RunNoise.Measure(entry.CpuRunMedians);
        var noise = Math.Max(measured ?? 0, settings.CpuMinimumRunNoise);
        var relative = Math.Max(settings.CpuThreshold.Relative, noise);
        var absolute = settings.CpuThreshold.AbsoluteNanoseconds;
        var currentMedian = result.CpuMedian;
        var ratio = currentMedian / baselineMedian;
        var runs = entry.CpuRunValues.Count;
        if (Comparer.MinimumPValue(baselineValues.Count, currentValues.Count) >= settings.Significance)
        {
            return new TimeComparison(TimeStatus.TooFewValues, baselineMedian, currentMedian, ratio, double.NaN, relative, absolute, noise, runs, measured);
        }

        var (status, p) = Comparer.Judge(baselineValues, baselineMedian, currentValues, currentMedian, relative, absolute, settings.Significance);
        double? confirmationRatio = null, confirmationP = null;
        if (status == TimeStatus.Slower && confirmation is not null)
        {
            if (confirmation.Benchmarks.TryGetValue(result.Key, out var again) && again.CpuNanosecondsPerOperation.Count > 0
                && Comparer.MinimumPValue(baselineValues.Count, again.CpuNanosecondsPerOperation.Count) < settings.Significance)
            {
                var (confirmed, p2) = Comparer.Judge(baselineValues, baselineMedian, again.CpuNanosecondsPerOperation, again.CpuMedian, relative, absolute, settings.Significance);
                confirmationRatio = again.CpuMedian / baselineMedian;
                confirmationP = p2;
                status = confirmed == TimeStatus.Slower ? TimeStatus.Slower : TimeStatus.NotConfirmed;
            }
            else
            {
                status = TimeStatus.NotConfirmed;
            }
        }

        return new TimeComparison(status, baselineMedian, currentMedian, ratio, p, relative, absolute, noise, runs, measured, confirmationRatio, confirmationP);
    }

    /// <summary>True when the benchmark's threads waited for a core beyond the contention limit while it was measured.</summary>
    public static bool IsBusy(BenchmarkResult result, CompareSettings settings) =>
        result.Contention?.WaitFraction is { } wait && wait > settings.ContentionLimit;

    internal static void AddFinding(BenchmarkComparison row, bool environmentMatches, string baselinePath, int line, CompareSettings settings, BenchmarkResult result)
    {
        if (row.Cpu is not { } cpu)
        {
            return;
        }

        var key = row.Key;
        var source = cpu.MeasuredNoise is { } measured
            ? $"= max(measured {Units.FormatPercent(measured)} from {cpu.BaselineRuns} baseline runs, minimum {Units.FormatPercent(settings.CpuMinimumRunNoise)})"
            : "= the minimum, as one baseline run cannot measure it";
        var why = $"threshold {Units.FormatPercent(cpu.RelativeThreshold)}|{Units.Format(cpu.AbsoluteThreshold)}ns = max(configured {settings.CpuThreshold}, CPU between-run noise {Units.FormatPercent(cpu.RunNoise)} {source})";
        switch (cpu.Status)
        {
            case TimeStatus.Slower:
                var confirmed = cpu.ConfirmationRatio is { } r2
                    ? $"; re-measured: {Units.FormatRatio(r2)}, p={Units.FormatPValue(cpu.ConfirmationPValue ?? double.NaN)}"
                    : string.Empty;
                row.Findings.Add(new Finding(BuildCodes.CpuTimeRegression, environmentMatches ? FindingSeverity.Error : FindingSeverity.Warning, baselinePath, line, 0,
                    $"'{key}' uses more CPU time: median {Units.FormatTime(cpu.BaselineMedian)} -> {Units.FormatTime(cpu.CurrentMedian)} per operation ({Units.FormatRatio(cpu.Ratio)}, Harrell-Davis, process CPU time), one-sided Mann-Whitney p={Units.FormatPValue(cpu.PValue)} < {Units.Format(settings.Significance)}, {why}{confirmed}{(environmentMatches ? string.Empty : "; warning only: the environment differs (PG1102)")}. Results: {result.SourceFile}", key));
                break;
            case TimeStatus.NotConfirmed:
                row.Findings.Add(new Finding(BuildCodes.CpuTimeRegression, FindingSeverity.Message, baselinePath, line, 0,
                    $"'{key}' looked to use more CPU time ({Units.FormatRatio(cpu.Ratio)}, p={Units.FormatPValue(cpu.PValue)}) but the re-measurement did not confirm it ({(cpu.ConfirmationRatio is { } r ? Units.FormatRatio(r) : "no values")}); treated as noise. Results: {result.SourceFile}", key));
                break;
        }
    }

    /// <summary>The one PG1106 warning of a comparison, or null when no benchmark was measured on a busy machine.</summary>
    internal static Finding? BusyWarning(IReadOnlyList<BenchmarkComparison> rows, ResultSet current, CompareSettings settings)
    {
        var busy = rows.Where(r => r.MeasuredBusy).ToList();
        if (busy.Count == 0)
        {
            return null;
        }

        var measured = rows.Count(r => r.Current?.Contention?.WaitFraction is not null);
        var worst = busy.Max(r => r.Current!.Contention!.WaitFraction!.Value);
        var loads = busy.Select(r => r.Current!.Contention!.LoadAverage).OfType<double>().ToList();
        var load = loads.Count > 0 ? $", 1-minute load average up to {Units.Format(loads.Max())} on {current.Environment.LogicalCores} logical cores" : string.Empty;
        var withoutCpu = busy.Count(r => r.Cpu is null);
        var cpuNote = withoutCpu > 0 ? $" {withoutCpu} of them have no CPU time on both sides and are not judged on time at all." : string.Empty;
        return new Finding(BuildCodes.MachineBusy, FindingSeverity.Warning, current.SourceFiles.FirstOrDefault() ?? string.Empty, 0, 0,
            $"the machine was too busy to judge wall time: {busy.Count} of {measured} benchmarks waited for a core more than {Units.FormatPercent(settings.ContentionLimit)} of the time they were runnable (up to {Units.FormatPercent(worst)}{load}). Their time is judged on CPU time per operation only (PG1005); a wall-time slowdown of those is reported, not failed.{cpuNote} To gate wall time again, run the benchmarks where they can raise their priority (root or CAP_SYS_NICE) or on a quieter runner.");
    }
}
