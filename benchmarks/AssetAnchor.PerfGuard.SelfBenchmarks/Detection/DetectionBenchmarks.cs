using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace AssetAnchor.PerfGuard.SelfBenchmarks.Detection;

/// <summary>
/// The detection harness's suite (eng/detection-harness.sh): 20 independent CPU-bound benchmarks of 8-50 us, so that
/// one run of the suite against another gives 20 pairings. <c>PERFGUARD_DETECTION_SLOWDOWN</c> (a fraction, e.g.
/// <c>0.25</c>) makes every benchmark do that much more work per call: the "B" build of an A/B pairing. The keys do not
/// change with it, so the gate compares A with B exactly as it compares two builds. Pure CPU work on a buffer that stays
/// in the L1 cache, so the injected slowdown is a CPU slowdown and nothing else.
/// </summary>
public class DetectionBenchmarks
{
    public const string SlowdownVariable = "PERFGUARD_DETECTION_SLOWDOWN";

    private readonly ulong[] _state = new ulong[64];
    private int _rounds;

    /// <summary>20 benchmarks; each has its own amount of work, so the pairings do not all see the same duration.</summary>
    [ParamsSource(nameof(Instances))]
    public int Instance { get; set; }

    public static IEnumerable<int> Instances => Enumerable.Range(1, 20);

    /// <summary>The injected slowdown of this process (0 when the variable is absent).</summary>
    public static double Slowdown =>
        double.TryParse(Environment.GetEnvironmentVariable(SlowdownVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : 0;

    [GlobalSetup]
    public void Setup()
    {
        var baseRounds = 40 + (10 * Instance);
        _rounds = (int)Math.Round(baseRounds * (1 + Slowdown));
        for (var i = 0; i < _state.Length; i++)
        {
            _state[i] = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
        }
    }

    [Benchmark]
    public ulong Mix()
    {
        var state = _state;
        ulong accumulator = 0;
        for (var round = 0; round < _rounds; round++)
        {
            for (var i = 0; i < state.Length; i++)
            {
                var x = state[i] ^ accumulator;
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                state[i] = x;
                accumulator += x;
            }
        }

        return accumulator;
    }
}
