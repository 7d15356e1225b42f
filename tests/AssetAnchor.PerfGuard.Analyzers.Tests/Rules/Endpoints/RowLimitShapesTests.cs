using AssetAnchor.PerfGuard.Analyzers.Rules;
using AssetAnchor.PerfGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.RowLimitWithoutOrderByAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules.Endpoints;

/// <summary>PG0005 on paging helpers, Distinct after OrderBy, random picks and batched deletes.</summary>
public sealed class RowLimitShapesTests
{
    /// <summary>A paging helper as real code writes it: Skip/Take on the query it is given.</summary>
    private const string Helper = """
        public class PagedList<T>
        {
            public List<T> Items { get; }
            private PagedList(List<T> items) => Items = items;

            public static async Task<PagedList<T>> CreateAsync(IQueryable<T> source, int pageNumber, int pageSize)
            {
                var items = await source.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync();
                return new PagedList<T>(items);
            }
        }

        public static class QueryPaging
        {
            public static IQueryable<T> ApplyPaging<T>(this IQueryable<T> query, int page, int size) => query.Skip(page * size).Take(size);

            // Orders itself: its callers need not.
            public static IQueryable<Property> PageByName(IQueryable<Property> query, int page) => query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(page * 20).Take(20);
        }

        """;

    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + Helper + code);

    [Fact]
    public Task UnorderedQueryHandedToAPagingHelper_IsReportedAtTheCallersArgument() => Verify("""
        public class LeaseQueries(AnchorContext db)
        {
            public Task<PagedList<Lease>> ForTenant(int tenantId, int page) =>
                PagedList<Lease>.CreateAsync({|PG0005:db.Leases.Where(l => l.TenantId == tenantId)|}, page, 20);

            public List<Owner> Owners(int page)
            {
                var query = db.Owners.Where(o => o.Name != "");
                return {|PG0005:query|}.ApplyPaging(page, 25).ToList();
            }
        }
        """);

    [Fact]
    public async Task HelperReport_NamesTheHelperAndTheQuery()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PaginationTestModel.Source + Helper + """
                public class LeaseQueries(AnchorContext db)
                {
                    public Task<PagedList<Lease>> All(int page) => PagedList<Lease>.CreateAsync({|#0:db.Leases|}, page, 20);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(RowLimitWithoutOrderByAnalyzer.Rule).WithLocation(0)
            .WithArguments("'Skip/Take' in 'PagedList.CreateAsync'", "db.Leases", "which has no OrderBy"));
        await test.RunAsync();
    }

    [Fact]
    public Task OrderedQueryHandedToAPagingHelper_OrAHelperThatOrders_IsNotReported() => Verify("""
        public class LeaseQueries(AnchorContext db)
        {
            public Task<PagedList<Lease>> ForTenant(int tenantId, int page) =>
                PagedList<Lease>.CreateAsync(db.Leases.Where(l => l.TenantId == tenantId).OrderBy(l => l.Id), page, 20);

            public List<Property> ByName(int page) => QueryPaging.PageByName(db.Properties, page).ToList();

            public List<Owner> Owners(int page, IQueryable<Owner> given)
            {
                var query = db.Owners.OrderBy(o => o.Name).ThenBy(o => o.Id);
                return query.ApplyPaging(page, 25).Concat(given.ApplyPaging(page, 25)).ToList();
            }

            public List<int> InMemory(int page) => new List<int> { 3, 1, 2 }.AsQueryable().ApplyPaging(page, 2).ToList();
        }
        """);

    [Fact]
    public Task OrderByThenDistinct_IsReported_AndSaysTheOrderIsDiscarded() => VerifyMessage("""
        public class PropertyQueries(AnchorContext db)
        {
            public Task<List<string>> Cities(int page) =>
                db.Properties.OrderBy(p => p.City).Select(p => p.City).Distinct().{|#0:Skip(page * 20)|}.Take(20).ToListAsync();
        }
        """, "'Skip'", "db.Properties", "whose OrderBy is discarded by the Distinct() after it");

    [Fact]
    public Task DistinctThenOrderBy_AndDistinctWithoutAnyOrder_AreJudgedAsUsual() => Verify("""
        public class PropertyQueries(AnchorContext db)
        {
            public Task<List<string>> Cities(int page) =>
                db.Properties.Select(p => p.City).Distinct().OrderBy(c => c).Skip(page * 20).Take(20).ToListAsync();

            public Task<List<string>> Unordered(int page) =>
                db.Properties.Select(p => p.City).Distinct().{|PG0005:Skip(page * 20)|}.Take(20).ToListAsync();
        }
        """);

    [Fact]
    public Task RandomPick_IsNotReported_ButAPlainOffsetIs() => Verify("""
        public class PropertyQueries(AnchorContext db)
        {
            public async Task<Property?> Random()
            {
                var count = await db.Properties.CountAsync();
                var index = new Random().Next(0, count);
                return await db.Properties.Skip(index).Take(1).FirstOrDefaultAsync();
            }

            public Task<Property?> Shared(int count) => db.Properties.Skip(System.Random.Shared.Next(count)).FirstOrDefaultAsync();

            public Task<Property?> Offset(int index) => db.Properties.{|PG0005:Skip(index)|}.Take(1).FirstOrDefaultAsync();
        }
        """);

    [Fact]
    public Task TakeFeedingExecuteDelete_IsNotReported_ButTakeFeedingAListIs() => Verify("""
        public class Cleanup(AnchorContext db)
        {
            public async Task Purge(DateTime cutoff, int batchSize)
            {
                while (true)
                {
                    var deleted = await db.Leases.Where(l => l.Start < cutoff).Take(batchSize).ExecuteDeleteAsync();
                    if (deleted == 0)
                    {
                        break;
                    }
                }
            }

            public Task<List<Lease>> Batch(DateTime cutoff, int batchSize) => db.Leases.Where(l => l.Start < cutoff).{|PG0005:Take(batchSize)|}.ToListAsync();
        }
        """);

    [Fact]
    public Task OwnExtensionsThatCannotOrder_AreFollowed_OnesThatMayOrder_AreNot() => Verify("""
        public static class QueryFilters
        {
            public static IQueryable<T> WhereIf<T>(this IQueryable<T> query, bool condition, System.Linq.Expressions.Expression<Func<T, bool>> predicate) =>
                condition ? query.Where(predicate) : query;

            public static IQueryable<Lease> Sorted(this IQueryable<Lease> query, string by) => by == "start" ? query.OrderBy(l => l.Start) : query.OrderBy(l => l.Id);

            public static IQueryable<Lease> ApplySortParams(this IQueryable<Lease> query, string by) => Helpers.Apply(query, by);
        }

        public static class Helpers
        {
            public static IQueryable<Lease> Apply(IQueryable<Lease> query, string by) => query;
        }

        public class LeaseQueries(AnchorContext db)
        {
            public Task<PagedList<Lease>> Filtered(int tenantId, int page) =>
                PagedList<Lease>.CreateAsync({|PG0005:db.Leases.WhereIf(tenantId > 0, l => l.TenantId == tenantId)|}, page, 20);

            public Task<List<Lease>> Direct(int tenantId) => db.Leases.WhereIf(tenantId > 0, l => l.TenantId == tenantId).{|PG0005:Take(20)|}.ToListAsync();

            public Task<PagedList<Lease>> Sorted(int page, string by) => PagedList<Lease>.CreateAsync(db.Leases.Sorted(by), page, 20);

            public Task<PagedList<Lease>> SortedElsewhere(int page, string by) => PagedList<Lease>.CreateAsync(db.Leases.ApplySortParams(by), page, 20);
        }
        """);

    [Fact]
    public Task HelperCallersArgument_GetsTheOrderFix() =>
        Verifiers.PaginationCodeFixVerifier<RowLimitWithoutOrderByCodeFixProvider>.VerifyCodeFixAsync(PaginationTestModel.Source + Helper + """
            public class LeaseQueries(AnchorContext db)
            {
                public Task<PagedList<Lease>> ForTenant(int tenantId, int page) =>
                    PagedList<Lease>.CreateAsync({|PG0005:db.Leases.Where(l => l.TenantId == tenantId)|}, page, 20);
            }
            """, PaginationTestModel.Source + Helper + """
            public class LeaseQueries(AnchorContext db)
            {
                public Task<PagedList<Lease>> ForTenant(int tenantId, int page) =>
                    PagedList<Lease>.CreateAsync(db.Leases.Where(l => l.TenantId == tenantId).OrderBy(l => l.Id), page, 20);
            }
            """);

    private static async Task VerifyMessage(string code, string limit, string query, string reason)
    {
        var test = new VerifyCS.Test { TestCode = PaginationTestModel.Source + Helper + code };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(RowLimitWithoutOrderByAnalyzer.Rule).WithLocation(0).WithArguments(limit, query, reason));
        await test.RunAsync();
    }
}
