using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0002/PG0003 and PG0006 when the repository sits in a referenced project: judged by its record (the entity it
/// returns and which navigations are loaded; which parameters reach Take unclamped), not by its name.
/// </summary>
public sealed class NavigationAndPageSizeAcrossProjectsTests
{
    private const string Orders = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Infrastructure;

        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Order
        {
            public int Id { get; set; }
            public int CustomerId { get; set; }
            public $V Customer Customer { get; set; } = null!;
            public $V List<OrderLine> Lines { get; set; } = new();
        }
        public class OrderLine { public int Id { get; set; } public int OrderId { get; set; } public decimal Price { get; set; } }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Customer> Customers => Set<Customer>();
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { $LAZY }
        }

        public interface IOrderRepository
        {
            Task<Order> GetAsync(int id);
            Task<Order> GetWithLinesAsync(int id);
            Task<List<Order>> ListAsync();
            Task<List<Order>> GetPagedAsync(int page, int pageSize);
            Task<List<Order>> ListPageAsync(int page, int pageSize);
        }

        public class OrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<Order> GetAsync(int id) => db.Orders.FirstAsync(o => o.Id == id);

            public Task<Order> GetWithLinesAsync(int id) => db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == id);

            public Task<List<Order>> ListAsync() => db.Orders.ToListAsync();

            // Named like paging and clamps: the record says so.
            public Task<List<Order>> GetPagedAsync(int page, int pageSize)
            {
                pageSize = Math.Clamp(pageSize, 1, 100);
                return db.Orders.OrderBy(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
            }

            // Takes the page size as it comes.
            public Task<List<Order>> ListPageAsync(int page, int pageSize) =>
                db.Orders.OrderBy(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        }
        """;

    private static readonly Lazy<ReferencedProject> Eager = new(() => ReferencedProject.Build("Shop.Infrastructure", Orders.Replace("$V ", "").Replace("$LAZY", "")));
    private static readonly Lazy<ReferencedProject> LazyLoading = new(() => ReferencedProject.Build(
        "Shop.Infrastructure", Orders.Replace("$V ", "virtual ").Replace("$LAZY", "optionsBuilder.UseLazyLoadingProxies();")));
    private static readonly Lazy<ReferencedProject> WithoutPerfGuard = new(() => ReferencedProject.Build("Shop.Infrastructure", Orders.Replace("$V ", "").Replace("$LAZY", ""), withPerfGuard: false));

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Infrastructure;

        """;

    [Fact]
    public void TheRecordCarriesTheReturnedEntityAndThePageSizeParameters()
    {
        var records = Eager.Value.Summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();
        Assert.Contains(records, static r => r.Contains("M:Shop.Infrastructure.IOrderRepository.GetWithLinesAsync(System.Int32)", StringComparison.Ordinal) &&
            r.Contains("T:Shop.Infrastructure.Order;Customer=N;Lines=L", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Shop.Infrastructure.IOrderRepository.ListPageAsync(System.Int32,System.Int32)", StringComparison.Ordinal) &&
            r.Contains("\\t1\\t", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Shop.Infrastructure.IOrderRepository.GetPagedAsync(System.Int32,System.Int32)", StringComparison.Ordinal) &&
            !r.Contains("\\t1\\t", StringComparison.Ordinal));
        Assert.Contains("T:Shop.Infrastructure.Order;Customer=Z;Lines=Z", LazyLoading.Value.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NewFieldsRoundTripAndOldRecordsStillRead()
    {
        var entity = new ReturnedEntity("T:A.Order", new Dictionary<string, NavigationState> { ["Lines"] = NavigationState.Loaded, ["Customer"] = NavigationState.NotLoaded });
        var record = new MethodSummary("M:A.R.Get(System.Int32)", null, SummaryRows.None, null, null, ordered: false, ParameterSet.FromOrdinals(new[] { 0, 2 }), entity);
        var decoded = MethodSummary.Decode(record.Encode())!;
        Assert.True(decoded.PageSizeParameters.Contains(0));
        Assert.False(decoded.PageSizeParameters.Contains(1));
        Assert.True(decoded.PageSizeParameters.Contains(2));
        Assert.Equal(NavigationState.NotLoaded, decoded.ReturnedEntity!.GetState("Customer"));
        Assert.Equal(NavigationState.Loaded, decoded.ReturnedEntity.GetState("Lines"));

        // A seven-field record of the previous writer: no page-size or navigation facts, nothing else lost.
        var old = MethodSummary.Decode("v1\tM:A.R.Get\tGet -> ToListAsync\t-\t\t\t-")!;
        Assert.True(old.PageSizeParameters.IsEmpty);
        Assert.Null(old.ReturnedEntity);
        Assert.Equal("Get -> ToListAsync", old.RoundTrip);
    }

    [Fact]
    public Task NavigationOfAReferencedRepositorysEntity_IsJudgedByItsRecord() => VerifyNavigation(Eager.Value, Usings + """
        public class OrderReport(IOrderRepository orders)
        {
            public async Task<decimal> Total(int id)
            {
                var order = await orders.GetWithLinesAsync(id);
                var total = 0m;
                foreach (var line in order.Lines) total += line.Price;
                return total + {|PG0003:order.Customer|}.Name.Length;
            }

            public async Task<int> Lines(int id)
            {
                var order = await orders.GetAsync(id);
                return {|PG0003:order.Lines|}.Count;
            }
        }
        """);

    [Fact]
    public Task LazyNavigationPerElementOfAReferencedList_IsPG0002_OnOneEntityItIsNot() => VerifyNavigation(LazyLoading.Value, Usings + """
        public class OrderReport(IOrderRepository orders)
        {
            public async Task<List<string>> Customers()
            {
                var names = new List<string>();
                foreach (var order in await orders.ListAsync()) names.Add({|PG0002:order.Customer|}.Name);
                return names;
            }

            public async Task<string> One(int id) => (await orders.GetAsync(id)).Customer.Name;
        }
        """);

    [Fact]
    public Task WithoutARecord_NothingIsReported() => VerifyNavigation(WithoutPerfGuard.Value, Usings + """
        public class OrderReport(IOrderRepository orders)
        {
            public async Task<int> Lines(int id) => (await orders.GetAsync(id)).Lines.Count;
        }
        """);

    [Fact]
    public Task PageSizeIntoAReferencedRepository_IsJudgedByItsRecordNotItsName() => VerifyPageSize(Eager.Value, Usings + """
        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpGet("paged")]
            public Task<List<Order>> Paged(int page, int pageSize) => orders.GetPagedAsync(page, pageSize);

            [HttpGet("page")]
            public Task<List<Order>> Page(int page, int pageSize) => orders.ListPageAsync(page, {|PG0006:pageSize|});
        }
        """);

    [Fact]
    public Task PageSizeIntoARepositoryBuiltWithoutPerfGuard_KeepsTheNameFallback() => VerifyPageSize(WithoutPerfGuard.Value, Usings + """
        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            // The fallback sees only the name: the clamp inside is not visible (a known false report of the fallback).
            [HttpGet("paged")]
            public Task<List<Order>> Paged(int page, int pageSize) => orders.GetPagedAsync(page, {|PG0006:pageSize|});

            // Named like paging too: reported by the name alone.
            [HttpGet("page")]
            public Task<List<Order>> Page(int page, int pageSize) => orders.ListPageAsync(page, {|PG0006:pageSize|});
        }
        """);

    private static Task VerifyNavigation(ReferencedProject project, string source)
    {
        var test = new NavigationVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyPageSize(ReferencedProject project, string source)
    {
        var test = new PageSizeVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
