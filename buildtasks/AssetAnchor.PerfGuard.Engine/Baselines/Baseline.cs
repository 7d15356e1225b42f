using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Baselines;

/// <summary>
/// The committed baseline of one suite. Numbers are rounded to 4 significant digits when written, benchmarks
/// are sorted by key and there is no timestamp, so that the same results always give the same file.
/// </summary>
public sealed class Baseline
{
    public const string SchemaId = "perfguard-baseline/1";

    public required string Tool { get; init; }

    public string? Commit { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required string Job { get; init; }

    /// <summary>How many runs were pooled (the most any benchmark has).</summary>
    public int Runs => _runs ??= Benchmarks.Count == 0 ? 0 : Benchmarks.Max(b => b.RunValues.Count);

    private int? _runs;

    public required IReadOnlyList<BaselineEntry> Benchmarks { get; init; }

    /// <summary>The file it was read from (null when built in memory).</summary>
    public string? Path { get; init; }

    /// <summary>1-based line of each entry's key in <see cref="Path"/>, for messages that point at it.</summary>
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public BaselineEntry? Find(string key) => _byKey.Value.GetValueOrDefault(key);

    private Lazy<Dictionary<string, BaselineEntry>> _byKey => _index ??= new(() => Benchmarks.ToDictionary(b => b.Key, StringComparer.Ordinal));

    private Lazy<Dictionary<string, BaselineEntry>>? _index;
}

/// <summary>One benchmark's baseline: the per-run raw values (ns/op) and what was derived from them.</summary>
public sealed class BaselineEntry
{
    public required string Key { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public required double Median { get; init; }

    public required double P95 { get; init; }

    public required double P99 { get; init; }

    /// <summary>Allocated bytes/op: the largest of the pooled runs.</summary>
    public double? BytesPerOp { get; init; }

    /// <summary>
    /// The smallest allocated bytes/op of the pooled runs, only when it is below <see cref="BytesPerOp"/> (runs that
    /// disagree, e.g. async state machines boxed or not depending on scheduling); null when the runs agreed or the
    /// baseline predates the field. The spread widens this benchmark's allocation tolerance.
    /// </summary>
    public double? BytesPerOpMin { get; init; }

    /// <summary>How far the pooled runs' allocations disagreed (max - min), 0 when they agreed.</summary>
    public double BytesSpread => BytesPerOp is { } max && BytesPerOpMin is { } min && min < max ? max - min : 0;

    public double? RoundTripsPerOp { get; init; }

    public double Gen0PerThousandOps { get; init; }

    /// <summary>Each pooled run's Harrell-Davis median: their spread is the between-run noise.</summary>
    public required IReadOnlyList<double> RunMedians { get; init; }

    /// <summary>Each pooled run's per-iteration values, ns/op.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> RunValues { get; init; }

    public IReadOnlyList<double> PooledValues => _pooled ??= RunValues.SelectMany(v => v).ToList();

    private IReadOnlyList<double>? _pooled;

    /// <summary>Harrell-Davis median of the pooled CPU time per operation, or null when no run recorded CPU time.</summary>
    public double? CpuMedian { get; init; }

    /// <summary>Each pooled run's CPU median (the runs that recorded CPU time): their spread is the CPU between-run noise.</summary>
    public IReadOnlyList<double> CpuRunMedians { get; init; } = [];

    /// <summary>Each pooled run's per-iteration CPU time per operation, ns/op.</summary>
    public IReadOnlyList<IReadOnlyList<double>> CpuRunValues { get; init; } = [];

    /// <summary>This entry with another smallest bytes/op (every other property copied: keep in step when adding one).</summary>
    public BaselineEntry WithBytesPerOpMin(double? bytesPerOpMin) => new()
    {
        Key = Key,
        Categories = Categories,
        Median = Median,
        P95 = P95,
        P99 = P99,
        BytesPerOp = BytesPerOp,
        BytesPerOpMin = bytesPerOpMin,
        RoundTripsPerOp = RoundTripsPerOp,
        Gen0PerThousandOps = Gen0PerThousandOps,
        RunMedians = RunMedians,
        RunValues = RunValues,
        CpuMedian = CpuMedian,
        CpuRunMedians = CpuRunMedians,
        CpuRunValues = CpuRunValues,
    };

    public IReadOnlyList<double> PooledCpuValues => _pooledCpu ??= CpuRunValues.SelectMany(v => v).ToList();

    private IReadOnlyList<double>? _pooledCpu;
}
