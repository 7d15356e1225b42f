using System.Text.Json;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// A .NET 8 (LTS) service on EF Core 8 takes all four packages from the feed: its web app builds with the analyzers
/// reporting, its net8.0 BenchmarkDotNet suite restores on EF Core 8 (not 10), builds, runs on the .NET 8 runtime,
/// and the gate (the net8.0 task) turns those results into a baseline and passes them; the tool runs on .NET 8.
/// One test, so that the slow restore and build of the two projects happen once.
/// </summary>
[Collection(PackagedProductCollection.Name)]
public sealed class Net8ConsumerTests(PackagedProduct product)
{
    // The newest EF Core 8 patch the registry serves; the extension itself asks for 8.0.30 or later.
    private const string EfCore8 = "8.0.34";

    [Fact]
    public void Net8App_OnEfCore8_BuildsWithTheAnalyzers_AndItsSuiteRunsOnDotnet8UnderTheGate()
    {
        using var workspace = CreateConsumer();

        // 1. The app and its suite build; the analyzers report the planted N+1 and the unpaginated endpoint only.
        var build = DotnetCli.Dotnet(workspace.Root, "build", "Suite/Suite.csproj", "-c", "Release", "-nodeReuse:false", "-bl:build.binlog");
        Assert.True(build.ExitCode == 0, build.ToString());
        var warnings = Regex.Matches(build.Output, @"(\w+\.cs)\(\d+,\d+\): warning (PG\d{4}):").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToHashSet();
        Assert.Equal(new[] { "Program.cs PG0004", "Reports.cs PG0001" }, warnings.Order(StringComparer.Ordinal));

        // 2. The suite resolved the extension's net8.0 build and EF Core 8: an EF Core 8 app is measured on EF Core 8.
        using (var assets = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("Suite/obj/project.assets.json"))))
        {
            var libraries = assets.RootElement.GetProperty("targets").GetProperty("net8.0");
            Assert.True(libraries.TryGetProperty("Microsoft.EntityFrameworkCore.Relational/" + EfCore8, out _), "EF Core Relational is not " + EfCore8);
            Assert.DoesNotContain(libraries.EnumerateObject(), l => l.Name.StartsWith("Microsoft.EntityFrameworkCore/10.", StringComparison.Ordinal));
            var extension = libraries.GetProperty("AssetAnchor.PerfGuard.BenchmarkDotNet/" + product.Version);
            Assert.Contains(extension.GetProperty("compile").EnumerateObject(), c => c.Name == "lib/net8.0/AssetAnchor.PerfGuard.BenchmarkDotNet.dll");
        }

        // 3. The built suite runs on .NET 8, BenchmarkDotNet's child build and process included. (Not `dotnet run`:
        //    it hands the app host the SDK's real root, which has no .NET 8 here.) This test is about .NET 8, not
        //    build speed: on a busy machine the child build may take longer than BenchmarkDotNet's default 120 s.
        var dotnet8 = Net8DotnetRoot.Create(workspace, workspace.PathOf("dotnet8"));
        var run = dotnet8.Dotnet(workspace.PathOf("Suite"), "bin/Release/net8.0/Suite.dll", "--filter", "*", "--buildTimeout", "420",
            "--artifacts", workspace.PathOf("artifacts"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var resultFiles = Directory.GetFiles(workspace.PathOf("artifacts/results"), "*-report-full.json");
        var report = File.ReadAllText(Assert.Single(resultFiles));
        Assert.Contains(".NET " + dotnet8.RuntimeVersion, report, StringComparison.Ordinal);
        Assert.Contains("TotalsInOneQuery", report, StringComparison.Ordinal);

        // 4. The gate's net8.0 task, loaded by this SDK's MSBuild, makes a baseline of those results and passes them.
        var update = Gate(workspace, "PerfGuardUpdateBaseline");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("TotalsInOneQuery", File.ReadAllText(workspace.PathOf("Suite/perf/baseline.json")), StringComparison.Ordinal);
        var compare = Gate(workspace, "PerfGuardCompare");
        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.DoesNotContain("error PG", compare.Output, StringComparison.Ordinal);

        // 5. The perfguard tool's net8.0 build (the tool is installed from the feed once per run) runs on .NET 8 and
        //    reads the same results and baseline.
        var tool = Directory.GetFiles(product.ToolFolder, "perfguard.dll", SearchOption.AllDirectories)
            .Single(f => f.Contains($"{Path.DirectorySeparatorChar}net8.0{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var toolOnNet8 = dotnet8.Dotnet(workspace.Root, "exec", "--fx-version", dotnet8.RuntimeVersion, tool,
            "compare", "--results", workspace.PathOf("artifacts/results"), "--baseline", workspace.PathOf("Suite/perf/baseline.json"));
        Assert.True(toolOnNet8.ExitCode == 0, toolOnNet8.ToString());
    }

    private static ProcessResult Gate(TempWorkspace workspace, string target) =>
        DotnetCli.Dotnet(workspace.PathOf("Suite"), "build", "Suite.csproj", "-c", "Release", "--no-restore", "-nodeReuse:false",
            "-t:" + target, "-p:PerfGuardResults=" + workspace.PathOf("artifacts/results"));

    private TempWorkspace CreateConsumer()
    {
        var workspace = product.CreateWorkspace();
        ConsumerProject.WebApp("net8.0")
            .WithPackage("Microsoft.EntityFrameworkCore.Sqlite", EfCore8)
            .WithAnalyzers(product)
            .WriteTo(workspace, "App/App.csproj");
        workspace.Write("App/Program.cs", """
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<ShopContext>(o => o.UseSqlite("Data Source=shop.db"));
            var app = builder.Build();
            app.MapGet("/orders", (ShopContext db) => db.Orders.ToListAsync());
            app.MapGet("/orders/first-page", (ShopContext db) => db.Orders.OrderBy(o => o.Id).Take(50).ToListAsync());
            app.Run();
            """);
        workspace.Write("App/Shop.cs", """
            using Microsoft.EntityFrameworkCore;

            public class Order
            {
                public int Id { get; set; }
                public int CustomerId { get; set; }
                public int TotalCents { get; set; }
            }

            public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }
            """);
        workspace.Write("App/Reports.cs", """
            public static class Reports
            {
                // One query per customer: PG0001.
                public static int TotalsOneByOne(ShopContext db, int[] customerIds)
                {
                    var total = 0;
                    foreach (var id in customerIds)
                    {
                        total += db.Orders.Where(o => o.CustomerId == id).Sum(o => o.TotalCents);
                    }

                    return total;
                }

                // The fix: one query for all of them.
                public static int TotalsInOneQuery(ShopContext db, int[] customerIds) =>
                    db.Orders.Where(o => customerIds.Contains(o.CustomerId)).Sum(o => o.TotalCents);
            }
            """);
        ConsumerProject.ConsoleApp("net8.0")
            .WithProperty("PerfGuardBaseline", "$(MSBuildProjectDirectory)/perf/baseline.json")
            .WithProperty("PerfGuardCompareOnBuild", "false")
            .WithProperty("PerfGuardRequireResults", "true")
            .WithProjectReference("../App/App.csproj")
            .WithBenchmarkGate(product)
            .WriteTo(workspace, "Suite/Suite.csproj");
        workspace.Write("Suite/ReportBenchmarks.cs", new SqliteBenchmarkSuite("ReportBenchmarks", "ShopContext", "PerfGuardConfig(PerfGuardJob.Quick)")
        {
            Fields = "private readonly int[] customerIds = [1, 2, 3];",
            Seed = "db.Orders.AddRange(Enumerable.Range(1, 30).Select(i => new Order { CustomerId = 1 + i % 5, TotalCents = 100 * i }));",
            BenchmarkMethod = "TotalsInOneQuery",
            BenchmarkBody = "return Reports.TotalsInOneQuery(db, customerIds);",
        }.Render());
        return workspace;
    }
}
