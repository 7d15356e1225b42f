using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0002/PG0003 on queries written in one project against a DbContext declared in another: the context's project
/// records its model (entity navigations, AutoInclude, owned types left out, lazy loading switched on there) as
/// <c>v1m</c> records, and the dependent judges its own queries with it.
/// </summary>
public sealed class ContextModelAcrossProjectsTests
{
    private const string Shop = """
        using System.Collections.Generic;
        using Microsoft.EntityFrameworkCore;

        $RECORDS

        namespace Shop.Infrastructure;

        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class OrderLine { public int Id { get; set; } public decimal Price { get; set; } }
        public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }
        public class ShippingAddress { public string City { get; set; } = ""; }
        public class Order
        {
            public int Id { get; set; }
            public $V Customer Customer { get; set; } = null!;
            public $V List<OrderLine> Lines { get; set; } = new();
            public $V List<Tag> Tags { get; set; } = new();
            public ShippingAddress Shipping { get; set; } = new();
        }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Customer> Customers => Set<Customer>();
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { $LAZY }
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Order>().Navigation(o => o.Tags).AutoInclude();
                modelBuilder.Entity<Order>().OwnsOne(o => o.Shipping);
            }
        }
        """;

    private static string Source(bool virtualNavigations, bool lazy, string records = "") =>
        Shop.Replace("$V ", virtualNavigations ? "virtual " : "").Replace("$LAZY", lazy ? "optionsBuilder.UseLazyLoadingProxies();" : "").Replace("$RECORDS", records);

    private static readonly Lazy<ReferencedProject> Eager = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(false, false)));
    private static readonly Lazy<ReferencedProject> LazyLoading = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(true, true)));
    private static readonly Lazy<ReferencedProject> VirtualOnly = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(true, false)));
    private static readonly Lazy<ReferencedProject> WithoutPerfGuard = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(false, false), withPerfGuard: false));

    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Infrastructure;

        """;

    [Fact]
    public void TheContextsProjectRecordsItsModel()
    {
        var eager = Eager.Value.Summary!;
        Assert.Contains("v1m\\tE\\tT:Shop.Infrastructure.Order\\tCustomer=R;Lines=C;Tags=CA\\t\"", eager, StringComparison.Ordinal);
        Assert.DoesNotContain("Shipping", eager, StringComparison.Ordinal);
        Assert.DoesNotContain("v1m\\tC", eager, StringComparison.Ordinal);
        var lazy = LazyLoading.Value.Summary!;
        Assert.Contains("v1m\\tC\\tT:Shop.Infrastructure.ShopContext\\tZ", lazy, StringComparison.Ordinal);
        Assert.Contains("Tags=CA\\tT:Shop.Infrastructure.ShopContext\"", lazy, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsRoundTripAndDamagedOnesAreIgnored()
    {
        var record = ContextModelRecord.ForEntity(
            "T:A.Order", new Dictionary<string, ImportedNavigation> { ["Lines"] = new(true, false), ["Tags"] = new(true, true), ["Customer"] = new(false, false) }, new[] { "T:A.Ctx" });
        var decoded = ContextModelRecord.Decode(record.Encode())!;
        Assert.Equal(record.Encode(), decoded.Encode());
        Assert.True(decoded.Navigations["Tags"].AutoIncluded);
        Assert.False(decoded.Navigations["Customer"].IsCollection);
        Assert.True(ContextModelRecord.Decode("v1m\tC\tT:A.Ctx\tZ")!.IsContext);

        foreach (var damaged in new[] { "v1m", "v1m\tE", "v1m\tE\tT:A.Order", "v1m\tE\tT:A.Order\tCustomer=;=R;Lines=Q\t", "v1m\tX\tT:A.Order\tLines=C\t", "v1m\tC\tT:A.Ctx\tX", "v1m\tE\tA.Order\tLines=C\t", "v1\tE\tT:A.Order\tLines=C\t" })
        {
            Assert.Null(ContextModelRecord.Decode(damaged));
        }

        // The method and call-site readers skip the new kind.
        Assert.Null(MethodSummary.Decode(record.Encode()));
        Assert.Null(CallSiteRecord.Decode(record.Encode()));
    }

    [Fact]
    public Task QueryOfAnotherProjectsContext_IsJudgedByItsRecordedModel() => Verify(Eager.Value, Usings + """
        public class OrdersPage(ShopContext db)
        {
            public async Task<string> One(int id)
            {
                var order = await db.Orders.FirstAsync(o => o.Id == id);
                // Tags is auto-included there, Shipping is owned there: neither is reported.
                return {|PG0003:order.Customer|}.Name + order.Tags.Count + order.Shipping.City;
            }

            public async Task<string> Included(int id) => (await db.Orders.Include(o => o.Customer).FirstAsync(o => o.Id == id)).Customer.Name;

            public async Task<decimal> Total()
            {
                var total = 0m;
                foreach (var order in await db.Orders.Where(o => o.Id > 0).ToListAsync())
                {
                    foreach (var line in {|PG0003:order.Lines|}) total += line.Price;
                }

                return total;
            }

            public async Task<int> IgnoringAutoIncludes(int id) => {|PG0003:(await db.Orders.IgnoreAutoIncludes().FirstAsync(o => o.Id == id)).Tags|}.Count;
        }
        """);

    [Fact]
    public Task LazyLoadingSwitchedOnInTheContextsProject_IsPG0002InALoop() => Verify(LazyLoading.Value, Usings + """
        public class OrdersPage(ShopContext db)
        {
            public async Task<List<string>> Customers()
            {
                var names = new List<string>();
                foreach (var order in await db.Orders.ToListAsync())
                {
                    names.Add({|PG0002:order.Customer|}.Name + order.Tags.Count + order.Shipping.City);
                }

                return names;
            }

            // One entity: one lazy load, not an N+1 (and not "never loaded": the context is lazy).
            public async Task<string> One(int id) => (await db.Orders.FirstAsync(o => o.Id == id)).Customer.Name;
        }
        """);

    [Fact]
    public Task LazyLoadingRegisteredInTheDependent_IsPG0002InALoop() => Verify(VirtualOnly.Value, Usings + """
        using Microsoft.Extensions.DependencyInjection;

        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddDbContext<ShopContext>(o => o.UseLazyLoadingProxies());
        }

        public class OrdersPage(ShopContext db)
        {
            public async Task<List<string>> Customers()
            {
                var names = new List<string>();
                foreach (var order in await db.Orders.ToListAsync()) names.Add({|PG0002:order.Customer|}.Name);
                return names;
            }
        }
        """);

    [Fact]
    public Task ContextBuiltWithoutPerfGuard_IsNotJudged() => Verify(WithoutPerfGuard.Value, Usings + """
        public class OrdersPage(ShopContext db)
        {
            public async Task<string> One(int id) => (await db.Orders.FirstAsync(o => o.Id == id)).Customer.Name;
        }
        """);

    [Fact]
    public Task DamagedRecordsInTheReferencedAssembly_AreIgnoredAndNothingThrows()
    {
        const string records = """
            [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1m\tE")]
            [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1m\tE\tT:Nowhere.Missing\tCustomer=R\t")]
            [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1m\tE\tT:Shop.Infrastructure.Customer\tName=R;Id=C\tT:\t")]
            [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1m\tC\tT:Shop.Infrastructure.Order\tZ")]
            [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1m\tE\tT:Shop.Infrastructure.Order\t;;=;Customer=\t,,")]
            [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1\tM:Shop.X.Get\t\t-\t\t\t-\t\tT:Shop;;=;a=b;.=Z")]
            """;
        var project = ReferencedProject.Build("Shop.Infrastructure", Source(false, false, records));
        return Verify(project, Usings + """
            public class OrdersPage(ShopContext db)
            {
                public async Task<string> One(int id)
                {
                    var order = await db.Orders.FirstAsync(o => o.Id == id);
                    return {|PG0003:order.Customer|}.Name + order.Tags.Count;
                }
            }
            """);
    }

    private static Task Verify(ReferencedProject project, string source)
    {
        var test = new NavigationVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
