using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0002/PG0003 on nested navigations of an entity a referenced project's repository returns: the record carries the
/// loaded navigation paths (Include/ThenInclude chains, string includes; owned types are no navigations), so
/// <c>order.Customer.Address</c> is judged in the caller as it would be beside the query.
/// </summary>
public sealed class NestedNavigationAcrossProjectsTests
{
    private const string Shop = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Infrastructure;

        public class Country { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Address { public int Id { get; set; } public string City { get; set; } = ""; public $V Country Country { get; set; } = null!; }
        public class ContactInfo { public string Email { get; set; } = ""; }
        public class Customer
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public $V Address Address { get; set; } = null!;
            public ContactInfo Contact { get; set; } = new();
        }
        public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class OrderLine { public int Id { get; set; } public $V Product Product { get; set; } = null!; }
        public class Order
        {
            public int Id { get; set; }
            public $V Customer Customer { get; set; } = null!;
            public $V List<OrderLine> Lines { get; set; } = new();
        }
        public class OrderDto { public int Id { get; set; } public Customer Customer { get; set; } = null!; }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Customer> Customers => Set<Customer>();
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { $LAZY }
            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().OwnsOne(c => c.Contact);
        }

        public class OrderRepository(ShopContext db)
        {
            public Task<Order> GetWithCustomerAsync(int id) => db.Orders.Include(o => o.Customer).FirstAsync(o => o.Id == id);

            public Task<Order> GetWithAddressAsync(int id) =>
                db.Orders.Include(o => o.Customer).ThenInclude(c => c.Address).FirstAsync(o => o.Id == id);

            public Task<Order> GetByStringAsync(int id) => db.Orders.Include("Customer.Address").FirstAsync(o => o.Id == id);

            public Task<List<Order>> ListWithCustomerAsync() => db.Orders.Include(o => o.Customer).ToListAsync();

            public Task<List<Order>> ListWithLinesAsync() => db.Orders.Include(o => o.Lines).ToListAsync();

            public Task<List<Order>> ListNoTrackingAsync() =>
                db.Orders.AsNoTracking().Include(o => o.Customer).ThenInclude(c => c.Address).ToListAsync();

            public Task<List<OrderDto>> ListDtosAsync() =>
                db.Orders.Select(o => new OrderDto { Id = o.Id, Customer = o.Customer }).ToListAsync();
        }
        """;

    private static readonly Lazy<ReferencedProject> Eager = new(() => ReferencedProject.Build("Shop.Infrastructure", Shop.Replace("$V ", "").Replace("$LAZY", "")));
    private static readonly Lazy<ReferencedProject> LazyLoading = new(() => ReferencedProject.Build(
        "Shop.Infrastructure", Shop.Replace("$V ", "virtual ").Replace("$LAZY", "optionsBuilder.UseLazyLoadingProxies();")));

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Shop.Infrastructure;

        """;

    [Fact]
    public void TheRecordCarriesLoadedNavigationPaths()
    {
        var summary = Eager.Value.Summary!;
        Assert.Contains("T:Shop.Infrastructure.Order;Customer=L;Customer.Address=N;Lines=N", summary, StringComparison.Ordinal);
        Assert.Contains("T:Shop.Infrastructure.Order;Customer=L;Customer.Address=L;Customer.Address.Country=N;Lines=N", summary, StringComparison.Ordinal);
        Assert.Contains("T:Shop.Infrastructure.Order;Customer=N;Lines=L;Lines.Product=N", summary, StringComparison.Ordinal);
        // The owned type is no navigation: never recorded, never judged.
        Assert.DoesNotContain("Customer.Contact", summary, StringComparison.Ordinal);
        Assert.Contains("Customer=L;Customer.Address=Z", LazyLoading.Value.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task NestedReadTheIncludeChainStopsBefore_IsPG0003() => Verify(Eager.Value, Usings + """
        public class OrderReport(OrderRepository orders)
        {
            public async Task<string> City(int id)
            {
                var order = await orders.GetWithCustomerAsync(id);
                return {|PG0003:order.Customer.Address|}.City;
            }

            public async Task<string> Country(int id) => {|PG0003:(await orders.GetWithAddressAsync(id)).Customer.Address.Country|}.Name;

            public async Task<int> Products()
            {
                var count = 0;
                foreach (var order in await orders.ListWithLinesAsync())
                {
                    foreach (var line in order.Lines) count += {|PG0003:line.Product|}.Name.Length;
                }

                return count;
            }
        }
        """);

    [Fact]
    public Task ThenIncludeStringIncludeOwnedTypeAndNoTrackingInclude_AreNotReported() => Verify(Eager.Value, Usings + """
        public class OrderReport(OrderRepository orders)
        {
            public async Task<string> City(int id) => (await orders.GetWithAddressAsync(id)).Customer.Address.City;

            public async Task<string> ByString(int id) => (await orders.GetByStringAsync(id)).Customer.Address.City;

            public async Task<string> Email(int id) => (await orders.GetWithCustomerAsync(id)).Customer.Contact.Email;

            public async Task<List<string>> Cities()
            {
                var cities = new List<string>();
                foreach (var order in await orders.ListNoTrackingAsync()) cities.Add(order.Customer.Address.City);
                return cities;
            }

            // A projection returns DTOs, not tracked entities: no record, nothing judged.
            public async Task<List<string>> FromDtos()
            {
                var cities = new List<string>();
                foreach (var dto in await orders.ListDtosAsync()) cities.Add(dto.Customer.Address.City);
                return cities;
            }

            // Customer itself is not loaded here: that read is the one to report, nothing is said below it.
            public async Task<string> BelowAnUnloadedOne(int id)
            {
                var order = await orders.ListWithLinesAsync();
                return order[0].Lines.Count.ToString();
            }
        }
        """);

    [Fact]
    public Task NestedLazyReadPerElement_IsPG0002() => Verify(LazyLoading.Value, Usings + """
        public class OrderReport(OrderRepository orders)
        {
            public async Task<List<string>> Cities()
            {
                var cities = new List<string>();
                foreach (var order in await orders.ListWithCustomerAsync()) cities.Add({|PG0002:order.Customer.Address|}.City);
                return cities;
            }

            public async Task<List<string>> Included()
            {
                var cities = new List<string>();
                foreach (var order in await orders.ListNoTrackingAsync()) cities.Add(order.Customer.Address.City);
                return cities;
            }

            // One entity: one lazy load, no N+1.
            public async Task<string> One(int id) => (await orders.GetWithCustomerAsync(id)).Customer.Address.City;
        }
        """);

    private static Task Verify(ReferencedProject project, string source)
    {
        var test = new NavigationVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
