namespace AssetAnchor.PerfGuard.Engine.Diagnostics;

/// <summary>The build and CLI diagnostic IDs of DESIGN.md. An ID never changes meaning.</summary>
public static class BuildCodes
{
    /// <summary>Time regression beyond the threshold, statistically significant.</summary>
    public const string TimeRegression = "PG1001";

    /// <summary>Allocated bytes per operation grew.</summary>
    public const string AllocationRegression = "PG1002";

    /// <summary>Database round trips per operation grew.</summary>
    public const string RoundTripRegression = "PG1003";

    /// <summary>CPU time per operation grew beyond its threshold and noise, statistically significant.</summary>
    public const string CpuTimeRegression = "PG1005";

    /// <summary>A budget (p50/p95/p99, bytes/op, round trips/op) is exceeded.</summary>
    public const string BudgetExceeded = "PG1004";

    /// <summary>An endpoint's error rate under load is over its budget (docs/endpoint-load.md).</summary>
    public const string EndpointErrorRate = "PG1006";

    /// <summary>A benchmark has no baseline entry.</summary>
    public const string NoBaselineEntry = "PG1101";

    /// <summary>The environment differs from the baseline's; time verdicts are downgraded to warnings.</summary>
    public const string EnvironmentDiffers = "PG1102";

    /// <summary>A baseline entry has no current result.</summary>
    public const string NoCurrentResult = "PG1103";

    /// <summary>Too few measurements for the configured significance level.</summary>
    public const string TooFewMeasurements = "PG1104";

    /// <summary>
    /// The machine was too busy to judge wall time (the benchmarks waited for a core beyond the contention limit): one
    /// warning, and time is judged on CPU time only for the benchmarks measured that way.
    /// </summary>
    public const string MachineBusy = "PG1106";
    /// <summary>No usable results: none at the configured path, an empty folder, or only results older than the build.</summary>
    public const string NoUsableResults = "PG1105";

    /// <summary>A results, baseline or budget file cannot be read.</summary>
    public const string UnreadableInput = "PG1201";

    /// <summary>The re-measurement command failed (non-zero exit code, or no results written).</summary>
    public const string RemeasureFailed = "PG1203";
}
