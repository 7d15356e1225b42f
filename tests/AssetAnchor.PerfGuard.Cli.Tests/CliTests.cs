namespace AssetAnchor.PerfGuard.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "perfguard-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public CliTests()
    {
        Directory.CreateDirectory(_folder);
        // The tool appends to GitHub's step summary when the variable is set; a test run inside Actions must not.
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Baseline => Path.Combine(_folder, "baseline.json");

    private static string Run(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "gate-fixture", name);

    private static (int Exit, string Out, string Err) Perfguard(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private void CreateBaseline() => Assert.Equal(0, Perfguard("baseline", "update", "--results", Run("baseline-run1"), "--baseline", Baseline).Exit);

    [Fact]
    public void Compare_passes_a_repeat_run_with_exit_code_0()
    {
        CreateBaseline();

        var (exit, output, errors) = Perfguard("compare", "--results", Run("repeat"), "--baseline", Baseline);

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.Contains("PASSED: 6 benchmarks, 0 error(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_prints_regressions_in_msbuild_canonical_form_with_exit_code_1()
    {
        CreateBaseline();

        var (exit, _, errors) = Perfguard("compare", "--results", Run("allocates"), "--baseline", Baseline, "--no-table");

        Assert.Equal(1, exit);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^.+baseline\.json\(\d+\): error PG1002: 'AssetAnchor\.PerfGuard\.SelfBenchmarks\.GateFixtureBenchmarks\.BuildKey\(Length: 100\)' allocates more"));
    }

    [Fact]
    public void Confirm_clears_noise_from_the_first_run()
    {
        CreateBaseline();

        var withoutConfirm = Perfguard("compare", "--results", Run("slower-confirm"), "--baseline", Baseline, "--no-table");
        var withConfirm = Perfguard("compare", "--results", Run("slower-confirm"), "--baseline", Baseline, "--confirm", Run("repeat"), "--no-table");

        Assert.Equal(1, withoutConfirm.Exit);
        Assert.Equal(0, withConfirm.Exit);
    }

    [Fact]
    public void Warnings_alone_pass_and_are_printed_as_warnings()
    {
        CreateBaseline();
        // A baseline measured on another machine: time regressions can only warn (PG1102).
        File.WriteAllText(Baseline, File.ReadAllText(Baseline).Replace("\"cpu\": \"AMD EPYC\"", "\"cpu\": \"Other CPU\"", StringComparison.Ordinal));

        var (exit, output, errors) = Perfguard("compare", "--results", Run("slower"), "--baseline", Baseline, "--no-table");

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.Contains(": warning PG1102: ", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains(": warning PG1001: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unusable_input_is_exit_code_2_with_one_PG1201_line()
    {
        CreateBaseline();
        var broken = Path.Combine(_folder, "broken-report-full.json");
        File.WriteAllText(broken, "{\n  \"Benchmarks\": [\n");

        var (exit, output, errors) = Perfguard("compare", "--results", broken, "--baseline", Baseline);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(broken + "(3,", line, StringComparison.Ordinal);
        Assert.Contains(": error PG1201: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--significance", "0.7", "--significance '0.7'")]
    [InlineData("--threshold", "fast", "--threshold 'fast'")]
    [InlineData("--contention-limit", "120%", "--contention-limit '120%'")]
    [InlineData("--allocation-tolerance", "16", "--allocation-tolerance '16'")]
    public void A_bad_setting_is_a_usage_error_naming_the_option(string option, string value, string expected)
    {
        var (exit, _, errors) = Perfguard("compare", "--results", Run("repeat"), "--baseline", Baseline, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Contains("perfguard --help", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_overrides_perfguard_json_which_overrides_the_default()
    {
        CreateBaseline();
        File.WriteAllText(Path.Combine(_folder, "perfguard.json"), """{ "threshold": "7%|3ns", "significance": 0.05 }""");
        var report = Path.Combine(_folder, "report");

        var (exit, _, _) = Perfguard("compare", "--results", Run("repeat"), "--baseline", Baseline, "--threshold", "9%|4ns", "--report", report);

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "perfguard-report.json")));
        Assert.Equal("9%|4ns", json.RootElement.GetProperty("threshold").GetString());
        Assert.Equal(0.05, json.RootElement.GetProperty("significance").GetDouble());
    }

    [Fact]
    public void Compare_appends_to_the_step_summary_the_environment_names()
    {
        CreateBaseline();
        var summary = Path.Combine(_folder, "summary.md");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            var (exit, output, _) = Perfguard("compare", "--results", Run("repeat"), "--baseline", Baseline);

            Assert.Equal(0, exit);
            Assert.Contains("# Performance Test Report", File.ReadAllText(summary), StringComparison.Ordinal);
            Assert.Contains("report: " + summary, output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }
    }

    [Theory]
    [InlineData("compare", "--baseline", "b.json")]
    [InlineData("compare", "--results", "r", "--baseline")]
    [InlineData("compare", "--results", "r", "--baseline", "b.json", "--colour", "red")]
    [InlineData("compare", "--results", "r", "--baseline", "b.json", "--threshold", "fast")]
    [InlineData("compare", "--results", "r", "--baseline", "a.json", "--baseline", "b.json")]
    [InlineData("baseline", "update", "--results", "r", "--baseline", "b.json", "--runs", "zero")]
    [InlineData("baseline")]
    [InlineData("explode")]
    public void Bad_arguments_are_exit_code_2_with_a_hint(params string[] args)
    {
        var (exit, _, errors) = Perfguard(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("perfguard: ", errors, StringComparison.Ordinal);
        Assert.Contains("perfguard --help", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_update_prints_what_changed_and_writes_the_file()
    {
        CreateBaseline();

        var (exit, output, _) = Perfguard("baseline", "update", "--results", Run("allocates"), "--baseline", Baseline);

        Assert.Equal(0, exit);
        Assert.Contains("changed AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.BuildKey(Length: 100): median", output, StringComparison.Ordinal);
        Assert.Contains("56 B -> 336 B/op", output, StringComparison.Ordinal);
        Assert.Contains("review the diff and commit it", output, StringComparison.Ordinal);
        Assert.Contains("\"bytesPerOp\": 336", File.ReadAllText(Baseline), StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_update_with_a_filter_changes_only_the_named_benchmarks()
    {
        CreateBaseline();

        var (exit, output, _) = Perfguard("baseline", "update", "--results", Run("allocates"), "--baseline", Baseline, "--filter", "*BuildKey(Length: 1000)");

        Assert.Equal(0, exit);
        Assert.Contains("changed AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.BuildKey(Length: 1000)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BuildKey(Length: 100):", output, StringComparison.Ordinal);
        // The unfiltered BuildKey(Length: 100) still has its committed 56 B/op.
        Assert.Contains("\"bytesPerOp\": 56", File.ReadAllText(Baseline), StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_update_pools_runs()
    {
        var (exit, output, _) = Perfguard("baseline", "update", "--results", Run("baseline-run1"), "--results", Run("baseline-run2"), "--results", Run("baseline-run3"), "--runs", "3", "--baseline", Baseline);

        Assert.Equal(0, exit);
        Assert.Contains("new baseline: 6 benchmarks, 3 run(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_folder_gets_markdown_json_and_html()
    {
        CreateBaseline();
        var reports = Path.Combine(_folder, "report");

        var (exit, output, _) = Perfguard("compare", "--results", Run("slower"), "--baseline", Baseline, "--report", reports);

        Assert.Equal(1, exit);
        Assert.True(File.Exists(Path.Combine(reports, "perfguard-report.html")));
        Assert.Contains("report: " + Path.Combine(reports, "perfguard-report.md"), output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_version_exit_0()
    {
        Assert.Equal(0, Perfguard("--help").Exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", Perfguard("--version").Out);
    }
}
