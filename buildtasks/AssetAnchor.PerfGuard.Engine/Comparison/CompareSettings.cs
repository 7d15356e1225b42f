namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>How strict the gate is. Every default is documented in docs/how-the-gate-decides.md.</summary>
public sealed record CompareSettings
{
    /// <summary>The smallest time change worth failing for: relative part and absolute noise floor.</summary>
    public ThresholdSpec Threshold { get; init; } = ThresholdSpec.Default;

    /// <summary>Significance level of the one-sided Mann-Whitney test.</summary>
    public double Significance { get; init; } = 0.01;

    /// <summary>A fixed between-run noise to allow; null = measured from the baseline's runs, at least <see cref="MinimumRunNoise"/>.</summary>
    public double? RunNoise { get; init; }

    /// <summary>The least between-run noise allowed when it is measured (and what a one-run baseline gets).</summary>
    public double MinimumRunNoise { get; init; } = Comparison.RunNoise.MinimumDefault;

    /// <summary>
    /// Allocated bytes/op may grow by the larger of its two parts (PG1002); a baseline whose pooled runs disagreed
    /// widens it per benchmark (<see cref="AllocationSpreadFactor"/>).
    /// </summary>
    public AllocationTolerance AllocationTolerance { get; init; } = AllocationTolerance.Default;

    /// <summary>
    /// A benchmark whose pooled baseline runs allocated between min and max may grow by this many times (max - min):
    /// a range seen in a few runs is about half of what more runs show (docs/how-the-gate-decides.md).
    /// </summary>
    public const double AllocationSpreadFactor = 2;

    /// <summary>Round trips are counted, so any growth beyond rounding of a per-operation average fails.</summary>
    public double RoundTripTolerance { get; init; } = 0.01;

    /// <summary>The smallest CPU-time change worth failing for (PG1005); see <see cref="CpuTimeDefaults"/>.</summary>
    public ThresholdSpec CpuThreshold { get; init; } = CpuTimeDefaults.Threshold;

    /// <summary>The least CPU between-run noise allowed (measured from the baseline's runs when it has two or more).</summary>
    public double CpuMinimumRunNoise { get; init; } = CpuTimeDefaults.MinimumRunNoise;

    /// <summary>
    /// Above this share of runnable time spent waiting for a core, a benchmark's wall time is not judged (PG1106) and
    /// its time verdict rests on CPU time alone.
    /// </summary>
    public double ContentionLimit { get; init; } = CpuTimeDefaults.ContentionLimit;

    /// <summary>
    /// A baseline entry without a current result is an error (PG1103), not a warning: for a gate over merged shards,
    /// where a missing result means a shard that failed or never uploaded.
    /// </summary>
    public bool RequireAllBenchmarks { get; init; }
}
