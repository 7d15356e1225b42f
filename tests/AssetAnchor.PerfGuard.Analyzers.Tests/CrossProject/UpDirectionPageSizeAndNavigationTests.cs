using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The UP direction of PG0006 and PG0002/PG0003: Application (entities, IOrderRepository, an endpoint and a report)
/// calls the repository; Infrastructure, built later, implements it and references Application, so Infrastructure
/// joins Application's call-site records with its own implementation and reports at Application's lines (the markup
/// spans in Application's source). A navigation that proxies could make lazy (virtual) with no lazy switch in
/// Infrastructure is left to the composition root, which sees the lazy-loading registrations of Program.cs.
/// </summary>
public sealed class UpDirectionPageSizeAndNavigationTests
{
    private const string Entities = UpFixture.Usings + """
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Application;

        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Order
        {
            public int Id { get; set; }
            public int CustomerId { get; set; }
            public $V Customer Customer { get; set; } = null!;
            public $V List<OrderLine> Lines { get; set; } = new();
        }
        public class OrderLine { public int Id { get; set; } public int OrderId { get; set; } public decimal Price { get; set; } }

        public interface IOrderRepository
        {
            Task<Order> GetAsync(int id);
            Task<Order> GetWithLinesAsync(int id);
            Task<List<Order>> ListAsync();
            Task<List<Order>> ListPageAsync(int page, int pageSize);
            Task<List<Order>> ClampedPageAsync(int page, int pageSize);
        }

        """;

    private const string PageSizeCallers = Entities + """
        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpGet("page")]
            public Task<List<Order>> Page(int page, int pageSize) => orders.ListPageAsync(page, {|PG0006:pageSize|});

            // The implementation clamps: its record takes no page size.
            [HttpGet("clamped")]
            public Task<List<Order>> Clamped(int page, int pageSize) => orders.ClampedPageAsync(page, pageSize);

            // The caller clamps: no call-site record is written.
            [HttpGet("bounded")]
            public Task<List<Order>> Bounded(int page, int pageSize) => orders.ListPageAsync(page, Math.Clamp(pageSize, 1, 100));
        }

        // Not an endpoint: the value does not come from a request.
        public class Exporter(IOrderRepository orders)
        {
            public Task<List<Order>> Batch(int size) => orders.ListPageAsync(1, size);
        }
        """;

    private const string NavigationReaders = Entities + """
        public class OrderReport(IOrderRepository orders)
        {
            public async Task<int> Lines(int id)
            {
                var order = await orders.GetAsync(id);
                return {|$NEVER:order.Lines|}.Count;
            }

            public async Task<int> LoadedLines(int id)
            {
                var order = await orders.GetWithLinesAsync(id);
                return order.Lines.Count + order.Id;
            }

            public async Task<List<string>> Customers()
            {
                var names = new List<string>();
                foreach (var order in await orders.ListAsync()) names.Add({|$LOOP:order.Customer|}.Name);
                return names;
            }

            public async Task<List<string>> CustomersOfAList()
            {
                var list = await orders.ListAsync();
                var names = new List<string>();
                foreach (var order in list) names.Add({|$LOOP:order.Customer|}.Name);
                return names;
            }
        }
        """;

    private const string Infrastructure = UpFixture.ShopInfrastructureUsings + """

        namespace Shop.Infrastructure;

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Customer> Customers => Set<Customer>();
            public DbSet<OrderLine> OrderLines => Set<OrderLine>();
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { $LAZY }
        }

        public class OrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<Order> GetAsync(int id) => db.Orders.FirstAsync(o => o.Id == id);

            public Task<Order> GetWithLinesAsync(int id) => db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == id);

            public Task<List<Order>> ListAsync() => db.Orders.ToListAsync();

            public Task<List<Order>> ListPageAsync(int page, int pageSize) =>
                db.Orders.OrderBy(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();

            public Task<List<Order>> ClampedPageAsync(int page, int pageSize)
            {
                pageSize = Math.Clamp(pageSize, 1, 100);
                return db.Orders.OrderBy(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
            }
        }
        """;

    [Fact]
    public void TheCallSitesAreRecorded_OnlyWhereTheRequestsValueIsUnclamped()
    {
        // Every integral argument an endpoint takes unclamped from the request (the join asks the implementation which
        // one is the page size); not a clamped one, and nothing outside an endpoint.
        var application = BuildApplication(PageSizeCallers);
        var pageSizes = application.Summary!.Split('\n')
            .Where(static l => l.Contains("\"v1p\\t", StringComparison.Ordinal) && l.Contains("\\tpageSize\\t100\\t1\"", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, pageSizes.Count);
        Assert.Contains(pageSizes, static l => l.Contains("IOrderRepository.ListPageAsync", StringComparison.Ordinal));
        Assert.Contains(pageSizes, static l => l.Contains("IOrderRepository.ClampedPageAsync", StringComparison.Ordinal));
        Assert.DoesNotContain("\\tsize\\t", application.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task PageSize_FromAMinimalApiHandlerInApplication_IsReportedByInfrastructure()
    {
        var application = BuildApplication(Entities + """
            public static class OrderEndpoints
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders",
                        (int page, int pageSize, IOrderRepository orders) => orders.ListPageAsync(page, {|PG0006:pageSize|}));
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders/clamped",
                        (int page, int pageSize, IOrderRepository orders) => orders.ListPageAsync(page, Math.Min(pageSize, 100)));
                }
            }
            """);
        var test = UpFixture.References(new PageSizeVerifier.Test { TestCode = Infrastructure.Replace("$LAZY", "") }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(UnboundedPageSizeFromRequestAnalyzer.CrossProjectRule, "PG0006")
            .WithArguments("pageSize", 100, "ListPageAsync"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task PageSize_Infrastructure_ReportsTheEndpointInApplication_WhenItsImplementationTakesItUnclamped()
    {
        var application = BuildApplication(PageSizeCallers);
        var test = UpFixture.References(new PageSizeVerifier.Test { TestCode = Infrastructure.Replace("$LAZY", "") }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(UnboundedPageSizeFromRequestAnalyzer.CrossProjectRule, "PG0006")
            .WithArguments("pageSize", 100, "ListPageAsync"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task PageSize_TheRootOverInfrastructure_StaysQuiet()
    {
        var application = BuildApplication(PageSizeCallers);
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", Infrastructure.Replace("$LAZY", ""), references: application.Project);
        return UpFixture.Root(new PageSizeVerifier.Test { TestCode = UpFixture.ShopWebProgram() }, application.Project, infrastructure).RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Navigation_NotVirtual_NoLazyLoading_Infrastructure_ReportsPG0003_OnTheOneEntityAndPerElement()
    {
        var application = BuildApplication(Readers(isVirtual: false, never: "PG0003", loop: "PG0003"));
        var test = UpFixture.References(new NavigationVerifier.Test { TestCode = Infrastructure.Replace("$LAZY", "") }, application.Project);
        foreach (var span in application.Spans["PG0003"])
        {
            test.ExpectedDiagnostics.Add(NeverLoaded(application, span));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Navigation_LazyInInfrastructure_ReportsPG0002_PerElementOnly()
    {
        // One lazy load for one entity is a round trip, not an N+1; the included Lines are loaded.
        var application = BuildApplication(Readers(isVirtual: true, never: null, loop: "PG0002"));
        var test = UpFixture.References(new NavigationVerifier.Test { TestCode = Infrastructure.Replace("$LAZY", "optionsBuilder.UseLazyLoadingProxies();") }, application.Project);
        foreach (var span in application.Spans["PG0002"])
        {
            test.ExpectedDiagnostics.Add(application.At(NavigationNotLoadedAnalyzer.CrossProjectLazyLoadInLoopRule, span)
                .WithArguments("order.Customer", "foreach loop", "Customer", "ListAsync"));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Navigation_VirtualWithoutASwitchInInfrastructure_InfrastructureLeavesItToTheRoot()
    {
        // Virtual navigations, no UseLazyLoadingProxies in Infrastructure: the root may switch it on, so a PG0003 here
        // would be false whenever it does.
        var application = BuildApplication(Readers(isVirtual: true, never: "PG0003", loop: "PG0003"));
        var test = UpFixture.References(new NavigationVerifier.Test { TestCode = Infrastructure.Replace("$LAZY", "") }, application.Project);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Navigation_VirtualWithoutASwitchAnywhere_TheRootReportsPG0003()
    {
        var application = BuildApplication(Readers(isVirtual: true, never: "PG0003", loop: "PG0003"));
        var test = Root(application, rootLazy: false);
        foreach (var span in application.Spans["PG0003"])
        {
            test.ExpectedDiagnostics.Add(NeverLoaded(application, span));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Navigation_MadeLazyInTheRootsProgram_TheRootReportsPG0002_PerElementOnly()
    {
        // builder.Services.AddDbContext<ShopContext>(o => o.UseLazyLoadingProxies()) in Web's Program.cs, for a context
        // of Infrastructure: the reads are lazy loads, not null navigations.
        var application = BuildApplication(Readers(isVirtual: true, never: null, loop: "PG0002"));
        var test = Root(application, rootLazy: true);
        foreach (var span in application.Spans["PG0002"])
        {
            test.ExpectedDiagnostics.Add(application.At(NavigationNotLoadedAnalyzer.CrossProjectLazyLoadInLoopRule, span)
                .WithArguments("order.Customer", "foreach loop", "Customer", "ListAsync"));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Navigation_NotVirtual_TheRootOverInfrastructure_StaysQuiet()
    {
        // Infrastructure decided it (proxies cannot make a non-virtual navigation lazy) and reported it in its build.
        var application = BuildApplication(Readers(isVirtual: false, never: "PG0003", loop: "PG0003"));
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", Infrastructure.Replace("$LAZY", ""), references: application.Project);
        return UpFixture.Root(new NavigationVerifier.Test { TestCode = UpFixture.ShopWebProgram() }, application.Project, infrastructure).RunAsync(CancellationToken.None);
    }

    private static NavigationVerifier.Test Root(MarkedProject application, bool rootLazy)
    {
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", Infrastructure.Replace("$LAZY", ""), references: application.Project);
        var test = new NavigationVerifier.Test { TestCode = UpFixture.ShopWebProgram(rootLazy ? ".UseLazyLoadingProxies()" : "") };
        return UpFixture.Root(test, application.Project, infrastructure);
    }

    private static string Readers(bool isVirtual, string? never, string loop)
    {
        var source = NavigationReaders.Replace("$V ", isVirtual ? "virtual " : "").Replace("{|$LOOP:", "{|" + loop + ":");
        return never is null
            ? source.Replace("{|$NEVER:order.Lines|}", "order.Lines")
            : source.Replace("{|$NEVER:", "{|" + never + ":");
    }

    private static MarkedProject BuildApplication(string markup) => MarkedProject.Build("Shop.Application", markup.Replace("$V ", ""));

    /// <summary>The single order's Lines come from GetAsync, the listed orders' Customer from ListAsync.</summary>
    private static DiagnosticResult NeverLoaded(MarkedProject application, TextSpan span)
    {
        var read = application.Text(span);
        var navigation = read.Substring(read.IndexOf('.', StringComparison.Ordinal) + 1);
        return application.At(NavigationNotLoadedAnalyzer.CrossProjectNeverLoadedRule, span)
            .WithArguments(read, navigation, navigation == "Lines" ? "GetAsync" : "ListAsync");
    }
}
