using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Load;
using AssetAnchor.PerfGuard.Engine.Settings;
using AssetAnchor.PerfGuard.Engine.Statistics;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>
/// The one resolver of the gate's settings: defaults &lt; perfguard.json &lt; the host (MSBuild properties or CLI
/// options), per setting, and one PG1201 naming the setting where the user wrote it.
/// </summary>
public sealed class SettingsTests
{
    private static SettingLayer Host(params (Setting Setting, string? Text)[] values) =>
        SettingLayer.FromHost(SettingSource.MSBuild, "/repo/Suite.csproj", values);

    private static BudgetFile Json(TempFolder folder, string json)
    {
        var path = folder.File("perfguard.json");
        File.WriteAllText(path, json);
        return BudgetFile.Load(path);
    }

    [Fact]
    public void Without_any_layer_every_setting_is_its_documented_default()
    {
        var settings = SettingsResolver.Resolve(new CompareSettings());

        Assert.Equal(ThresholdSpec.Parse("5%|2ns"), settings.Threshold);
        Assert.Null(settings.RunNoise);
        Assert.Equal(0.5, settings.MinimumRunNoise);
        Assert.Equal(0.01, settings.Significance);
        Assert.Equal(ThresholdSpec.Parse("10%|2ns"), settings.CpuThreshold);
        Assert.Equal(0.05, settings.CpuMinimumRunNoise);
        Assert.Equal(0.20, settings.ContentionLimit);
        Assert.False(settings.RequireAllBenchmarks);
        Assert.Equal(AllocationTolerance.Parse("1%|16B"), settings.AllocationTolerance);
    }

    [Fact]
    public void Perfguard_json_overrides_the_defaults_and_the_host_overrides_perfguard_json_setting_by_setting()
    {
        using var folder = new TempFolder();
        var file = Json(folder, """
            {
              "threshold": "7%|3ns",
              "runNoise": "20%",
              "significance": 0.05,
              "cpuThreshold": "15%|1ns",
              "requireAllBenchmarks": true,
              "allocationTolerance": "5%|16B"
            }
            """);
        var host = Host((Setting.Threshold, "9%|4ns"), (Setting.RunNoise, "auto"), (Setting.ContentionLimit, "30%"), (Setting.RequireAllBenchmarks, "false"));

        var settings = SettingsResolver.Resolve(new CompareSettings(), file.Settings, host);

        Assert.Equal(new ThresholdSpec(0.09, 4), settings.Threshold);          // host over file
        Assert.Null(settings.RunNoise);                                        // host "auto" over file "20%"
        Assert.Equal(0.05, settings.Significance);                             // file only
        Assert.Equal(new ThresholdSpec(0.15, 1), settings.CpuThreshold);       // file only
        Assert.Equal(0.30, settings.ContentionLimit);                          // host only
        Assert.False(settings.RequireAllBenchmarks);                           // host false over file true
        Assert.Equal(0.5, settings.MinimumRunNoise);                           // neither: default
        Assert.Equal(new AllocationTolerance(0.05, 16), settings.AllocationTolerance); // file only
    }

    [Fact]
    public void An_empty_host_value_leaves_the_setting_to_perfguard_json()
    {
        using var folder = new TempFolder();
        var file = Json(folder, """{ "minimumRunNoise": "10%" }""");

        var settings = SettingsResolver.Resolve(new CompareSettings(), file.Settings, Host((Setting.MinimumRunNoise, "  "), (Setting.Threshold, null)));

        Assert.Equal(0.10, settings.MinimumRunNoise);
        Assert.Equal(ThresholdSpec.Default, settings.Threshold);
    }

    [Theory]
    [InlineData(Setting.Threshold, "fast", "PerfGuardThreshold 'fast'")]
    [InlineData(Setting.RunNoise, "loud", "PerfGuardRunNoise 'loud'")]
    [InlineData(Setting.MinimumRunNoise, "10", "PerfGuardMinimumRunNoise '10'")]
    [InlineData(Setting.Significance, "0.7", "PerfGuardSignificance '0.7'")]
    [InlineData(Setting.Significance, "one percent", "between 0 and 0.5")]
    [InlineData(Setting.CpuThreshold, "ten percent", "PerfGuardCpuThreshold 'ten percent'")]
    [InlineData(Setting.CpuMinimumRunNoise, "five", "PerfGuardCpuMinimumRunNoise 'five'")]
    [InlineData(Setting.ContentionLimit, "150%", "between 0% and 100%")]
    [InlineData(Setting.RequireAllBenchmarks, "yes", "PerfGuardRequireAllBenchmarks 'yes': must be true or false")]
    [InlineData(Setting.AllocationTolerance, "16", "PerfGuardAllocationTolerance '16': '16' is neither a percentage (1%) nor a byte count (16B)")]
    public void A_bad_host_value_is_one_PG1201_on_the_project_naming_the_property(Setting setting, string text, string expected)
    {
        var error = Assert.Throws<PerfGuardInputException>(() => SettingsResolver.Resolve(new CompareSettings(), Host((setting, text))));

        var finding = error.ToFinding();
        Assert.Equal(BuildCodes.UnreadableInput, finding.Code);
        Assert.Equal("/repo/Suite.csproj", finding.File);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("invalid setting in '/repo/Suite.csproj'", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"threshold\": \"five percent\"", "threshold 'five percent'")]
    [InlineData("\"runNoise\": \"loud\"", "runNoise 'loud'")]
    [InlineData("\"significance\": 0.7", "significance '0.7'")]
    [InlineData("\"significance\": \"0.01\"", "expected a number")]
    [InlineData("\"contentionLimit\": \"120%\"", "contentionLimit '120%'")]
    [InlineData("\"requireAllBenchmarks\": \"yes\"", "expected true or false")]
    [InlineData("\"allocationTolerance\": \"5 percent\"", "allocationTolerance '5 percent'")]
    public void A_bad_value_in_perfguard_json_is_PG1201_at_its_line_and_column(string property, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.File("perfguard.json");
        File.WriteAllText(path, "{\n  \"$schema\": \"perfguard\",\n  " + property + "\n}\n");

        var error = Assert.Throws<PerfGuardInputException>(() => BudgetFile.Load(path));

        var finding = error.ToFinding();
        Assert.Equal(BuildCodes.UnreadableInput, finding.Code);
        Assert.Equal(path, finding.File);
        Assert.Equal(3, finding.Line);
        Assert.True(finding.Column > 0, finding.Message);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_uses_the_host_setting_over_perfguard_json()
    {
        using var folder = new TempFolder();
        var baseline = Fixtures.StoredBaseline(folder, "baseline-run1");
        File.WriteAllText(folder.File("perfguard.json"), """{ "threshold": "5%|500ns", "significance": 0.05 }""");

        var outcome = PerfGuardGate.Compare(new CompareRequest
        {
            Results = [Fixtures.Run("repeat")],
            Baseline = baseline.Path!,
            Settings = SettingLayer.FromHost(SettingSource.CommandLine, string.Empty, (Setting.Threshold, "8%|1ns")),
        });

        Assert.Equal(new ThresholdSpec(0.08, 1), outcome.Report!.Settings.Threshold);
        Assert.Equal(0.05, outcome.Report.Settings.Significance);
    }

    [Fact]
    public void A_bad_host_setting_in_the_gate_is_one_PG1201_naming_the_option()
    {
        using var folder = new TempFolder();
        var baseline = Fixtures.StoredBaseline(folder, "baseline-run1");

        var outcome = PerfGuardGate.Compare(new CompareRequest
        {
            Results = [Fixtures.Run("repeat")],
            Baseline = baseline.Path!,
            Settings = SettingLayer.FromHost(SettingSource.CommandLine, string.Empty, (Setting.CpuMinimumRunNoise, "five")),
        });

        Assert.Equal(2, outcome.ExitCode);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(BuildCodes.UnreadableInput, finding.Code);
        Assert.Contains("--cpu-min-run-noise 'five'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_gate_ignores_the_benchmark_threshold_of_perfguard_json_but_takes_the_hosts()
    {
        using var folder = new TempFolder();
        var budgets = folder.File("perfguard.json");
        File.WriteAllText(budgets, """{ "threshold": "1%|1ns", "significance": 0.05 }""");
        var results = Path.Combine(Fixtures.Root, "k6", "summary-export.json");

        var byFile = LoadGate.Compare(new LoadCompareRequest { Results = [results], Budgets = budgets });
        var byHost = LoadGate.Compare(new LoadCompareRequest
        {
            Results = [results],
            Budgets = budgets,
            Settings = SettingLayer.FromHost(SettingSource.CommandLine, string.Empty, (Setting.Threshold, "20%|5ms")),
        });

        Assert.Equal(LoadComparer.DefaultThreshold, byFile.Report!.Settings.Threshold);
        Assert.Equal(0.05, byFile.Report.Settings.Significance);
        Assert.Equal(new ThresholdSpec(0.20, 5e6), byHost.Report!.Settings.Threshold);
    }

    [Fact]
    public void Every_setting_has_a_name_in_perfguard_json_MSBuild_and_the_CLI_and_they_round_trip()
    {
        foreach (var setting in SettingNames.All)
        {
            Assert.Equal(setting, SettingNames.FromJson(SettingNames.Of(setting, SettingSource.File)));
            Assert.StartsWith("PerfGuard", SettingNames.Of(setting, SettingSource.MSBuild), StringComparison.Ordinal);
            Assert.StartsWith("--", SettingNames.Of(setting, SettingSource.CommandLine), StringComparison.Ordinal);
        }

        Assert.Null(SettingNames.FromJson("categories"));
    }
}

/// <summary>The engine reads no environment: the host passes the step summary path (GITHUB_STEP_SUMMARY) in.</summary>
public sealed class StepSummaryTests
{
    [Fact]
    public void The_summary_goes_to_the_path_the_host_passes_and_nowhere_without_one()
    {
        using var folder = new TempFolder();
        var baseline = Fixtures.StoredBaseline(folder, "baseline-run1");
        var passed = folder.File("passed-summary.md");
        var fromEnvironment = folder.File("environment-summary.md");
        var previous = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", fromEnvironment);
        try
        {
            var withPath = PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.Run("repeat")], Baseline = baseline.Path!, StepSummaryPath = passed });
            var withoutPath = PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.Run("repeat")], Baseline = baseline.Path! });

            Assert.Contains(passed, withPath.ReportFiles);
            Assert.Contains("# Performance Test Report", File.ReadAllText(passed), StringComparison.Ordinal);
            Assert.Empty(withoutPath.ReportFiles);
            Assert.False(File.Exists(fromEnvironment), "the engine read GITHUB_STEP_SUMMARY itself");
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", previous);
        }
    }
}

/// <summary>The Perfolizer facade gives what Perfolizer's own text threshold gives (the one file that talks to it).</summary>
public sealed class PerfolizerFacadeTests
{
    [Theory]
    [InlineData(0.05, 2.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.0, 40.0)]
    public void The_Mann_Whitney_p_value_matches_Perfolizers_parsed_threshold(double relative, double absolute)
    {
        var baseline = Fixtures.Read("baseline-run1").Benchmarks[Fixtures.SumArray1000].NanosecondsPerOperation;
        var slower = Fixtures.Read("slower").Benchmarks[Fixtures.SumArray1000].NanosecondsPerOperation;
        var threshold = Perfolizer.Metrology.Threshold.Parse(FormattableString.Invariant($"{relative * 100:R}%|{absolute:R}ns"));
        var expected = Perfolizer.Mathematics.SignificanceTesting.MannWhitney.MannWhitneyTest.Instance.Perform(
            new Pragmastat.Sample(slower, Perfolizer.Horology.TimeUnit.Nanosecond),
            new Pragmastat.Sample(baseline, Perfolizer.Horology.TimeUnit.Nanosecond),
            Perfolizer.Mathematics.SignificanceTesting.Base.AlternativeHypothesis.Greater,
            threshold).PValue.Value;

        Assert.Equal(expected, PerfolizerStatistics.MannWhitneyGreaterPValue(slower, baseline, relative, absolute), 12);
    }
}
