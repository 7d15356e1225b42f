using AssetAnchor.PerfGuard.Engine;
using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Model;
using BenchmarkDotNet.Attributes;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

/// <summary>
/// What the gate costs. <see cref="Compare10000Benchmarks"/>: 10,000 benchmarks x 30 values each, 1% of them 2x
/// slower (so the Mann-Whitney test runs for those), must stay under 1 s. <see cref="GateOnSmallSuite"/>: the
/// whole per-build work of the MSBuild task on a 6-benchmark suite (read results, baseline and compare).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class EngineBenchmarks
{
    private Baseline _baseline = null!;
    private ResultSet _current = null!;
    private List<(string Key, List<double> Values)> _currentValues = null!;
    private string _folder = null!;
    private string _smallBaseline = null!;
    private string _smallResults = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        var baselineRun = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        var current = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            var key = $"Suite.Type{i / 100}.Method{i % 100}(Size: {i % 7})";
            var center = 50 * Math.Pow(10, random.NextDouble() * 4); // 50 ns .. 500 us
            var slowdown = i % 100 == 0 ? 2.0 : 1.0;
            baselineRun[key] = new BenchmarkResult(key, Values(random, center, 30), "baseline-report-full.json") { BytesAllocatedPerOperation = 64 };
            current[key] = new BenchmarkResult(key, Values(random, center * slowdown, 30), "current-report-full.json") { BytesAllocatedPerOperation = 64 };
        }

        var environment = new EnvironmentInfo("Linux", "CPU", 2, ".NET 10.0.12", "X64", "0.15.8");
        _baseline = BaselineBuilder.Build([new ResultSet(baselineRun, environment, ["baseline-report-full.json"])]);
        _currentValues = current.Select(p => (p.Key, p.Value.NanosecondsPerOperation.ToList())).ToList();
        _current = new ResultSet(current, environment, ["current-report-full.json"]);

        // The small suite: the real fixture results of GateFixtureBenchmarks, as the task sees them on disk.
        _folder = Path.Combine(Path.GetTempPath(), "perfguard-engine-benchmarks-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _smallResults = Path.Combine(_folder, "small-report-full.json");
        var fixture = FindFixture();
        File.Copy(fixture, _smallResults, overwrite: true);
        _smallBaseline = Path.Combine(_folder, "baseline.json");
        var update = PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [_smallResults], Baseline = _smallBaseline, RecordCommit = false });
        if (update.Error is not null)
        {
            throw new InvalidOperationException(update.Error.Message);
        }
    }

    /// <summary>Fresh results each iteration: a result caches its median, and computing it is part of the cost.</summary>
    [IterationSetup(Target = nameof(Compare10000Benchmarks))]
    public void FreshResults() => _current = new ResultSet(
        _currentValues.ToDictionary(p => p.Key, p => new BenchmarkResult(p.Key, p.Values, "current-report-full.json") { BytesAllocatedPerOperation = 64 }, StringComparer.Ordinal),
        _current.Environment,
        _current.SourceFiles);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public int Compare10000Benchmarks()
    {
        var report = Comparer.Compare(_baseline, _current);
        var slower = report.Benchmarks.Count(b => b.Time?.Status == TimeStatus.Slower);
        // A fast but wrong engine must not look good: exactly the 100 slowed-down benchmarks are slower.
        return slower == 100 ? slower : throw new InvalidOperationException($"expected 100 slower benchmarks, found {slower}");
    }

    [Benchmark]
    public int GateOnSmallSuite() =>
        PerfGuardGate.Compare(new CompareRequest { Results = [_smallResults], Baseline = _smallBaseline }).ExitCode;

    private static List<double> Values(Random random, double center, int count)
    {
        var values = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            // Right-skewed like real timings: mostly within a few percent, a tail up to +30%.
            var noise = 1 + (0.03 * (random.NextDouble() - 0.5)) + (random.NextDouble() < 0.1 ? 0.3 * random.NextDouble() : 0);
            values.Add(center * noise);
        }

        return values;
    }

    private static string FindFixture()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "AssetAnchor.PerfGuard.Engine.Tests", "TestData", "gate-fixture", "baseline-run1",
                "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks-report-full.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("the gate fixture results were not found above " + AppContext.BaseDirectory);
    }
}
