using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace AssetAnchor.PerfGuard.Tasks.Tests;

public sealed class TaskTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    private string Baseline => _folder.File("perfguard-baseline.json");

    private static ITaskItem[] Items(params string[] paths) => paths.Select(p => (ITaskItem)new TaskItem(p)).ToArray();

    private void CreateBaseline(string run = "baseline-run1")
    {
        var update = new PerfGuardUpdateBaseline { BuildEngine = new FakeBuildEngine(), Results = Items(TestFiles.Run(run)), Baseline = Baseline };
        Assert.True(update.Execute());
    }

    private PerfGuardCompare Compare(string run) => new()
    {
        BuildEngine = _engine,
        Results = Items(TestFiles.Run(run)),
        Baseline = Baseline,
    };

    [Fact]
    public void A_repeat_run_passes_without_errors()
    {
        CreateBaseline();

        Assert.True(Compare("repeat").Execute());
        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Lines, l => l.StartsWith("MESSAGE: PerfGuard: PASSED: 6 benchmarks", StringComparison.Ordinal));
    }

    [Fact]
    public void A_slower_build_fails_with_one_PG1001_per_benchmark_pointing_at_the_baseline_line()
    {
        CreateBaseline();

        Assert.False(Compare("slower").Execute());

        Assert.Equal(["PG1001", "PG1001"], _engine.ErrorCodes);
        Assert.All(_engine.Errors, e =>
        {
            Assert.Equal(Baseline, e.File);
            Assert.True(e.LineNumber > 0);
            Assert.Equal("PerfGuard", e.Subcategory);
            Assert.Contains(".SumArray(Length: ", e.Message, StringComparison.Ordinal);
        });
        Assert.Contains(_engine.Lines, l => l.StartsWith("ERROR PG1001: 'AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.SumArray(Length: 100)' is slower", StringComparison.Ordinal));
    }

    [Fact]
    public void An_allocating_build_fails_with_PG1002()
    {
        CreateBaseline();

        Assert.False(Compare("allocates").Execute());

        Assert.Equal(2, _engine.ErrorCodes.Count(c => c == "PG1002"));
    }

    [Fact]
    public void A_missing_baseline_is_one_PG1201_and_never_an_exception()
    {
        Assert.False(Compare("repeat").Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1201", error.Code);
        Assert.Equal(Baseline, error.File);
    }

    [Fact]
    public void A_bad_significance_is_PG1201_on_the_project()
    {
        CreateBaseline();
        var task = Compare("repeat");
        task.Significance = "one percent";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1201", error.Code);
        Assert.Equal("/repo/Suite.csproj", error.File);
    }

    [Fact]
    public void A_bad_property_names_itself_in_the_PG1201()
    {
        CreateBaseline();
        var task = Compare("repeat");
        task.Threshold = "fast";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1201", error.Code);
        Assert.Equal("/repo/Suite.csproj", error.File);
        Assert.Contains("PerfGuardThreshold 'fast'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "", true)]
    [InlineData(false, "true", true)]
    [InlineData(true, "false", false)]
    public void A_property_overrides_perfguard_json_and_an_empty_one_leaves_it(bool inFile, string property, bool required)
    {
        var update = new PerfGuardUpdateBaseline { BuildEngine = new FakeBuildEngine(), Results = Items(TestFiles.Shard(1), TestFiles.Shard(2)), Baseline = Baseline };
        Assert.True(update.Execute());
        File.WriteAllText(_folder.File("perfguard.json"), $$"""{ "requireAllBenchmarks": {{(inFile ? "true" : "false")}} }""");
        var task = new PerfGuardCompare { BuildEngine = _engine, Results = Items(TestFiles.Shard(1)), Baseline = Baseline, RequireAllBenchmarks = property };

        Assert.Equal(!required, task.Execute());

        Assert.Equal(required ? ["PG1103", "PG1103"] : [], _engine.ErrorCodes);
    }

    [Fact]
    public void The_step_summary_goes_to_the_path_the_targets_pass_and_is_not_a_build_output()
    {
        CreateBaseline();
        var summary = _folder.File("step-summary.md");
        var task = Compare("repeat");
        task.StepSummaryPath = summary;
        task.ReportDirectory = _folder.File("report");

        Assert.True(task.Execute());

        Assert.Contains("# Performance Test Report", File.ReadAllText(summary), StringComparison.Ordinal);
        Assert.Equal(3, task.ReportFiles.Length);
        Assert.DoesNotContain(task.ReportFiles, f => f.ItemSpec == summary);
    }

    [Fact]
    public void RequireAllBenchmarks_turns_a_missing_shard_into_PG1103_errors()
    {
        var update = new PerfGuardUpdateBaseline { BuildEngine = new FakeBuildEngine(), Results = Items(TestFiles.Shard(1), TestFiles.Shard(2)), Baseline = Baseline };
        Assert.True(update.Execute());
        var task = new PerfGuardCompare { BuildEngine = _engine, Results = Items(TestFiles.Shard(1)), Baseline = Baseline };

        task.RequireAllBenchmarks = "true";

        Assert.False(task.Execute());
        Assert.Equal(["PG1103", "PG1103"], _engine.ErrorCodes);
    }

    [Fact]
    public void Without_RequireAllBenchmarks_a_missing_shard_is_a_warning()
    {
        var update = new PerfGuardUpdateBaseline { BuildEngine = new FakeBuildEngine(), Results = Items(TestFiles.Shard(1), TestFiles.Shard(2)), Baseline = Baseline };
        Assert.True(update.Execute());
        var task = new PerfGuardCompare { BuildEngine = _engine, Results = Items(TestFiles.Shard(1)), Baseline = Baseline };

        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Lines, l => l.StartsWith("WARNING PG1103:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(PerfGuardCompare.CpuThreshold), "ten percent")]
    [InlineData(nameof(PerfGuardCompare.CpuMinimumRunNoise), "five")]
    [InlineData(nameof(PerfGuardCompare.ContentionLimit), "150%")]
    [InlineData(nameof(PerfGuardCompare.RequireAllBenchmarks), "yes")]
    [InlineData(nameof(PerfGuardCompare.AllocationTolerance), "16")]
    public void A_bad_CPU_or_contention_setting_is_one_PG1201_never_an_exception(string property, string value)
    {
        CreateBaseline();
        var task = Compare("repeat");
        typeof(PerfGuardCompare).GetProperty(property)!.SetValue(task, value);

        Assert.False(task.Execute());

        Assert.Equal("PG1201", Assert.Single(_engine.Errors).Code);
    }

    /// <summary>A re-measurement command that copies a recorded run into the confirmation folder, then exits as told.</summary>
    private PerfGuardCompare CompareWithRemeasure(string run, string? recordedRun, int exitCode = 0, string output = "")
    {
        var task = Compare(run);
        var copy = recordedRun is null ? ":" : $"mkdir -p confirm && cp '{TestFiles.Run(recordedRun)}'/*.json confirm/";
        task.RemeasureCommand = $"touch remeasured.marker && printf '%s\\n' '{output}' && {copy} && exit {exitCode}";
        task.RemeasureResults = _folder.File("confirm");
        task.RemeasureWorkingDirectory = _folder.Path;
        return task;
    }

    [Fact]
    public void A_suspected_time_regression_is_re_measured_and_fails_only_when_the_re_measurement_confirms_it()
    {
        CreateBaseline();

        Assert.False(CompareWithRemeasure("slower-confirm", "slower").Execute());

        Assert.True(File.Exists(_folder.File("remeasured.marker")));
        Assert.Contains(_engine.Lines, l => l.Contains("suspected time regression(s)", StringComparison.Ordinal));
        Assert.Equal(["PG1001", "PG1001"], _engine.ErrorCodes);
    }

    [Fact]
    public void A_re_measurement_that_shows_no_regression_passes()
    {
        CreateBaseline();

        Assert.True(CompareWithRemeasure("slower-confirm", "repeat").Execute());

        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_failed_re_measurement_is_one_PG1203_and_its_output_is_text_not_errors()
    {
        CreateBaseline();
        // BenchmarkDotNet's legend line, which MSBuild's Exec used to read as a canonical error (EXEC : error, MSB3077).
        const string Legend = "Error : Half of 99.9% confidence interval";

        Assert.False(CompareWithRemeasure("slower-confirm", "repeat", exitCode: 3, output: Legend).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1203", error.Code);
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(Legend, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_re_measurement_that_writes_no_results_is_PG1203()
    {
        CreateBaseline();

        Assert.False(CompareWithRemeasure("slower-confirm", recordedRun: null).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1203", error.Code);
        Assert.Contains("wrote no BenchmarkDotNet full JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_re_measured_when_allocations_already_failed()
    {
        CreateBaseline();

        Assert.False(CompareWithRemeasure("allocates", "repeat").Execute());

        Assert.False(File.Exists(_folder.File("remeasured.marker")));
        Assert.Contains("PG1002", _engine.ErrorCodes);
    }

    [Fact]
    public void The_re_measurement_confirms_a_real_regression()
    {
        CreateBaseline();
        var task = Compare("slower-confirm");
        task.ConfirmationResults = Items(TestFiles.Run("slower"));

        Assert.False(task.Execute());

        Assert.Equal(["PG1001", "PG1001"], _engine.ErrorCodes);
    }

    [Fact]
    public void The_re_measurement_clears_noise()
    {
        CreateBaseline();
        var task = Compare("slower-confirm");
        task.ConfirmationResults = Items(TestFiles.Run("repeat"));

        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Update_writes_the_baseline_and_logs_what_changed()
    {
        CreateBaseline();
        var update = new PerfGuardUpdateBaseline { BuildEngine = _engine, Results = Items(TestFiles.Run("allocates")), Baseline = Baseline };

        Assert.True(update.Execute());

        Assert.True(update.Written);
        Assert.Contains(_engine.Lines, l => l.Contains("changed AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.BuildKey(Length: 100)", StringComparison.Ordinal) && l.Contains("56 B -> 336 B/op", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_from_unusable_results_is_PG1201_and_leaves_the_baseline_alone()
    {
        CreateBaseline();
        var before = File.ReadAllText(Baseline);
        var broken = _folder.File("broken-report-full.json");
        File.WriteAllText(broken, "{ \"Benchmarks\": [ ");
        var update = new PerfGuardUpdateBaseline { BuildEngine = _engine, Results = Items(broken), Baseline = Baseline };

        Assert.False(update.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1201", error.Code);
        Assert.Equal(broken, error.File);
        Assert.Equal(before, File.ReadAllText(Baseline));
    }

    [Fact]
    public void Update_judges_unchanged_with_the_same_properties_as_the_gate()
    {
        CreateBaseline();
        var before = File.ReadAllText(Baseline);

        // A threshold of 1000%: the slower run's 3x is within it, so every entry stays as committed.
        var tolerant = new PerfGuardUpdateBaseline { BuildEngine = _engine, Results = Items(TestFiles.Run("slower")), Baseline = Baseline, Threshold = "1000%|2ns", CpuThreshold = "1000%|2ns" };
        Assert.True(tolerant.Execute());
        Assert.False(tolerant.Written);
        Assert.Equal(before, File.ReadAllText(Baseline));

        // The default threshold: the slower entries change.
        var strict = new PerfGuardUpdateBaseline { BuildEngine = _engine, Results = Items(TestFiles.Run("slower")), Baseline = Baseline };
        Assert.True(strict.Execute());
        Assert.True(strict.Written);
        Assert.NotEqual(before, File.ReadAllText(Baseline));
    }

    [Fact]
    public void Update_with_a_bad_property_is_one_PG1201_naming_it_and_leaves_the_baseline_alone()
    {
        CreateBaseline();
        var before = File.ReadAllText(Baseline);
        var update = new PerfGuardUpdateBaseline { BuildEngine = _engine, Results = Items(TestFiles.Run("slower")), Baseline = Baseline, MinimumRunNoise = "half" };

        Assert.False(update.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("PG1201", error.Code);
        Assert.Contains("PerfGuardMinimumRunNoise 'half'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Baseline));
    }

    [Fact]
    public void Update_checks_the_run_count()
    {
        var update = new PerfGuardUpdateBaseline { BuildEngine = _engine, Results = Items(TestFiles.Run("baseline-run1"), TestFiles.Run("baseline-run2")), Baseline = Baseline, Runs = 2 };

        Assert.True(update.Execute());
        Assert.Contains("\"runs\": 2", File.ReadAllText(Baseline), StringComparison.Ordinal);
    }
}
