using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class UnpaginatedCollectionEndpointAnalyzerTests
{
    internal static Task Verify(string code, string? editorConfig = null) =>
        VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + code, editorConfig);

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task ApiControllerReturningToListAsync_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Property>> {|PG0004:GetProperties|}() => await db.Properties.ToListAsync();
        }
        """);

    [Fact]
    public Task ActionResultOfProjectedDtos_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("by-city")]
            public async Task<ActionResult<IEnumerable<PropertyDto>>> {|PG0004:ByCity|}(string city)
            {
                return await db.Properties.Where(p => p.City == city).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();
            }
        }
        """);

    [Fact]
    public Task OkOfAwaitedQuery_IsReported() => Verify("""
        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:GetTenants|}() => Ok(await db.Tenants.AsNoTracking().ToListAsync());
        }
        """);

    [Fact]
    public Task MvcViewOfAllRows_IsReported() => Verify("""
        public class LeasesController : Controller
        {
            private readonly AnchorContext _context;
            public LeasesController(AnchorContext context) => _context = context;

            public async Task<IActionResult> {|PG0004:Index|}()
            {
                return View(await _context.Leases.OrderBy(l => l.Start).ToListAsync());
            }
        }
        """);

    [Fact]
    public Task ReturningIQueryableDirectly_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public IQueryable<Property> {|PG0004:Query|}(string city) => db.Properties.Where(p => p.City == city);
        }
        """);

    [Fact]
    public Task ReturningAsyncEnumerable_IsReported() => Verify("""
        [ApiController, Route("api/payments")]
        public class PaymentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet("stream")]
            public IAsyncEnumerable<Payment> {|PG0004:Stream|}() => db.Payments.AsAsyncEnumerable();
        }
        """);

    [Fact]
    public Task SkipAloneIsNotABound_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Property>> {|PG0004:After|}(int offset) =>
                await db.Properties.OrderBy(p => p.Id).Skip(offset).ToListAsync();
        }
        """);

    [Fact]
    public async Task PagingAfterMaterialisation_IsReportedAndSaysSo()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PaginationTestModel.Source + """
                [ApiController, Route("api/documents")]
                public class DocumentsController(AnchorContext db) : ControllerBase
                {
                    [HttpGet]
                    public async Task<IEnumerable<Document>> {|#0:Page|}(int page, int pageSize) =>
                        (await db.Documents.ToListAsync()).Skip((page - 1) * pageSize).Take(pageSize);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(0).WithArguments(
            "Page", "db.Documents", "", " in the database (the Skip/Take after 'ToListAsync' runs in memory, after every row was loaded)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task MessageNamesTheQuery_AndTheFixTargetIsTheQuery()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PaginationTestModel.Source + """
                [ApiController, Route("api/properties")]
                public class PropertiesController(AnchorContext db) : ControllerBase
                {
                    [HttpGet]
                    public Task<List<Property>> {|#0:GetProperties|}() => {|#1:db.Properties|}.ToListAsync();
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("GetProperties", "db.Properties", "", ""));
        await test.RunAsync();
    }

    [Fact]
    public Task LocalVariableReturnedInOk_IsReported() => Verify("""
        [ApiController, Route("api/leases")]
        public class LeasesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:GetLeases|}(CancellationToken cancellationToken)
            {
                var leases = await db.Leases.Where(l => l.Start > DateTime.UtcNow.AddYears(-1)).ToListAsync(cancellationToken);
                return Ok(leases);
            }
        }
        """);

    [Fact]
    public Task QueryBuiltInPieces_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("search")]
            public async Task<List<Property>> {|PG0004:Search|}(string? city, decimal? maxRent)
            {
                var query = db.Properties.AsQueryable();
                if (city is not null) query = query.Where(p => p.City == city);
                if (maxRent is not null) query = query.Where(p => p.Rent <= maxRent);
                return await query.ToListAsync();
            }
        }
        """);

    [Fact]
    public async Task ThroughServiceOfTheCompilation_IsReportedWithTheCall()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PaginationTestModel.Source + """
                public class PropertyService(AnchorContext db)
                {
                    public Task<List<Property>> ListAsync() => db.Properties.Include(p => p.Leases).ToListAsync();
                }

                [ApiController, Route("api/properties")]
                public class PropertiesController(PropertyService service) : ControllerBase
                {
                    [HttpGet]
                    public async Task<IActionResult> {|#0:GetAll|}() => Ok(await service.ListAsync());
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(0)
            .WithArguments("GetAll", "db.Properties", " (through 'service.ListAsync()')", ""));
        await test.RunAsync();
    }

    [Fact]
    public Task RepositoryBehindInterface_IsReported() => Verify("""
        public interface IMaintenanceRepository { Task<IReadOnlyList<MaintenanceRequest>> GetOpenAsync(); }

        public class MaintenanceRepository(AnchorContext db) : IMaintenanceRepository
        {
            public async Task<IReadOnlyList<MaintenanceRequest>> GetOpenAsync() =>
                await db.MaintenanceRequests.Where(m => m.Status == "Open").ToListAsync();
        }

        [ApiController, Route("api/maintenance")]
        public class MaintenanceController(IMaintenanceRepository repository) : ControllerBase
        {
            [HttpGet("open")]
            public async Task<ActionResult<IReadOnlyList<MaintenanceRequest>>> {|PG0004:Open|}() => Ok(await repository.GetOpenAsync());
        }
        """);

    [Fact]
    public Task GenericRepositoryQueryComposedInTheEndpoint_IsReported() => Verify("""
        public interface IRepository<T> where T : class { IQueryable<T> Query(); }

        public class EfRepository<T>(AnchorContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> Query() => db.Set<T>();
        }

        [ApiController, Route("api/owners")]
        public class OwnersController(IRepository<Owner> owners) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Owner>> {|PG0004:GetOwners|}() => await owners.Query().Where(o => o.Name != "").ToListAsync();
        }
        """);

    [Fact]
    public Task MinimalApiLambda_IsReported() => Verify("""
        public static class OwnerEndpoints
        {
            public static void MapOwners(this IEndpointRouteBuilder app)
            {
                app.MapGet("/owners", async {|PG0004:(AnchorContext db)|} => await db.Owners.ToListAsync());
            }
        }
        """);

    [Fact]
    public Task MinimalApiResultsOk_IsReported() => Verify("""
        public static class TenantEndpoints
        {
            public static void MapTenants(this IEndpointRouteBuilder app)
            {
                app.MapGet("/tenants", async {|PG0004:(AnchorContext db)|} =>
                {
                    var tenants = await db.Tenants.ToListAsync();
                    return Results.Ok(tenants);
                });
            }
        }
        """);

    [Fact]
    public Task MinimalApiTypedResultsInRouteGroup_IsReported() => Verify("""
        public static class LeaseEndpoints
        {
            public static RouteGroupBuilder MapLeases(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/leases");
                group.MapGet("/", async {|PG0004:(AnchorContext db)|} => TypedResults.Ok(await db.Leases.ToArrayAsync()));
                group.MapPost("/search", {|PG0004:(AnchorContext db)|} => db.Leases.Where(l => l.TenantId > 0).ToListAsync());
                return group;
            }
        }
        """);

    [Fact]
    public Task MinimalApiMethodGroup_IsReportedOnTheHandlerDeclaration() => Verify("""
        public static class DocumentEndpoints
        {
            public static void MapDocuments(this IEndpointRouteBuilder app)
            {
                app.MapGet("/documents", GetAll);
            }

            private static async Task<IResult> {|PG0004:GetAll|}(AnchorContext db) => Results.Ok(await db.Documents.ToListAsync());
        }
        """);

    [Fact]
    public Task MinimalApiLocalFunction_IsReportedOnTheLocalFunction() => Verify("""
        public static class TenantEndpoints
        {
            public static void MapTenants(this IEndpointRouteBuilder app)
            {
                app.MapGet("/tenants", ListTenants);

                static Task<List<Tenant>> {|PG0004:ListTenants|}(AnchorContext db) => db.Tenants.ToListAsync();
            }
        }
        """);

    [Fact]
    public Task RazorPageAssigningRowsToItsProperty_IsReported() => Verify("""
        public class IndexModel(AnchorContext db) : PageModel
        {
            public IList<Property> Properties { get; set; } = new List<Property>();

            public async Task {|PG0004:OnGetAsync|}()
            {
                Properties = await db.Properties.AsNoTracking().ToListAsync();
            }
        }
        """);

    [Fact]
    public Task ConventionNamedPocoController_IsReported() => Verify("""
        public class ReportsController
        {
            private readonly AnchorContext _db;
            public ReportsController(AnchorContext db) => _db = db;

            public List<Payment> {|PG0004:Payments|}() => _db.Payments.ToList();
        }
        """);

    [Fact]
    public Task OkObjectResultAndJsonResult_AreReported() => Verify("""
        public class ExportController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> {|PG0004:Payments|}() => new OkObjectResult(await db.Payments.ToListAsync());

            public async Task<IActionResult> {|PG0004:Documents|}() => Json(await db.Documents.Select(d => d.Title).ToListAsync());
        }
        """);

    [Fact]
    public Task PlainEnableQueryIsNotABound_IsReported() => Verify("""
        [AttributeUsage(AttributeTargets.Method)]
        public sealed class EnableQueryAttribute : Attribute { public int MaxTop { get; set; } public int PageSize { get; set; } }

        [ApiController, Route("odata/properties")]
        public class PropertiesODataController(AnchorContext db) : ControllerBase
        {
            [HttpGet, EnableQuery(MaxTop = 100)]
            public IQueryable<Property> {|PG0004:Get|}() => db.Properties;
        }
        """);

    [Fact]
    public Task ListConstructedFromQuery_IsReported() => Verify("""
        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public List<string> {|PG0004:Names|}() => new List<string>(db.Owners.Select(o => o.Name));
        }
        """);

    [Fact]
    public Task ApiControllerAttributeOnAbstractBase_IsReported() => Verify("""
        [ApiController]
        public abstract class AnchorApiController : ControllerBase { }

        [Route("api/documents")]
        public class DocumentsController(AnchorContext db) : AnchorApiController
        {
            [HttpGet]
            public async Task<IEnumerable<Document>> {|PG0004:All|}() => await db.Documents.ToListAsync();
        }
        """);

    [Fact]
    public Task MediatorRequestHandledInTheCompilation_IsReported() => Verify("""
        public interface IRequest<TResponse> { }
        public interface IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
        {
            Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
        }
        public interface ISender { Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default); }

        public record GetTenantsQuery : IRequest<List<Tenant>>;
        public class GetTenantsQueryHandler(AnchorContext db) : IRequestHandler<GetTenantsQuery, List<Tenant>>
        {
            public Task<List<Tenant>> Handle(GetTenantsQuery request, CancellationToken cancellationToken) => db.Tenants.AsNoTracking().ToListAsync(cancellationToken);
        }

        public record GetTenantQuery(int Id) : IRequest<Tenant?>;
        public class GetTenantQueryHandler(AnchorContext db) : IRequestHandler<GetTenantQuery, Tenant?>
        {
            public Task<Tenant?> Handle(GetTenantQuery request, CancellationToken cancellationToken) => db.Tenants.FirstOrDefaultAsync(t => t.TenantId == request.Id, cancellationToken);
        }

        [ApiController, Route("api/tenants")]
        public class TenantsController(ISender sender) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<List<Tenant>>> {|PG0004:GetAll|}() => await sender.Send(new GetTenantsQuery());

            [HttpGet("{id}")]
            public async Task<ActionResult<Tenant?>> Get(int id) => await sender.Send(new GetTenantQuery(id));
        }
        """);

    // ---------------------------------------------------------------- not reported

    [Fact]
    public Task ConstantTake_IsNotReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("latest")]
            public async Task<List<Property>> Latest() => await db.Properties.OrderByDescending(p => p.Id).Take(20).ToListAsync();
        }
        """);

    [Fact]
    public Task SkipTakeFromRequest_IsNotReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get(int page = 1, int pageSize = 20)
            {
                var items = await db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(Math.Min(pageSize, 100)).ToListAsync();
                return Ok(items);
            }
        }
        """);

    [Fact]
    public Task SingleRowAndKeyLookups_AreNotReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("{id}")]
            public async Task<ActionResult<Property>> Get(int id) => await db.Properties.FirstOrDefaultAsync(p => p.Id == id) is { } p ? p : NotFound();

            [HttpGet("find/{id}")]
            public async Task<Property?> Find(int id) => await db.Properties.FindAsync(id);

            [HttpGet("single/{id}")]
            public Task<Property> Single(int id) => db.Properties.SingleAsync(p => p.Id == id);
        }
        """);

    [Fact]
    public Task KeyLookupsReturningAList_AreNotReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("{id}")]
            public Task<List<PropertyDto>> Get(int id) => db.Properties.Where(p => p.Id == id).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();

            [HttpPost("batch")]
            public Task<List<Tenant>> Batch(int[] ids) => db.Tenants.Where(t => ids.Contains(t.TenantId)).ToListAsync();

            [HttpGet("owner/{ownerId}/{id}")]
            public Task<List<Property>> OfOwner(int ownerId, int id) => db.Properties.Where(p => p.OwnerId == ownerId && p.Id == id).ToListAsync();
        }
        """);

    [Fact]
    public Task ForeignKeyFilterIsStillAListing_IsReported() => Verify("""
        [ApiController, Route("api/leases")]
        public class LeasesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("property/{propertyId}")]
            public Task<List<Lease>> {|PG0004:ForProperty|}(int propertyId) => db.Leases.Where(l => l.PropertyId == propertyId).ToListAsync();
        }
        """);

    [Fact]
    public Task Aggregates_AreNotReported() => Verify("""
        [ApiController, Route("api/stats")]
        public class StatsController(AnchorContext db) : ControllerBase
        {
            [HttpGet("count")]
            public Task<int> Count() => db.Properties.CountAsync();

            [HttpGet("any")]
            public async Task<IActionResult> Any() => Ok(await db.Leases.AnyAsync());

            [HttpGet("total")]
            public Task<decimal> Total() => db.Payments.SumAsync(p => p.Amount);
        }
        """);

    [Fact]
    public Task EnableQueryWithPageSize_IsNotReported() => Verify("""
        [AttributeUsage(AttributeTargets.Method)]
        public sealed class EnableQueryAttribute : Attribute { public int PageSize { get; set; } }

        [ApiController, Route("odata/properties")]
        public class PropertiesODataController(AnchorContext db) : ControllerBase
        {
            [HttpGet, EnableQuery(PageSize = 50)]
            public IQueryable<Property> Get() => db.Properties;
        }
        """);

    [Fact]
    public Task PaginationHelpers_AreNotReported() => Verify("""
        public interface IPagedList<T> : IEnumerable<T> { int TotalCount { get; } }
        public class PaginatedList<T> : List<T>
        {
            public static Task<PaginatedList<T>> CreateAsync(IQueryable<T> source, int pageIndex, int pageSize) => throw new NotImplementedException();
        }
        public static class PagingExtensions
        {
            public static Task<IPagedList<T>> ToPagedListAsync<T>(this IQueryable<T> source, int page, int size) => throw new NotImplementedException();
            public static IQueryable<T> ApplyPaging<T>(this IQueryable<T> source, int page, int size) => throw new NotImplementedException();
            public static IQueryable<T> PageBy<T>(this IQueryable<T> source, int skip, int take) => throw new NotImplementedException();
        }

        public class TenantsController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> Index(int page = 1) =>
                View(await PaginatedList<Tenant>.CreateAsync(db.Tenants.OrderBy(t => t.TenantId), page, 25));

            public async Task<IActionResult> Paged(int page = 1) => Ok(await db.Tenants.OrderBy(t => t.TenantId).ToPagedListAsync(page, 25));

            public async Task<List<Tenant>> Gridify(int page = 1) => await db.Tenants.OrderBy(t => t.TenantId).ApplyPaging(page, 25).ToListAsync();

            public async Task<List<Tenant>> Abp(int skip = 0) => await db.Tenants.OrderBy(t => t.TenantId).PageBy(skip, 25).ToListAsync();
        }
        """);

    [Fact]
    public Task PagedReturnTypes_AreNotReported() => Verify("""
        public record PagedResult<T>(IReadOnlyList<T> Items, int Total);
        public record Connection<T>(IReadOnlyList<T> Nodes);

        public class LeaseQueries(AnchorContext db)
        {
            public async Task<PagedResult<Lease>> All() => new(await db.Leases.ToListAsync(), 0);
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(LeaseQueries queries, AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<PagedResult<Lease>> Get() => queries.All();

            [HttpGet("graph")]
            public async Task<Connection<Lease>> Graph() => new(await db.Leases.ToListAsync());
        }
        """);

    [Fact]
    public Task ConfiguredPaginationMethod_IsNotReported() => Verify("""
        public static class QueryWindow
        {
            public static IQueryable<T> Window<T>(this IQueryable<T> source, int size) => source;
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Document>> Get() => db.Documents.OrderBy(d => d.Id).Window(50).ToListAsync();
        }
        """, "PG0004.pagination_methods = Window, Other.Namespace.Helper.Slice\n");

    [Fact]
    public Task UnconfiguredPassThroughHelper_IsReported() => Verify("""
        public static class QueryWindow
        {
            public static IQueryable<T> Window<T>(this IQueryable<T> source, int size) => source;
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Document>> {|PG0004:Get|}() => db.Documents.OrderBy(d => d.Id).Window(50).ToListAsync();
        }
        """);

    [Fact]
    public Task ExemptReferenceData_IsNotReported() => Verify("""
        [ApiController, Route("api/property-types")]
        public class PropertyTypesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<PropertyType>> Get() => db.PropertyTypes.ToListAsync();
        }
        """, "PG0004.exempt_types = PropertyType\n");

    [Fact]
    public Task ReferenceDataWithoutExemption_IsReported() => Verify("""
        [ApiController, Route("api/property-types")]
        public class PropertyTypesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<PropertyType>> {|PG0004:Get|}() => db.PropertyTypes.ToListAsync();
        }
        """);

    [Fact]
    public Task InMemoryData_IsNotReported() => Verify("""
        [ApiController, Route("api/cities")]
        public class CitiesController : ControllerBase
        {
            private static readonly List<string> Cities = new() { "Leeds", "York" };

            [HttpGet]
            public List<string> Get() => Cities.ToList();

            [HttpGet("q")]
            public IQueryable<string> Query() => Cities.AsQueryable();
        }
        """);

    [Fact]
    public Task NonActions_AreNotReported() => Verify("""
        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            [NonAction]
            public Task<List<Owner>> LoadAll() => db.Owners.ToListAsync();

            private Task<List<Owner>> LoadPrivate() => db.Owners.ToListAsync();

            public static List<Owner> LoadStatic(AnchorContext context) => context.Owners.ToList();
        }
        """);

    [Fact]
    public Task ServiceMethodOutsideAnEndpoint_IsNotReported() => Verify("""
        public class ExportService(AnchorContext db)
        {
            public Task<List<Payment>> AllPaymentsForNightlyExport() => db.Payments.ToListAsync();
        }

        public class OwnerController
        {
            internal Task<List<Owner>> NotPublicClass() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task MinimalApiWithTakeOrSingleRow_IsNotReported() => Verify("""
        public static class PropertyEndpoints
        {
            public static void MapProperties(this IEndpointRouteBuilder app)
            {
                app.MapGet("/properties/top", (AnchorContext db) => db.Properties.OrderBy(p => p.Rent).Take(10).ToListAsync());
                app.MapGet("/properties/{id}", async (int id, AnchorContext db) => await db.Properties.FindAsync(id) is { } p ? Results.Ok(p) : Results.NotFound());
                app.MapGet("/properties/count", (AnchorContext db) => db.Properties.CountAsync());
                app.MapDelete("/properties/{id}", async (int id, AnchorContext db) => await db.Properties.Where(p => p.Id == id).ExecuteDeleteAsync());
            }
        }
        """);

    [Fact]
    public Task RazorPageLoadingOneRowOrAPage_IsNotReported() => Verify("""
        public class DetailsModel(AnchorContext db) : PageModel
        {
            public Property? Property { get; set; }
            public List<Lease> RecentLeases { get; set; } = new();

            public async Task OnGetAsync(int id)
            {
                Property = await db.Properties.FindAsync(id);
                RecentLeases = await db.Leases.Where(l => l.PropertyId == id).OrderByDescending(l => l.Start).Take(5).ToListAsync();
            }
        }
        """);

    [Fact]
    public Task WrappersCarryingOnlyAggregatesOrAPage_AreNotReported() => Verify("""
        public class PropertyPage { public List<Property> Items { get; set; } = new(); public int Total { get; set; } }

        [ApiController, Route("api/summary")]
        public class SummaryController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get() => Ok(new { Total = await db.Properties.CountAsync() });

            [HttpGet("page")]
            public async Task<IActionResult> Page() => Ok(new PropertyPage
            {
                Items = await db.Properties.OrderBy(p => p.Id).Take(20).ToListAsync(),
                Total = await db.Properties.CountAsync(),
            });
        }
        """);

    [Fact]
    public Task ViewModelAndAnonymousWrappersCarryingAllRows_AreReported() => Verify("""
        public class LeasesViewModel { public string Title { get; set; } = ""; public List<Lease> Leases { get; set; } = new(); }

        public class LeasesController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> {|PG0004:Index|}() => View(new LeasesViewModel { Title = "Leases", Leases = await db.Leases.ToListAsync() });

            public async Task<IActionResult> {|PG0004:Export|}() => Json(new { count = 0, items = await db.Leases.ToListAsync() });
        }
        """);

    [Fact]
    public Task ViewModelFilledPropertyByProperty_IsReported() => Verify("""
        public class OwnerIndexData { public IEnumerable<Owner> Owners { get; set; } = []; public int Selected { get; set; } }

        public class OwnersController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> {|PG0004:Index|}(int? id)
            {
                var viewModel = new OwnerIndexData();
                viewModel.Owners = await db.Owners.Include(o => o.Properties).AsNoTracking().OrderBy(o => o.Name).ToListAsync();
                viewModel.Selected = id ?? 0;
                return View(viewModel);
            }

            public async Task<IActionResult> Top()
            {
                var viewModel = new OwnerIndexData();
                viewModel.Owners = await db.Owners.OrderBy(o => o.Name).Take(10).ToListAsync();
                return View(viewModel);
            }
        }
        """);

    [Fact]
    public Task QuerySyntax_IsFollowed() => Verify("""
        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<string>> {|PG0004:Names|}() => await (from t in db.Tenants where t.FullName != "" select t.FullName).ToListAsync();

            [HttpGet("top")]
            public async Task<List<Tenant>> Top() => await (from t in db.Tenants orderby t.FullName select t).Take(10).ToListAsync();
        }
        """);

    [Fact]
    public Task KeysetPage_IsNotReported() => Verify("""
        [ApiController, Route("api/payments")]
        public class PaymentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Payment>> After(int after) =>
                db.Payments.Where(p => p.PaymentNumber > after).OrderBy(p => p.PaymentNumber).Take(100).ToListAsync();
        }
        """);

    [Fact]
    public Task ServiceThatPages_IsNotReported() => Verify("""
        public interface ILeaseService { Task<List<Lease>> GetPageAsync(int page, int pageSize); Task<List<Lease>> RecentAsync(); }

        public class LeaseService(AnchorContext db) : ILeaseService
        {
            public Task<List<Lease>> GetPageAsync(int page, int pageSize) =>
                db.Leases.OrderBy(l => l.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();

            public async Task<List<Lease>> RecentAsync()
            {
                var recent = await db.Leases.OrderByDescending(l => l.Start).Take(10).ToListAsync();
                return recent;
            }
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(ILeaseService leases) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get(int page = 1) => Ok(await leases.GetPageAsync(page, 50));

            [HttpGet("recent")]
            public Task<List<Lease>> Recent() => leases.RecentAsync();
        }
        """);

    [Fact]
    public Task InterfaceWithABoundedImplementation_IsNotReported() => Verify("""
        public interface IDocumentStore { Task<List<Document>> ListAsync(); }

        public class EfDocumentStore(AnchorContext db) : IDocumentStore
        {
            public Task<List<Document>> ListAsync() => db.Documents.ToListAsync();
        }

        public class CappedDocumentStore(AnchorContext db) : IDocumentStore
        {
            public Task<List<Document>> ListAsync() => db.Documents.OrderBy(d => d.Id).Take(100).ToListAsync();
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(IDocumentStore store) : ControllerBase
        {
            [HttpGet]
            public Task<List<Document>> Get() => store.ListAsync();
        }
        """);

    [Fact]
    public Task GenericRepositoryFilteredByTheCaller_IsNotReported() => Verify("""
        public class GenericRepository<TEntity>(AnchorContext context) where TEntity : class
        {
            public virtual IEnumerable<TEntity> Get(System.Linq.Expressions.Expression<Func<TEntity, bool>>? filter = null, Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>>? orderBy = null)
            {
                IQueryable<TEntity> query = context.Set<TEntity>();
                if (filter != null)
                {
                    query = query.Where(filter);
                }

                return orderBy != null ? orderBy(query).ToList() : query.ToList();
            }
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(GenericRepository<Lease> leases) : ControllerBase
        {
            [HttpGet("{id}")]
            public IEnumerable<Lease> Get(int id) => leases.Get(l => l.Id == id);
        }
        """);

    [Fact]
    public Task RowsFromAParameterOrUnknownSource_AreNotReported() => Verify("""
        public interface IExternalCatalog { Task<List<Property>> FetchAsync(); }

        [ApiController, Route("api/echo")]
        public class EchoController(IExternalCatalog catalog) : ControllerBase
        {
            [HttpPost]
            public List<int> Echo(List<int> ids) => ids.Distinct().ToList();

            [HttpGet("catalog")]
            public Task<List<Property>> Catalog() => catalog.FetchAsync();
        }
        """);

    [Fact]
    public Task PostThatWritesAndReturnsNothing_IsNotReported() => Verify("""
        [ApiController, Route("api/payments")]
        public class PaymentsController(AnchorContext db) : ControllerBase
        {
            [HttpPost]
            public async Task<IActionResult> Create(Payment payment)
            {
                db.Payments.Add(payment);
                await db.SaveChangesAsync();
                var all = await db.Payments.ToListAsync();
                return CreatedAtAction(nameof(Create), new { id = payment.PaymentNumber }, payment);
            }
        }
        """);
}
