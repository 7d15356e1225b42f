namespace AssetAnchor.PerfGuard.Engine.Model;

/// <summary>
/// One benchmark of one run, as read from BenchmarkDotNet's full JSON. Times are nanoseconds per operation of
/// each measured iteration (BenchmarkDotNet's Workload/Result measurements: overhead removed, outliers removed).
/// </summary>
public sealed class BenchmarkResult
{
    public BenchmarkResult(string key, IReadOnlyList<double> nanosecondsPerOperation, string sourceFile)
    {
        Key = key;
        NanosecondsPerOperation = nanosecondsPerOperation;
        SourceFile = sourceFile;
    }

    /// <summary>BenchmarkDotNet's FullName, parameters included.</summary>
    public string Key { get; }

    public IReadOnlyList<double> NanosecondsPerOperation { get; }

    /// <summary>The file this result was read from.</summary>
    public string SourceFile { get; }

    public double? BytesAllocatedPerOperation { get; init; }

    public double? RoundTripsPerOperation { get; init; }

    /// <summary>GC collections per 1000 operations (generations 0, 1, 2), when the memory diagnoser ran.</summary>
    public double Gen0PerThousandOperations { get; init; }

    public double Gen1PerThousandOperations { get; init; }

    public double Gen2PerThousandOperations { get; init; }

    public IReadOnlyList<string> Categories { get; set; } = [];

    /// <summary>Process CPU time per operation of each measured iteration (sidecar), empty when not recorded.</summary>
    public IReadOnlyList<double> CpuNanosecondsPerOperation { get; set; } = [];

    /// <summary>How busy the machine was while this benchmark was measured (sidecar), or null.</summary>
    public Contention? Contention { get; set; }

    /// <summary>Harrell-Davis median of the CPU values, NaN when there are none.</summary>
    public double CpuMedian => _cpuMedian ??= Quantiles.MedianOf(CpuNanosecondsPerOperation);

    private double? _cpuMedian;

    public string Job { get; init; } = "DefaultJob";

    /// <summary>Harrell-Davis median of the per-iteration values (all the time verdict needs).</summary>
    public double Median => _median ??= Quantiles.MedianOf(NanosecondsPerOperation);

    /// <summary>Median, p95 and p99, computed on first use (budgets and reports need them, comparisons do not).</summary>
    public Quantiles Quantiles => _quantiles ??= Quantiles.Of(NanosecondsPerOperation, Median);

    private double? _median;
    private Quantiles? _quantiles;
}
