using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace AssetAnchor.PerfGuard.Tasks.Tests;

/// <summary>
/// Runs `dotnet build` on a generated consumer project that imports build/ from a package-shaped folder
/// (build/ + tasks/net8.0/), so the default task assembly path of a package is what gets exercised.
/// Each run writes a binlog into the temp folder.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;
    private int _run;

    public BuildIntegrationTests(ITestOutputHelper output)
    {
        _output = output;
        var package = Directory.CreateDirectory(_folder.File("package"));
        var build = package.CreateSubdirectory("build");
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("build"), "AssetAnchor.PerfGuard.*"))
        {
            File.Copy(file, Path.Combine(build.FullName, Path.GetFileName(file)));
        }

        // The task and exactly the dependencies it needs at run time (MSBuild provides Microsoft.Build.*).
        var tasks = package.CreateSubdirectory(Path.Combine("tasks", "net8.0"));
        foreach (var name in new[] { "AssetAnchor.PerfGuard.Tasks.dll", "AssetAnchor.PerfGuard.Engine.dll", "Perfolizer.dll", "Pragmastat.dll" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, name), Path.Combine(tasks.FullName, name));
        }

        var project = Directory.CreateDirectory(_folder.File("suite"));
        File.WriteAllText(Path.Combine(project.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project.FullName, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(project.FullName, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(project.FullName, "Suite.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{build.FullName}/AssetAnchor.PerfGuard.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PerfGuardResults>$(MSBuildProjectDirectory)/results</PerfGuardResults>
              </PropertyGroup>
              <Import Project="{build.FullName}/AssetAnchor.PerfGuard.targets" />
            </Project>
            """);
        ProjectFolder = project.FullName;
    }

    private string ProjectFolder { get; }

    public void Dispose() => _folder.Dispose();

    private void UseResults(string run)
    {
        var results = Path.Combine(ProjectFolder, "results");
        if (Directory.Exists(results))
        {
            Directory.Delete(results, recursive: true);
        }

        Directory.CreateDirectory(results);
        foreach (var file in Directory.GetFiles(TestFiles.Run(run)))
        {
            var copy = Path.Combine(results, Path.GetFileName(file));
            File.Copy(file, copy);
            // Written now, after the suite was built, as a benchmark run writes them.
            File.SetLastWriteTimeUtc(copy, DateTime.UtcNow);
        }
    }

    /// <summary>The first build compiles the suite: results written before it describe other code.</summary>
    private void BuildTheSuite()
    {
        var build = Dotnet("build");
        Assert.Equal(0, build.ExitCode);
        Assert.DoesNotContain("PG1", build.Output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add($"-bl:{Path.Combine(_folder.Path, $"run{++_run}.binlog")}");
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
        // A guard against a hung process, not a speed check: one build took over 2 minutes at load 50 on 2 cores.
        if (!process.WaitForExit(TimeSpan.FromMinutes(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 30 minutes");
        }

        process.WaitForExit();
        _output.WriteLine($"$ dotnet {string.Join(' ', arguments)} -> {process.ExitCode}\n{output}");
        return (process.ExitCode, output.ToString());
    }

    [Fact]
    public void Build_fails_on_regressions_with_file_and_code_and_passes_after_the_baseline_update()
    {
        var baseline = Path.Combine(ProjectFolder, "perfguard-baseline.json");
        BuildTheSuite();

        UseResults("baseline-run1");
        var created = Dotnet("build", "-t:PerfGuardUpdateBaseline");
        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(baseline));
        Assert.Contains("PerfGuard baseline: new baseline: 6 benchmarks, 1 run(s)", created.Output, StringComparison.Ordinal);

        UseResults("slower");
        var slower = Dotnet("build");
        Assert.NotEqual(0, slower.ExitCode);
        Assert.Matches(@"perfguard-baseline\.json\(\d+\): PerfGuard error PG1001: 'AssetAnchor\.PerfGuard\.SelfBenchmarks\.GateFixtureBenchmarks\.SumArray\(Length: 100\)' is slower", slower.Output);

        UseResults("allocates");
        var allocates = Dotnet("build");
        Assert.NotEqual(0, allocates.ExitCode);
        Assert.Matches(@"perfguard-baseline\.json\(\d+\): PerfGuard error PG1002: 'AssetAnchor\.PerfGuard\.SelfBenchmarks\.GateFixtureBenchmarks\.BuildKey\(Length: 100\)' allocates more", allocates.Output);
        Assert.True(File.Exists(Path.Combine(ProjectFolder, "perfguard-report", "perfguard-report.html")));

        var updated = Dotnet("build", "-t:PerfGuardUpdateBaseline");
        Assert.Equal(0, updated.ExitCode);
        Assert.Contains("56 B -> 336 B/op", updated.Output, StringComparison.Ordinal);

        var passes = Dotnet("build");
        Assert.Equal(0, passes.ExitCode);
        Assert.DoesNotContain("error PG", passes.Output, StringComparison.Ordinal);
        Assert.Contains("PerfGuard: PASSED: 6 benchmarks", passes.Output, StringComparison.Ordinal);

        // Incremental: nothing changed since the passing comparison, so the target is skipped.
        var again = Dotnet("build");
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("PerfGuard: PASSED", again.Output, StringComparison.Ordinal);

        // Design-time builds (IDEs) never run the gate, even on regressed results.
        UseResults("slower");
        var designTime = Dotnet("msbuild", "-t:PerfGuardCompare", "-p:DesignTimeBuild=true");
        Assert.Equal(0, designTime.ExitCode);
        Assert.DoesNotContain("PG1001", designTime.Output, StringComparison.Ordinal);

        Assert.Equal(8, Directory.GetFiles(_folder.Path, "*.binlog").Length); // one per dotnet run
    }

    [Fact]
    public void A_suspected_time_regression_is_re_measured_by_the_configured_command_before_it_fails()
    {
        BuildTheSuite();
        UseResults("baseline-run1");
        Assert.Equal(0, Dotnet("build", "-t:PerfGuardUpdateBaseline").ExitCode);
        // The "re-measurement" copies a recorded run into PerfGuardConfirmResults, standing in for a suite run.
        var copy = Path.Combine(ProjectFolder, "remeasure.sh");
        File.WriteAllText(copy, "#!/bin/sh\nmkdir -p \"$2\" && cp \"$1\"/*.json \"$2\"/\n");
        var confirm = Path.Combine(ProjectFolder, "confirm");

        // The busy run flags unchanged benchmarks too; re-measuring with an unchanged run clears them all.
        UseResults("slower-confirm");
        var cleared = Dotnet("build", $"-p:PerfGuardRemeasureCommand=sh remeasure.sh {TestFiles.Run("repeat")} {confirm}", $"-p:PerfGuardConfirmResults={confirm}");
        Assert.Equal(0, cleared.ExitCode);
        Assert.Contains("suspected time regression(s)", cleared.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error PG1001", cleared.Output, StringComparison.Ordinal);

        // Re-measuring with the other run of the slower build confirms exactly the really slower benchmarks.
        var confirmed = Dotnet("build", $"-p:PerfGuardRemeasureCommand=sh remeasure.sh {TestFiles.Run("slower")} {confirm}", $"-p:PerfGuardConfirmResults={confirm}");
        Assert.NotEqual(0, confirmed.ExitCode);
        var errors = confirmed.Output.Split('\n').Where(l => l.Contains("error PG1001", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('\'', StringComparison.Ordinal) + 1)..]).Select(l => l[..l.IndexOf('\'', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.SumArray(Length: 100)", "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.SumArray(Length: 1000)"], errors);
    }

    [Fact]
    public void Empty_stale_and_BenchmarkDotNet_child_builds_never_judge_results()
    {
        BuildTheSuite();
        var results = Path.Combine(ProjectFolder, "results");

        // BenchmarkDotNet creates the results folder before it runs: an empty folder is not results.
        Directory.CreateDirectory(results);
        var empty = Dotnet("build", "-t:PerfGuardCompare");
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("warning PG1105", empty.Output, StringComparison.Ordinal);
        Assert.Contains("holds no *-report-full.json", empty.Output, StringComparison.Ordinal);
        var required = Dotnet("build", "-t:PerfGuardCompare", "-p:PerfGuardRequireResults=true");
        Assert.NotEqual(0, required.ExitCode);
        Assert.Contains("error PG1201", required.Output, StringComparison.Ordinal);

        UseResults("baseline-run1");
        Assert.Equal(0, Dotnet("build", "-t:PerfGuardUpdateBaseline").ExitCode);
        UseResults("slower");

        // BenchmarkDotNet's child build: it passes /p:ArtifactsPath=<folder of BenchmarkDotNet.Autogenerated.csproj>/.
        var generated = Directory.CreateDirectory(_folder.File("bdn-generated"));
        File.WriteAllText(Path.Combine(generated.FullName, "BenchmarkDotNet.Autogenerated.csproj"), "<Project />");
        var child = Dotnet("build", $"-p:ArtifactsPath={generated.FullName}/");
        Assert.Equal(0, child.ExitCode);
        Assert.DoesNotContain("PG1", child.Output, StringComparison.Ordinal);

        // Results older than the build: a code change after the run makes them describe other code.
        foreach (var file in Directory.GetFiles(results))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }

        var stale = Dotnet("build");
        Assert.Equal(0, stale.ExitCode);
        Assert.Contains("older than this build of the suite", stale.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PG1001", stale.Output, StringComparison.Ordinal);
        var staleExplicit = Dotnet("build", "-t:PerfGuardCompare");
        Assert.Contains("warning PG1105", staleExplicit.Output, StringComparison.Ordinal);
        var baseline = File.ReadAllBytes(Path.Combine(ProjectFolder, "perfguard-baseline.json"));
        var staleUpdate = Dotnet("build", "-t:PerfGuardUpdateBaseline");
        Assert.NotEqual(0, staleUpdate.ExitCode);
        Assert.Contains("error PG1201", staleUpdate.Output, StringComparison.Ordinal);
        Assert.Contains("the baseline was not updated", staleUpdate.Output, StringComparison.Ordinal);
        Assert.Equal(baseline, File.ReadAllBytes(Path.Combine(ProjectFolder, "perfguard-baseline.json")));

        // A fresh run beside the stale slower one: only the fresh is judged (both would be a duplicate-key PG1201).
        var fresh = Directory.CreateDirectory(Path.Combine(results, "rerun"));
        foreach (var file in Directory.GetFiles(TestFiles.Run("repeat")))
        {
            File.Copy(file, Path.Combine(fresh.FullName, Path.GetFileName(file)));
            File.SetLastWriteTimeUtc(Path.Combine(fresh.FullName, Path.GetFileName(file)), DateTime.UtcNow);
        }

        var mixed = Dotnet("build", "-t:PerfGuardCompare");
        Assert.Equal(0, mixed.ExitCode);
        Assert.Contains("ignored 1 result file(s) older than this build", mixed.Output, StringComparison.Ordinal);
        Assert.Contains("PerfGuard: PASSED: 6 benchmarks", mixed.Output, StringComparison.Ordinal);
    }
}
