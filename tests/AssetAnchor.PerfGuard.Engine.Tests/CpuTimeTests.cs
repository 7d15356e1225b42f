using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>
/// CPU time per operation (PG1005) and the busy-machine verdict (PG1106). The values are generated from a seeded
/// random source with the shapes measured on the shared machine: CPU time per iteration within about 1% of its median,
/// wall time within about 10%, and wall time 2-4x slower while four CPU-bound processes share the two cores.
/// </summary>
public sealed class CpuTimeTests
{
    private const string Key = "Suite.Work(Size: 1)";

    private static IReadOnlyList<double> Values(int seed, double median, double spread, int count = 15)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => median * (1 + (spread * ((random.NextDouble() * 2) - 1)))).ToList();
    }

    private static ResultSet Run(int seed, double wallFactor, double cpuFactor, double? waitFraction)
    {
        var result = new BenchmarkResult(Key, Values(seed, 20_000 * wallFactor, 0.10), "current.json")
        {
            CpuNanosecondsPerOperation = Values(seed + 1000, 7_000 * cpuFactor, 0.01),
            Contention = waitFraction is null ? null : new Contention(waitFraction, 12.5, 1, 0.35),
        };
        return new ResultSet(new Dictionary<string, BenchmarkResult> { [Key] = result }, EnvironmentInfo.Unknown, ["current.json"]);
    }

    private static Baseline QuietBaseline(int runs = 2) =>
        BaselineBuilder.Build(Enumerable.Range(0, runs).Select(r => Run(r, 1, 1, 0.01)).ToList());

    private static List<Finding> Of(GateReport report, string code) => report.Findings.Where(f => f.Code == code).ToList();

    [Fact]
    public void A_quarter_more_cpu_time_fails_with_PG1005_and_names_both_medians()
    {
        var report = Comparer.Compare(QuietBaseline(), Run(7, 1.25, 1.25, 0.01));

        var finding = Assert.Single(Of(report, BuildCodes.CpuTimeRegression));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("1.25", finding.Message, StringComparison.Ordinal);
        Assert.Contains("process CPU time", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.04)]
    public void Cpu_time_within_the_threshold_passes(double cpuFactor)
    {
        var report = Comparer.Compare(QuietBaseline(), Run(7, 1, cpuFactor, 0.01));

        Assert.Empty(Of(report, BuildCodes.CpuTimeRegression));
        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonicalString())));
        Assert.Equal(TimeStatus.Same, report.Benchmarks.Single().Cpu!.Status);
    }

    [Fact]
    public void The_cpu_noise_of_a_pooled_baseline_widens_the_allowance()
    {
        // Two baseline runs whose CPU medians differ by 20%: the next run may move that much on its own.
        var runs = new[] { Run(1, 1, 1.0, 0.01), Run(2, 1, 1.2, 0.01) };
        var report = Comparer.Compare(BaselineBuilder.Build(runs), Run(7, 1, 1.25, 0.01));

        var cpu = report.Benchmarks.Single().Cpu!;
        Assert.NotNull(cpu.MeasuredNoise);
        Assert.True(cpu.RelativeThreshold > 0.5, $"allowed {cpu.RelativeThreshold}");
        Assert.Empty(Of(report, BuildCodes.CpuTimeRegression));
    }

    [Fact]
    public void Wall_time_measured_while_waiting_for_a_core_does_not_fail_and_one_PG1106_says_why()
    {
        // Wall time 3x (waiting for a core), CPU time unchanged: the gate passes with one warning.
        var report = Comparer.Compare(QuietBaseline(), Run(7, 3, 1, 0.6));

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonicalString())));
        var busy = Assert.Single(Of(report, BuildCodes.MachineBusy));
        Assert.Equal(FindingSeverity.Warning, busy.Severity);
        Assert.Contains("60%", busy.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Code == BuildCodes.TimeRegression && f.Severity != FindingSeverity.Message);
        Assert.Equal(TimeStatus.Slower, report.Benchmarks.Single().Time!.Status);
    }

    [Fact]
    public void A_cpu_regression_on_a_busy_machine_still_fails()
    {
        var report = Comparer.Compare(QuietBaseline(), Run(7, 3, 1.3, 0.6));

        Assert.Single(Of(report, BuildCodes.MachineBusy));
        Assert.Equal(FindingSeverity.Error, Assert.Single(Of(report, BuildCodes.CpuTimeRegression)).Severity);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Wall_time_on_a_free_machine_is_gated_as_before()
    {
        var report = Comparer.Compare(QuietBaseline(), Run(7, 3, 1, 0.05));

        Assert.Empty(Of(report, BuildCodes.MachineBusy));
        Assert.Equal(FindingSeverity.Error, Assert.Single(Of(report, BuildCodes.TimeRegression)).Severity);
    }

    [Fact]
    public void The_contention_limit_is_a_setting()
    {
        var report = Comparer.Compare(QuietBaseline(), Run(7, 3, 1, 0.6), settings: new CompareSettings { ContentionLimit = 0.7 });

        Assert.Empty(Of(report, BuildCodes.MachineBusy));
        Assert.Equal(FindingSeverity.Error, Assert.Single(Of(report, BuildCodes.TimeRegression)).Severity);
    }

    [Fact]
    public void Results_without_cpu_time_are_judged_on_wall_time_alone()
    {
        var baseline = BaselineBuilder.Build([Run(1, 1, 1, null)]);
        var plain = new BenchmarkResult(Key, Values(7, 20_000, 0.10), "old.json");
        var report = Comparer.Compare(baseline, new ResultSet(new Dictionary<string, BenchmarkResult> { [Key] = plain }, EnvironmentInfo.Unknown, ["old.json"]));

        Assert.Null(report.Benchmarks.Single().Cpu);
        Assert.False(report.Benchmarks.Single().MeasuredBusy);
        Assert.True(report.Passed);
    }

    [Fact]
    public void The_baseline_keeps_each_runs_cpu_values_and_reads_them_back()
    {
        using var folder = new TempFolder();
        var built = QuietBaseline(3);
        var path = folder.File("baseline.json");
        BaselineStore.WriteAtomic(path, BaselineStore.Serialize(built));
        var read = BaselineStore.Read(path);

        var entry = read.Benchmarks.Single();
        Assert.Equal(3, entry.CpuRunValues.Count);
        Assert.Equal(3, entry.CpuRunMedians.Count);
        Assert.Equal(built.Benchmarks.Single().CpuMedian, entry.CpuMedian);
        Assert.Equal(built.Benchmarks.Single().PooledCpuValues, entry.PooledCpuValues);
        Assert.InRange(entry.CpuMedian!.Value, 6_900, 7_100);
        Assert.Equal(BaselineStore.Serialize(built), BaselineStore.Serialize(read));
    }

    [Fact]
    public void A_baseline_without_cpu_time_is_written_without_cpu_fields()
    {
        var text = BaselineStore.Serialize(BaselineBuilder.Build([WithoutCpu(Run(1, 1, 1, null))]));

        Assert.DoesNotContain("cpuMedianNs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cpuValuesNs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cpuRunMediansNs", text, StringComparison.Ordinal);

        static ResultSet WithoutCpu(ResultSet set) => new(
            set.Benchmarks.ToDictionary(p => p.Key, p => new BenchmarkResult(p.Key, p.Value.NanosecondsPerOperation, p.Value.SourceFile)),
            set.Environment, set.SourceFiles);
    }
}
