namespace AssetAnchor.PerfGuard.Cli.Load;

/// <summary>Request latencies at wrk's resolution (1 us), exact: value -> count. Quantiles by nearest rank.</summary>
internal sealed class LatencyHistogram
{
    private readonly SortedDictionary<long, long> _counts = [];

    public long Count { get; private set; }

    public void Add(long microseconds, long count)
    {
        if (count <= 0)
        {
            return;
        }

        _counts[microseconds] = _counts.GetValueOrDefault(microseconds) + count;
        Count += count;
    }

    public void Add(LatencyHistogram other)
    {
        foreach (var (value, count) in other._counts)
        {
            Add(value, count);
        }
    }

    /// <summary>The smallest latency with at least q of the requests at or below it, in nanoseconds; NaN when empty.</summary>
    public double QuantileNanoseconds(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        foreach (var (value, count) in _counts)
        {
            seen += count;
            if (seen >= rank)
            {
                return value * 1e3;
            }
        }

        return _counts.Keys.Last() * 1e3;
    }

    public double MeanNanoseconds => Count == 0 ? double.NaN : _counts.Sum(c => (double)c.Key * c.Value) / Count * 1e3;
}
