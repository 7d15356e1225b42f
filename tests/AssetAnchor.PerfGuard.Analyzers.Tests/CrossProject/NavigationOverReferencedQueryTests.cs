using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0002/PG0003 on entities read from a query the dependent builds on an IQueryable a referenced project's method
/// returns (<c>repo.GetQueryableSet().FirstAsync(..)</c>, <c>queries.Query().ToList()</c>). Method-record field 12
/// says what that query already includes and from which context (<c>QIT:Shop.Infrastructure.ShopContext;Customer</c>);
/// <see cref="QueryShape"/> takes the call for the query's root, so Include at the call site, Include inside the
/// referenced method and the context's lazy loading decide as in one compilation.
/// </summary>
public sealed class NavigationOverReferencedQueryTests
{
    private static readonly string Shop = """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;

        """ + NavigationShop.Model("public DbSet<Customer> Customers => Set<Customer>();") + """

        public interface IRepository<T> where T : class
        {
            IQueryable<T> GetQueryableSet();
        }

        public class Repository<T>(ShopContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
        }

        public class OrderQueries(ShopContext db)
        {
            public IQueryable<Order> Query() => db.Orders.Where(o => o.Id > 0);

            public IQueryable<Order> WithCustomer() => db.Orders.Include(o => o.Customer).Where(o => o.Id > 0);

            public IQueryable<Order> Bare() => db.Orders.IgnoreAutoIncludes();

            // Rows in memory: no field 12, never a database query.
            public IQueryable<Order> Samples() => new List<Order>().AsQueryable();

            // A projection into the entity type: loads nothing, tracks nothing; its includes are not recorded.
            public IQueryable<Order> Projected() => db.Orders.Select(o => new Order { Id = o.Id });

            public int Count() => db.Orders.Count();
        }

        // Helpers over the caller's query (P0): what they add on top is recorded after the I.
        public static class OrderFilters
        {
            public static IQueryable<Order> WithLines(this IQueryable<Order> orders) => orders.Include(o => o.Lines);

            public static IQueryable<Order> Recent(this IQueryable<Order> orders) => orders.Where(o => o.Id > 10);

            public static IQueryable<Order> Flat(this IQueryable<Order> orders) => orders.Select(o => new Order { Id = o.Id });

            // The parameter assigned again: what reaches the return is not the chain alone; unknown.
            public static IQueryable<Order> MaybeWithCustomer(this IQueryable<Order> orders, bool customer)
            {
                if (customer)
                {
                    orders = orders.Include(o => o.Customer);
                }

                return orders;
            }
        }
        """;

    private static string Source(bool virtualNavigations, bool lazy, string records = "") => NavigationShop.Fill(Shop, virtualNavigations, lazy, records);

    private static readonly Lazy<ReferencedProject> Eager = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(false, false)));
    private static readonly Lazy<ReferencedProject> LazyLoading = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(true, true)));
    private static readonly Lazy<ReferencedProject> VirtualOnly = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(true, false)));

    /// <summary>
    /// The eager project as a writer before this addition built it: the same records with field 12 cut back to
    /// <c>Q</c> and its order letter (written by hand, the generator off).
    /// </summary>
    private static readonly Lazy<ReferencedProject> OldWriter = new(() =>
    {
        var summary = Eager.Value.Summary!;
        var records = Regex.Replace(summary, @"(\\t(?:Q|P[0-9]+)[OLX]?)I[^""]*""", "$1\"");
        Assert.DoesNotContain("\\tQI", records, StringComparison.Ordinal);
        Assert.DoesNotContain("\\tP0I", records, StringComparison.Ordinal);
        Assert.Contains("\\tQ\"", records, StringComparison.Ordinal);
        return ReferencedProject.Build("Shop.Infrastructure", Source(false, false, records), withPerfGuard: false);
    });

    [Fact]
    public void FieldTwelveSaysWhatTheReturnedQueryIncludes()
    {
        var summary = Eager.Value.Summary!;
        Assert.Matches(@"M:Shop\.Infrastructure\.IRepository`1\.GetQueryableSet\\t[^""]*\\tQIT:Shop\.Infrastructure\.ShopContext""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.Repository`1\.GetQueryableSet\\t[^""]*\\tQIT:Shop\.Infrastructure\.ShopContext""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderQueries\.Query\\t[^""]*\\tQIT:Shop\.Infrastructure\.ShopContext""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderQueries\.WithCustomer\\t[^""]*\\tQIT:Shop\.Infrastructure\.ShopContext;Customer""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderQueries\.Bare\\t[^""]*\\tQIT:Shop\.Infrastructure\.ShopContext;!""", summary);

        // A helper over the caller's query: what it adds (nothing is "I" alone); a projecting helper stays unknown.
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderFilters\.WithLines\([^""]*\\tP0I;Lines""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderFilters\.Recent\([^""]*\\tP0I""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderFilters\.Flat\([^""]*\\tP0""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderFilters\.MaybeWithCustomer\([^""]*\\tP0""", summary);

        // A projection keeps the plain Q (includes unknown); rows in memory have no field 12.
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderQueries\.Projected\\t[^""]*\\tQ""", summary);
        Assert.DoesNotContain("OrderQueries.Samples", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void IncludesAreAppendedToFieldTwelveAndReadBack()
    {
        var includes = RecordedIncludes.Create("T:A.Ctx", new[] { "Lines", "Customer.Address", "Customer.Address" }, ignoresAutoIncludes: true);
        var record = new MethodSummary("M:A.R.Q", null, SummaryRows.None, null, null, false, query: RecordedQuery.Database(QueryOrder.Ordered, includes));
        Assert.Equal("v1\tM:A.R.Q\t\t-\t\t\t-\t\t\t\t\tQOIT:A.Ctx;!;Customer.Address;Lines", record.Encode());
        var decoded = MethodSummary.Decode(record.Encode())!.Query;
        Assert.Equal(QueryOrder.Ordered, decoded.Order);
        Assert.Equal("T:A.Ctx", decoded.Includes!.ContextId);
        Assert.True(decoded.Includes.IgnoresAutoIncludes);
        Assert.Equal(new[] { "Customer.Address", "Lines" }, decoded.Includes.Paths);

        var nothing = RecordedQuery.Decode("QIT:A.Ctx");
        Assert.Equal(QueryOrder.Unordered, nothing.Order);
        Assert.Empty(nothing.Includes!.Paths);

        // Written before the addition, damaged, or on a query of a parameter: includes unknown, never "includes nothing".
        Assert.Null(RecordedQuery.Decode("Q").Includes);
        Assert.Null(RecordedQuery.Decode("QO").Includes);
        Assert.Equal(QueryOrder.Ordered, RecordedQuery.Decode("QO").Order);
        Assert.Equal(QueryOrder.Unknown, RecordedQuery.Decode("QZ").Order);
        foreach (var damaged in new[] { "QI", "QIA.Ctx", "QIT:A.Ctx;", "QIT:A.Ctx;Customer..Address", "QIT:A.Ctx;Lines;!" })
        {
            Assert.True(RecordedQuery.Decode(damaged).IsDatabase);
            Assert.Null(RecordedQuery.Decode(damaged).Includes);
        }

        // After P, the includes a helper adds: no context (the caller's); a context there, or none after Q, is damage.
        Assert.Null(RecordedQuery.OfParameter(0).WithIncludes(includes).Includes);
        Assert.Equal("P0", RecordedQuery.OfParameter(0).WithIncludes(includes).Encode());
        var helper = RecordedQuery.Decode("P1OI;Lines");
        Assert.Equal((1, QueryOrder.Ordered, "Lines"), (helper.ParameterOrdinal, helper.Order, Assert.Single(helper.Includes!.Paths)));
        Assert.Equal("P1OI;Lines", helper.Encode());
        Assert.Empty(RecordedQuery.Decode("P0I").Includes!.Paths);
        Assert.Equal(QueryOrder.Unordered, RecordedQuery.Decode("P0I").Order);
        Assert.Null(RecordedQuery.Decode("P0IT:A.Ctx;Lines").Includes);
        Assert.Null(RecordedQuery.Decode("P0").Includes);
        Assert.Null(RecordedQuery.Decode("QI;Lines").Includes);
    }

    [Fact]
    public void TwoImplementationsIncludeTheUnionFromOneContext()
    {
        var customer = RecordedQuery.Database(QueryOrder.Unordered, RecordedIncludes.Create("T:A.Ctx", new[] { "Customer" }, false));
        var lines = RecordedQuery.Database(QueryOrder.Unordered, RecordedIncludes.Create("T:A.Ctx", new[] { "Lines" }, false));
        Assert.Equal("QIT:A.Ctx;Customer;Lines", RecordedQuery.Combine(customer, lines).Encode());
        Assert.Equal("Q", RecordedQuery.Combine(customer, RecordedQuery.Database(QueryOrder.Unordered)).Encode());
        Assert.Equal("Q", RecordedQuery.Combine(customer, RecordedQuery.Database(QueryOrder.Unordered, RecordedIncludes.Create("T:A.Other", new[] { "Customer" }, false))).Encode());
        Assert.Equal("QX", RecordedQuery.Combine(customer, RecordedQuery.Database(QueryOrder.Ordered, RecordedIncludes.Create("T:A.Ctx", new[] { "Customer" }, true))).Encode());

        // Records of two projects' implementations: the union; one that returns no EF query makes the includes unknown.
        var other = new MethodSummary("M:A.R.Q", "Q -> Count", SummaryRows.None, null, null, false);
        Assert.Equal("QIT:A.Ctx;Customer;Lines", RecordedQuery.Merge(new[] { Record(customer), Record(lines) }).Encode());
        Assert.Equal("Q", RecordedQuery.Merge(new[] { Record(customer), other }).Encode());
        Assert.Equal("Q", RecordedQuery.Merge(new[] { other, Record(customer) }).Encode());

        // Records of older writers without includes are unchanged by the merge.
        Assert.Equal("QO", RecordedQuery.Combine(RecordedQuery.Database(QueryOrder.Ordered), RecordedQuery.Database(QueryOrder.Ordered)).Encode());
    }

    [Fact]
    public Task EagerContext_NavigationNotIncluded_IsPG0003() => Verify(Eager.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderQueries queries)
        {
            public async Task<string> One(int id) => {|PG0003:(await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Customer|}.Name;

            public List<string> Names()
            {
                var names = new List<string>();
                foreach (var o in queries.Query().ToList())
                {
                    names.Add({|PG0003:o.Customer|}.Name);
                }

                return names;
            }

            // Tags is auto-included in the context's own model.
            public async Task<int> Tags(int id) => (await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Tags.Count;

            public async Task<int> TagsIgnored(int id) => {|PG0003:(await queries.Bare().FirstAsync(o => o.Id == id)).Tags|}.Count;
        }
        """);

    [Fact]
    public Task IncludeInTheReferencedMethodOrAtTheCallSite_IsLoaded() => Verify(Eager.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderQueries queries)
        {
            public async Task<string> Inside(int id) => (await queries.WithCustomer().FirstAsync(o => o.Id == id)).Customer.Name;

            public async Task<string> AtTheCall(int id) => (await repo.GetQueryableSet().Include(o => o.Customer).FirstAsync(o => o.Id == id)).Customer.Name;

            public async Task<decimal> Total()
            {
                var total = 0m;
                foreach (var o in await queries.WithCustomer().Where(o => o.Id > 1).ToListAsync())
                {
                    total += o.Customer.Id;
                    foreach (var line in {|PG0003:o.Lines|}) total += line.Price;
                }

                foreach (var o in queries.Query().Include("Lines").ToList())
                {
                    foreach (var line in o.Lines) total += line.Price;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task LazyContext_ReadInALoop_IsPG0002_AndOnceIsNothing() => Verify(LazyLoading.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderQueries queries)
        {
            public List<string> Names()
            {
                var names = new List<string>();
                foreach (var o in queries.Query().ToList())
                {
                    names.Add({|PG0002:o.Customer|}.Name);
                }

                foreach (var o in repo.GetQueryableSet().Where(o => o.Id > 0).ToList())
                {
                    names.Add({|PG0002:o.Customer|}.Name);
                }

                foreach (var o in queries.WithCustomer().ToList())
                {
                    names.Add(o.Customer.Name);
                }

                return names;
            }

            // One entity: one lazy load, not an N+1 and not "never loaded".
            public async Task<string> One(int id) => (await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Customer.Name;
        }
        """);

    [Fact]
    public Task LazyLoadingRegisteredInTheDependent_IsPG0002() => Verify(VirtualOnly.Value, NavigationShop.Usings + """
        using Microsoft.Extensions.DependencyInjection;

        public static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddDbContext<ShopContext>(o => o.UseLazyLoadingProxies());
        }

        public class OrdersPage(OrderQueries queries)
        {
            public List<string> Names()
            {
                var names = new List<string>();
                foreach (var o in queries.Query().ToList()) names.Add({|PG0002:o.Customer|}.Name);
                return names;
            }

            public async Task<string> One(int id) => (await queries.Query().FirstAsync(o => o.Id == id)).Customer.Name;
        }
        """);

    [Fact]
    public Task VirtualNavigationsOnAnEagerContext_IsPG0003() => Verify(VirtualOnly.Value, NavigationShop.Usings + """
        public class OrdersPage(OrderQueries queries)
        {
            public async Task<string> One(int id) => {|PG0003:(await queries.Query().FirstAsync(o => o.Id == id)).Customer|}.Name;
        }
        """);

    private const string Traps = """
        public class OrdersPage(IRepository<Order> repo, OrderQueries queries)
        {
            public async Task<string> One(int id) => (await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Customer.Name;

            public List<string> Names()
            {
                var names = new List<string>();
                foreach (var o in queries.Query().ToList()) names.Add(o.Customer.Name);
                return names;
            }

            // Rows in memory.
            public string Sample() => queries.Samples().First().Customer.Name;

            // Projections: in the referenced method, and at the call site.
            public async Task<string> Projected(int id) => (await queries.Projected().FirstAsync(o => o.Id == id)).Customer.Name;

            public string ProjectedHere() => queries.Query().Select(o => new Order { Id = o.Id }).First().Customer.Name;

            public List<string> Names(int id) => repo.GetQueryableSet().Select(o => o.Customer.Name).ToList();
        }
        """;

    [Fact]
    public Task RecordsOfAnOlderWriter_AreNotJudged() => Verify(OldWriter.Value, NavigationShop.Usings + Traps + """

        // Judged (PG0003) with the new records: the helper's P0 without I is "not known" too.
        public class Helpers(IRepository<Order> repo)
        {
            public async Task<string> Recent(int id) => (await repo.GetQueryableSet().Recent().FirstAsync(o => o.Id == id)).Customer.Name;
        }
        """);

    [Fact]
    public Task InMemoryQueriesAndProjections_AreNotJudged() => Verify(Eager.Value, NavigationShop.Usings + Traps.Replace(
        "public async Task<string> One(int id) => (await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Customer.Name;",
        "public async Task<string> One(int id) => (await repo.GetQueryableSet().Include(o => o.Customer).FirstAsync(o => o.Id == id)).Customer.Name;").Replace(
        "foreach (var o in queries.Query().ToList())",
        "foreach (var o in queries.WithCustomer().ToList())"));

    [Fact]
    public Task ContractAlsoImplementedHere_IsNotJudged() => Verify(Eager.Value, NavigationShop.Usings + """
        // The body that runs may be this one, which no record describes.
        public class CachedRepository<T>(ShopContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
        }

        public class OrdersPage(IRepository<Order> repo)
        {
            public async Task<string> One(int id) => (await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Customer.Name;
        }
        """);

    private const string ApplicationSource = """
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using Shop.Infrastructure;

        namespace Shop.Application;

        public class OrderService(IRepository<Order> repo)
        {
            public IQueryable<Order> Detailed() => repo.GetQueryableSet().Include(o => o.Lines).Where(o => o.Id > 0);
        }
        """;

    [Fact]
    public Task AQueryPassedOnThroughAThirdProject_KeepsEveryInclude()
    {
        var application = ReferencedProject.Build("Shop.Application", ApplicationSource, references: Eager.Value);
        Assert.Matches(@"M:Shop\.Application\.OrderService\.Detailed\\t[^""]*\\tQIT:Shop\.Infrastructure\.ShopContext;Lines""", application.Summary!);
        var test = new NavigationVerifier.Test
        {
            TestCode = NavigationShop.Usings + """
                using Shop.Application;

                public class OrdersPage(OrderService service)
                {
                    public async Task<decimal> Total(int id)
                    {
                        var order = await service.Detailed().FirstAsync(o => o.Id == id);
                        return order.Lines.Sum(l => l.Price) + {|PG0003:order.Customer|}.Id;
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(Eager.Value.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheFixIncludesTheNavigationOnTheReferencedQuery()
    {
        var test = new Verifiers.CSharpCodeFixVerifier<
            AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer,
            AssetAnchor.PerfGuard.CodeFixes.Rules.NavigationNotLoadedCodeFixProvider>.Test
        {
            TestCode = NavigationShop.Usings + """
                public class OrdersPage(IRepository<Order> repo)
                {
                    public async Task<string> One(int id) => {|PG0003:(await repo.GetQueryableSet().FirstAsync(o => o.Id == id)).Customer|}.Name;
                }
                """,
            FixedCode = NavigationShop.Usings + """
                public class OrdersPage(IRepository<Order> repo)
                {
                    public async Task<string> One(int id) => (await repo.GetQueryableSet().Include(o => o.Customer).FirstAsync(o => o.Id == id)).Customer.Name;
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(Eager.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    private static MethodSummary Record(RecordedQuery query) => new("M:A.R.Q", null, SummaryRows.None, null, null, false, query: query);

    [Fact]
    public Task HelpersOverTheQueryInTheReferencedProject_AddTheirIncludes() => Verify(Eager.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderQueries queries)
        {
            public async Task<decimal> Lines(int id)
            {
                var order = await repo.GetQueryableSet().WithLines().FirstAsync(o => o.Id == id);
                return order.Lines.Sum(l => l.Price) + {|PG0003:order.Customer|}.Id;
            }

            public List<string> Names()
            {
                var names = new List<string>();
                foreach (var o in queries.Query().Recent().ToList()) names.Add({|PG0003:o.Customer|}.Name);
                foreach (var o in queries.WithCustomer().Recent().ToList()) names.Add(o.Customer.Name);
                return names;
            }

            // The helper projects: nothing tracked, nothing judged; or it may include the navigation.
            public string Flat() => queries.Query().Flat().First().Customer.Name;

            public string Maybe(bool customer) => queries.Query().MaybeWithCustomer(customer).First().Customer.Name;
        }
        """);

    private static Task Verify(ReferencedProject project, string source)
    {
        var test = new NavigationVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
