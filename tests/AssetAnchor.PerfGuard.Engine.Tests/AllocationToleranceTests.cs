using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>
/// The allocation gate (PG1002): the allocationTolerance setting, and the per-benchmark widening learnt from a
/// baseline whose pooled runs allocated differently (async state machines boxed or not, depending on scheduling).
/// The byte counts are the sample's AuthBenchmarks.Login as measured on the shared machine (54,184-56,728 B/op).
/// </summary>
public sealed class AllocationToleranceTests
{
    private const string Key = "Suite.Login";

    private static ResultSet Run(double bytesPerOp, int seed = 1)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 15).Select(_ => 20_000 * (1 + (0.02 * random.NextDouble()))).ToList();
        var result = new BenchmarkResult(Key, values, "current.json") { BytesAllocatedPerOperation = bytesPerOp, RoundTripsPerOperation = 2 };
        return new ResultSet(new Dictionary<string, BenchmarkResult> { [Key] = result }, EnvironmentInfo.Unknown, ["current.json"]);
    }

    private static Baseline Pooled(params double[] bytesPerRun) =>
        BaselineBuilder.Build(bytesPerRun.Select((bytes, i) => Run(bytes, i + 1)).ToList());

    private static Finding? AllocationFinding(GateReport report) => report.Findings.SingleOrDefault(f => f.Code == BuildCodes.AllocationRegression);

    [Theory]
    [InlineData("1%|16B", 0.01, 16)]
    [InlineData("5%", 0.05, 0)]
    [InlineData("64B", 0, 64)]
    [InlineData(" 2.5% | 0B ", 0.025, 0)]
    public void The_tolerance_reads_like_the_threshold(string text, double relative, double absolute)
    {
        Assert.Equal(new AllocationTolerance(relative, absolute), AllocationTolerance.Parse(text));
    }

    [Theory]
    [InlineData("16")]
    [InlineData("16ns")]
    [InlineData("-1%")]
    [InlineData("lots")]
    [InlineData("")]
    public void A_tolerance_that_is_not_a_percentage_or_bytes_is_refused(string text)
    {
        Assert.False(AllocationTolerance.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void The_default_is_1_percent_or_16_bytes_whichever_is_larger()
    {
        Assert.Equal(AllocationTolerance.Parse("1%|16B"), new CompareSettings().AllocationTolerance);
        Assert.Equal(16, AllocationTolerance.Default.Of(800));
        Assert.Equal(551.52, AllocationTolerance.Default.Of(55_152), 6);
    }

    [Fact]
    public void A_deterministic_benchmark_still_fails_at_two_percent_more()
    {
        // Three runs that agree: no spread is recorded and the tight default applies.
        var baseline = Pooled(55_152, 55_152, 55_152);
        Assert.Null(baseline.Benchmarks.Single().BytesPerOpMin);

        var report = Comparer.Compare(baseline, Run(55_152 * 1.02));

        var finding = AllocationFinding(report);
        Assert.NotNull(finding);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("tolerance 1%|16B = 551.5 B", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Within_the_tolerance_a_deterministic_benchmark_passes()
    {
        var report = Comparer.Compare(Pooled(55_152, 55_152), Run(55_152 + 500));

        Assert.Null(AllocationFinding(report));
    }

    [Fact]
    public void A_baseline_whose_runs_disagreed_widens_that_benchmarks_allowance_to_twice_their_spread()
    {
        // Runs of 54,184 and 55,152 B/op: spread 968 B, allowance 1,936 B. Today's failing run (56,728, +2.9%) passes.
        var baseline = Pooled(54_184, 55_152, 54_600);
        var entry = baseline.Benchmarks.Single();
        Assert.Equal(55_152, entry.BytesPerOp);
        Assert.Equal(54_184, entry.BytesPerOpMin);

        var report = Comparer.Compare(baseline, Run(56_728));

        Assert.Null(AllocationFinding(report));
        Assert.Equal(1_936, report.Benchmarks.Single().Bytes!.Allowance);
    }

    [Fact]
    public void Beyond_twice_the_spread_a_noisy_benchmark_fails_and_the_message_explains_the_allowance()
    {
        var report = Comparer.Compare(Pooled(54_184, 55_152), Run(55_152 + 2_000));

        var finding = AllocationFinding(report);
        Assert.NotNull(finding);
        Assert.Contains("allowed +1936 B = max(tolerance 1%|16B = 551.5 B, 2 x the baseline runs' spread 54184 B to 55152 B)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spread_never_narrows_the_configured_tolerance()
    {
        // Spread 20 B (allowance 40 B) below a 5% tolerance (2,758 B): the tolerance wins.
        var settings = new CompareSettings { AllocationTolerance = AllocationTolerance.Parse("5%|16B") };

        var report = Comparer.Compare(Pooled(55_132, 55_152), Run(55_152 * 1.04), settings: settings);

        Assert.Null(AllocationFinding(report));
        Assert.Equal(2_757.6, report.Benchmarks.Single().Bytes!.Allowance, 6);
    }

    [Fact]
    public void A_configured_tolerance_decides_and_is_quoted()
    {
        var settings = new CompareSettings { AllocationTolerance = AllocationTolerance.Parse("5%|16B") };
        var baseline = Pooled(55_152);

        Assert.Null(AllocationFinding(Comparer.Compare(baseline, Run(56_728), settings: settings)));
        var finding = AllocationFinding(Comparer.Compare(baseline, Run(55_152 * 1.06), settings: settings));
        Assert.NotNull(finding);
        Assert.Contains("tolerance 5%|16B", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smallest_bytes_per_op_survives_the_file_and_an_old_baseline_without_it_still_reads()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        var text = BaselineStore.Serialize(Pooled(54_184, 55_152));
        Assert.Contains("\"bytesPerOpMin\": 54184", text, StringComparison.Ordinal);
        File.WriteAllText(path, text);
        Assert.Equal(54_184, BaselineStore.Read(path).Benchmarks.Single().BytesPerOpMin);

        // Agreeing runs write no field at all, so an old baseline (and its diff) stays as it was.
        var agreed = BaselineStore.Serialize(Pooled(55_152, 55_152));
        Assert.DoesNotContain("bytesPerOpMin", agreed, StringComparison.Ordinal);
        File.WriteAllText(path, agreed);
        var read = BaselineStore.Read(path).Benchmarks.Single();
        Assert.Null(read.BytesPerOpMin);
        Assert.Equal(0, read.BytesSpread);
    }

    [Fact]
    public void An_update_that_keeps_an_unchanged_entry_still_learns_the_spread_of_the_fresh_runs()
    {
        var previous = Pooled(55_152, 55_152);
        var runs = new[] { Run(54_900, 5), Run(55_152, 6) };
        var settings = new CompareSettings { Threshold = ThresholdSpec.Parse("50%|2ns") };

        var merged = BaselineMerge.Merge(previous, BaselineBuilder.Build(runs), runs, KeyFilter.All, BudgetFile.Defaults, settings);

        Assert.Contains(Key, merged.KeptUnchanged);
        var entry = merged.Baseline.Benchmarks.Single();
        Assert.Equal(55_152, entry.BytesPerOp);
        Assert.Equal(54_900, entry.BytesPerOpMin);
        Assert.Equal(previous.Benchmarks.Single().RunValues, entry.RunValues);
    }
}
