using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;
using OrderVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.RowLimitWithoutOrderByAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// A generic repository in one project returns a deferred EF query (<c>IQueryable&lt;T&gt; GetQueryableSet() =&gt;
/// db.Set&lt;T&gt;()</c>) of an interface declared in a project without EF Core (Practical.CleanArchitecture's shape);
/// the dependent project goes on querying it. Method-record field 12 says which referenced methods return a database
/// query, which return their parameter's query, and (by having none) which return rows in memory.
/// </summary>
public sealed class QueryableAcrossProjectsTests
{
    private const string DomainSource = """
        using System.Linq;

        namespace Ads.Domain;

        public class Product { public int Id { get; set; } public string Name { get; set; } = ""; public bool Deleted { get; set; } }

        public interface IRepository<T> where T : class
        {
            IQueryable<T> GetQueryableSet();
        }
        """;

    private const string PersistenceSource = """
        using System.Collections.Generic;
        using System.Linq;
        using Ads.Domain;
        using Microsoft.EntityFrameworkCore;

        namespace Ads.Persistence;

        public class AdsDbContext(DbContextOptions<AdsDbContext> options) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();
        }

        public class Repository<T>(AdsDbContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
        }

        public class ProductQueries(AdsDbContext db)
        {
            public IQueryable<Product> ByName()
            {
                var query = db.Products.Where(p => !p.Deleted);
                return query.OrderBy(p => p.Name);
            }

            public bool NoTracking { get; set; }

            public IQueryable<Product> Live()
            {
                var query = db.Products.AsQueryable();
                query = query.Where(p => !p.Deleted);
                if (NoTracking)
                {
                    query = query = query.AsNoTracking();
                }

                return query;
            }
        }

        public static class ProductFilters
        {
            public static IQueryable<Product> Named(this IQueryable<Product> products, string name) => products.Where(p => p.Name == name);

            public static IQueryable<Product> Sorted(this IQueryable<Product> products, string name) =>
                products.Where(p => p.Name.Contains(name)).Distinct().OrderBy(p => p.Name);

            public static IQueryable<Product> Tagged(this IQueryable<Product> products, int n) => n switch
            {
                0 => products,
                _ => products.TagWith("n"),
            };
        }

        // An IQueryable over memory: not a database query in any project.
        public class SampleCatalogue(AdsDbContext db)
        {
            private static readonly List<Product> Samples = new();

            public IQueryable<Product> GetSamples() => Samples.AsQueryable();

            public int Count() => db.Products.Count();
        }
        """;

    // pca's Domain references no EF Core, so it writes no summary: the interface's records come from Persistence alone.
    private static readonly Lazy<ReferencedProject> Domain = new(() => ReferencedProject.Build("Ads.Domain", DomainSource, withPerfGuard: false));
    private static readonly Lazy<ReferencedProject> Persistence = new(() => ReferencedProject.Build("Ads.Persistence", PersistenceSource, references: Domain.Value));

    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Ads.Domain;
        using Ads.Persistence;
        using Microsoft.EntityFrameworkCore;

        """;

    [Fact]
    public void TheImplementingProjectRecordsWhichMethodsReturnADeferredQuery()
    {
        var records = Records(Persistence.Value.Summary);
        // After Q and the order letter: what the query includes and its context (crossnav's addition, PG0002/PG0003).
        Assert.EndsWith("\\tQIT:Ads.Persistence.AdsDbContext\")]", Single(records, "M:Ads.Domain.IRepository`1.GetQueryableSet\\t"), StringComparison.Ordinal);
        Assert.EndsWith("\\tQIT:Ads.Persistence.AdsDbContext\")]", Single(records, "M:Ads.Persistence.Repository`1.GetQueryableSet\\t"), StringComparison.Ordinal);
        Assert.EndsWith("\\tQOIT:Ads.Persistence.AdsDbContext\")]", Single(records, "M:Ads.Persistence.ProductQueries.ByName\\t"), StringComparison.Ordinal);
        Assert.EndsWith("\\tQ\")]", Single(records, "M:Ads.Persistence.ProductQueries.Live\\t"), StringComparison.Ordinal);
        Assert.EndsWith("\\tP0I\")]", Single(records, "M:Ads.Persistence.ProductFilters.Named("), StringComparison.Ordinal);
        Assert.EndsWith("\\tP0\")]", Single(records, "M:Ads.Persistence.ProductFilters.Tagged("), StringComparison.Ordinal);
        Assert.EndsWith("\\tP0OI\")]", Single(records, "M:Ads.Persistence.ProductFilters.Sorted("), StringComparison.Ordinal);
        Assert.DoesNotContain(records, static r => r.Contains("GetSamples", StringComparison.Ordinal));
    }

    [Fact]
    public void FieldTwelveIsAppendedAndReadBack()
    {
        var record = new MethodSummary("M:A.R.Q", null, SummaryRows.Unbounded, "T:A.P", "db.Set<P>()", ordered: false, query: RecordedQuery.Database(QueryOrder.Ordered));
        var encoded = record.Encode();
        Assert.Equal("v1\tM:A.R.Q\t\tU\tT:A.P\tdb.Set<P>()\t-\t\t\t\t\tQO", encoded);
        var decoded = MethodSummary.Decode(encoded)!;
        Assert.True(decoded.Query.IsDatabase);
        Assert.Equal(QueryOrder.Ordered, decoded.Query.Order);
        Assert.Equal(1, MethodSummary.Decode(new MethodSummary("M:A.F.N(System.Linq.IQueryable)", null, SummaryRows.None, null, null, false, query: RecordedQuery.OfParameter(1)).Encode())!.Query.ParameterOrdinal);
        var sorted = MethodSummary.Decode(new MethodSummary("M:A.F.S", null, SummaryRows.None, null, null, false, query: RecordedQuery.OfParameter(12, QueryOrder.Ordered)).Encode())!.Query;
        Assert.Equal((12, QueryOrder.Ordered), (sorted.ParameterOrdinal, sorted.Order));

        // A record of an older writer has no field 12; an unknown letter reads as none.
        Assert.True(MethodSummary.Decode("v1\tM:A.R.Q\t\tU\tT:A.P\tq\t-")!.Query.IsNone);
        Assert.True(MethodSummary.Decode("v1\tM:A.R.Q\t\tU\tT:A.P\tq\t-\t\t\t\t\tZ")!.Query.IsNone);
    }

    [Fact]
    public void MergingReturnedEntitiesKeepsParentsAndQuery()
    {
        var record = new MethodSummary("M:A.R.Q", null, SummaryRows.Unbounded, "T:A.P", "q", false, parents: new[] { "Series" }, query: RecordedQuery.Database(QueryOrder.Unordered));
        var merged = record.WithReturnedEntity(null);
        Assert.Equal(new[] { "Series" }, merged.Parents);
        Assert.True(merged.Query.IsDatabase);
    }

    [Fact]
    public Task MaterialisingTheReferencedQueryInALoop_IsPG0001() => VerifyRoundTrips(Usings + """
        public class Sync(IRepository<Product> products, ProductQueries queries)
        {
            public async Task Run(List<int> ids)
            {
                foreach (var id in ids)
                {
                    var product = await {|PG0001:products.GetQueryableSet().Where(x => x.Id == id).FirstOrDefaultAsync()|};
                    var count = {|PG0001:queries.Live().Named("a").Count()|};
                }
            }
        }
        """);

    [Fact]
    public Task QueryOverMemoryOrMaterialisedBeforeTheLoop_IsNotPG0001() => VerifyRoundTrips(Usings + """
        public class Sync(IRepository<Product> products, SampleCatalogue samples)
        {
            public async Task<int> Run(List<int> ids)
            {
                var all = await products.GetQueryableSet().ToListAsync();
                var found = 0;
                foreach (var id in ids)
                {
                    found += samples.GetSamples().Where(x => x.Id == id).ToList().Count;
                    found += samples.GetSamples().Named("a").Count();
                    found += samples.GetSamples().Tagged(id).Count();
                    found += all.Where(x => x.Id == id).Count();
                }
                return found;
            }
        }
        """);

    [Fact]
    public Task EndpointListingTheReferencedQuery_IsPG0004() => VerifyEndpoints(Usings + """
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("products")]
        public class ProductsController(IRepository<Product> products, SampleCatalogue samples) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Product>> {|PG0004:Get|}() => await products.GetQueryableSet().Where(x => !x.Deleted).ToListAsync();

            [HttpGet("page")]
            public async Task<List<Product>> Page(int page) => await products.GetQueryableSet().OrderBy(x => x.Id).Skip(page * 20).Take(20).ToListAsync();

            [HttpGet("samples")]
            public List<Product> Samples() => samples.GetSamples().ToList();
        }
        """);

    [Fact]
    public Task TakeOnTheUnorderedReferencedQuery_IsPG0005() => VerifyOrder(Usings + """
        public class Sync(IRepository<Product> products, ProductQueries queries, SampleCatalogue samples)
        {
            public List<Product> Unsynced() => products.GetQueryableSet().Where(x => x.Name == "").{|PG0005:Take(50)|}.ToList();

            public List<Product> Live(int page) => queries.Live().{|PG0005:Skip(page * 10)|}.Take(10).ToList();

            public List<Product> Named() => products.GetQueryableSet().Named("a").{|PG0005:Take(5)|}.ToList();

            // Ordered in its own body; over memory; ordered here.
            public List<Product> First10() => queries.ByName().Take(10).ToList();

            public List<Product> Samples() => samples.GetSamples().Take(5).ToList();

            // A helper of another project that orders the caller's query (kavita's SearchPeople shape).
            public List<Product> Search() => products.GetQueryableSet().Sorted("a").Take(5).ToList();

            public List<Product> Ordered() => products.GetQueryableSet().OrderBy(x => x.Id).Take(5).ToList();
        }
        """);

    [Fact]
    public Task TakeOnAnUnorderedQueryOfARepositoryInThisProject_IsPG0005() => new OrderVerifier.Test
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public class Item { public int Id { get; set; } }

            public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
            {
                public DbSet<Item> Items => Set<Item>();
            }

            public class Repository<T>(ShopContext db) where T : class
            {
                public IQueryable<T> GetQueryableSet() => db.Set<T>();
                public IQueryable<T> InMemory() => new List<T>().AsQueryable();

                // An override may order: the body here is not the one that runs.
                public virtual IQueryable<T> Query() => db.Set<T>();
            }

            public class Sync(Repository<Item> items)
            {
                public List<Item> Batch() => items.GetQueryableSet().Where(x => x.Id > 0).{|PG0005:Take(50)|}.ToList();
                public List<Item> Sample() => items.InMemory().Take(50).ToList();
                public List<Item> Found() => items.GetQueryableSet().Search().Take(5).ToList();
                public List<Item> Overridable() => items.Query().Take(5).ToList();
            }

            public static class ItemSearch
            {
                // Orders the caller's query after a Distinct (kavita's SearchPeople): the caller's Take is ordered.
                public static IQueryable<Item> Search(this IQueryable<Item> items) => items.Where(x => x.Id > 0).Distinct().OrderBy(x => x.Id);
            }
            """,
    }.RunAsync(CancellationToken.None);

    private static List<string> Records(string? summary)
    {
        Assert.NotNull(summary);
        return summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The one record whose field 2 starts with <paramref name="idPrefix"/> (tabs appear as \\t in the generated file).</summary>
    private static string Single(List<string> records, string idPrefix) =>
        Assert.Single(records, r => r.Contains("\"v1\\t" + idPrefix, StringComparison.Ordinal));

    private static Task VerifyRoundTrips(string source) => Run(new RoundTripVerifier.Test { TestCode = source });

    private static Task VerifyEndpoints(string source) => Run(new EndpointVerifier.Test { TestCode = source });

    private static Task VerifyOrder(string source) => Run(new OrderVerifier.Test { TestCode = source });

    private static Task Run(AnalyzerTest<DefaultVerifier> test)
    {
        test.TestState.AdditionalReferences.Add(Domain.Value.Reference);
        test.TestState.AdditionalReferences.Add(Persistence.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
