using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.RowLimitWithoutOrderByAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class RowLimitWithoutOrderByAnalyzerTests
{
    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + code);

    /// <summary>Members of a service that owns a context, as most applications write their queries.</summary>
    private static Task VerifyInService(string members) => Verify($$"""
        public class AnchorQueries(AnchorContext db)
        {
        {{members}}
        }
        """);

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task SkipTakeOnDbSet_IsReportedOnce() => VerifyInService("""
            public Task<List<Property>> Page(int page, int size) => db.Properties.{|PG0005:Skip((page - 1) * size)|}.Take(size).ToListAsync();
        """);

    [Fact]
    public Task TakeOnDbSet_IsReported() => VerifyInService("""
            public List<Tenant> Some() => db.Tenants.{|PG0005:Take(10)|}.ToList();
        """);

    [Fact]
    public Task SkipAfterWhere_IsReported() => VerifyInService("""
            public Task<List<Lease>> Rest(int propertyId) => db.Leases.Where(l => l.PropertyId == propertyId).{|PG0005:Skip(20)|}.ToListAsync();
        """);

    [Fact]
    public Task TakeAfterSelect_IsReported() => VerifyInService("""
            public Task<List<PropertyDto>> Names() => db.Properties.Select(p => new PropertyDto(p.Id, p.Name)).{|PG0005:Take(50)|}.ToListAsync();
        """);

    [Fact]
    public Task TakeAfterIncludeAndAsNoTracking_IsReported() => VerifyInService("""
            public Task<List<Property>> WithLeases() => db.Properties.Include(p => p.Leases).AsNoTracking().{|PG0005:Take(25)|}.ToListAsync();
        """);

    [Fact]
    public Task KeysetWhereWithoutOrder_IsReported() => VerifyInService("""
            public Task<List<Payment>> After(int last) => db.Payments.Where(p => p.PaymentNumber > last).{|PG0005:Take(100)|}.ToListAsync();
        """);

    [Fact]
    public Task SetOfT_IsReported() => VerifyInService("""
            public Task<List<Document>> Docs() => db.Set<Document>().{|PG0005:Take(10)|}.ToListAsync();
        """);

    [Fact]
    public Task QueryInALocal_IsReported() => VerifyInService("""
            public Task<List<MaintenanceRequest>> Open(int page)
            {
                var query = db.MaintenanceRequests.Where(m => m.Status == "Open");
                return query.{|PG0005:Skip(page * 20)|}.Take(20).ToListAsync();
            }
        """);

    [Fact]
    public Task QueryComposedInPiecesWithoutOrder_IsReported() => VerifyInService("""
            public Task<List<Property>> Search(string? city, int page)
            {
                IQueryable<Property> query = db.Properties;
                if (city is not null) query = query.Where(p => p.City == city);
                query = query.Where(p => p.Rent > 0);
                return query.{|PG0005:Skip(page * 10)|}.Take(10).ToListAsync();
            }
        """);

    [Fact]
    public Task OrderByAfterTheLimit_IsReported() => VerifyInService("""
            public Task<List<Owner>> Owners() => db.Owners.{|PG0005:Take(10)|}.OrderBy(o => o.Name).ToListAsync();
        """);

    [Fact]
    public Task TakeOneWithoutFilter_IsReported() => VerifyInService("""
            public Task<List<Lease>> AnyLease() => db.Leases.{|PG0005:Take(1)|}.ToListAsync();
        """);

    [Fact]
    public Task SkipOneOnFilteredQuery_IsReported() => VerifyInService("""
            public Task<List<Lease>> AllButOne(int tenantId) => db.Leases.Where(l => l.TenantId == tenantId).{|PG0005:Skip(1)|}.ToListAsync();
        """);

    [Fact]
    public Task TakeInsideControllerAction_IsReported() => Verify("""
        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get() => Ok(await db.Documents.{|PG0005:Take(20)|}.ToListAsync());
        }
        """);

    [Fact]
    public Task TakeInMinimalApiLambda_IsReported() => Verify("""
        public static class TenantEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/tenants", (AnchorContext db, int page) => db.Tenants.{|PG0005:Skip(page * 10)|}.Take(10).ToListAsync());
        }
        """);

    [Fact]
    public Task TakeInRazorPageHandler_IsReported() => Verify("""
        public class IndexModel(AnchorContext db) : PageModel
        {
            public List<Payment> Payments { get; set; } = new();
            public async Task OnGetAsync() => Payments = await db.Payments.{|PG0005:Take(50)|}.ToListAsync();
        }
        """);

    [Fact]
    public Task DistinctThenTake_IsReported() => VerifyInService("""
            public Task<List<string>> Cities() => db.Properties.Select(p => p.City).Distinct().{|PG0005:Take(10)|}.ToListAsync();
        """);

    [Fact]
    public Task FieldDbSet_IsReported() => Verify("""
        public class LeaseReader
        {
            private readonly DbSet<Lease> _leases;
            public LeaseReader(AnchorContext db) => _leases = db.Leases;
            public List<Lease> First10() => _leases.{|PG0005:Take(10)|}.ToList();
        }
        """);

    [Fact]
    public Task TwoPagesInOneMethod_AreBothReported() => VerifyInService("""
            public async Task<(List<Owner>, List<Tenant>)> Both()
            {
                var owners = await db.Owners.{|PG0005:Take(5)|}.ToListAsync();
                var tenants = await db.Tenants.{|PG0005:Take(5)|}.ToListAsync();
                return (owners, tenants);
            }
        """);

    [Fact]
    public Task AsQueryableOnDbSet_IsReported() => VerifyInService("""
            public List<Document> Docs() => db.Documents.AsQueryable().Where(d => d.Title != "").{|PG0005:Take(30)|}.ToList();
        """);

    [Fact]
    public Task SkipInServiceWithCancellation_IsReported() => VerifyInService("""
            public Task<Payment[]> Later(CancellationToken cancellationToken) => db.Payments.AsNoTracking().{|PG0005:Skip(100)|}.Take(100).ToArrayAsync(cancellationToken);
        """);

    [Fact]
    public Task GroupedProjectionThenTake_IsReported() => VerifyInService("""
            public Task<List<int>> TopOwners() => db.Properties.GroupBy(p => p.OwnerId).Select(g => g.Key).{|PG0005:Take(3)|}.ToListAsync();
        """);

    [Fact]
    public Task QuerySyntaxWithoutOrderby_IsReported() => VerifyInService("""
            public Task<List<Tenant>> Some() => (from t in db.Tenants where t.FullName != "" select t).{|PG0005:Take(10)|}.ToListAsync();
            public Task<List<Tenant>> Sorted() => (from t in db.Tenants orderby t.FullName select t).Take(10).ToListAsync();
        """);

    // ---------------------------------------------------------------- not reported

    [Fact]
    public Task OrderedPage_IsNotReported() => VerifyInService("""
            public Task<List<Property>> Page(int page) => db.Properties.OrderBy(p => p.Id).Skip(page * 10).Take(10).ToListAsync();
        """);

    [Fact]
    public Task OrderByDescending_IsNotReported() => VerifyInService("""
            public Task<List<Lease>> Latest() => db.Leases.OrderByDescending(l => l.Start).Take(10).ToListAsync();
        """);

    [Fact]
    public Task OrderThenWhereThenTake_IsNotReported() => VerifyInService("""
            public Task<List<Owner>> Owners() => db.Owners.OrderBy(o => o.Name).ThenBy(o => o.Id).Where(o => o.Name != "").Take(10).ToListAsync();
        """);

    [Fact]
    public Task OrderedInAnEarlierStatement_IsNotReported() => VerifyInService("""
            public Task<List<Property>> Search(string? city, int page)
            {
                var query = db.Properties.AsQueryable();
                if (city is not null) query = query.Where(p => p.City == city);
                query = query.OrderBy(p => p.Name);
                return query.Skip(page * 10).Take(10).ToListAsync();
            }
        """);

    [Fact]
    public Task OrderedQueryableLocal_IsNotReported() => VerifyInService("""
            public Task<List<Tenant>> Page(int page)
            {
                IOrderedQueryable<Tenant> ordered = db.Tenants.OrderBy(t => t.FullName);
                return ordered.Skip(page * 10).Take(10).ToListAsync();
            }
        """);

    [Fact]
    public Task FirstAndSingle_AreNotRowLimiting() => VerifyInService("""
            public Task<Property?> One(int id) => db.Properties.FirstOrDefaultAsync(p => p.Id == id);
            public Task<Tenant> Only() => db.Tenants.SingleAsync();
        """);

    [Fact]
    public Task TakeOneOnFilteredQuery_IsNotReported() => VerifyInService("""
            public Task<List<Lease>> Current(int propertyId) => db.Leases.Where(l => l.PropertyId == propertyId).Take(1).ToListAsync();
        """);

    [Fact]
    public Task InMemoryList_IsNotReported() => VerifyInService("""
            public List<int> Firsts(List<int> ids) => ids.Skip(1).Take(10).ToList();
        """);

    [Fact]
    public Task AfterMaterialisation_IsNotReported() => VerifyInService("""
            public async Task<List<Property>> Loaded() => (await db.Properties.OrderBy(p => p.Id).ToListAsync()).Skip(10).Take(10).ToList();
        """);

    [Fact]
    public Task NavigationCollectionInsideProjection_IsNotReported() => VerifyInService("""
            public Task<List<List<Lease>>> Recent() => db.Properties.OrderBy(p => p.Id).Take(10).Select(p => p.Leases.Take(3).ToList()).ToListAsync();
        """);

    [Fact]
    public Task RawSqlMayOrder_IsNotReported() => VerifyInService("""
            public Task<List<Property>> Raw() => db.Properties.FromSqlRaw("SELECT * FROM Properties ORDER BY Id").Take(10).ToListAsync();
        """);

    [Fact]
    public Task QueryFromAParameter_IsNotReported() => Verify("""
        public static class Paging
        {
            public static IQueryable<T> Page<T>(this IQueryable<T> source, int page, int size) => source.Skip(page * size).Take(size);
        }
        """);

    [Fact]
    public Task QueryFromAMethodWeDoNotFollow_IsNotReported() => Verify("""
        public interface IPropertyRepository { IQueryable<Property> Query(); }
        public class Listing(IPropertyRepository repository)
        {
            public Task<List<Property>> First() => repository.Query().Take(10).ToListAsync();
        }
        """);

    [Fact]
    public Task SecondLimitInTheSameChain_IsNotReportedTwice() => VerifyInService("""
            public Task<List<Owner>> Owners() => db.Owners.OrderBy(o => o.Id).Skip(10).Take(10).Skip(1).Take(5).ToListAsync();
        """);

    [Fact]
    public Task EnumerableSkipOverAsEnumerable_IsNotReported() => VerifyInService("""
            public List<Document> Docs() => db.Documents.AsEnumerable().Skip(5).Take(5).ToList();
        """);

    [Fact]
    public Task OrderInsideAConditionalAssignment_IsNotReported() => VerifyInService("""
            public Task<List<Payment>> Sorted(bool descending, int page)
            {
                var query = descending ? db.Payments.OrderByDescending(p => p.Amount) : db.Payments.OrderBy(p => p.Amount);
                return query.Skip(page * 25).Take(25).ToListAsync();
            }
        """);

    [Fact]
    public Task LocalFromUnknownSource_IsNotReported() => Verify("""
        public interface IQuerySource { IQueryable<Lease> Leases { get; } }
        public class LeaseList(IQuerySource source)
        {
            public List<Lease> Ten()
            {
                var q = source.Leases;
                return q.Take(10).ToList();
            }
        }
        """);

    [Fact]
    public Task OrderViaSpecialEfOrderedMethods_IsNotReported() => VerifyInService("""
            public Task<List<string>> Names() => db.Owners.Select(o => o.Name).Order().Take(10).ToListAsync();
        """);

    [Fact]
    public Task OrderedLimitsBeforeAggregates_AreNotReported() => VerifyInService("""
            public Task<int> Rest() => db.Leases.OrderBy(l => l.Id).Skip(10).CountAsync();
            public Task<int> Other() => db.Tenants.OrderBy(t => t.TenantId).Take(10).CountAsync();
        """);

    [Fact]
    public Task TakeWhile_IsNotRowLimitingHere() => VerifyInService("""
            public List<Owner> Some() => db.Owners.AsEnumerable().TakeWhile(o => o.Id < 10).ToList();
        """);
}
