using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Statistics;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// Compares current BenchmarkDotNet results with a baseline and budgets. Allocations and round trips are
/// deterministic and gated exactly; time is gated only when the change is beyond the threshold AND the
/// baseline's between-run noise AND significant in a one-sided Mann-Whitney test, and, when a second results
/// set is given, only when that re-measurement shows it too.
/// </summary>
public static class Comparer
{
    public static GateReport Compare(Baseline baseline, ResultSet current, BudgetFile? budgets = null, CompareSettings? settings = null, ResultSet? confirmation = null)
    {
        budgets ??= BudgetFile.Defaults;
        settings ??= new CompareSettings();
        var baselinePath = baseline.Path ?? "baseline";
        var findings = new List<Finding>();

        var differences = current.Environment.DifferencesFrom(baseline.Environment);
        var environmentMatches = differences.Count == 0;
        if (!environmentMatches)
        {
            findings.Add(new Finding(BuildCodes.EnvironmentDiffers, FindingSeverity.Warning, current.SourceFiles.FirstOrDefault() ?? string.Empty, 0, 0,
                $"the results were measured on a different environment than the baseline ({string.Join("; ", differences)}); time regressions are reported as warnings. Update the baseline on the CI machine to gate time again (allocations, round trips and budgets are still gated)."));
        }

        var keys = baseline.Benchmarks.Select(b => b.Key).Union(current.Benchmarks.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var rows = new List<BenchmarkComparison>();
        foreach (var key in keys)
        {
            var entry = baseline.Find(key);
            current.Benchmarks.TryGetValue(key, out var result);
            var categories = budgets.CategoriesOf(key, result?.Categories ?? entry?.Categories ?? []);
            var location = entry is not null && baseline.Lines.TryGetValue(key, out var line) ? line : 0;
            BenchmarkComparison row;
            if (entry is null)
            {
                row = new BenchmarkComparison { Key = key, Current = result, Categories = categories };
                row.Findings.Add(new Finding(BuildCodes.NoBaselineEntry, FindingSeverity.Warning, result!.SourceFile, 0, 0,
                    $"'{key}' has no baseline entry in '{baselinePath}'; it is not compared until the baseline is updated (perfguard baseline update / the PerfGuardUpdateBaseline target).", key));
            }
            else if (result is null)
            {
                row = new BenchmarkComparison { Key = key, Baseline = entry, Categories = categories };
                row.Findings.Add(settings.RequireAllBenchmarks
                    ? new Finding(BuildCodes.NoCurrentResult, FindingSeverity.Error, baselinePath, location, 0,
                        $"'{key}' is in the baseline but not in the results ({current.DisplayPath}), and this gate requires every baseline benchmark (a sharded gate): a shard failed, was not uploaded or does not run it. Check every shard's results; update the baseline if the benchmark was removed.", key)
                    : new Finding(BuildCodes.NoCurrentResult, FindingSeverity.Warning, baselinePath, location, 0,
                        $"'{key}' is in the baseline but not in the results ({current.DisplayPath}); was it renamed, removed or filtered out? Update the baseline if that was intended.", key));
            }
            else
            {
                var time = CompareTime(entry, result, confirmation, settings, baseline.Runs);
                var cpu = CpuTimeComparer.Compare(entry, result, confirmation, settings);
                var busy = CpuTimeComparer.IsBusy(result, settings);
                var bytes = CompareBytes(entry, result.BytesAllocatedPerOperation, settings);
                var roundTrips = CompareRoundTrips(entry.RoundTripsPerOp, result.RoundTripsPerOperation, settings);
                row = new BenchmarkComparison { Key = key, Baseline = entry, Current = result, Categories = categories, Time = time, Bytes = bytes, RoundTrips = roundTrips, Cpu = cpu, MeasuredBusy = busy };
                AddTimeFinding(row, time, environmentMatches, baselinePath, location, settings, result);
                CpuTimeComparer.AddFinding(row, environmentMatches, baselinePath, location, settings, result);
                if (bytes?.Regressed == true)
                {
                    var growth = bytes.Current!.Value - bytes.Baseline!.Value;
                    row.Findings.Add(new Finding(BuildCodes.AllocationRegression, FindingSeverity.Error, baselinePath, location, 0,
                        $"'{key}' allocates more: {Units.FormatBytes(bytes.Baseline)}/op -> {Units.FormatBytes(bytes.Current)}/op (+{Units.Format(growth)} B{RelativeGrowth(bytes.Baseline.Value, bytes.Current.Value)}; {AllocationAllowance(entry, bytes, settings)}). Results: {result.SourceFile}", key));
                }

                if (roundTrips?.Regressed == true)
                {
                    row.Findings.Add(new Finding(BuildCodes.RoundTripRegression, FindingSeverity.Error, baselinePath, location, 0,
                        $"'{key}' makes more database round trips: {Units.FormatCount(roundTrips.Baseline)} -> {Units.FormatCount(roundTrips.Current)} per operation (+{Units.Format(roundTrips.Current!.Value - roundTrips.Baseline!.Value)}). Look for a query inside a loop (PG0001/PG0002). Results: {result.SourceFile}", key));
                }
            }

            if (result is not null)
            {
                CheckBudgets(row, result, budgets);
            }

            rows.Add(row);
        }

        if (CpuTimeComparer.BusyWarning(rows, current, settings) is { } busyWarning)
        {
            findings.Add(busyWarning);
        }

        findings.AddRange(rows.SelectMany(r => r.Findings));
        return new GateReport
        {
            Baseline = baseline,
            Current = current,
            Confirmation = confirmation,
            Budgets = budgets,
            Settings = settings,
            Benchmarks = rows,
            EnvironmentDifferences = differences,
            Findings = findings,
        };
    }

    internal static TimeComparison CompareTime(BaselineEntry entry, BenchmarkResult result, ResultSet? confirmation, CompareSettings settings, int baselineRuns)
    {
        var baselineValues = entry.PooledValues;
        var currentValues = result.NanosecondsPerOperation;
        var measured = settings.RunNoise is null ? RunNoise.Measure(entry.RunMedians) : null;
        var noise = settings.RunNoise ?? Math.Max(measured ?? 0, settings.MinimumRunNoise);
        var relative = Math.Max(settings.Threshold.Relative, noise);
        var absolute = settings.Threshold.AbsoluteNanoseconds;
        // The baseline stores the Harrell-Davis median of exactly these values (rounded to 4 digits, 0.05% at most).
        var baselineMedian = entry.Median;
        var currentMedian = result.Median;
        var ratio = currentMedian / baselineMedian;
        if (MinimumPValue(baselineValues.Count, currentValues.Count) >= settings.Significance)
        {
            return new TimeComparison(TimeStatus.TooFewValues, baselineMedian, currentMedian, ratio, double.NaN, relative, absolute, noise, entry.RunValues.Count, measured);
        }

        var (status, p) = Judge(baselineValues, baselineMedian, currentValues, currentMedian, relative, absolute, settings.Significance);
        double? confirmationRatio = null, confirmationP = null;
        if (status == TimeStatus.Slower && confirmation is not null)
        {
            if (confirmation.Benchmarks.TryGetValue(result.Key, out var again)
                && MinimumPValue(baselineValues.Count, again.NanosecondsPerOperation.Count) < settings.Significance)
            {
                var (confirmed, p2) = Judge(baselineValues, baselineMedian, again.NanosecondsPerOperation, again.Median, relative, absolute, settings.Significance);
                confirmationRatio = again.Median / baselineMedian;
                confirmationP = p2;
                status = confirmed == TimeStatus.Slower ? TimeStatus.Slower : TimeStatus.NotConfirmed;
            }
            else
            {
                // Re-measured without this benchmark (or with too few values): it cannot be confirmed.
                status = TimeStatus.NotConfirmed;
            }
        }

        return new TimeComparison(status, baselineMedian, currentMedian, ratio, p, relative, absolute, noise, entry.RunValues.Count, measured, confirmationRatio, confirmationP);
    }

    internal static (TimeStatus Status, double PValue) Judge(
        IReadOnlyList<double> baselineValues, double baselineMedian, IReadOnlyList<double> currentValues, double currentMedian,
        double relative, double absolute, double alpha)
    {
        // The test only runs when the medians already differ beyond the threshold: most benchmarks are cheap.
        if (currentMedian > baselineMedian * (1 + relative) && currentMedian - baselineMedian > absolute)
        {
            var p = MannWhitneyGreater(currentValues, baselineValues, relative, absolute);
            return (p < alpha ? TimeStatus.Slower : TimeStatus.Same, p);
        }

        if (baselineMedian > currentMedian * (1 + relative) && baselineMedian - currentMedian > absolute)
        {
            var p = MannWhitneyGreater(baselineValues, currentValues, relative, absolute);
            return (p < alpha ? TimeStatus.Faster : TimeStatus.Same, p);
        }

        return (TimeStatus.Same, double.NaN);
    }

    /// <summary>p-value of "x is greater than y shifted by the threshold" (Perfolizer applies the larger of both parts).</summary>
    private static double MannWhitneyGreater(IReadOnlyList<double> x, IReadOnlyList<double> y, double relative, double absolute) =>
        PerfolizerStatistics.MannWhitneyGreaterPValue(x, y, relative, absolute);

    /// <summary>
    /// The smallest one-sided p-value a Mann-Whitney test can reach with these sample sizes (no ties):
    /// 1 / C(n+m, n). With 3 + 3 values it is 0.05, so a 1% level can never be reached.
    /// </summary>
    public static double MinimumPValue(int n, int m)
    {
        if (n == 0 || m == 0)
        {
            return 1;
        }

        var logCombinations = 0.0;
        var small = Math.Min(n, m);
        for (var i = 1; i <= small; i++)
        {
            logCombinations += Math.Log(n + m - small + i) - Math.Log(i);
        }

        return Math.Exp(-logCombinations);
    }

    private static void AddTimeFinding(BenchmarkComparison row, TimeComparison time, bool environmentMatches, string baselinePath, int line, CompareSettings settings, BenchmarkResult result)
    {
        var key = row.Key;
        var threshold = $"{Units.FormatPercent(time.RelativeThreshold)}|{Units.Format(time.AbsoluteThreshold)}ns";
        var why = $"threshold {threshold} = max(configured {settings.Threshold}, between-run noise {Units.FormatPercent(time.RunNoise)} {NoiseSource(time, settings)})";
        switch (time.Status)
        {
            case TimeStatus.TooFewValues:
                row.Findings.Add(new Finding(BuildCodes.TooFewMeasurements, FindingSeverity.Warning, result.SourceFile, 0, 0,
                    $"'{key}' has {row.Baseline!.PooledValues.Count} baseline and {result.NanosecondsPerOperation.Count} current values; a one-sided Mann-Whitney test cannot reach p < {Units.Format(settings.Significance)} with so few (smallest possible p = {Units.FormatPValue(MinimumPValue(row.Baseline.PooledValues.Count, result.NanosecondsPerOperation.Count))}). Time is not gated; use a job with at least 15 iterations (allocations and round trips are still gated).", key));
                break;
            case TimeStatus.Slower when row.MeasuredBusy:
                // Wall time measured while waiting for a core says how busy the machine was, not how slow the code is.
                row.Findings.Add(new Finding(BuildCodes.TimeRegression, FindingSeverity.Message, baselinePath, line, 0,
                    $"'{key}' looked slower in wall time ({Units.FormatRatio(time.Ratio)}, p={Units.FormatPValue(time.PValue)}) but was measured while its threads waited for a core {Units.FormatPercent(row.Current?.Contention?.WaitFraction ?? double.NaN)} of the time (PG1106); judged on CPU time only. Results: {result.SourceFile}", key));
                break;
            case TimeStatus.Slower:
                var confirmed = time.ConfirmationRatio is { } r2
                    ? $"; re-measured: {Units.FormatRatio(r2)}, p={Units.FormatPValue(time.ConfirmationPValue ?? double.NaN)}"
                    : string.Empty;
                var severity = environmentMatches ? FindingSeverity.Error : FindingSeverity.Warning;
                row.Findings.Add(new Finding(BuildCodes.TimeRegression, severity, baselinePath, line, 0,
                    $"'{key}' is slower: median {Units.FormatTime(time.BaselineMedian)} -> {Units.FormatTime(time.CurrentMedian)} ({Units.FormatRatio(time.Ratio)}, Harrell-Davis), one-sided Mann-Whitney p={Units.FormatPValue(time.PValue)} < {Units.Format(settings.Significance)}, {why}{confirmed}{(environmentMatches ? string.Empty : "; warning only: the environment differs (PG1102)")}. Results: {result.SourceFile}", key));
                break;
            case TimeStatus.NotConfirmed:
                row.Findings.Add(new Finding(BuildCodes.TimeRegression, FindingSeverity.Message, baselinePath, line, 0,
                    $"'{key}' looked slower ({Units.FormatRatio(time.Ratio)}, p={Units.FormatPValue(time.PValue)}) but the re-measurement did not confirm it ({(time.ConfirmationRatio is { } r ? Units.FormatRatio(r) : "no values")}); treated as noise. Results: {result.SourceFile}", key));
                break;
        }
    }

    private static string NoiseSource(TimeComparison time, CompareSettings settings) =>
        settings.RunNoise is not null ? "as configured"
        : time.MeasuredNoise is { } measured ? $"= max(measured {Units.FormatPercent(measured)} from {time.BaselineRuns} baseline runs, minimum {Units.FormatPercent(settings.MinimumRunNoise)})"
        : "= the minimum, as one baseline run cannot measure it";

    /// <summary>
    /// Bytes/op may grow by the allocation tolerance, or by <see cref="CompareSettings.AllocationSpreadFactor"/> times
    /// the spread of the baseline's pooled runs when they disagreed (scheduling-dependent allocations), whichever is larger.
    /// </summary>
    internal static ChangeComparison? CompareBytes(BaselineEntry entry, double? current, CompareSettings settings)
    {
        if (entry.BytesPerOp is not { } before || current is not { } after)
        {
            return null;
        }

        var allowance = Math.Max(settings.AllocationTolerance.Of(before), CompareSettings.AllocationSpreadFactor * entry.BytesSpread);
        return new ChangeComparison(before, after, after - before > allowance, before - after > allowance, allowance);
    }

    /// <summary>The allowance in force, as a PG1002 quotes it.</summary>
    private static string AllocationAllowance(BaselineEntry entry, ChangeComparison bytes, CompareSettings settings)
    {
        var tolerance = $"tolerance {settings.AllocationTolerance} = {Units.FormatBytes(settings.AllocationTolerance.Of(bytes.Baseline!.Value))}";
        return entry.BytesSpread > 0
            ? $"allowed +{Units.FormatBytes(bytes.Allowance)} = max({tolerance}, {Units.Format(CompareSettings.AllocationSpreadFactor)} x the baseline runs' spread {Units.FormatBytes(entry.BytesPerOpMin)} to {Units.FormatBytes(entry.BytesPerOp)})"
            : $"allowed +{Units.FormatBytes(bytes.Allowance)}: {tolerance}";
    }

    private static ChangeComparison? CompareRoundTrips(double? baseline, double? current, CompareSettings settings)
    {
        if (baseline is not { } before || current is not { } after)
        {
            return null;
        }

        return new ChangeComparison(before, after, after - before > settings.RoundTripTolerance, before - after > settings.RoundTripTolerance);
    }

    private static string RelativeGrowth(double before, double after) =>
        before > 0 ? $", +{Units.FormatPercent((after - before) / before)}" : string.Empty;

    private static void CheckBudgets(BenchmarkComparison row, BenchmarkResult result, BudgetFile budgets)
    {
        var sources = budgets.BudgetsFor(row.Key, row.Categories);
        if (sources.Count == 0)
        {
            return;
        }

        var quantiles = result.Quantiles;
        foreach (var source in sources)
        {
            var budget = source.Budget;
            var what = budgets.Categories.ContainsKey(source.Name) && row.Categories.Contains(source.Name, StringComparer.OrdinalIgnoreCase)
                ? $"the {source.Name} budget"
                : $"the budget for '{source.Name}'";
            var file = source.Line > 0 ? source.File : result.SourceFile;
            var from = source.Line > 0 ? string.Empty : $" ({source.File})";
            Check("p50", quantiles.Median, budget.P50, Units.FormatTime);
            Check("p95", quantiles.P95, budget.P95, Units.FormatTime);
            Check("p99", quantiles.P99, budget.P99, Units.FormatTime);
            Check("allocated bytes/op", result.BytesAllocatedPerOperation, budget.BytesPerOp, v => Units.FormatBytes(v));
            Check("round trips/op", result.RoundTripsPerOperation, budget.RoundTripsPerOp, v => Units.FormatCount(v));

            void Check(string metric, double? actual, double? limit, Func<double, string> format)
            {
                if (actual is { } value && limit is { } max && value > max)
                {
                    row.Findings.Add(new Finding(BuildCodes.BudgetExceeded, FindingSeverity.Error, file, source.Line, 0,
                        $"'{row.Key}' {metric} {format(value)} exceeds {what}{from} of {format(max)}. Results: {result.SourceFile}", row.Key));
                }
            }
        }
    }
}
