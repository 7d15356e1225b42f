using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>Every verdict on real BenchmarkDotNet results (TestData/README.md says how they were produced).</summary>
public sealed class VerdictTests
{
    private static List<string> Keys(GateReport report, string code, FindingSeverity severity = FindingSeverity.Error) =>
        report.Findings.Where(f => f.Code == code && f.Severity == severity).Select(f => f.BenchmarkKey!).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("baseline-run2")]
    [InlineData("baseline-run3")]
    [InlineData("repeat")]
    public void Another_run_of_the_same_build_passes_against_a_one_run_baseline(string run)
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read(run));

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonicalString())));
        Assert.DoesNotContain(report.Findings, f => f.Severity != FindingSeverity.Message);
        Assert.All(report.Benchmarks, b => Assert.Equal(TimeStatus.Same, b.Time!.Status));
    }

    [Theory]
    [InlineData("baseline-run1", "baseline-run2")]
    [InlineData("baseline-run1", "baseline-run3")]
    [InlineData("baseline-run1", "repeat")]
    [InlineData("baseline-run2", "baseline-run1")]
    [InlineData("baseline-run2", "baseline-run3")]
    [InlineData("baseline-run2", "repeat")]
    [InlineData("baseline-run3", "baseline-run1")]
    [InlineData("baseline-run3", "baseline-run2")]
    [InlineData("baseline-run3", "repeat")]
    [InlineData("repeat", "baseline-run1")]
    [InlineData("repeat", "baseline-run2")]
    [InlineData("repeat", "baseline-run3")]
    public void Every_pair_of_runs_of_the_unchanged_build_passes_either_way_round(string baselineRun, string currentRun)
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom(baselineRun), Fixtures.Read(currentRun));

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonicalString())));
    }

    [Fact]
    public void A_pooled_baseline_never_allows_less_than_the_minimum_run_noise()
    {
        var baseline = Fixtures.BaselineFrom("baseline-run1", "baseline-run2", "baseline-run3");

        var report = Comparer.Compare(baseline, Fixtures.Read("repeat"));
        var lowered = Comparer.Compare(baseline, Fixtures.Read("repeat"), settings: new CompareSettings { MinimumRunNoise = 0 });

        // SumArray(1000)'s run medians were 448.8, 445.3, 448.8 ns: the measured bound is small...
        var measured = report.Benchmarks.Single(b => b.Key == Fixtures.SumArray1000).Time!;
        Assert.InRange(measured.MeasuredNoise!.Value, 0.0, 0.10);
        // ...but runs measured in a quiet minute say little about a busy one: the 50% minimum applies.
        Assert.Equal(0.5, measured.RelativeThreshold);
        // A quiet, dedicated runner can lower the minimum; then the measured noise (or the 5% threshold) rules.
        var tight = lowered.Benchmarks.Single(b => b.Key == Fixtures.SumArray1000).Time!;
        Assert.Equal(Math.Max(0.05, tight.MeasuredNoise!.Value), tight.RelativeThreshold, 12);
        // Every benchmark gets the larger of its own measured spread and the minimum.
        Assert.All(report.Benchmarks, b => Assert.Equal(Math.Max(0.5, b.Time!.MeasuredNoise!.Value), b.Time.RelativeThreshold, 12));
    }

    [Fact]
    public void A_repeat_run_passes_against_a_pooled_three_run_baseline()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1", "baseline-run2", "baseline-run3"), Fixtures.Read("repeat"));

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonicalString())));
    }

    [Fact]
    public void The_slower_build_fails_with_PG1001_on_exactly_the_benchmarks_that_got_slower()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("slower"));

        Assert.False(report.Passed);
        Assert.Equal([Fixtures.SumArray100, Fixtures.SumArray1000], Keys(report, BuildCodes.TimeRegression));
        Assert.Empty(Keys(report, BuildCodes.AllocationRegression));
        var sum = report.Benchmarks.Single(b => b.Key == Fixtures.SumArray1000).Time!;
        // Three passes instead of one: the median ratio is near 3, far beyond the 50% one-run noise allowance.
        Assert.InRange(sum.Ratio, 2.5, 3.5);
        Assert.True(sum.PValue < 0.01);
        var message = report.Findings.First(f => f.Code == BuildCodes.TimeRegression).Message;
        Assert.Contains("Mann-Whitney p=", message, StringComparison.Ordinal);
        Assert.Contains("threshold 50%|2ns = max(configured 5%|2ns, between-run noise 50% = the minimum, as one baseline run cannot measure it)", message, StringComparison.Ordinal);
        Assert.Contains("Results: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_slower_build_also_fails_against_a_pooled_baseline_and_the_message_names_the_measured_noise()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1", "baseline-run2", "baseline-run3"), Fixtures.Read("slower"));

        Assert.Equal([Fixtures.SumArray100, Fixtures.SumArray1000], Keys(report, BuildCodes.TimeRegression));
        Assert.Contains(report.Findings, f => f.Message.Contains("from 3 baseline runs, minimum 50%)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_allocating_build_fails_with_PG1002_naming_both_sizes()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("allocates"));

        Assert.Equal([Fixtures.BuildKey100, Fixtures.BuildKey1000], Keys(report, BuildCodes.AllocationRegression));
        var message = report.Findings.Single(f => f.Code == BuildCodes.AllocationRegression && f.BenchmarkKey == Fixtures.BuildKey100).Message;
        // byte[256] costs 256 B of elements plus a 24 B array header on x64.
        Assert.Contains("56 B/op -> 336 B/op (+280 B", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_points_at_the_baseline_line_of_the_benchmark()
    {
        using var folder = new TempFolder();
        var baseline = Fixtures.StoredBaseline(folder, "baseline-run1");

        var report = Comparer.Compare(baseline, Fixtures.Read("allocates"));

        var finding = report.Findings.First(f => f.Code == BuildCodes.AllocationRegression);
        Assert.Equal(baseline.Path, finding.File);
        var line = File.ReadAllLines(baseline.Path!)[finding.Line - 1];
        Assert.Contains($"\"key\": \"{finding.BenchmarkKey}\"", line, StringComparison.Ordinal);
        Assert.StartsWith(baseline.Path + $"({finding.Line}): error PG1002: ", finding.ToCanonicalString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Noise_in_the_first_run_is_cleared_by_a_re_measurement_while_the_real_regression_stays()
    {
        var baseline = Fixtures.BaselineFrom("baseline-run1");

        var unconfirmed = Comparer.Compare(baseline, Fixtures.Read("slower-confirm"));
        var confirmed = Comparer.Compare(baseline, Fixtures.Read("slower-confirm"), confirmation: Fixtures.Read("slower"));

        // The busy machine made unchanged benchmarks look 2x slower in this run...
        Assert.Contains(Fixtures.BuildKey100, Keys(unconfirmed, BuildCodes.TimeRegression));
        // ...the second run of the same build does not show it, so only SumArray (really slower) fails.
        Assert.Equal([Fixtures.SumArray100, Fixtures.SumArray1000], Keys(confirmed, BuildCodes.TimeRegression));
        Assert.Equal(TimeStatus.NotConfirmed, confirmed.Benchmarks.Single(b => b.Key == Fixtures.BuildKey100).Time!.Status);
        Assert.Contains(Fixtures.BuildKey100, Keys(confirmed, BuildCodes.TimeRegression, FindingSeverity.Message));
    }

    [Fact]
    public void A_re_measurement_of_an_unchanged_build_clears_every_suspect()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("slower-confirm"), confirmation: Fixtures.Read("repeat"));

        Assert.Empty(Keys(report, BuildCodes.TimeRegression));
        Assert.Empty(report.SuspectedTimeRegressions); // a confirmation was given: nothing left to re-measure
    }

    [Fact]
    public void Suspected_time_regressions_are_listed_for_re_measurement_when_no_confirmation_was_given()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("slower"));

        Assert.Equal([Fixtures.SumArray100, Fixtures.SumArray1000], report.SuspectedTimeRegressions.Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Round_trips_that_grew_fail_with_PG1003()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("derived/roundtrips-baseline"), Fixtures.Read("derived/roundtrips-regressed"));

        Assert.Equal([Fixtures.Lookup100, Fixtures.Lookup1000], Keys(report, BuildCodes.RoundTripRegression));
        Assert.Contains("1 -> 3 per operation (+2)", report.Findings.First(f => f.Code == BuildCodes.RoundTripRegression).Message, StringComparison.Ordinal);
        Assert.Empty(Keys(report, BuildCodes.TimeRegression));
    }

    [Fact]
    public void Equal_round_trips_pass()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("derived/roundtrips-baseline"), Fixtures.Read("derived/roundtrips-baseline"));

        Assert.True(report.Passed);
        Assert.All(report.Benchmarks, b => Assert.False(b.RoundTrips!.Regressed));
    }

    [Fact]
    public void A_different_environment_downgrades_time_regressions_to_warnings_and_says_so_once()
    {
        var measured = Fixtures.BaselineFrom("baseline-run1");
        var elsewhere = new Baseline
        {
            Tool = measured.Tool,
            Job = measured.Job,
            Environment = measured.Environment with { Cpu = "Some Other CPU", LogicalCores = 16 },
            Benchmarks = measured.Benchmarks,
        };

        var report = Comparer.Compare(elsewhere, Fixtures.Read("slower"));

        Assert.True(report.Passed);
        Assert.Single(report.Findings, f => f.Code == BuildCodes.EnvironmentDiffers && f.Severity == FindingSeverity.Warning);
        Assert.Equal([Fixtures.SumArray100, Fixtures.SumArray1000], Keys(report, BuildCodes.TimeRegression, FindingSeverity.Warning));
        Assert.Contains("processor 'Some Other CPU' -> 'AMD EPYC'", report.EnvironmentDifferences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Allocation_regressions_stay_errors_on_a_different_environment()
    {
        var measured = Fixtures.BaselineFrom("baseline-run1");
        var elsewhere = new Baseline { Tool = measured.Tool, Job = measured.Job, Environment = measured.Environment with { Runtime = ".NET 9.0.4 (9.0.4)" }, Benchmarks = measured.Benchmarks };

        var report = Comparer.Compare(elsewhere, Fixtures.Read("allocates"));

        Assert.Equal([Fixtures.BuildKey100, Fixtures.BuildKey1000], Keys(report, BuildCodes.AllocationRegression));
    }

    [Fact]
    public void A_runtime_patch_update_is_not_a_different_environment()
    {
        var env = Fixtures.Read("repeat").Environment;

        Assert.Empty(env.DifferencesFrom(env with { Runtime = ".NET 10.0.13 (10.0.13, 10.0.1326.1)", Os = "Linux Debian GNU/Linux 12.9 (bookworm)" }));
    }

    [Fact]
    public void Too_few_values_for_the_significance_level_give_PG1104_and_no_time_verdict()
    {
        var current = Fixtures.Read("slower");
        var trimmed = new ResultSet(
            current.Benchmarks.ToDictionary(p => p.Key, p => new BenchmarkResult(p.Key, p.Value.NanosecondsPerOperation.Take(3).ToList(), p.Value.SourceFile) { BytesAllocatedPerOperation = p.Value.BytesAllocatedPerOperation }),
            current.Environment,
            current.SourceFiles);
        var baseline = BaselineBuilder.Build([new ResultSet(
            Fixtures.Read("baseline-run1").Benchmarks.ToDictionary(p => p.Key, p => new BenchmarkResult(p.Key, p.Value.NanosecondsPerOperation.Take(3).ToList(), p.Value.SourceFile)),
            current.Environment, current.SourceFiles)]);

        var report = Comparer.Compare(baseline, trimmed);

        // 3 + 3 values: the smallest one-sided p-value is 1/C(6,3) = 0.05, so p < 0.01 is unreachable.
        Assert.True(report.Passed);
        Assert.Equal(6, report.Findings.Count(f => f.Code == BuildCodes.TooFewMeasurements && f.Severity == FindingSeverity.Warning));
        Assert.All(report.Benchmarks, b => Assert.Equal(TimeStatus.TooFewValues, b.Time!.Status));
        Assert.Contains("smallest possible p = 0.0500", report.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Added_and_removed_benchmarks_are_warnings_PG1101_and_PG1103()
    {
        var full = Fixtures.BaselineFrom("baseline-run1");
        var withoutLookup100 = new Baseline { Tool = full.Tool, Job = full.Job, Environment = full.Environment, Benchmarks = full.Benchmarks.Where(b => b.Key != Fixtures.Lookup100).ToList() };
        var current = Fixtures.Read("repeat");
        var withoutSum1000 = new ResultSet(current.Benchmarks.Where(p => p.Key != Fixtures.SumArray1000).ToDictionary(), current.Environment, current.SourceFiles);

        var report = Comparer.Compare(withoutLookup100, withoutSum1000);

        Assert.True(report.Passed);
        Assert.Equal([Fixtures.Lookup100], Keys(report, BuildCodes.NoBaselineEntry, FindingSeverity.Warning));
        Assert.Equal([Fixtures.SumArray1000], Keys(report, BuildCodes.NoCurrentResult, FindingSeverity.Warning));
    }

    [Fact]
    public void Improvements_are_listed_and_never_errors()
    {
        // The slower build as baseline, the normal build as current: SumArray got 3x faster.
        var report = Comparer.Compare(Fixtures.BaselineFrom("slower"), Fixtures.Read("repeat"));

        Assert.True(report.Passed);
        Assert.Equal(TimeStatus.Faster, report.Benchmarks.Single(b => b.Key == Fixtures.SumArray1000).Time!.Status);
        Assert.True(report.Benchmarks.Single(b => b.Key == Fixtures.SumArray100).IsImprovement);
    }

    [Fact]
    public void Fewer_allocations_are_an_improvement()
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom("allocates"), Fixtures.Read("repeat"));

        Assert.Empty(Keys(report, BuildCodes.AllocationRegression));
        Assert.True(report.Benchmarks.Single(b => b.Key == Fixtures.BuildKey100).Bytes!.Improved);
    }

    [Fact]
    public void A_configured_run_noise_replaces_the_measured_one()
    {
        var settings = new CompareSettings { RunNoise = 5.0 }; // allow 6x: even the 3x slower build passes

        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("slower"), settings: settings);

        Assert.Empty(Keys(report, BuildCodes.TimeRegression));
    }

    [Fact]
    public void Benchmarks_that_measure_about_zero_time_do_not_break_the_comparison()
    {
        // BenchmarkDotNet subtracts the overhead, so an empty benchmark yields values around 0, some negative.
        var environment = Fixtures.Read("repeat").Environment;
        double[] nearZero = [-0.3, 0.1, 0.0, 0.2, -0.1, 0.05, 0.3, -0.2, 0.1, 0.0, 0.15, -0.05, 0.2, 0.1, -0.1, 0.0, 0.05, 0.1, -0.2, 0.3];
        ResultSet Run(double shift) => new(
            new Dictionary<string, BenchmarkResult> { ["Empty"] = new("Empty", nearZero.Select(v => v + shift).ToList(), "empty-report-full.json") { BytesAllocatedPerOperation = 0 } },
            environment,
            ["empty-report-full.json"]);

        var report = Comparer.Compare(BaselineBuilder.Build([Run(0)]), Run(0.4));

        Assert.True(report.Passed); // +0.4 ns is below the 2 ns floor whatever the ratio
        Assert.Equal(TimeStatus.Same, report.Benchmarks.Single().Time!.Status);
    }

    [Theory]
    [InlineData("overloaded/base-a")]
    [InlineData("overloaded/base-b")]
    [InlineData("overloaded/base-c")]
    public void On_an_overloaded_machine_allocation_regressions_stay_exact(string baselineRun)
    {
        var report = Comparer.Compare(Fixtures.BaselineFrom(baselineRun), Fixtures.Read("overloaded/allocates-a"));

        Assert.Equal([Fixtures.BuildKey100, Fixtures.BuildKey1000], Keys(report, BuildCodes.AllocationRegression));
    }

    [Theory]
    [InlineData("overloaded/slower-a")]
    [InlineData("overloaded/slower-b")]
    public void On_an_overloaded_machine_a_pooled_baseline_still_catches_the_large_regression(string slowerRun)
    {
        var baseline = Fixtures.BaselineFrom("overloaded/base-a", "overloaded/base-b", "overloaded/base-c");

        var report = Comparer.Compare(baseline, Fixtures.Read(slowerRun));

        // SumArray(1000): run medians 1112, 966, 1374 ns allow 84%; the slower build measured 2.4-2.8x.
        Assert.Equal([Fixtures.SumArray1000], Keys(report, BuildCodes.TimeRegression));
        // SumArray(100)'s runs (103, 106, 199 ns) spread so far that the 3x change cannot be told from noise.
        Assert.True(report.Benchmarks.Single(b => b.Key == Fixtures.SumArray100).Time!.RelativeThreshold > 2);
    }

    [Fact]
    public void The_absolute_noise_floor_keeps_tiny_changes_from_failing()
    {
        // SumArray(100) went from ~46 ns to ~137 ns: a 200 ns floor makes that change too small to matter.
        var settings = new CompareSettings { Threshold = ThresholdSpec.Parse("5%|200ns") };

        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("slower"), settings: settings);

        Assert.Equal([Fixtures.SumArray1000], Keys(report, BuildCodes.TimeRegression));
    }
}
