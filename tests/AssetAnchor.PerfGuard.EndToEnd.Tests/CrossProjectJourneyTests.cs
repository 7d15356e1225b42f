using System.Text.Json;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>
/// Journey: a layered solution (Domain, Application with interfaces and one endpoint, Infrastructure implementing them
/// with three contexts: one made lazy in its AddInfrastructure extension, one made lazy only in Web's Program.cs, one
/// never lazy; Web as composition root) adds the analyzer package to every project and builds the Web project with
/// `dotnet build`. The build output and the SARIF logs must hold exactly the expected diagnostics, in both directions,
/// each once: Down (Web's loop and endpoint over Infrastructure's repository), Up (Application's loop, endpoints (a page
/// size taken unclamped, every row returned) and navigation reads over interfaces that only Infrastructure implements, reported at Application's lines by
/// Infrastructure, the first project that sees both; the read on the context Program.cs makes lazy by Web, the only
/// project that sees that registration), and the lazy context registered in AddInfrastructure (PG0002, not PG0003),
/// in Infrastructure and in Web's own query of Infrastructure's context (its model travels as v1m records).
/// </summary>
[Collection(PackagedProductCollection.Name)]
public sealed class CrossProjectJourneyTests(PackagedProduct product)
{
    [Fact]
    public void LayeredSolution_BuildAndSarif_HoldExactlyTheCrossProjectDiagnostics()
    {
        using var workspace = CreateSolution();

        var result = DotnetCli.Dotnet(workspace.Root, "build", "src/Web/Web.csproj", "-nodeReuse:false", "-m:2", "-bl:build.binlog");

        Assert.True(result.ExitCode == 0, result.ToString());
        var fromInfrastructure = new[]
        {
            Expected(workspace, "src/Application/OccupancyService.cs", "PG0001", "leases.CountForPropertyAsync(id)"),
            Expected(workspace, "src/Application/PropertyPagesController.cs", "PG0006", "properties.PageAsync(page, pageSize)"),
            Expected(workspace, "src/Application/PropertyPagesController.cs", "PG0006", "properties.PageByAsync(paging)"),
            Expected(workspace, "src/Application/PropertyPagesController.cs", "PG0004", "All()"),
            Expected(workspace, "src/Application/PropertyPagesController.cs", "PG0004", "Everything()"),
            Expected(workspace, "src/Application/PropertyEndpoints.cs", "PG0004", "ListAll(IPropertyRepository"),
            Expected(workspace, "src/Application/AuditService.cs", "PG0003", "entry.Author"),
            Expected(workspace, "src/Application/LeaseBatches.cs", "PG0005", "Take(50)"),
            Expected(workspace, "src/Infrastructure/OwnerReport.cs", "PG0002", "p.Owner"),
        };
        var fromWeb = new[]
        {
            Expected(workspace, "src/Web/LettingController.cs", "PG0001", "leases.CountForPropertyAsync(id)"),
            Expected(workspace, "src/Web/LettingController.cs", "PG0004", "All()"),
            Expected(workspace, "src/Application/InvoiceReport.cs", "PG0002", "invoice.Tenant"),
            Expected(workspace, "src/Web/OwnersPage.cs", "PG0002", "p.Owner"),
        };
        var expected = fromInfrastructure.Concat(fromWeb).ToHashSet();

        // Build output: one line per diagnostic per project build (MSBuild repeats the list in its summary).
        var reported = Regex.Matches(result.Output, @"(?<file>[^\s:]+\.cs)\((?<line>\d+),\d+\): warning (?<id>PG\d{4}):")
            .Select(m => (Path.GetRelativePath(workspace.Root, m.Groups["file"].Value).Replace('\\', '/'), m.Groups["id"].Value, int.Parse(m.Groups["line"].Value)))
            .ToHashSet();
        Assert.Equal(expected.OrderBy(e => e.ToString()), reported.OrderBy(e => e.ToString()));

        var fromSarif = new HashSet<(string, string, int)>();
        foreach (var sarifPath in Directory.GetFiles(workspace.PathOf("sarif"), "*.sarif"))
        {
            using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
            foreach (var entry in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
            {
                var id = entry.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("PG", StringComparison.Ordinal))
                {
                    continue;
                }

                var location = entry.GetProperty("locations")[0].GetProperty("physicalLocation");
                var uri = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                var file = Path.GetRelativePath(workspace.Root, uri.LocalPath).Replace('\\', '/');
                fromSarif.Add((file, id, location.GetProperty("region").GetProperty("startLine").GetInt32()));
            }
        }

        Assert.Equal(expected.OrderBy(e => e.ToString()), fromSarif.OrderBy(e => e.ToString()));

        // Each finding once, in the first project that sees both sides: no project repeats another's.
        Assert.Empty(SarifResults(workspace, "Domain"));
        Assert.Empty(SarifResults(workspace, "Application"));
        Assert.Equal(fromInfrastructure.OrderBy(e => e.ToString()), SarifResults(workspace, "Infrastructure").OrderBy(e => e.ToString()));
        Assert.Equal(fromWeb.OrderBy(e => e.ToString()), SarifResults(workspace, "Web").OrderBy(e => e.ToString()));
    }

    private static (string File, string Id, int Line) Expected(TempWorkspace workspace, string file, string id, string snippet)
    {
        var lines = File.ReadAllLines(workspace.PathOf(file));
        var index = Array.FindIndex(lines, l => l.Contains(snippet, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{snippet} not in {file}");
        return (file, id, index + 1);
    }

    private TempWorkspace CreateSolution()
    {
        var workspace = product.CreateWorkspace();
        workspace.Write("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ErrorLog>$(MSBuildThisFileDirectory)sarif/$(MSBuildProjectName).sarif,version=2.1</ErrorLog>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AssetAnchor.PerfGuard.Analyzers" Version="{product.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(workspace.PathOf("sarif"));
        ConsumerProject.FromDirectoryProps().WriteTo(workspace, "src/Domain/Domain.csproj");
        workspace.Write("src/Domain/Entities.cs", """
            namespace Anchor.Domain;

            public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Property
            {
                public int Id { get; set; }
                public int OwnerId { get; set; }
                public virtual Owner Owner { get; set; } = null!;
                public string Name { get; set; } = "";
            }
            public class Lease { public int Id { get; set; } public int PropertyId { get; set; } }
            public record PropertyDto(int Id, string Name);

            // ReportingContext's entities: Web's Program.cs switches that context to lazy-loading proxies.
            public class Tenant { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Invoice
            {
                public int Id { get; set; }
                public int TenantId { get; set; }
                public virtual Tenant Tenant { get; set; } = null!;
            }

            // AuditContext's entities: never lazy, so an unloaded navigation is null.
            public class AuditEntry
            {
                public int Id { get; set; }
                public int AuthorId { get; set; }
                public Owner Author { get; set; } = null!;
                public string Note { get; set; } = "";
            }
            """);

        // Application declares one endpoint too (as an endpoints library built before Infrastructure would).
        ConsumerProject.FromDirectoryProps()
            .WithProjectReference("../Domain/Domain.csproj")
            .WithPackage("Microsoft.EntityFrameworkCore", ConsumerProject.EfCore10)
            .WithFrameworkReference("Microsoft.AspNetCore.App")
            .WriteTo(workspace, "src/Application/Application.csproj");
        workspace.Write("src/Application/Contracts.cs", """
            using Anchor.Domain;

            namespace Anchor.Application;

            public interface ILeaseRepository
            {
                Task<int> CountForPropertyAsync(int propertyId);
                IQueryable<Lease> Query();
            }

            public interface IPropertyRepository
            {
                Task<List<PropertyDto>> ListAllAsync();
                Task<List<PropertyDto>> ListRecentAsync();
                Task<List<PropertyDto>> PageAsync(int page, int pageSize);
                Task<List<PropertyDto>> PageByAsync(PropertyPaging paging);
            }

            public class PropertyPaging
            {
                public int Page { get; set; } = 1;
                public int PageSize { get; set; } = 20;
            }

            public interface IInvoiceRepository
            {
                Task<List<Invoice>> ListOpenAsync();
            }

            public interface IAuditRepository
            {
                Task<AuditEntry> LatestAsync();
            }
            """);
        workspace.Write("src/Application/PropertyPagesController.cs", """
            using Anchor.Domain;
            using Microsoft.AspNetCore.Mvc;

            namespace Anchor.Application;

            [ApiController]
            [Route("properties")]
            public class PropertyPagesController(IPropertyRepository properties, PropertyQueries queries) : ControllerBase
            {
                [HttpGet("page")]
                public Task<List<PropertyDto>> Page(int page, int pageSize) => properties.PageAsync(page, pageSize);

                [HttpGet("clamped")]
                public Task<List<PropertyDto>> Clamped(int page, int pageSize) => properties.PageAsync(page, Math.Clamp(pageSize, 1, 100));

                // The bound model handed on whole: Infrastructure takes its PageSize into Take (Up PG0006, v1p object form).
                [HttpGet("paged")]
                public Task<List<PropertyDto>> Paged([FromQuery] PropertyPaging paging) => properties.PageByAsync(paging);

                // Every row, through Infrastructure's implementation (Up PG0004); its recent twenty are bounded.
                [HttpGet]
                public Task<List<PropertyDto>> All() => properties.ListAllAsync();

                [HttpGet("recent")]
                public Task<List<PropertyDto>> Recent() => properties.ListRecentAsync();

                // Every row through a method of this project (Up PG0004 through a helper).
                [HttpGet("everything")]
                public Task<List<PropertyDto>> Everything() => queries.Everything();
            }

            public class PropertyQueries(IPropertyRepository properties)
            {
                public Task<List<PropertyDto>> Everything() => properties.ListAllAsync();
            }
            """);
        workspace.Write("src/Application/PropertyEndpoints.cs", """
            using Anchor.Domain;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            namespace Anchor.Application;

            // A minimal-API handler passed by method group (Up PG0004 on its declaration); its bounded twin stays quiet.
            public static class PropertyEndpoints
            {
                public static void MapProperties(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/properties/all", ListAll);
                    app.MapGet("/properties/recent", ListRecent);
                }

                public static Task<List<PropertyDto>> ListAll(IPropertyRepository properties) => properties.ListAllAsync();

                public static Task<List<PropertyDto>> ListRecent(IPropertyRepository properties) => properties.ListRecentAsync();
            }
            """);
        workspace.Write("src/Application/InvoiceReport.cs", """
            namespace Anchor.Application;

            public class InvoiceReport(IInvoiceRepository invoices)
            {
                public async Task<List<string>> TenantNames()
                {
                    var names = new List<string>();
                    foreach (var invoice in await invoices.ListOpenAsync())
                    {
                        names.Add(invoice.Tenant.Name);
                    }
                    return names;
                }
            }
            """);
        workspace.Write("src/Application/AuditService.cs", """
            namespace Anchor.Application;

            public class AuditService(IAuditRepository audits)
            {
                public async Task<string> LatestAuthor()
                {
                    var entry = await audits.LatestAsync();
                    return entry.Author.Name + ": " + entry.Note;
                }
            }
            """);
        // Up PG0005: a batch of the query Infrastructure's repository returns, with no order (v1o).
        workspace.Write("src/Application/LeaseBatches.cs", """
            using Anchor.Domain;

            namespace Anchor.Application;

            public class LeaseBatches(ILeaseRepository leases)
            {
                public List<Lease> Next(int propertyId) => leases.Query().Where(l => l.PropertyId == propertyId).Take(50).ToList();
            }
            """);
        workspace.Write("src/Application/OccupancyService.cs", """
            namespace Anchor.Application;

            public class OccupancyService(ILeaseRepository leases)
            {
                public async Task<int> LetCount(IReadOnlyList<int> propertyIds)
                {
                    var let = 0;
                    foreach (var id in propertyIds)
                    {
                        if (await leases.CountForPropertyAsync(id) > 0) let++;
                    }
                    return let;
                }
            }
            """);

        ConsumerProject.FromDirectoryProps()
            .WithProjectReference("../Application/Application.csproj")
            .WithPackage("Microsoft.EntityFrameworkCore.Sqlite", ConsumerProject.EfCore10)
            .WithPackage("Microsoft.EntityFrameworkCore.Proxies", ConsumerProject.EfCore10Proxies)
            .WriteTo(workspace, "src/Infrastructure/Infrastructure.csproj");
        workspace.Write("src/Infrastructure/AnchorContext.cs", """
            using Anchor.Domain;
            using Microsoft.EntityFrameworkCore;

            namespace Anchor.Infrastructure;

            public class AnchorContext(DbContextOptions<AnchorContext> options) : DbContext(options)
            {
                public DbSet<Owner> Owners => Set<Owner>();
                public DbSet<Property> Properties => Set<Property>();
                public DbSet<Lease> Leases => Set<Lease>();
            }

            // Made lazy by Web's Program.cs, not here.
            public class ReportingContext(DbContextOptions<ReportingContext> options) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();
                public DbSet<Tenant> Tenants => Set<Tenant>();
            }

            public class AuditContext(DbContextOptions<AuditContext> options) : DbContext(options)
            {
                public DbSet<AuditEntry> Entries => Set<AuditEntry>();
                public DbSet<Owner> Owners => Set<Owner>();
            }
            """);
        workspace.Write("src/Infrastructure/DependencyInjection.cs", """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            using Anchor.Application;

            namespace Anchor.Infrastructure;

            public static class DependencyInjection
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services, string connection)
                {
                    services.AddDbContext<AnchorContext>(o => o.UseLazyLoadingProxies().UseSqlite(connection));
                    services.AddScoped<ILeaseRepository, LeaseRepository>();
                    services.AddScoped<IPropertyRepository, PropertyRepository>();
                    services.AddDbContext<AuditContext>(o => o.UseSqlite(connection));
                    services.AddScoped<IInvoiceRepository, InvoiceRepository>();
                    services.AddScoped<IAuditRepository, AuditRepository>();
                    return services;
                }
            }
            """);
        workspace.Write("src/Infrastructure/Repositories.cs", """
            using Anchor.Application;
            using Anchor.Domain;
            using Microsoft.EntityFrameworkCore;

            namespace Anchor.Infrastructure;

            public class LeaseRepository(AnchorContext db) : ILeaseRepository
            {
                public Task<int> CountForPropertyAsync(int propertyId) => db.Leases.CountAsync(l => l.PropertyId == propertyId);

                public IQueryable<Lease> Query() => db.Leases;
            }

            public class PropertyRepository(AnchorContext db) : IPropertyRepository
            {
                public Task<List<PropertyDto>> ListAllAsync() =>
                    db.Properties.OrderBy(p => p.Name).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();

                public Task<List<PropertyDto>> ListRecentAsync() =>
                    db.Properties.OrderByDescending(p => p.Id).Take(20).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();

                public Task<List<PropertyDto>> PageAsync(int page, int pageSize) =>
                    db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();

                public Task<List<PropertyDto>> PageByAsync(PropertyPaging paging) =>
                    db.Properties.OrderBy(p => p.Id).Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();
            }

            public class InvoiceRepository(ReportingContext db) : IInvoiceRepository
            {
                public Task<List<Invoice>> ListOpenAsync() => db.Invoices.OrderBy(i => i.Id).Take(100).ToListAsync();
            }

            public class AuditRepository(AuditContext db) : IAuditRepository
            {
                public Task<AuditEntry> LatestAsync() => db.Entries.OrderByDescending(e => e.Id).FirstAsync();
            }
            """);
        workspace.Write("src/Infrastructure/OwnerReport.cs", """
            namespace Anchor.Infrastructure;

            public class OwnerReport(AnchorContext db)
            {
                public List<string> OwnerNames()
                {
                    var names = new List<string>();
                    foreach (var p in db.Properties.OrderBy(p => p.Id).Take(50).ToList())
                    {
                        names.Add(p.Owner.Name);
                    }
                    return names;
                }
            }
            """);

        ConsumerProject.FromDirectoryProps("Microsoft.NET.Sdk.Web")
            .WithProjectReference("../Infrastructure/Infrastructure.csproj")
            .WriteTo(workspace, "src/Web/Web.csproj");
        workspace.Write("src/Web/Program.cs", """
            using Anchor.Infrastructure;
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddInfrastructure("Data Source=anchor.db");
            builder.Services.AddDbContext<ReportingContext>(o => o.UseLazyLoadingProxies().UseSqlite("Data Source=reports.db"));
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """);
        // Down, PG0002: Web queries Infrastructure's context itself; the context's model and its lazy switch (in
        // AddInfrastructure) come from Infrastructure's v1m records.
        workspace.Write("src/Web/OwnersPage.cs", """
            using Anchor.Infrastructure;
            using Microsoft.EntityFrameworkCore;

            namespace Anchor.Web;

            public class OwnersPage(AnchorContext db)
            {
                public async Task<List<string>> OwnerNames()
                {
                    var names = new List<string>();
                    foreach (var p in await db.Properties.OrderBy(p => p.Id).Take(50).ToListAsync())
                    {
                        names.Add(p.Owner.Name);
                    }
                    return names;
                }
            }
            """);
        workspace.Write("src/Web/LettingController.cs", """
            using Anchor.Application;
            using Anchor.Domain;
            using Microsoft.AspNetCore.Mvc;

            namespace Anchor.Web;

            [ApiController]
            [Route("letting")]
            public class LettingController(ILeaseRepository leases, IPropertyRepository properties) : ControllerBase
            {
                [HttpGet("let")]
                public async Task<int> Let([FromQuery] int[] ids)
                {
                    var let = 0;
                    foreach (var id in ids)
                    {
                        if (await leases.CountForPropertyAsync(id) > 0) let++;
                    }
                    return let;
                }

                [HttpGet("all")]
                public Task<List<PropertyDto>> All() => properties.ListAllAsync();

                [HttpGet("recent")]
                public Task<List<PropertyDto>> Recent() => properties.ListRecentAsync();
            }
            """);
        return workspace;
    }

    [Fact]
    public void TestProject_AndASecondExecutable_DoNotRepeatWhatInfrastructureReported()
    {
        // Infrastructure references Application and reported the Up findings it could decide; a second executable sees
        // both sides through it and stays quiet on those. Only the read whose answer depends on a root's registrations
        // is judged by each executable: the Seeder switches ReportingContext to lazy loading nowhere, so for it the
        // navigation is null (PG0003) where Web's Program.cs made it a lazy load (PG0002). The package's props makes
        // IsTestProject visible to the analyzer; the test project references no test framework here, so only the
        // property keeps it silent.
        using var workspace = CreateSolution();
        foreach (var (name, isTestProject) in new[] { ("Web.Tests", "true"), ("Seeder", "") })
        {
            ConsumerProject.FromDirectoryProps()
                .WithProperty("OutputType", "Exe")
                .WithProperty("IsTestProject", isTestProject)
                .WithProjectReference("../Application/Application.csproj")
                .WithProjectReference("../Infrastructure/Infrastructure.csproj")
                .WriteTo(workspace, $"src/{name}/{name}.csproj");
            workspace.Write($"src/{name}/Program.cs", """
                public static class Program
                {
                    public static void Main() => System.Console.WriteLine(typeof(Anchor.Application.OccupancyService).Name);
                }
                """);
            var result = DotnetCli.Dotnet(workspace.Root, "build", $"src/{name}/{name}.csproj", "-nodeReuse:false", "-m:2");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        Assert.Empty(SarifResults(workspace, "Web.Tests"));
        Assert.Equal(
            new[] { Expected(workspace, "src/Application/InvoiceReport.cs", "PG0003", "invoice.Tenant") },
            SarifResults(workspace, "Seeder"));
        Assert.Contains(
            Expected(workspace, "src/Application/OccupancyService.cs", "PG0001", "leases.CountForPropertyAsync(id)"),
            SarifResults(workspace, "Infrastructure"));
    }

    private static List<(string File, string Id, int Line)> SarifResults(TempWorkspace workspace, string project)
    {
        using var sarif = JsonDocument.Parse(File.ReadAllText(workspace.PathOf($"sarif/{project}.sarif")));
        var results = new List<(string, string, int)>();
        foreach (var entry in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            var id = entry.GetProperty("ruleId").GetString()!;
            if (id.StartsWith("PG", StringComparison.Ordinal))
            {
                var location = entry.GetProperty("locations")[0].GetProperty("physicalLocation");
                var uri = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                var file = Path.GetRelativePath(workspace.Root, uri.LocalPath).Replace('\\', '/');
                results.Add((file, id, location.GetProperty("region").GetProperty("startLine").GetInt32()));
            }
        }

        return results;
    }
}
