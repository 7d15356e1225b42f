using System.Text.Json;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// Journey 1: a new ASP.NET Core + EF Core project adds the analyzer package and sees every rule in
/// `dotnet build` with file(line,col), can make them errors in .editorconfig, and gets them in SARIF.
/// </summary>
/// <remarks>
/// The warnings and the SARIF log come from one restore and build of the consumer (<see cref="DefaultBuild"/>); the
/// .editorconfig test then rebuilds that same consumer without restoring, with the rules raised to errors.
/// </remarks>
[Collection(PackagedProductCollection.Name)]
public sealed class AnalyzerJourneyTests(PackagedProduct product, AnalyzerJourneyTests.DefaultBuild defaultBuild)
    : IClassFixture<AnalyzerJourneyTests.DefaultBuild>
{
    private static readonly string[] AllRules = { "PG0001", "PG0002", "PG0003", "PG0004", "PG0005", "PG0006" };

    [Fact]
    public void Build_ReportsEveryRuleAsWarningWithFileLineAndColumn()
    {
        var result = defaultBuild.Of(product).Result;

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
        // The default build has restored and built this consumer and kept its output; only .editorconfig changes.
        var workspace = defaultBuild.Of(product).Workspace;
        workspace.Write(".editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.PG0001.severity = error
            dotnet_diagnostic.PG0004.severity = error
            """);

        var result = DotnetCli.Dotnet(workspace.Root, "build", AnchorWebConsumer.ProjectFile, "-nodeReuse:false", "--no-restore");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(new Regex(@"OwnersController\.cs\(\d+,\d+\): error PG0001:"), result.Output);
        Assert.Matches(new Regex(@"\.cs\(\d+,\d+\): error PG0004:"), result.Output);
        // Rules left at their default stay warnings.
        Assert.Matches(new Regex(@"\.cs\(\d+,\d+\): warning PG0005:"), result.Output);
    }

    [Fact]
    public void ErrorLog_HoldsEveryRuleWithItsHelpLink()
    {
        var build = defaultBuild.Of(product);

        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        using var sarif = JsonDocument.Parse(build.Sarif);
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

    /// <summary>
    /// The consumer restored and built once for the class, with the defaults a user gets plus a SARIF log: its
    /// console output and log are kept before any test changes the workspace.
    /// </summary>
    public sealed class DefaultBuild : IDisposable
    {
        private readonly object gate = new();
        private Built? built;

        public sealed record Built(TempWorkspace Workspace, ProcessResult Result, string Sarif);

        public Built Of(PackagedProduct product)
        {
            lock (gate)
            {
                if (built is null)
                {
                    var workspace = CreateConsumer(product);
                    // MSBuild needs the comma and equals sign of "file,version=2.1" escaped on the command line.
                    var result = DotnetCli.Dotnet(workspace.Root, "build", AnchorWebConsumer.ProjectFile, "-nodeReuse:false",
                        "-bl:build.binlog", "-p:ErrorLog=build.sarif%2Cversion%3D2.1");
                    var sarifPath = workspace.PathOf("build.sarif");
                    built = new Built(workspace, result, File.Exists(sarifPath) ? File.ReadAllText(sarifPath) : "{}");
                }

                return built;
            }
        }

        public void Dispose() => built?.Workspace.Dispose();
    }

    private static TempWorkspace CreateConsumer(PackagedProduct product)
    {
        var workspace = AnchorWebConsumer.Create(
            product,
            minimalApiEndpoint: """app.MapGet("/properties", (AnchorContext db) => db.Properties.ToListAsync());""",
            lazyLoading: true);
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
