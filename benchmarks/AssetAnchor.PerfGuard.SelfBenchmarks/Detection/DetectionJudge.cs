using System.Globalization;
using System.Text;
using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.SelfBenchmarks.Detection;

/// <summary>
/// The judging half of eng/detection-harness.sh: the baseline is pooled from the <c>baseline-*</c> runs, every other
/// run is compared with it by the engine exactly as <c>perfguard compare</c> does, and each benchmark of a run is one
/// pairing. A run with slowdown 0 gives A/A pairings (any alarm is false), a run with slowdown s gives A/B pairings
/// (an alarm is a detection). Prints Markdown tables per metric, and the CPU gate's rates at other thresholds, from
/// which the defaults are chosen.
/// </summary>
public static class DetectionJudge
{
    public static int Run(string folder)
    {
        var cells = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var baselineRuns = cells.Where(c => c.StartsWith("baseline-", StringComparison.Ordinal) && IsDone(folder, c))
            .Select(c => BenchmarkDotNetReader.ReadRun([Path.Combine(folder, c, "bdn")])).ToList();
        if (baselineRuns.Count == 0)
        {
            Console.Error.WriteLine($"no finished baseline-* run in {folder}");
            return 2;
        }

        var baseline = BaselineBuilder.Build(baselineRuns);
        // The same comparisons against the first baseline run alone: wall time then gets the 50% minimum allowance
        // instead of the noise measured between baseline runs taken at different loads.
        var oneRun = BaselineBuilder.Build([baselineRuns[0]]);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Baseline pooled from {baselineRuns.Count} run(s): {string.Join(", ", cells.Where(c => c.StartsWith("baseline-", StringComparison.Ordinal)).Select(c => $"{c} [{Conditions(folder, c)}]"))}");
        text.AppendLine();
        text.AppendLine("| run | pairings | wait for a core (median) | load avg (sidecar, median) | run conditions | wall ratio (median) | wall allowance (median) | CPU ratio (median) | CPU allowance (median) | wall alarms, gated as before | wall alarms with the contention rule | CPU alarms (PG1005) | any gate error | PG1106 | 1-run baseline: wall alarms as before | 1-run baseline: CPU alarms |");
        text.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        var waitScaled = new StringBuilder();
        waitScaled.AppendLine("| run | pairings | wall ratio (median) | wait-scaled wall allowance (median) | wall alarms, 2-run baseline | wall alarms, 1-run baseline |");
        waitScaled.AppendLine("|---|---:|---:|---:|---:|---:|");
        var sensitivity = new StringBuilder();
        double[] cpuThresholds = [0.05, 0.10, 0.15, 0.20, 0.25];
        sensitivity.AppendLine("| run | " + string.Join(" | ", cpuThresholds.Select(t => $"CPU alarms at {t:P0}")) + " |");
        sensitivity.AppendLine("|---|" + string.Concat(cpuThresholds.Select(_ => "---:|")));
        foreach (var cell in cells.Where(c => !c.StartsWith("baseline-", StringComparison.Ordinal) && IsDone(folder, c)))
        {
            var current = BenchmarkDotNetReader.ReadRun([Path.Combine(folder, cell, "bdn")]);
            var report = Comparer.Compare(baseline, current);
            var single = Comparer.Compare(oneRun, current);
            var rows = report.Benchmarks.Where(r => r.Current is not null && r.Baseline is not null).ToList();
            var wallBefore = rows.Count(r => r.Time?.Status == TimeStatus.Slower);
            var wallAfter = rows.Count(r => r.Time?.Status == TimeStatus.Slower && !r.MeasuredBusy);
            var cpu = rows.Count(r => r.Cpu?.Status == TimeStatus.Slower);
            var gate = rows.Count(r => r.Findings.Any(f => f.IsError && f.Code is BuildCodes.TimeRegression or BuildCodes.CpuTimeRegression));
            var busy = report.Findings.Any(f => f.Code == BuildCodes.MachineBusy) ? $"yes ({report.BusyBenchmarks.Count} busy)" : "no";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {cell} | {rows.Count} | {Median(rows.Select(r => r.Current!.Contention?.WaitFraction)):P0} | {Median(rows.Select(r => r.Current!.Contention?.LoadAverage)):0.0} | {Conditions(folder, cell)} | {Median(rows.Select(r => (double?)r.Time?.Ratio)):0.00}x | {Median(rows.Select(r => r.Time?.RelativeThreshold)):P0} | {Median(rows.Select(r => r.Cpu?.Ratio)):0.00}x | {Median(rows.Select(r => r.Cpu?.RelativeThreshold)):P0} | {wallBefore} | {wallAfter} | {cpu} | {gate} | {busy} | {single.Benchmarks.Count(r => r.Time?.Status == TimeStatus.Slower)} | {single.Benchmarks.Count(r => r.Cpu?.Status == TimeStatus.Slower)} |");
            var scaled = rows.Select(r => WaitScaledAllowance(r, baselineRuns, current)).ToList();
            var scaledSingle = single.Benchmarks.Where(r => r.Current is not null && r.Baseline is not null)
                .Select(r => WaitScaledAllowance(r, [baselineRuns[0]], current)).ToList();
            waitScaled.AppendLine(CultureInfo.InvariantCulture,
                $"| {cell} | {rows.Count} | {Median(rows.Select(r => (double?)r.Time?.Ratio)):0.00}x | {Median(scaled.Select(a => a?.Allowance)):P0} | {scaled.Count(a => a?.Alarm == true)} | {scaledSingle.Count(a => a?.Alarm == true)} |");
            sensitivity.Append(CultureInfo.InvariantCulture, $"| {cell} |");
            foreach (var threshold in cpuThresholds)
            {
                var settings = new CompareSettings { CpuThreshold = new ThresholdSpec(threshold, 2), CpuMinimumRunNoise = 0 };
                var variant = Comparer.Compare(baseline, current, settings: settings);
                sensitivity.Append(CultureInfo.InvariantCulture, $" {variant.Benchmarks.Count(r => r.Cpu?.Status == TimeStatus.Slower)} |");
            }

            sensitivity.AppendLine();
        }

        text.AppendLine();
        text.AppendLine("Wall time with an allowance that grows with the measured wait instead of the busy-machine switch (issue 14, item 5):");
        text.AppendLine("allowed ratio = (1 + the gate's wall allowance) x max(1, (1 - baseline wait) / (1 - current wait)), per benchmark; an alarm is a");
        text.AppendLine("wall median ratio above it (medians only, no Mann-Whitney test, so at least as many alarms as the gate would raise):");
        text.AppendLine();
        text.Append(waitScaled);
        text.AppendLine();
        text.AppendLine("CPU alarms at other CPU thresholds (no minimum CPU run noise; the measured noise of the pooled baseline still applies):");
        text.AppendLine();
        text.Append(sensitivity);
        Console.Write(text.ToString());
        return 0;
    }

    /// <summary>
    /// A CPU-bound benchmark whose threads wait a fraction w of their runnable time runs 1/(1-w) times slower in wall
    /// time from waiting alone, so the wall ratio expected from contention alone is (1 - w_baseline) / (1 - w_current).
    /// Null when either side has no wait fraction or no wall comparison.
    /// </summary>
    private static (double Allowance, bool Alarm)? WaitScaledAllowance(BenchmarkComparison row, IReadOnlyList<ResultSet> baselineRuns, ResultSet current)
    {
        var baselineWait = Median(baselineRuns.Select(run => run.Benchmarks.TryGetValue(row.Key, out var b) ? b.Contention?.WaitFraction : null));
        var currentWait = current.Benchmarks.TryGetValue(row.Key, out var c) ? c.Contention?.WaitFraction : null;
        if (row.Time is not { } time || double.IsNaN(baselineWait) || currentWait is not { } w || w >= 1 || baselineWait >= 1)
        {
            return null;
        }

        // Never tighter than today's allowance when the current run waited less than the baseline.
        var allowedRatio = (1 + time.RelativeThreshold) * Math.Max(1, (1 - baselineWait) / (1 - w));
        return (allowedRatio - 1, time.Ratio > allowedRatio);
    }

    private static bool IsDone(string folder, string cell) => File.Exists(Path.Combine(folder, cell, "done"));

    private static string Conditions(string folder, string cell)
    {
        var path = Path.Combine(folder, cell, "conditions");
        return File.Exists(path) ? string.Join("; ", File.ReadAllLines(path)) : "-";
    }

    private static double Median(IEnumerable<double?> values)
    {
        var list = values.OfType<double>().Where(double.IsFinite).Order().ToList();
        return list.Count == 0 ? double.NaN : list.Count % 2 == 1 ? list[list.Count / 2] : (list[(list.Count / 2) - 1] + list[list.Count / 2]) / 2;
    }
}
