using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// Journey: a user with the analyzer package fixes every finding from the command line with
/// `dotnet format analyzers --diagnostics ... --severity info` (a fix reaches `dotnet format` only through its
/// fix-all provider), then builds without a PerfGuard warning.
/// </summary>
[Collection(PackagedProductCollection.Name)]
public sealed class FormatJourneyTests(PackagedProduct product)
{
    [Fact]
    public void DotnetFormat_AppliesEveryFix_AndTheBuildIsClean()
    {
        using var workspace = CreateConsumer();

        // The pagination rules first, as the docs show them; then the others.
        var pagination = DotnetCli.Dotnet(workspace.Root, "format", "analyzers", AnchorWebConsumer.ProjectFile, "--diagnostics", "PG0004", "PG0006", "--severity", "info");
        Assert.True(pagination.ExitCode == 0, pagination.ToString());
        Assert.DoesNotContain("Unable to fix", pagination.Output, StringComparison.Ordinal);

        var others = DotnetCli.Dotnet(workspace.Root, "format", "analyzers", AnchorWebConsumer.ProjectFile, "--diagnostics", "PG0001", "PG0003", "PG0005", "--severity", "info", "--no-restore");
        Assert.True(others.ExitCode == 0, others.ToString());
        Assert.DoesNotContain("Unable to fix", others.Output, StringComparison.Ordinal);

        Assert.Equal(FixedController, File.ReadAllText(workspace.PathOf("PropertiesController.cs")));
        Assert.Equal(FixedReports, File.ReadAllText(workspace.PathOf("Reports.cs")));
        Assert.Contains(
            """app.MapGet("/owners", (AnchorContext db, int page = 1, int pageSize = 50) => db.Owners.OrderBy(o => o.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, 100)).Take(Math.Clamp(pageSize, 1, 100)).ToListAsync());""",
            File.ReadAllText(workspace.PathOf("Program.cs")),
            StringComparison.Ordinal);

        var build = DotnetCli.Dotnet(workspace.Root, "build", AnchorWebConsumer.ProjectFile, "-nodeReuse:false", "--no-restore");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(new Regex(@"warning PG\d{4}"), build.Output);
    }

    private const string Controller = """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        [ApiController]
        [Route("properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Property>> All()
            {
                var rows = await db.Properties
                    .Where(p => p.Name != "")
                    .ToListAsync();
                return rows;
            }

            [HttpGet("owners")]
            public async Task<List<Owner>> Owners() => await db.Owners.ToListAsync();

            [HttpGet("page")]
            public Task<List<Property>> Page(int page, int pageSize) =>
                db.Properties.OrderBy(p => p.Id).Skip(page * pageSize).Take(pageSize).ToListAsync();

            [HttpGet("owner-page")]
            public Task<List<Owner>> OwnerPage(int page, int size) =>
                db.Owners.OrderBy(o => o.Id).Skip(page * size).Take(size).ToListAsync();
        }

        """;

    // Two PG0004 and two PG0006 fixes in one class: one MaxPageSize constant; the multi-line query stays one call per line.
    private const string FixedController = """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        [ApiController]
        [Route("properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public async Task<List<Property>> All(int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                var rows = await db.Properties
                    .Where(p => p.Name != "")
                    .OrderBy(p => p.Id)
                    .Skip((page - 1) * pageSize)
                    .Take(pageSize)
                    .ToListAsync();
                return rows;
            }

            [HttpGet("owners")]
            public async Task<List<Owner>> Owners(int page = 1, int pageSize = 50) => await db.Owners.OrderBy(o => o.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();

            [HttpGet("page")]
            public Task<List<Property>> Page(int page, int pageSize) =>
                db.Properties.OrderBy(p => p.Id).Skip(page * pageSize).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();

            [HttpGet("owner-page")]
            public Task<List<Owner>> OwnerPage(int page, int size) =>
                db.Owners.OrderBy(o => o.Id).Skip(page * size).Take(Math.Clamp(size, 1, MaxPageSize)).ToListAsync();
        }

        """;

    private const string Reports = """
        using Microsoft.EntityFrameworkCore;

        public class Reports(AnchorContext db)
        {
            public async Task<List<string>> OwnerNames()
            {
                var properties = await db.Properties
                    .Where(p => p.Id > 0)
                    .ToListAsync();
                return properties.Select(p => p.Owner!.Name).ToList();
            }

            public Task<List<Property>> FirstPage() =>
                db.Properties
                    .Where(p => p.Name != "")
                    .Take(20)
                    .ToListAsync();

            public async Task Rename(List<Owner> owners)
            {
                foreach (var owner in owners)
                {
                    db.Owners.Update(owner);
                    await db.SaveChangesAsync();
                }
            }
        }

        """;

    private const string FixedReports = """
        using Microsoft.EntityFrameworkCore;

        public class Reports(AnchorContext db)
        {
            public async Task<List<string>> OwnerNames()
            {
                var properties = await db.Properties
                    .Where(p => p.Id > 0)
                    .Include(p => p.Owner)
                    .ToListAsync();
                return properties.Select(p => p.Owner!.Name).ToList();
            }

            public Task<List<Property>> FirstPage() =>
                db.Properties
                    .Where(p => p.Name != "")
                    .OrderBy(p => p.Id)
                    .Take(20)
                    .ToListAsync();

            public async Task Rename(List<Owner> owners)
            {
                foreach (var owner in owners)
                {
                    db.Owners.Update(owner);
                }
                await db.SaveChangesAsync();
            }
        }

        """;

    private TempWorkspace CreateConsumer()
    {
        var workspace = AnchorWebConsumer.Create(
            product,
            minimalApiEndpoint: """app.MapGet("/owners", (AnchorContext db) => db.Owners.ToListAsync());""",
            lazyLoading: false);
        workspace.Write("PropertiesController.cs", Controller);
        workspace.Write("Reports.cs", Reports);
        return workspace;
    }
}
