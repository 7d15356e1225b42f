using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Rules;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0002/PG0003's policy for an interface, abstract or virtual method with several bodies (implementations in this
/// compilation, overrides, records of implementations in referenced projects): a navigation is unloaded only when
/// every body leaves it unloaded in the same way (all never loaded, or all lazy); one body that cannot be described
/// makes the call unknown.
/// </summary>
public sealed class NavigationThroughSeveralImplementationsTests
{
    [Fact]
    public Task EveryImplementationLeavesItUnloaded_IsPG0003_OneThatLoadsIt_IsNot() => NavigationVerifier.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public interface IProperties { Task<Property> GetAsync(int id); }
        public class WithUnits(AnchorContext db) : IProperties
        {
            public Task<Property> GetAsync(int id) => db.Properties.Include(p => p.Units).FirstAsync(p => p.Id == id);
        }
        public class Plain(AnchorContext db) : IProperties
        {
            public Task<Property> GetAsync(int id) => db.Properties.FirstAsync(p => p.Id == id);
        }

        public class Report(IProperties properties)
        {
            public async Task<string> Owner(int id) => {|PG0003:(await properties.GetAsync(id)).Owner|}.Name;

            public async Task<int> Units(int id) => (await properties.GetAsync(id)).Units.Count;
        }
        """);

    [Fact]
    public Task EveryImplementationLazy_IsPG0002_OneThatIncludes_IsNot() => NavigationVerifier.VerifyAnalyzerAsync(AssetAnchorModel.Lazy + """
        public interface IProperties { Task<List<Property>> ListAsync(); Task<List<Property>> OtherAsync(); }
        public class First(AnchorContext db) : IProperties
        {
            public Task<List<Property>> ListAsync() => db.Properties.ToListAsync();
            public Task<List<Property>> OtherAsync() => db.Properties.ToListAsync();
        }
        public class Second(AnchorContext db) : IProperties
        {
            public Task<List<Property>> ListAsync() => db.Properties.Where(p => p.Name != "").ToListAsync();
            public Task<List<Property>> OtherAsync() => db.Properties.Include(p => p.Owner).ToListAsync();
        }

        public class Report(IProperties properties)
        {
            public async Task<List<string>> Owners()
            {
                var names = new List<string>();
                foreach (var p in await properties.ListAsync()) names.Add({|PG0002:p.Owner|}.Name);
                foreach (var p in await properties.OtherAsync()) names.Add(p.Owner.Name);
                return names;
            }
        }
        """);

    [Fact]
    public Task VirtualMethodAndItsOverrides_AreAllJudged() => NavigationVerifier.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public class Properties(AnchorContext db)
        {
            protected AnchorContext Db => db;
            public virtual Task<Property> GetAsync(int id) => db.Properties.FirstAsync(p => p.Id == id);
            public virtual Task<Property> GetWithOwnerAsync(int id) => db.Properties.FirstAsync(p => p.Id == id);
        }
        public class Cached(AnchorContext db) : Properties(db)
        {
            public override Task<Property> GetAsync(int id) => Db.Properties.Where(p => p.Id == id).FirstAsync();
            public override Task<Property> GetWithOwnerAsync(int id) => Db.Properties.Include(p => p.Owner).FirstAsync(p => p.Id == id);
        }

        public class Report(Properties properties)
        {
            public async Task<string> Owner(int id) => {|PG0003:(await properties.GetAsync(id)).Owner|}.Name;

            public async Task<string> Included(int id) => (await properties.GetWithOwnerAsync(id)).Owner.Name;
        }
        """);

    [Fact]
    public Task OneImplementationOfUnknownOrigin_MakesTheCallUnknown() => NavigationVerifier.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public interface IProperties { Task<Property> GetAsync(int id); }
        public class Plain(AnchorContext db) : IProperties
        {
            public Task<Property> GetAsync(int id) => db.Properties.FirstAsync(p => p.Id == id);
        }
        public class Cache : IProperties
        {
            private readonly Dictionary<int, Property> items = new();
            public Task<Property> GetAsync(int id) => Task.FromResult(items[id]);
        }

        public class Report(IProperties properties)
        {
            public async Task<string> Owner(int id) => (await properties.GetAsync(id)).Owner.Name;
        }
        """);

    [Fact]
    public void MergeSaysUnloadedOnlyWhenEveryBodySaysSoTheSameWay()
    {
        static ReturnedEntity Entity(NavigationState customer, NavigationState lines) =>
            new("T:A.Order", new Dictionary<string, NavigationState> { ["Customer"] = customer, ["Lines"] = lines, ["Customer.Address"] = NavigationState.NotLoaded });

        var merged = ReturnedEntity.Merge(new[] { Entity(NavigationState.NotLoaded, NavigationState.LazyLoaded), Entity(NavigationState.NotLoaded, NavigationState.NotLoaded) })!;
        Assert.Equal(NavigationState.NotLoaded, merged.GetState("Customer"));
        Assert.Equal(NavigationState.Unknown, merged.GetState("Lines")); // one lazy context, one eager: neither rule
        Assert.Equal(NavigationState.NotLoaded, merged.GetState("Customer.Address"));
        Assert.Equal(NavigationState.Loaded, ReturnedEntity.Merge(new[] { Entity(NavigationState.Loaded, NavigationState.NotLoaded), Entity(NavigationState.NotLoaded, NavigationState.NotLoaded) })!.GetState("Customer"));
        Assert.Null(ReturnedEntity.Merge(new[] { Entity(NavigationState.NotLoaded, NavigationState.NotLoaded), null }));
    }

    private const string Shop = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Infrastructure;

        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class OrderLine { public int Id { get; set; } public decimal Price { get; set; } }
        public class Order
        {
            public int Id { get; set; }
            public Customer Customer { get; set; } = null!;
            public List<OrderLine> Lines { get; set; } = new();
        }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public interface IOrderRepository
        {
            Task<Order> GetAsync(int id);
            Task<Order> GetBothAsync(int id);
        }

        public class OrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<Order> GetAsync(int id) => db.Orders.FirstAsync(o => o.Id == id);
            public Task<Order> GetBothAsync(int id) => db.Orders.FirstAsync(o => o.Id == id);
        }

        // A second implementation in the same project: the interface's record is what both return.
        public class ArchivedOrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<Order> GetAsync(int id) => db.Orders.FirstAsync(o => o.Id == -id);
            public Task<Order> GetBothAsync(int id) => db.Orders.Include(o => o.Customer).FirstAsync(o => o.Id == -id);
        }
        """;

    private static readonly Lazy<ReferencedProject> Infrastructure = new(() => ReferencedProject.Build("Shop.Infrastructure", Shop));

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Shop.Infrastructure;

        """;

    [Fact]
    public void TwoImplementationsInOneProject_RecordWhatBothReturnUnderTheInterface()
    {
        var summary = Infrastructure.Value.Summary!;
        Assert.Contains("M:Shop.Infrastructure.IOrderRepository.GetBothAsync(System.Int32)", summary, StringComparison.Ordinal);
        var line = summary.Split('\n').Single(static l => l.Contains("M:Shop.Infrastructure.IOrderRepository.GetBothAsync(System.Int32)", StringComparison.Ordinal));
        Assert.Contains("T:Shop.Infrastructure.Order;Customer=L;Lines=N", line, StringComparison.Ordinal);
        var get = summary.Split('\n').Single(static l => l.Contains("M:Shop.Infrastructure.IOrderRepository.GetAsync(System.Int32)", StringComparison.Ordinal));
        Assert.Contains("T:Shop.Infrastructure.Order;Customer=N;Lines=N", get, StringComparison.Ordinal);
    }

    [Fact]
    public Task ReferencedInterfaceWithTwoRecordedImplementations_IsJudgedByBoth() => Verify(Usings + """
        public class OrderReport(IOrderRepository orders)
        {
            public async Task<string> Customer(int id) => {|PG0003:(await orders.GetAsync(id)).Customer|}.Name;

            public async Task<string> Both(int id) => (await orders.GetBothAsync(id)).Customer.Name;
        }
        """);

    [Fact]
    public Task AnImplementationHereBesideARecordedOne_CountsToo() => Verify(Usings + """
        // Delegates to the recorded repository: both bodies leave Customer unloaded.
        public class LoggingOrders(OrderRepository inner) : IOrderRepository
        {
            public Task<Order> GetAsync(int id) => inner.GetAsync(id);
            public Task<Order> GetBothAsync(int id) => inner.GetBothAsync(id);
        }

        // Serves from memory: which one runs is unknown, so a call through the interface is not judged.
        public class CachedOrders : IOrderRepository
        {
            private readonly Dictionary<int, Order> items = new();
            public Task<Order> GetAsync(int id) => Task.FromResult(items[id]);
            public Task<Order> GetBothAsync(int id) => Task.FromResult(items[id]);
        }

        public class OrderReport(IOrderRepository orders, LoggingOrders logging)
        {
            public async Task<string> Customer(int id) => (await orders.GetAsync(id)).Customer.Name;

            public async Task<string> Logged(int id) => {|PG0003:(await logging.GetAsync(id)).Customer|}.Name;
        }
        """);

    [Fact]
    public Task AnImplementationHereQueryingTheReferencedContext_IsMergedWithTheRecordedOnes() => Verify(Usings + """
        using System.Linq;
        using Microsoft.EntityFrameworkCore;

        // Queries Infrastructure's context itself (judged with its recorded model): includes Customer, not Lines.
        public class IncludingOrders(ShopContext db) : IOrderRepository
        {
            public Task<Order> GetAsync(int id) => db.Orders.Include(o => o.Customer).FirstAsync(o => o.Id == id);
            public Task<Order> GetBothAsync(int id) => db.Orders.Include(o => o.Customer).FirstAsync(o => o.Id == id);
        }

        public class OrderReport(IOrderRepository orders)
        {
            // Loaded here, never loaded in both recorded implementations: which one runs is unknown, no report.
            public async Task<string> Customer(int id) => (await orders.GetAsync(id)).Customer.Name;

            // Never loaded by any of the three bodies.
            public async Task<int> Lines(int id) => {|PG0003:(await orders.GetAsync(id)).Lines|}.Count;
        }
        """);

    private static Task Verify(string source)
    {
        var test = new NavigationVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(Infrastructure.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
