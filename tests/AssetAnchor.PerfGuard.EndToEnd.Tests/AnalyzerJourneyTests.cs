using System.Text.Json;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// Journey 1: a new ASP.NET Core + EF Core project adds the analyzer package and sees every rule in
/// `dotnet build` with file(line,col), can make them errors in .editorconfig, and gets them in SARIF.
/// </summary>
[Collection(PackagedProductCollection.Name)]
public sealed class AnalyzerJourneyTests(PackagedProduct product)
{
    private static readonly string[] AllRules = { "PG0001", "PG0002", "PG0003", "PG0004", "PG0005", "PG0006" };

    [Fact]
    public void Build_ReportsEveryRuleAsWarningWithFileLineAndColumn()
    {
        using var workspace = CreateConsumer();

        var result = DotnetCli.Dotnet(workspace.Root, "build", "Consumer.csproj", "-nodeReuse:false", "-bl:build.binlog");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var rule in AllRules)
        {
            Assert.Matches(new Regex($@"\.cs\(\d+,\d+\): warning {rule}:"), result.Output);
        }

        // PG0004 on both kinds of endpoint: the minimal-API MapGet and the controller action.
        Assert.Matches(new Regex(@"Program\.cs\(\d+,\d+\): warning PG0004:"), result.Output);
        Assert.Matches(new Regex(@"OwnersController\.cs\(\d+,\d+\): warning PG0004:"), result.Output);
    }

    [Fact]
    public void Build_FailsWhenEditorConfigMakesARuleAnError()
    {
        using var workspace = CreateConsumer();
        workspace.Write(".editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.PG0001.severity = error
            dotnet_diagnostic.PG0004.severity = error
            """);

        var result = DotnetCli.Dotnet(workspace.Root, "build", "Consumer.csproj", "-nodeReuse:false");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(new Regex(@"OwnersController\.cs\(\d+,\d+\): error PG0001:"), result.Output);
        Assert.Matches(new Regex(@"\.cs\(\d+,\d+\): error PG0004:"), result.Output);
        // Rules left at their default stay warnings.
        Assert.Matches(new Regex(@"\.cs\(\d+,\d+\): warning PG0005:"), result.Output);
    }

    [Fact]
    public void ErrorLog_HoldsEveryRuleWithItsHelpLink()
    {
        using var workspace = CreateConsumer();

        // MSBuild needs the comma and equals sign of "file,version=2.1" escaped on the command line.
        var result = DotnetCli.Dotnet(workspace.Root, "build", "Consumer.csproj", "-nodeReuse:false", "-p:ErrorLog=build.sarif%2Cversion%3D2.1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var sarif = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("build.sarif")));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var reported = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToHashSet();
        var helpLinks = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("id").GetString()!.StartsWith("PG", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("helpUri").GetString());
        foreach (var rule in AllRules)
        {
            Assert.Contains(rule, reported);
            Assert.EndsWith($"/docs/rules/{rule}.md", helpLinks[rule]);
        }
    }

    private TempWorkspace CreateConsumer()
    {
        var workspace = new TempWorkspace(product.Feed);
        workspace.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Proxies" Version="10.0.14" />
                <PackageReference Include="AssetAnchor.PerfGuard.Analyzers" Version="{product.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        workspace.Write("Program.cs", """
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddDbContext<AnchorContext>(o => o.UseSqlite("Data Source=anchor.db"));
            var app = builder.Build();
            app.MapGet("/properties", (AnchorContext db) => db.Properties.ToListAsync());
            app.MapControllers();
            app.Run();
            """);
        workspace.Write("Model.cs", """
            using Microsoft.EntityFrameworkCore;

            public class Owner
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public virtual List<Property> Properties { get; set; } = new();
            }

            public class Property
            {
                public int Id { get; set; }
                public int OwnerId { get; set; }
                public virtual Owner? Owner { get; set; }
                public string Name { get; set; } = "";
            }

            public class AnchorContext(DbContextOptions<AnchorContext> options) : DbContext(options)
            {
                public DbSet<Property> Properties => Set<Property>();
                public DbSet<Owner> Owners => Set<Owner>();
            }

            public class LazyAnchorContext : DbContext
            {
                public DbSet<Owner> Owners => Set<Owner>();
                protected override void OnConfiguring(DbContextOptionsBuilder options) =>
                    options.UseLazyLoadingProxies().UseSqlite("Data Source=anchor.db");
            }
            """);
        workspace.Write("OwnersController.cs", """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            [ApiController]
            [Route("owners")]
            public class OwnersController(AnchorContext db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Owner>> All() => await db.Owners.ToListAsync();

                [HttpGet("names")]
                public async Task<List<string>> Names([FromQuery] int[] ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        names.Add(await db.Owners.Where(o => o.Id == id).Select(o => o.Name).FirstAsync());
                    }
                    return names;
                }

                [HttpGet("page")]
                public Task<List<Property>> Page(int page, int pageSize) =>
                    db.Properties.Skip(page * pageSize).Take(pageSize).ToListAsync();

                [HttpGet("property-owners")]
                public async Task<List<string>> PropertyOwners()
                {
                    var properties = await db.Properties.OrderBy(p => p.Id).Take(20).ToListAsync();
                    return properties.Select(p => p.Owner!.Name).ToList();
                }
            }

            public class OwnerReport
            {
                public int CountProperties()
                {
                    using var db = new LazyAnchorContext();
                    var total = 0;
                    foreach (var owner in db.Owners.OrderBy(o => o.Id).Take(50).ToList())
                    {
                        total += owner.Properties.Count;
                    }
                    return total;
                }
            }
            """);
        return workspace;
    }
}
