using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

public enum TimeStatus
{
    /// <summary>No baseline or no current values.</summary>
    NotCompared,

    /// <summary>Too few values for the significance level (PG1104).</summary>
    TooFewValues,

    /// <summary>No change beyond the threshold and the between-run noise.</summary>
    Same,

    Faster,

    /// <summary>Slower beyond the threshold, significant, and (when re-measured) confirmed: PG1001.</summary>
    Slower,

    /// <summary>Slower in the first results, not in the re-measurement: reported, never failed.</summary>
    NotConfirmed,
}

/// <summary>The time verdict of one benchmark with every number behind it.</summary>
public sealed record TimeComparison(
    TimeStatus Status,
    double BaselineMedian,
    double CurrentMedian,
    double Ratio,
    double PValue,
    double RelativeThreshold,
    double AbsoluteThreshold,
    double RunNoise,
    int BaselineRuns,
    double? MeasuredNoise = null,
    double? ConfirmationRatio = null,
    double? ConfirmationPValue = null);

/// <summary>A count per operation before and after; <paramref name="Allowance"/> is the growth (and drop) it was allowed.</summary>
public sealed record ChangeComparison(double? Baseline, double? Current, bool Regressed, bool Improved, double Allowance = 0);

/// <summary>One benchmark: its baseline entry, current result and verdicts.</summary>
public sealed class BenchmarkComparison
{
    public required string Key { get; init; }

    public BaselineEntry? Baseline { get; init; }

    public BenchmarkResult? Current { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public TimeComparison? Time { get; init; }

    public ChangeComparison? Bytes { get; init; }

    public ChangeComparison? RoundTrips { get; init; }

    /// <summary>The CPU time per operation verdict (PG1005), when both sides recorded CPU time.</summary>
    public TimeComparison? Cpu { get; init; }

    /// <summary>Measured while its threads waited for a core beyond the contention limit: wall time is not judged (PG1106).</summary>
    public bool MeasuredBusy { get; init; }

    public List<Finding> Findings { get; } = [];

    public bool IsImprovement => (Time?.Status == TimeStatus.Faster && !MeasuredBusy) || Cpu?.Status == TimeStatus.Faster || Bytes?.Improved == true || RoundTrips?.Improved == true;
}

/// <summary>Everything one comparison found; reports are rendered from it.</summary>
public sealed class GateReport
{
    public required Baseline Baseline { get; init; }

    public required ResultSet Current { get; init; }

    public ResultSet? Confirmation { get; init; }

    public required BudgetFile Budgets { get; init; }

    public required CompareSettings Settings { get; init; }

    public required IReadOnlyList<BenchmarkComparison> Benchmarks { get; init; }

    public IReadOnlyList<string> EnvironmentDifferences { get; init; } = [];

    /// <summary>Every finding: the file-level ones (PG1102) first, then per benchmark in key order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public bool Passed => !Findings.Any(f => f.IsError);

    /// <summary>Benchmarks slower beyond threshold and noise that no re-measurement has confirmed yet.</summary>
    public IReadOnlyList<BenchmarkComparison> SuspectedTimeRegressions =>
        Confirmation is null
            ? Benchmarks.Where(b => (b.Time?.Status == TimeStatus.Slower && !b.MeasuredBusy) || b.Cpu?.Status == TimeStatus.Slower).ToList()
            : [];

    /// <summary>The benchmarks measured while the machine was too busy to judge wall time (PG1106).</summary>
    public IReadOnlyList<BenchmarkComparison> BusyBenchmarks => Benchmarks.Where(b => b.MeasuredBusy).ToList();
}
