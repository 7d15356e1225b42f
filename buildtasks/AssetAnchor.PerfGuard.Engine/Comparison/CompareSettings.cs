namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>How strict the gate is. Every default is documented in docs/how-the-gate-decides.md.</summary>
public sealed record CompareSettings
{
    /// <summary>The smallest time change worth failing for: relative part and absolute noise floor.</summary>
    public ThresholdSpec Threshold { get; init; } = ThresholdSpec.Default;

    /// <summary>Significance level of the one-sided Mann-Whitney test.</summary>
    public double Significance { get; init; } = 0.01;

    /// <summary>Between-run noise to allow; null = measured from the baseline's runs (see <see cref="RunNoise"/>).</summary>
    public double? RunNoise { get; init; }

    /// <summary>The between-run noise assumed when the baseline has a single run.</summary>
    public double SingleRunNoise { get; init; } = Comparison.RunNoise.SingleRunDefault;

    /// <summary>Allocated bytes/op may grow by max(this fraction of the baseline, <see cref="BytesAbsoluteTolerance"/>).</summary>
    public double BytesRelativeTolerance { get; init; } = 0.01;

    /// <summary>16 B: less than the smallest object on a 64-bit runtime (24 B), so one extra object per call fails.</summary>
    public double BytesAbsoluteTolerance { get; init; } = 16;

    /// <summary>Round trips are counted, so any growth beyond rounding of a per-operation average fails.</summary>
    public double RoundTripTolerance { get; init; } = 0.01;
}
