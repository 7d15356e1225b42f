using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>One per-request latency limit that applied to an endpoint, and whether it held.</summary>
public sealed record LoadBudgetCheck(string Metric, double Limit, double Actual, string Source, bool Broken);

/// <summary>One endpoint: baseline entry, current result and every verdict with its numbers.</summary>
public sealed class EndpointComparison
{
    public required string Key { get; init; }

    public LoadBaselineEntry? Baseline { get; init; }

    public EndpointLoadResult? Current { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public TimeComparison? Time { get; init; }

    public List<LoadBudgetCheck> Budgets { get; } = [];

    public double ErrorRateLimit { get; set; } = double.NaN;

    public string ErrorRateSource { get; set; } = string.Empty;

    public List<Finding> Findings { get; } = [];

    public string Display => Current is { } c ? Describe(c.Method, c.Path) : Baseline is { } b ? Describe(b.Method, b.Path) : string.Empty;

    private static string Describe(string method, string path) => string.IsNullOrEmpty(method) ? path : $"{method} {path}";
}

/// <summary>Everything one endpoint load comparison found; the load reports are rendered from it.</summary>
public sealed class LoadGateReport
{
    public LoadBaseline? Baseline { get; init; }

    public required LoadRun Current { get; init; }

    public required CompareSettings Settings { get; init; }

    public required IReadOnlyList<EndpointComparison> Endpoints { get; init; }

    public IReadOnlyList<string> EnvironmentDifferences { get; init; } = [];

    public required IReadOnlyList<Finding> Findings { get; init; }

    public bool Passed => !Findings.Any(f => f.IsError);
}

/// <summary>
/// Gates endpoint load results with the benchmark gate's rules: latency against the committed baseline with the
/// same noise-aware time comparison (PG1001: beyond threshold and between-run noise, one-sided Mann-Whitney over
/// the steady stage's window medians, same environment), per-request p50/p95/p99 against the budgets of the
/// endpoint's type (PG1004), and the error rate against its budget (PG1006, default 1%: the seed guide's k6
/// threshold <c>rate&lt;0.01</c>).
/// </summary>
public static class LoadComparer
{
    /// <summary>10%|2ms: a change of under 2 ms in an HTTP round trip under load is not worth a failed build.</summary>
    public static ThresholdSpec DefaultThreshold { get; } = new(0.10, 2e6);

    public const double DefaultErrorRateBudget = 0.01;

    private const string SeedErrorRate = "the seed guide's error-rate threshold (rate<0.01)";

    public static LoadGateReport Compare(LoadBaseline? baseline, LoadRun current, BudgetFile? budgets = null, CompareSettings? settings = null)
    {
        budgets ??= BudgetFile.Defaults;
        settings ??= new CompareSettings { Threshold = DefaultThreshold };
        var baselinePath = baseline?.Path ?? "load baseline";
        var findings = new List<Finding>();
        var differences = baseline is null ? [] : current.Environment.DifferencesFrom(baseline.Environment);
        var environmentMatches = differences.Count == 0;
        if (!environmentMatches)
        {
            findings.Add(new Finding(BuildCodes.EnvironmentDiffers, FindingSeverity.Warning, current.SourceFiles.FirstOrDefault() ?? string.Empty, 0, 0,
                $"the load results were measured on a different environment than the load baseline ({string.Join("; ", differences)}); latency regressions are reported as warnings. Update the load baseline on the CI machine (budgets and error rates are still gated)."));
        }

        var keys = current.Endpoints.Select(e => e.Key).ToList();
        if (baseline is not null)
        {
            keys.AddRange(baseline.Endpoints.Select(e => e.Key).Where(k => current.Find(k) is null));
        }

        var rows = new List<EndpointComparison>();
        foreach (var key in keys)
        {
            var entry = baseline?.Find(key);
            var result = current.Find(key);
            var type = result?.Type ?? entry?.Type;
            var categories = budgets.CategoriesOf(key, type is null ? [] : [type]);
            var line = entry is not null && baseline!.Lines.TryGetValue(key, out var l) ? l : 0;
            EndpointComparison row;
            if (result is null)
            {
                row = new EndpointComparison { Key = key, Baseline = entry, Categories = categories };
                row.Findings.Add(new Finding(BuildCodes.NoCurrentResult, FindingSeverity.Warning, baselinePath, line, 0,
                    $"endpoint '{key}' is in the load baseline but not in the results ({current.DisplayPath}); was it removed from the endpoint list? Update the load baseline if that was intended.", key));
                rows.Add(row);
                continue;
            }

            if (entry is null)
            {
                row = new EndpointComparison { Key = key, Current = result, Categories = categories };
                if (baseline is not null)
                {
                    row.Findings.Add(new Finding(BuildCodes.NoBaselineEntry, FindingSeverity.Warning, result.SourceFile, 0, 0,
                        $"endpoint '{key}' has no entry in the load baseline '{baselinePath}'; its latency is not compared until the baseline is updated (perfguard load baseline update). Budgets and error rate are still gated.", key));
                }
            }
            else
            {
                var time = Comparer.CompareTime(entry.ToTimeEntry(), new BenchmarkResult(key, result.WindowMedians, result.SourceFile), null, settings, entry.RunWindowMedians.Count);
                row = new EndpointComparison { Key = key, Baseline = entry, Current = result, Categories = categories, Time = time };
                AddTimeFinding(row, time, result, entry, settings, environmentMatches, baselinePath, line);
            }

            CheckBudgets(row, result, budgets);
            rows.Add(row);
        }

        findings.AddRange(rows.SelectMany(r => r.Findings));
        return new LoadGateReport
        {
            Baseline = baseline,
            Current = current,
            Settings = settings,
            Endpoints = rows,
            EnvironmentDifferences = differences,
            Findings = findings,
        };
    }

    private static void AddTimeFinding(EndpointComparison row, TimeComparison time, EndpointLoadResult result, LoadBaselineEntry entry, CompareSettings settings,
        bool environmentMatches, string baselinePath, int line)
    {
        var key = row.Key;
        switch (time.Status)
        {
            case TimeStatus.TooFewValues:
                var n = entry.RunWindowMedians.Sum(r => r.Count);
                row.Findings.Add(new Finding(BuildCodes.TooFewMeasurements, FindingSeverity.Warning, result.SourceFile, 0, 0,
                    $"endpoint '{key}' has {n} baseline and {result.WindowMedians.Count} current window medians; a one-sided Mann-Whitney test cannot reach p < {Units.Format(settings.Significance)} with so few (smallest possible p = {Units.FormatPValue(Comparer.MinimumPValue(n, result.WindowMedians.Count))}). Latency is not compared with the baseline; use at least 5 steady windows (budgets and error rate are still gated).", key));
                break;
            case TimeStatus.Slower:
                var noise = settings.RunNoise is not null ? "as configured"
                    : time.MeasuredNoise is { } measured ? $"max(measured {Units.FormatPercent(measured)} from {time.BaselineRuns} baseline runs, minimum {Units.FormatPercent(settings.MinimumRunNoise)})"
                    : "the minimum, as one baseline run cannot measure it";
                row.Findings.Add(new Finding(BuildCodes.TimeRegression, environmentMatches ? FindingSeverity.Error : FindingSeverity.Warning, baselinePath, line, 0,
                    $"endpoint '{key}' ({row.Display}) is slower under load: median latency {Units.FormatTime(time.BaselineMedian)} -> {Units.FormatTime(time.CurrentMedian)} ({Units.FormatRatio(time.Ratio)}, Harrell-Davis over {result.WindowMedians.Count} steady windows), one-sided Mann-Whitney p={Units.FormatPValue(time.PValue)} < {Units.Format(settings.Significance)}, threshold {Units.FormatPercent(time.RelativeThreshold)}|{Units.FormatTime(time.AbsoluteThreshold)} = max(configured {Units.FormatPercent(settings.Threshold.Relative)}|{Units.FormatTime(settings.Threshold.AbsoluteNanoseconds)}, between-run noise {Units.FormatPercent(time.RunNoise)} {noise}){(environmentMatches ? string.Empty : "; warning only: the environment differs (PG1102)")}. Results: {result.SourceFile}", key));
                break;
        }
    }

    private static void CheckBudgets(EndpointComparison row, EndpointLoadResult result, BudgetFile budgets)
    {
        var sources = budgets.BudgetsFor(row.Key, row.Categories);
        var rateLimits = new List<(double Limit, string What, string File, int Line)>();
        foreach (var source in sources)
        {
            var budget = source.Budget;
            var what = budgets.Categories.ContainsKey(source.Name) && row.Categories.Contains(source.Name, StringComparer.OrdinalIgnoreCase)
                ? $"the {source.Name} budget"
                : $"the budget for '{source.Name}'";
            var file = source.Line > 0 ? source.File : result.SourceFile;
            var from = source.Line > 0 ? string.Empty : $" ({source.File})";
            Check("p50", result.P50, budget.P50);
            Check("p95", result.P95, budget.P95);
            Check("p99", result.P99, budget.P99);
            if (budget.ErrorRate is { } rate)
            {
                rateLimits.Add((rate, what + from, file, source.Line));
            }

            void Check(string metric, double actual, double? limit)
            {
                if (limit is not { } max || !double.IsFinite(actual))
                {
                    return;
                }

                var broken = actual > max;
                row.Budgets.Add(new LoadBudgetCheck(metric, max, actual, source.Name, broken));
                if (broken)
                {
                    row.Findings.Add(new Finding(BuildCodes.BudgetExceeded, FindingSeverity.Error, file, source.Line, 0,
                        $"endpoint '{row.Key}' ({row.Display}) {metric} latency under load {Units.FormatTime(actual)} exceeds {what}{from} of {Units.FormatTime(max)} ({result.Requests} requests). Results: {result.SourceFile}", row.Key));
                }
            }
        }

        if (rateLimits.Count == 0)
        {
            rateLimits.Add((DefaultErrorRateBudget, SeedErrorRate, result.SourceFile, 0));
        }

        var strictest = rateLimits.MinBy(r => r.Limit);
        row.ErrorRateLimit = strictest.Limit;
        row.ErrorRateSource = strictest.What;
        if (result.ErrorRate > strictest.Limit)
        {
            row.Findings.Add(new Finding(BuildCodes.EndpointErrorRate, FindingSeverity.Error, strictest.File, strictest.Line, 0,
                $"endpoint '{row.Key}' ({row.Display}) failed {Units.FormatPercent(result.ErrorRate)} of its requests under load ({result.Errors} of {result.Requests}{StatusSummary(result)}), over {strictest.What} of {Units.FormatPercent(strictest.Limit)}. Results: {result.SourceFile}", row.Key));
        }
    }

    /// <summary>", statuses 500 x 120, 409 x 3": the failing status codes, most frequent first.</summary>
    internal static string StatusSummary(EndpointLoadResult result)
    {
        var failing = result.Stages.SelectMany(s => s.StatusCounts)
            .Where(s => !s.Key.StartsWith('2') && !s.Key.StartsWith('3'))
            .GroupBy(s => s.Key, StringComparer.Ordinal)
            .Select(g => (Status: g.Key, Count: g.Sum(s => s.Value)))
            .OrderByDescending(s => s.Count)
            .ToList();
        return failing.Count == 0 ? string.Empty : ", statuses " + string.Join(", ", failing.Select(s => $"{s.Status} x {s.Count}"));
    }
}
