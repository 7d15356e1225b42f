using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>One stage (ramp, steady, spike) of one endpoint: what the load generator measured. Times in nanoseconds.</summary>
public sealed record LoadStageResult(
    string Stage,
    int Connections,
    double Seconds,
    long Requests,
    long Errors,
    double P50,
    double P95,
    double P99,
    double Mean,
    IReadOnlyDictionary<string, long> StatusCounts)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : double.NaN;
}

/// <summary>
/// One endpoint of one load run. <see cref="WindowMedians"/> are the per-window median latencies of the steady
/// stage (one value per short, separate measurement window, like BenchmarkDotNet's iterations): the values the
/// noise-aware time comparison uses. P50/P95/P99 are per request, over every request of every stage: what the
/// budgets apply to. Times in nanoseconds.
/// </summary>
public sealed class EndpointLoadResult
{
    public required string Key { get; init; }

    public string Method { get; init; } = "GET";

    public string Path { get; init; } = string.Empty;

    /// <summary>The endpoint type (CriticalPath, Read, Write, Reporting, or a category of perfguard.json); null when not given.</summary>
    public string? Type { get; init; }

    public required IReadOnlyList<double> WindowMedians { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    public double Seconds { get; init; }

    public double P50 { get; init; }

    public double P95 { get; init; }

    public double P99 { get; init; }

    public double Mean { get; init; }

    public IReadOnlyList<LoadStageResult> Stages { get; init; } = [];

    public required string SourceFile { get; init; }

    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : double.NaN;

    public double ErrorRate => Requests > 0 ? (double)Errors / Requests : 0;

    /// <summary>Harrell-Davis median of the window medians, the number the time verdict compares.</summary>
    public double WindowMedian => _windowMedian ??= Quantiles.MedianOf(WindowMedians);

    private double? _windowMedian;
}

/// <summary>The endpoints of one load run (one or several result files), in the order they were driven.</summary>
public sealed class LoadRun
{
    public required IReadOnlyList<EndpointLoadResult> Endpoints { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required IReadOnlyList<string> SourceFiles { get; init; }

    /// <summary>The load generator ("wrk 4.1.0", "k6").</summary>
    public string Tool { get; init; } = "unknown";

    /// <summary>What this run is about beyond the endpoints, e.g. the database ("sqlite", "postgresql").</summary>
    public string? Label { get; init; }

    public string? Target { get; init; }

    public EndpointLoadResult? Find(string key) => Endpoints.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));

    public string DisplayPath => SourceFiles.Count == 1 ? SourceFiles[0] : $"{SourceFiles.Count} files";
}
