using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// Journey 3: install the perfguard tool from the feed, outside the repository (once per run: see
/// <see cref="PackagedProduct.ToolFolder"/>), and update and check a baseline with it. The results are real BenchmarkDotNet runs committed with the engine's tests.
/// </summary>
[Collection(PackagedProductCollection.Name)]
public sealed class ToolJourneyTests(PackagedProduct product)
{
    private static string Fixture(string run) =>
        RepositoryRoot.Combine("tests", "AssetAnchor.PerfGuard.Engine.Tests", "TestData", "gate-fixture", run);

    [Fact]
    public void InstalledTool_UpdatesABaselineAndComparesAgainstIt()
    {
        using var workspace = product.CreateWorkspace();
        var tool = product.ToolCommand;
        var baseline = workspace.PathOf("perf/baseline.json");

        var version = DotnetCli.Run(tool, workspace.Root, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());

        var update = DotnetCli.Run(tool, workspace.Root, "baseline", "update", "--results", Fixture("baseline-run1"), "--baseline", baseline);
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.True(File.Exists(baseline), update.ToString());

        // A repeat run of the same build passes; a build that allocates more fails with PG1002 and exit code 1.
        var repeat = DotnetCli.Run(tool, workspace.Root, "compare", "--results", Fixture("repeat"), "--baseline", baseline);
        Assert.True(repeat.ExitCode == 0, repeat.ToString());

        var allocates = DotnetCli.Run(tool, workspace.Root, "compare", "--results", Fixture("allocates"), "--baseline", baseline,
            "--report", workspace.PathOf("report"));
        Assert.Equal(1, allocates.ExitCode);
        Assert.Contains("error PG1002", allocates.Output);
        Assert.NotEmpty(Directory.GetFiles(workspace.PathOf("report")));

        // After an intended change the update command accepts it, and the same results pass.
        var accept = DotnetCli.Run(tool, workspace.Root, "baseline", "update", "--results", Fixture("allocates"), "--baseline", baseline);
        Assert.True(accept.ExitCode == 0, accept.ToString());
        var after = DotnetCli.Run(tool, workspace.Root, "compare", "--results", Fixture("allocates"), "--baseline", baseline);
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public void InstalledTool_ReportsUnreadableInputAsPG1201WithExitCode2()
    {
        using var workspace = product.CreateWorkspace();
        var tool = product.ToolCommand;
        var broken = workspace.Write("results/broken-report-full.json", "{ \"Benchmarks\": [ { \"FullName\": ");

        var result = DotnetCli.Run(tool, workspace.Root, "compare", "--results", broken, "--baseline", workspace.PathOf("missing.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PG1201", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
    }
}
