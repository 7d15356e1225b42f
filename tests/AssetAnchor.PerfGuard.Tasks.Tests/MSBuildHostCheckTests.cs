using System.Diagnostics;
using System.Text;

namespace AssetAnchor.PerfGuard.Tasks.Tests;

/// <summary>
/// The task assembly is built for .NET 8 and needs MSBuild 17.8+ on .NET. A host that cannot load it (.NET Framework
/// MSBuild in Visual Studio, an older MSBuild) gets PG1210 instead of MSB4062/MSB4018. The host is played through the
/// targets' private _PerfGuardMSBuildRuntimeType/_PerfGuardMSBuildVersion (MSBuild's own are reserved), on a project
/// without an SDK so that each run is one quick evaluation.
/// </summary>
public sealed class MSBuildHostCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public MSBuildHostCheckTests()
    {
        File.WriteAllText(_folder.File("Directory.Build.props"), "<Project />");
        File.WriteAllText(_folder.File("Directory.Build.targets"), "<Project />");
        File.WriteAllText(_folder.File("Gate.proj"), $"""
            <Project>
              <Import Project="{RepositoryRoot.Combine("build", "AssetAnchor.PerfGuard.props")}" />
              <PropertyGroup>
                <PerfGuardTasksAssembly>{Path.Combine(AppContext.BaseDirectory, "AssetAnchor.PerfGuard.Tasks.dll")}</PerfGuardTasksAssembly>
                <PerfGuardResults>$(MSBuildProjectDirectory)/results</PerfGuardResults>
                <PerfGuardBaseline>$(MSBuildProjectDirectory)/baseline.json</PerfGuardBaseline>
                <PerfGuardReportDirectory>$(MSBuildProjectDirectory)/report/</PerfGuardReportDirectory>
              </PropertyGroup>
              <Import Project="{RepositoryRoot.Combine("build", "AssetAnchor.PerfGuard.targets")}" />
              <!-- Stands in for the SDK's Build: the comparison after a build hangs on it (AfterTargets). -->
              <Target Name="Build" />
            </Project>
            """);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("-p:_PerfGuardMSBuildRuntimeType=Full", "Full")]
    [InlineData("-p:_PerfGuardMSBuildVersion=17.7.2.37605", "17.7.2.37605")]
    public void Compare_under_a_host_that_cannot_load_the_task_is_PG1210_not_a_load_failure(string host, string named)
    {
        UseResults("repeat");

        var (exitCode, output) = MSBuild("-t:PerfGuardCompare", host);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error PG1210", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4062", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4018", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("report")), "the task ran although the host cannot load it");
    }

    [Fact]
    public void Baseline_update_under_MSBuild_older_than_17_8_is_PG1210_and_writes_nothing()
    {
        UseResults("baseline-run1");

        var (exitCode, output) = MSBuild("-t:PerfGuardUpdateBaseline", "-p:_PerfGuardMSBuildVersion=17.4.1.60106");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error PG1210", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("baseline.json")));
    }

    [Fact]
    public void Compare_without_results_is_skipped_on_any_host_so_a_Visual_Studio_build_does_not_fail()
    {
        var (exitCode, output) = MSBuild("-t:PerfGuardCompare", "-p:_PerfGuardMSBuildRuntimeType=Full");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("PG1210", output, StringComparison.Ordinal);
    }

    [Fact]
    public void This_SDKs_MSBuild_loads_the_net8_task_and_runs_it_without_PG1210()
    {
        UseResults("baseline-run1");

        var (exitCode, output) = MSBuild("-t:PerfGuardUpdateBaseline");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("PG1210", output, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.File("baseline.json")), output);
    }

    [Fact]
    public void After_a_build_under_a_host_that_cannot_load_the_task_the_comparison_is_skipped_with_a_low_importance_message()
    {
        UseResults("repeat");

        var (exitCode, output) = MSBuild("-t:Build", "-p:_PerfGuardMSBuildRuntimeType=Full", "-v:d");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("PG1210", output, StringComparison.Ordinal);
        Assert.Contains("comparison after the build skipped: this MSBuild", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("report")), "the task ran although the host cannot load it");

        // At the default verbosity the skip says nothing: a Visual Studio build of the suite stays clean.
        var (quietExit, quiet) = MSBuild("-t:Build", "-p:_PerfGuardMSBuildRuntimeType=Full");
        Assert.True(quietExit == 0, quiet);
        Assert.DoesNotContain("PerfGuard", quiet, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_failed_gate_a_build_does_not_judge_the_same_results_again_so_the_suite_can_run_but_the_gate_still_fails()
    {
        UseResults("baseline-run1");
        Assert.Equal(0, MSBuild("-t:PerfGuardUpdateBaseline").ExitCode);
        ReplaceResults("allocates");

        var (gateExit, gate) = MSBuild("-t:PerfGuardCompare");
        Assert.NotEqual(0, gateExit);
        Assert.Contains("error PG1002", gate, StringComparison.Ordinal);

        // `dotnet run` builds first: that build must not fail on the results that already failed.
        var (buildExit, build) = MSBuild("-t:Build");
        Assert.True(buildExit == 0, build);
        Assert.Contains("these results already failed the gate", build, StringComparison.Ordinal);
        Assert.DoesNotContain("PG1002", build, StringComparison.Ordinal);

        // The CI gate judges every time.
        var (againExit, again) = MSBuild("-t:PerfGuardCompare");
        Assert.NotEqual(0, againExit);
        Assert.Contains("error PG1002", again, StringComparison.Ordinal);

        // A new run of the suite (new results) is judged after the build again.
        foreach (var file in Directory.GetFiles(_folder.File("results")))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(2));
        }

        var (rerunExit, rerun) = MSBuild("-t:Build");
        Assert.NotEqual(0, rerunExit);
        Assert.Contains("error PG1002", rerun, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_after_fresh_results_that_never_failed_still_fails_on_a_regression()
    {
        UseResults("baseline-run1");
        Assert.Equal(0, MSBuild("-t:PerfGuardUpdateBaseline").ExitCode);
        ReplaceResults("allocates");

        var (exitCode, output) = MSBuild("-t:Build");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error PG1002", output, StringComparison.Ordinal);
        // No SDK here: BaseIntermediateOutputPath is empty, so the record is in perfguard/ beside the project.
        Assert.True(File.Exists(_folder.File(Path.Combine("perfguard", "compare.failed"))), output);
    }

    private void ReplaceResults(string run)
    {
        Directory.Delete(_folder.File("results"), recursive: true);
        UseResults(run);
    }

    private void UseResults(string run)
    {
        var results = Directory.CreateDirectory(_folder.File("results"));
        foreach (var file in Directory.GetFiles(TestFiles.Run(run)))
        {
            File.Copy(file, Path.Combine(results.FullName, Path.GetFileName(file)));
        }
    }

    private (int ExitCode, string Output) MSBuild(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add("Gate.proj");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add("-nologo");
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet msbuild " + string.Join(' ', arguments) + " did not finish in 5 minutes");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
