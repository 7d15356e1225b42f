using AssetAnchor.PerfGuard.Analyzers.Rules;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The UP direction of PG0004/PG0007 (v1r): Application holds the endpoints and IOrderService; Infrastructure, built
/// later and referencing Application, implements it. Application records each endpoint that returns what the service
/// returns with no row limit of its own; Infrastructure (the first project that sees both) joins them with its
/// implementation and reports at Application's lines (the markup spans in Application's source).
/// </summary>
public sealed class UpDirectionEndpointRowsTests
{
    private const string Application = UpFixture.Usings + """
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Application;

        public class Order { public int Id { get; set; } public int CustomerId { get; set; } public List<OrderLine> Lines { get; set; } = new(); }
        public class OrderLine { public int Id { get; set; } public int OrderId { get; set; } public decimal Price { get; set; } }
        public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }
        public class OrderDetailsDto { public int Id { get; set; } public List<OrderLine> Lines { get; set; } = new(); }

        public interface IOrderService
        {
            Task<List<Order>> ListAsync();
            Task<List<Order>> ListBatchAsync(int page);
            Task<List<OrderLine>> ListLinesAsync(int orderId);
            Task<List<Country>> ListCountriesAsync();
            IQueryable<Order> Query();
        }

        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderService orders) : ControllerBase
        {
            [HttpGet]
            public Task<List<Order>> {|PG0004:All|}() => orders.ListAsync();

            [HttpGet("wrapped")]
            public async Task<IActionResult> {|PG0004:Wrapped|}() => Ok(await orders.ListAsync());

            [HttpGet("memory")]
            public async Task<List<Order>> {|PG0004M:InMemory|}(int page) => (await orders.ListAsync()).Skip(page * 20).Take(20).ToList();

            // The implementation pages: recorded here, bounded there. (A contract named like paging, ListPageAsync, is
            // taken at its name here, as any method without a record: not recorded.)
            [HttpGet("page")]
            public Task<List<Order>> Page(int page) => orders.ListBatchAsync(page);

            // The response is a number, or a top five: not recorded.
            [HttpGet("count")]
            public async Task<int> Count() => (await orders.ListAsync()).Count();

            [HttpGet("top")]
            public async Task<List<Order>> Top() => (await orders.ListAsync()).Take(5).ToList();

            // One order with its lines: the implementation pins OrderId to one value.
            [HttpGet("{id}")]
            public async Task<OrderDetailsDto> Details(int id) => new OrderDetailsDto { Id = id, Lines = await orders.ListLinesAsync(id) };

            [HttpGet("countries")]
            public Task<List<Country>> {|PG0007:Countries|}() => orders.ListCountriesAsync();

            // A queryable: materialised here (recorded), or narrowed to one row by its key (not recorded).
            [HttpGet("query")]
            public List<Order> {|PG0004Q:Queried|}() => orders.Query().ToList();

            [HttpGet("query/{id}")]
            public List<Order> ByKey(int id) => orders.Query().Where(o => o.Id == id).ToList();
        }

        public class OrdersPageModel(IOrderService orders) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
        {
            public List<Order> Orders { get; private set; } = new();

            public async Task {|PG0004:OnGetAsync|}() => Orders = await orders.ListAsync();
        }

        public static class OrderEndpoints
        {
            public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
            {
                Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders", {|PG0004L:(IOrderService service)|} => service.ListAsync());
                Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders/page", (int page, IOrderService service) => service.ListBatchAsync(page));
            }
        }

        // Not an endpoint: nothing recorded.
        public class Exporter(IOrderService orders)
        {
            public Task<List<Order>> Everything() => orders.ListAsync();
        }
        """;

    private static readonly string Infrastructure = UpFixture.ShopInfrastructure("public DbSet<OrderLine> OrderLines => Set<OrderLine>();") + """
        public class OrderService(ShopContext db) : IOrderService
        {
            public Task<List<Order>> ListAsync() => db.Orders.ToListAsync();

            public Task<List<Order>> ListBatchAsync(int page) => db.Orders.OrderBy(o => o.Id).Skip(page * 20).Take(20).ToListAsync();

            public Task<List<OrderLine>> ListLinesAsync(int orderId) => db.OrderLines.Where(l => l.OrderId == orderId).ToListAsync();

            public Task<List<Country>> ListCountriesAsync() => db.Countries.ToListAsync();

            public IQueryable<Order> Query() => db.Orders;
        }
        """;

    private const string Via = " (through 'orders.ListAsync()', implemented in another project)";

    [Fact]
    public void TheEndpointsAreRecorded_OnlyWhereTheyReturnTheRowsWithNoLimitOfTheirOwn()
    {
        var application = BuildApplication(Application);
        var records = application.Summary!.Split('\n').Where(static l => l.Contains("\"v1r\\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, records.Count);
        Assert.Contains(records, static l => l.Contains("\\tQueried\\torders.Query()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tOnGetAsync\\torders.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tGET /orders/page\\tservice.ListBatchAsync(page)\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tAll\\torders.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tWrapped\\torders.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tInMemory\\torders.ListAsync()\\tM\\tListAsync\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tPage\\torders.ListBatchAsync(page)\\tA\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tDetails\\torders.ListLinesAsync(id)\\tA\\t\\tOrder\\t", StringComparison.Ordinal));
        Assert.Contains(records, static l => l.Contains("\\tGET /orders\\tservice.ListAsync()\\tA\\t", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static l => l.Contains("\\tCount\\t", StringComparison.Ordinal) || l.Contains("\\tTop\\t", StringComparison.Ordinal) ||
                                                   l.Contains("Everything", StringComparison.Ordinal) ||
                                                   l.Contains("\\tByKey\\t", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEndpointWhoseOnlyContractCallHasNoArguments_PassesThePrefilter_AndAFacadeOfItsProjectIsFollowed()
    {
        // Before v1r the prefilter kept endpoint-shaped calls only with arguments (a page size may be passed): this
        // project would have written the marker alone. The call made through a method of the endpoint's own project is
        // recorded too, since endpoints reach contracts through their project's methods (EndpointReach).
        var application = ReferencedProject.Build("Shop.Application", """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            namespace Shop.Application;

            public class Order { public int Id { get; set; } }
            public interface IOrderService { Task<List<Order>> ListAsync(); }

            public class OrderFacade(IOrderService orders)
            {
                public Task<List<Order>> Everything() => orders.ListAsync();
            }

            [ApiController, Route("api/orders")]
            public class OrdersController(IOrderService orders, OrderFacade facade) : ControllerBase
            {
                [HttpGet]
                public Task<List<Order>> All() => orders.ListAsync();

                [HttpGet("facade")]
                public Task<List<Order>> ThroughTheFacade() => facade.Everything();
            }
            """);
        var records = application.Summary!.Split('\n').Where(static l => l.Contains("\"v1r\\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, records.Count);
        Assert.Contains("\\tAll\\torders.ListAsync()\\tA\\t", records[0], StringComparison.Ordinal);
        Assert.Contains("\\tThroughTheFacade\\torders.ListAsync()\\tA\\t", records[1], StringComparison.Ordinal);
    }

    [Fact]
    public Task Infrastructure_ReportsTheEndpointsInApplication_WhoseImplementationReturnsEveryRow()
    {
        var application = BuildApplication(Application);
        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = Infrastructure }, application.Project);
        AddExpected(test, application, "db.Orders");
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheRootOverInfrastructure_StaysQuiet()
    {
        var application = BuildApplication(Application);
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", Infrastructure, references: application.Project);
        return Root(application, infrastructure).RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task SwitchedOffInInfrastructure_ItReportsNothing()
    {
        var application = BuildApplication(Application);
        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = Infrastructure }, application.Project);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nperfguard.report_cross_project_call_sites = false\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task SwitchedOffInInfrastructure_TheRootReportsFromItsRecords()
    {
        // Infrastructure's v1q record hands the joins on; the root judges them from the recorded implementation (field 4
        // unbounded, field 11 the pinned parent) and the recorded seeded entity (v1e).
        var application = BuildApplication(Application);
        var infrastructure = ReferencedProject.BuildWithGlobalOptions(
            "Shop.Infrastructure", Infrastructure, new Dictionary<string, string> { ["perfguard.report_cross_project_call_sites"] = "false" }, application.Project);
        var test = Root(application, infrastructure);
        AddExpected(test, application, "db.Orders");
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AnEntityExemptInTheEndpointsFile_IsNotReported()
    {
        var application = BuildApplication(Application, exempt: "Order");
        var test = UpFixture.References(new EndpointVerifier.Test { TestCode = Infrastructure }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, "PG0007")
            .WithArguments("Countries", "db.Countries", " (through 'orders.ListCountriesAsync()', implemented in another project)", "seeded with HasData, no navigations"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ABoundedImplementation_BesideAnUnboundedOne_WinsThePolicy()
    {
        // PG0004's policy across projects as inside one: every implementation must return every row.
        var application = BuildApplication(Application);
        var test = new EndpointVerifier.Test
        {
            TestCode = Infrastructure + """

                public class RecentOrderService(ShopContext db) : IOrderService
                {
                    public Task<List<Order>> ListAsync() => db.Orders.OrderBy(o => o.Id).Take(50).ToListAsync();
                    public Task<List<Order>> ListBatchAsync(int page) => ListAsync();
                    public Task<List<OrderLine>> ListLinesAsync(int orderId) => db.OrderLines.Where(l => l.Id == orderId).ToListAsync();
                    public Task<List<Country>> ListCountriesAsync() => db.Countries.OrderBy(c => c.Id).Take(300).ToListAsync();
                    public IQueryable<Order> Query() => db.Orders.OrderBy(o => o.Id).Take(50);
                }
                """,
        };
        UpFixture.References(test, application.Project);
        return test.RunAsync(CancellationToken.None);
    }

    private static void AddExpected(EndpointVerifier.Test test, MarkedProject application, string query)
    {
        foreach (var span in application.Spans["PG0004"])
        {
            var endpoint = application.Text(span);
            test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectRule, span).WithArguments(endpoint, query, Via, ""));
        }

        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectRule, "PG0004Q")
            .WithArguments("Queried", query, " (through 'orders.Query()', implemented in another project)", ""));

        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectRule, "PG0004M")
            .WithArguments("InMemory", query, Via, " in the database (the Skip/Take after 'ListAsync' runs in memory, after every row was loaded)"));
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectRule, "PG0004L")
            .WithArguments("GET /orders", query, " (through 'service.ListAsync()', implemented in another project)", ""));
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectReferenceTableRule, "PG0007")
            .WithArguments("Countries", "db.Countries", " (through 'orders.ListCountriesAsync()', implemented in another project)", "seeded with HasData, no navigations"));
    }

    private static EndpointVerifier.Test Root(MarkedProject application, ReferencedProject infrastructure) =>
        UpFixture.Root(new EndpointVerifier.Test { TestCode = UpFixture.ShopWebProgram() }, application.Project, infrastructure);

    private static MarkedProject BuildApplication(string markup, string? exempt = null) =>
        MarkedProject.Build("Shop.Application", markup, exempt is null ? null : new Dictionary<string, string> { ["PG0004.exempt_types"] = exempt });
}
