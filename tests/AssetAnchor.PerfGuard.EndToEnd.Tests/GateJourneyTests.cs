using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// Journey 2: a new benchmark project with the BenchmarkDotNet extension and the build package runs a tiny
/// suite; `dotnet build -t:PerfGuardCompare` passes against its own baseline on a repeat run, fails with
/// PG1001/PG1002/PG1003 after a deliberate regression, and passes again after the baseline update.
/// </summary>
[Collection(PackagedProductCollection.Name)]
public sealed class GateJourneyTests(PackagedProduct product)
{
    [Fact]
    public void Gate_PassesOnARepeat_FailsOnARegression_PassesAfterTheBaselineUpdate()
    {
        using var workspace = CreateSuite();

        var build = DotnetCli.Dotnet(workspace.Root, "build", "TinySuite.csproj", "-c", "Release", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());

        RunSuite(workspace, "base", regressed: false);
        var created = Gate(workspace, "PerfGuardUpdateBaseline", "base");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(File.Exists(workspace.PathOf("perf/baseline.json")), created.ToString());

        RunSuite(workspace, "repeat", regressed: false);
        var repeat = Gate(workspace, "PerfGuardCompare", "repeat");
        Assert.True(repeat.ExitCode == 0, repeat.ToString());

        RunSuite(workspace, "regressed", regressed: true);
        var regressed = Gate(workspace, "PerfGuardCompare", "regressed");
        Assert.NotEqual(0, regressed.ExitCode);
        if (regressed.Output.Contains("warning PG1105", StringComparison.Ordinal))
        {
            // Measured while the benchmark waited for a core beyond the contention limit: wall time is not judged, and
            // the 2 ms sleep is a wait, not CPU work. The gate must say so once and still fail on the query and bytes.
            Assert.DoesNotContain("error PG1001", regressed.Output);
        }
        else
        {
            Assert.Contains("error PG1001", regressed.Output);
        }

        Assert.Contains("error PG1002", regressed.Output);
        Assert.Contains("error PG1003", regressed.Output);
        Assert.Contains("baseline.json", regressed.Output);

        var accepted = Gate(workspace, "PerfGuardUpdateBaseline", "regressed");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        var afterUpdate = Gate(workspace, "PerfGuardCompare", "regressed");
        Assert.True(afterUpdate.ExitCode == 0, afterUpdate.ToString());
    }

    private static void RunSuite(TempWorkspace workspace, string name, bool regressed)
    {
        var arguments = new[] { "run", "-c", "Release", "--no-build", "--project", "TinySuite.csproj", "--", "--filter", "*", "--artifacts", workspace.PathOf("artifacts/" + name) };
        var result = regressed
            ? DotnetCli.Run("env", workspace.Root, ["TINY_SUITE_REGRESSION=1", "dotnet", .. arguments])
            : DotnetCli.Dotnet(workspace.Root, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEmpty(Directory.GetFiles(workspace.PathOf($"artifacts/{name}/results"), "*-report-full.json"));
    }

    private static ProcessResult Gate(TempWorkspace workspace, string target, string run) =>
        DotnetCli.Dotnet(workspace.Root, "build", "TinySuite.csproj", "-c", "Release", "--no-restore", "-nodeReuse:false",
            "-t:" + target, "-p:PerfGuardResults=" + workspace.PathOf($"artifacts/{run}/results"));

    private TempWorkspace CreateSuite()
    {
        var workspace = new TempWorkspace(product.Feed);
        workspace.Write("TinySuite.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <PerfGuardBaseline>$(MSBuildProjectDirectory)/perf/baseline.json</PerfGuardBaseline>
                <PerfGuardCompareOnBuild>false</PerfGuardCompareOnBuild>
                <PerfGuardRequireResults>true</PerfGuardRequireResults>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AssetAnchor.PerfGuard.BenchmarkDotNet" Version="{product.Version}" />
                <PackageReference Include="AssetAnchor.PerfGuard.Build" Version="{product.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        workspace.Write("TinyBenchmarks.cs", """
            using AssetAnchor.PerfGuard.BenchmarkDotNet;
            using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
            using BenchmarkDotNet.Attributes;
            using BenchmarkDotNet.Running;
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;

            BenchmarkSwitcher.FromAssembly(typeof(TinyBenchmarks).Assembly).Run(args);

            public class Item
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            public class TinyContext(DbContextOptions<TinyContext> options) : DbContext(options)
            {
                public DbSet<Item> Items => Set<Item>();
            }

            [PerfGuardConfig(PerfGuardJob.Quick)]
            [BenchmarkCategory(PerfGuardCategories.Read)]
            public class TinyBenchmarks
            {
                // The deliberate regression: one more query, 8 KB more garbage and 2 ms more per operation.
                private static readonly bool Regressed = Environment.GetEnvironmentVariable("TINY_SUITE_REGRESSION") == "1";
                private SqliteConnection connection = null!;
                private DbContextOptions<TinyContext> options = null!;

                [GlobalSetup]
                public void Setup()
                {
                    connection = new SqliteConnection("Data Source=:memory:");
                    connection.Open();
                    options = new DbContextOptionsBuilder<TinyContext>().UseSqlite(connection).AddPerfGuardRoundTripCounter().Options;
                    using var db = new TinyContext(options);
                    db.Database.EnsureCreated();
                    db.Items.AddRange(Enumerable.Range(1, 20).Select(i => new Item { Name = "item " + i }));
                    db.SaveChanges();
                }

                [GlobalCleanup]
                public void Cleanup() => connection.Dispose();

                [Benchmark]
                public int CountItems()
                {
                    using var db = new TinyContext(options);
                    var count = db.Items.Count();
                    if (Regressed)
                    {
                        count += db.Items.Count(i => i.Id > 10);
                        count += new byte[8192].Length;
                        Thread.Sleep(2);
                    }

                    return count;
                }
            }
            """);
        return workspace;
    }
}
