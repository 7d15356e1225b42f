using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

/// <summary>
/// Produces the real BenchmarkDotNet results the gate's tests are built on. The environment variable
/// <c>PERFGUARD_FIXTURE_VARIANT</c> switches the build's behaviour without recompiling:
/// <c>baseline</c> (default), <c>slower</c> (<see cref="SumArray"/> does three passes instead of one) and
/// <c>allocates</c> (<see cref="BuildKey"/> allocates an extra 256-byte buffer per call).
/// 25 measured iterations of 100 ms each: enough values for a one-sided Mann-Whitney test at 1%.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 25)]
[IterationTime(100)]
public class GateFixtureBenchmarks
{
    private static readonly string Variant =
        Environment.GetEnvironmentVariable("PERFGUARD_FIXTURE_VARIANT")?.Trim().ToLowerInvariant() ?? "baseline";

    private readonly Dictionary<string, int> _lookup = new(StringComparer.Ordinal);
    private int[] _values = [];
    private byte[]? _sink;

    [Params(100, 1000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = Enumerable.Range(0, Length).Select(i => (i * 7919) % 1000).ToArray();
        for (var i = 0; i < 64; i++)
        {
            _lookup["unit-" + i] = i;
        }
    }

    [Benchmark]
    public long SumArray()
    {
        var passes = Variant == "slower" ? 3 : 1;
        long total = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var value in _values)
            {
                total += value ^ pass;
            }
        }

        return total;
    }

    [Benchmark]
    public string BuildKey()
    {
        if (Variant == "allocates")
        {
            // Deliberate regression: a scratch buffer per call that the baseline build does not need.
            _sink = new byte[256];
        }

        return string.Concat("property-", Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "-unit");
    }

    [Benchmark]
    public int Lookup() => _lookup.TryGetValue("unit-42", out var unit) ? unit + (_sink?.Length ?? 0) : -1;
}
