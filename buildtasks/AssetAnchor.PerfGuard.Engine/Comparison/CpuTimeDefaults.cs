namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// The defaults of the CPU-time gate (PG1005) and of the contention verdict (PG1106), chosen from the detection
/// harness's table in docs/how-the-gate-decides.md ("Measured detection").
/// </summary>
public static class CpuTimeDefaults
{
    /// <summary>CPU time per operation must grow by more than this (and 2 ns) to fail.</summary>
    public static ThresholdSpec Threshold { get; } = new(0.10, 2);

    /// <summary>The least CPU between-run noise allowed when measured from the baseline's runs.</summary>
    public const double MinimumRunNoise = 0.05;

    /// <summary>Benchmarks whose threads waited for a core more than this share of their runnable time are "busy".</summary>
    public const double ContentionLimit = 0.20;
}
