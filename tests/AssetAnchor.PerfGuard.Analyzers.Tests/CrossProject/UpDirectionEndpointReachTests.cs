using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The UP direction of PG0004/PG0007 (v1r) for endpoints that do not call the contract themselves: minimal-API handlers
/// passed by method group (static, instance, local function), and endpoints that reach IOrderRepository through a
/// method of their own project (OrderQueries), to the depth PG0004 follows its own helpers. Infrastructure, built
/// later, implements the repository and reports at Application's lines (the markup spans).
/// </summary>
public sealed class UpDirectionEndpointReachTests
{
    private const string Application = UpFixture.Usings + """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        namespace Shop.Application;

        public class Order { public int Id { get; set; } public bool Open { get; set; } }
        public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }

        public interface IOrderRepository
        {
            Task<List<Order>> ListAsync();
            IQueryable<Order> Query();
            Task<List<Country>> ListCountriesAsync();
        }

        public static class OrderHandlers
        {
            public static async Task<IResult> {|PG0004G:GetAll|}(IOrderRepository repo) => Results.Ok(await repo.ListAsync());

            public static Task<List<Country>> {|PG0007:Countries|}(IOrderRepository repo) => repo.ListCountriesAsync();

            // Traps: paged in the query, one row.
            public static List<Order> Paged(IOrderRepository repo, int page) => repo.Query().OrderBy(o => o.Id).Skip(page * 20).Take(20).ToList();

            public static async Task<Order?> One(IOrderRepository repo, int id) => (await repo.ListAsync()).FirstOrDefault(o => o.Id == id);
        }

        public class OrderGroupHandlers(IOrderRepository repo)
        {
            public Task<List<Order>> {|PG0004I:List|}() => repo.ListAsync();
        }

        public class OrderQueries(IOrderRepository repository)
        {
            public Task<List<Order>> All() => repository.ListAsync();

            public Task<List<Order>> Everything() => Deeper();

            private Task<List<Order>> Deeper() => All();

            // Four methods between the endpoint and the contract: deeper than PG0004 follows its own helpers.
            public Task<List<Order>> TooDeep() => Level2();

            private Task<List<Order>> Level2() => Level3();

            private Task<List<Order>> Level3() => Level4();

            private Task<List<Order>> Level4() => repository.ListAsync();

            // Traps: a Take on the query, a top five of the loaded list.
            public IQueryable<Order> Recent(int take) => repository.Query().OrderBy(o => o.Id).Take(take);

            public async Task<List<Order>> TopFive() => (await repository.ListAsync()).Where(o => o.Open).Take(5).ToList();
        }

        public static class OrderEndpoints
        {
            public static void MapOrders(this IEndpointRouteBuilder app, OrderGroupHandlers handlers)
            {
                app.MapGet("/orders", OrderHandlers.GetAll);
                app.MapGet("/countries", OrderHandlers.Countries);
                app.MapGet("/orders/page", OrderHandlers.Paged);
                app.MapGet("/orders/{id}", OrderHandlers.One);
                var group = app.MapGroup("/v2");
                group.MapGet("/orders", handlers.List);
                app.MapGet("/local", ListLocal);
                app.MapGet("/queries", {|PG0004Q:(OrderQueries queries)|} => queries.All());
                app.MapGet("/recent", (OrderQueries queries) => queries.Recent(20).ToList());

                static Task<List<Order>> {|PG0004L:ListLocal|}(IOrderRepository repo) => repo.ListAsync();
            }
        }

        [ApiController, Route("api/orders")]
        public class OrdersController(OrderQueries queries) : ControllerBase
        {
            [HttpGet]
            public Task<List<Order>> {|PG0004:All|}() => queries.All();

            [HttpGet("wrapped")]
            public async Task<IActionResult> {|PG0004:Wrapped|}() => Ok(await queries.All());

            [HttpGet("deep")]
            public Task<List<Order>> {|PG0004D:Deep|}() => queries.Everything();

            [HttpGet("recent")]
            public List<Order> Recent() => queries.Recent(20).ToList();

            [HttpGet("too-deep")]
            public Task<List<Order>> TooDeep() => queries.TooDeep();

            [HttpGet("top")]
            public Task<List<Order>> Top() => queries.TopFive();
        }
        """;

    private static readonly string Infrastructure = UpFixture.ShopInfrastructure() + """
        public class OrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<List<Order>> ListAsync() => db.Orders.ToListAsync();

            public IQueryable<Order> Query() => db.Orders;

            public Task<List<Country>> ListCountriesAsync() => db.Countries.ToListAsync();
        }
        """;

    [Fact]
    public void MethodGroupsAndEndpointsThroughOwnMethods_AreRecorded_TheTrapsAreNot()
    {
        var application = BuildApplication(Application);
        var records = EndpointRecords(application.Project);
        Assert.Contains(records, static l => l.Contains("\\tGET /orders\\trepo.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tGET /countries\\trepo.ListCountriesAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tGET /v2/orders\\trepo.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tGET /local\\trepo.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tGET /queries\\trepository.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tAll\\trepository.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tWrapped\\trepository.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tDeep\\trepository.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static l => l.Contains("/page", StringComparison.Ordinal) || l.Contains("{id}", StringComparison.Ordinal) ||
                                                   l.Contains("/recent", StringComparison.Ordinal) || l.Contains("\\tRecent\\t", StringComparison.Ordinal) ||
                                                   l.Contains("\\tTop\\t", StringComparison.Ordinal) ||
                                                   l.Contains("\\tTooDeep\\t", StringComparison.Ordinal));
        Assert.Equal(8, records.Count);
    }

    [Fact]
    public void ThePrefilterKeepsAProjectWhoseOnlyContractCallsSitInAMethodGroupOrAHelper()
    {
        // Neither project has a contract call in an endpoint shape, a loop or a local: before v1r followed these
        // shapes both wrote the marker alone.
        const string methodGroup = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            namespace Shop.Application;

            public class Order { public int Id { get; set; } }
            public interface IOrderRepository { Task<List<Order>> ListAsync(); }

            public static class OrderEndpoints
            {
                public static void MapOrders(this IEndpointRouteBuilder app) => app.MapGet("/orders", GetAll);

                public static Task<List<Order>> GetAll(IOrderRepository repo) => repo.ListAsync();
            }
            """;
        const string helper = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            namespace Shop.Application;

            public class Order { public int Id { get; set; } }
            public interface IOrderRepository { Task<List<Order>> ListAsync(); }

            public class OrderQueries(IOrderRepository repository)
            {
                public Task<List<Order>> All() => repository.ListAsync();
            }

            [ApiController, Route("api/orders")]
            public class OrdersController(OrderQueries queries) : ControllerBase
            {
                [HttpGet]
                public Task<List<Order>> All() => queries.All();
            }
            """;
        Assert.Single(EndpointRecords(ReferencedProject.BuildCheckingPrefilter(false, "Shop.Application", methodGroup)));
        Assert.Single(EndpointRecords(ReferencedProject.BuildCheckingPrefilter(false, "Shop.Application", helper)));

        // The same helper called from no endpoint, and a method group whose method makes no contract call: still nothing.
        var notFromAnEndpoint = helper.Replace("[ApiController, Route(\"api/orders\")]", "", StringComparison.Ordinal)
            .Replace("[HttpGet]", "", StringComparison.Ordinal).Replace(" : ControllerBase", "", StringComparison.Ordinal).Replace("OrdersController", "OrdersExport", StringComparison.Ordinal);
        var application = ReferencedProject.BuildCheckingPrefilter(true, "Shop.Application", notFromAnEndpoint);
        Assert.Equal(ReferencedProject.MarkerOnlySummary, application.Summary);
        var noContractCall = methodGroup.Replace("repo.ListAsync()", "Task.FromResult(new List<Order>())", StringComparison.Ordinal);
        Assert.Equal(ReferencedProject.MarkerOnlySummary, ReferencedProject.BuildCheckingPrefilter(true, "Shop.Application", noContractCall).Summary);
    }

    [Fact]
    public Task Infrastructure_ReportsTheMethodGroupsAndTheEndpointsThroughHelpers()
    {
        var application = BuildApplication(Application);
        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = Infrastructure }, application.Project);
        AddOrders(test, application);
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, "PG0007")
            .WithArguments("GET /countries", "db.Countries", Through("repo.ListCountriesAsync()"), "seeded with HasData, no navigations"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AnEntityExemptInTheEndpointsFile_IsNotReported()
    {
        var application = BuildApplication(Application, exempt: "Order");
        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = Infrastructure }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, "PG0007")
            .WithArguments("GET /countries", "db.Countries", Through("repo.ListCountriesAsync()"), "seeded with HasData, no navigations"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AReferenceEntityListedInTheEndpointsFile_IsPG0007()
    {
        var application = BuildApplication(Application, references: "Order");
        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = Infrastructure }, application.Project);
        foreach (var key in new[] { "PG0004", "PG0004G", "PG0004I", "PG0004L", "PG0004Q", "PG0004D" })
        {
            foreach (var span in application.Spans[key])
            {
                var (endpoint, via) = Expected(application, key, span);
                test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, span)
                    .WithArguments(endpoint, "db.Orders", via, "listed in PG0004.reference_entities"));
            }
        }

        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, "PG0007")
            .WithArguments("GET /countries", "db.Countries", Through("repo.ListCountriesAsync()"), "seeded with HasData, no navigations"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AHelperThatPagesInItsImplementation_IsBoundedThere()
    {
        // Every implementation must return every row (PG0004's policy): a second, paged one silences the Orders joins.
        var application = BuildApplication(Application);
        var test = new EndpointVerifier.Test
        {
            TestCode = Infrastructure + """

                public class RecentOrderRepository(ShopContext db) : IOrderRepository
                {
                    public Task<List<Order>> ListAsync() => db.Orders.OrderBy(o => o.Id).Take(50).ToListAsync();
                    public IQueryable<Order> Query() => db.Orders.OrderBy(o => o.Id).Take(50);
                    public Task<List<Country>> ListCountriesAsync() => db.Countries.ToListAsync();
                }
                """,
        };
        UpFixture.References(test, application.Project);
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, "PG0007")
            .WithArguments("GET /countries", "db.Countries", Through("repo.ListCountriesAsync()"), "seeded with HasData, no navigations"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AContractImplementedInAReferencedProject_IsDown_NoCallSiteIsRecorded()
    {
        // Web (a library here) references Infrastructure, which implements the repository: the method group and the
        // helper are judged in Web itself from Infrastructure's record (Down), not recorded for a later project.
        var domain = ReferencedProject.Build("Shop.Domain", """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Shop.Domain;

            public class Order { public int Id { get; set; } }
            public interface IOrderRepository { Task<List<Order>> ListAsync(); }
            """);
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Infrastructure;

            public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }

            public class OrderRepository(ShopContext db) : IOrderRepository
            {
                public Task<List<Order>> ListAsync() => db.Orders.ToListAsync();
            }
            """, references: domain);
        const string web = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Shop.Domain;

            namespace Shop.Web;

            public class OrderQueries(IOrderRepository repository)
            {
                public Task<List<Order>> All() => repository.ListAsync();
            }

            public static class OrderEndpoints
            {
                public static void MapOrders(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/orders", GetAll);
                    app.MapGet("/queries", {|#1:(OrderQueries queries)|} => queries.All());
                }

                public static Task<List<Order>> {|#0:GetAll|}(IOrderRepository repo) => repo.ListAsync();
            }
            """;
        var recorded = MarkedProject.Build("Shop.Web", web, references: new[] { domain, infrastructure }).Project;
        Assert.Empty(EndpointRecords(recorded));

        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = web }, domain, infrastructure);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(1)
            .WithArguments("GET /queries", "db.Orders", " (through 'repository.ListAsync()')", "").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(0)
            .WithArguments("GET /orders", "db.Orders", " (through 'repo.ListAsync()')", "").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        return test.RunAsync(CancellationToken.None);
    }

    private static void AddOrders(EndpointVerifier.Test test, MarkedProject application)
    {
        foreach (var key in new[] { "PG0004", "PG0004G", "PG0004I", "PG0004L", "PG0004Q", "PG0004D" })
        {
            foreach (var span in application.Spans[key])
            {
                var (endpoint, via) = Expected(application, key, span);
                test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectRule, span).WithArguments(endpoint, "db.Orders", via, ""));
            }
        }
    }

    private static (string Endpoint, string Via) Expected(MarkedProject application, string key, TextSpan span) => key switch
    {
        "PG0004G" => ("GET /orders", Through("repo.ListAsync()")),
        "PG0004I" => ("GET /v2/orders", Through("repo.ListAsync()")),
        "PG0004L" => ("GET /local", Through("repo.ListAsync()")),
        "PG0004Q" => ("GET /queries", Through("repository.ListAsync()")),
        "PG0004D" => ("Deep", Through("repository.ListAsync()")),
        _ => (application.Text(span), Through("repository.ListAsync()")),
    };

    private static string Through(string call) => " (through '" + call + "', implemented in another project)";

    private static List<string> EndpointRecords(ReferencedProject project) =>
        (project.Summary ?? string.Empty).Split('\n').Where(static l => l.Contains("\"v1r\\t", StringComparison.Ordinal)).ToList();

    private static MarkedProject BuildApplication(string markup, string? exempt = null, string? references = null)
    {
        var options = new Dictionary<string, string>();
        if (exempt is not null)
        {
            options["PG0004.exempt_types"] = exempt;
        }

        if (references is not null)
        {
            options["PG0004.reference_entities"] = references;
        }

        return MarkedProject.Build("Shop.Application", markup, options);
    }
}
