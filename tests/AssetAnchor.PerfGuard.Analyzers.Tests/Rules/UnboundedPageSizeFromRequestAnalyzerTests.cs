using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class UnboundedPageSizeFromRequestAnalyzerTests
{
    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + code);

    /// <summary>Actions of an API controller that owns a context.</summary>
    private static Task VerifyInController(string actions) => Verify($$"""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;
        {{actions}}
        }
        """);

    private const string Helpers = """
        public interface IPagedList<T> : IEnumerable<T> { }
        public class PagedList<T>(List<T> items) : List<T>(items), IPagedList<T> { }
        public class PaginatedList<T>(List<T> items) : List<T>(items)
        {
            public static async Task<PaginatedList<T>> CreateAsync(IQueryable<T> source, int pageIndex, int pageSize) =>
                new(await source.Skip((pageIndex - 1) * pageSize).Take(pageSize).ToListAsync());
        }
        public static class PagingExtensions
        {
            public static async Task<IPagedList<T>> ToPagedListAsync<T>(this IQueryable<T> source, int pageNumber, int pageSize) =>
                new PagedList<T>(await source.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync());
        }

        """;

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task FromQueryParameter_IsReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get([FromQuery] int page, [FromQuery] int pageSize) =>
                db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take({|PG0006:pageSize|}).ToListAsync();
        """);

    [Fact]
    public Task ConventionBoundParameterWithDefault_IsReported() => VerifyInController("""
            [HttpGet("list")]
            public async Task<IActionResult> List(int page = 1, int pageSize = 20) =>
                Ok(await db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take({|PG0006:pageSize|}).ToListAsync());
        """);

    [Fact]
    public Task LookAheadPlusOne_IsReported() => VerifyInController("""
            [HttpGet("after")]
            public Task<List<Property>> After(int after, int limit) =>
                db.Properties.Where(p => p.Id > after).OrderBy(p => p.Id).Take({|PG0006:limit + 1|}).ToListAsync();
        """);

    [Fact]
    public Task NullableWithDefault_IsReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int? pageSize) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:pageSize ?? 20|}).ToListAsync();
        """);

    [Fact]
    public Task CopiedIntoALocal_IsReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int pageSize)
            {
                var size = pageSize;
                return db.Properties.OrderBy(p => p.Id).Take({|PG0006:size|}).ToListAsync();
            }
        """);

    [Fact]
    public Task BoundDtoProperty_IsReported() => Verify("""
        public class PageQuery { public int Page { get; set; } = 1; public int PageSize { get; set; } = 20; }

        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Tenant>> Get([FromQuery] PageQuery query) =>
                db.Tenants.OrderBy(t => t.TenantId).Skip((query.Page - 1) * query.PageSize).Take({|PG0006:query.PageSize|}).ToListAsync();
        }
        """);

    [Fact]
    public Task PositionalRecordDto_IsReported() => Verify("""
        public record LeasePage(int Page, int Size);

        [ApiController, Route("api/leases")]
        public class LeasesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get([FromQuery] LeasePage request) => db.Leases.OrderBy(l => l.Id).Take({|PG0006:request.Size|}).ToListAsync();
        }
        """);

    [Fact]
    public Task MinimalApiLambdaParameter_IsReported() => Verify("""
        public static class OwnerEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/owners", (int page, int pageSize, AnchorContext db) =>
                    db.Owners.OrderBy(o => o.Id).Skip((page - 1) * pageSize).Take({|PG0006:pageSize|}).ToListAsync());
        }
        """);

    [Fact]
    public Task MinimalApiAsParametersDto_IsReported() => Verify("""
        public class Paging { public int Page { get; set; } public int PageSize { get; set; } }

        public static class DocumentEndpoints
        {
            public static void Map(IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/documents");
                group.MapGet("/", async ([AsParameters] Paging paging, AnchorContext db) =>
                    Results.Ok(await db.Documents.OrderBy(d => d.Id).Take({|PG0006:paging.PageSize|}).ToListAsync()));
            }
        }
        """);

    [Fact]
    public Task MinimalApiMethodGroupWithFromQuery_IsReported() => Verify("""
        public static class PaymentEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) => app.MapGet("/payments", List);

            private static Task<List<Payment>> List(AnchorContext db, [FromQuery] int take) =>
                db.Payments.OrderBy(p => p.PaymentNumber).Take({|PG0006:take|}).ToListAsync();
        }
        """);

    [Fact]
    public Task RazorPageBindProperty_IsReported() => Verify("""
        public class IndexModel(AnchorContext db) : PageModel
        {
            [BindProperty(SupportsGet = true)] public int PageSize { get; set; } = 25;
            public List<Property> Properties { get; set; } = new();

            public async Task OnGetAsync() => Properties = await db.Properties.OrderBy(p => p.Id).Take({|PG0006:PageSize|}).ToListAsync();
        }
        """);

    [Fact]
    public Task BindPropertiesOnThePage_IsReported() => Verify("""
        [BindProperties(SupportsGet = true)]
        public class LeasesModel(AnchorContext db) : PageModel
        {
            public int Size { get; set; } = 25;
            public List<Lease> Leases { get; set; } = new();

            public async Task OnGetAsync() => Leases = await db.Leases.OrderBy(l => l.Id).Take({|PG0006:Size|}).ToListAsync();
        }
        """);

    [Fact]
    public Task LowerBoundCheckOnly_IsReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int pageSize)
            {
                if (pageSize <= 0) pageSize = 10;
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
                return db.Properties.OrderBy(p => p.Id).Take({|PG0006:pageSize|}).ToListAsync();
            }
        """);

    [Fact]
    public Task ConditionalAndMathMaxLowerBounds_AreReported() => VerifyInController("""
            [HttpGet("a")]
            public Task<List<Property>> A(int pageSize) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:pageSize > 0 ? pageSize : 20|}).ToListAsync();

            [HttpGet("b")]
            public Task<List<Property>> B(int size) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:Math.Max(size, 1)|}).ToListAsync();
        """);

    [Fact]
    public Task PaginationHelpersReceivingTheSize_AreReported() => Verify(Helpers + """
        public class TenantsController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> Index(int page = 1, int pageSize = 10) =>
                View(await PaginatedList<Tenant>.CreateAsync(db.Tenants.OrderBy(t => t.TenantId), page, {|PG0006:pageSize|}));

            public async Task<IActionResult> Paged(int page = 1, int pageSize = 10) =>
                Ok(await db.Tenants.OrderBy(t => t.TenantId).ToPagedListAsync(page, {|PG0006:pageSize|}));
        }
        """);

    [Fact]
    public Task NullableValueAndRecordStructParameters_AreReported() => Verify("""
        public record struct Paging(int Page, int PageSize);

        public static class PropertyEndpoints
        {
            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapGet("/a", (int? pageSize, AnchorContext db) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:pageSize.Value|}).ToListAsync());
                app.MapGet("/b", (int? pageSize, AnchorContext db) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:pageSize.GetValueOrDefault(20)|}).ToListAsync());
                app.MapGet("/c", ([AsParameters] Paging paging, AnchorContext db) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:paging.PageSize|}).ToListAsync());
            }
        }
        """);

    [Fact]
    public Task CastFromLong_IsReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(long pageSize) => db.Properties.OrderBy(p => p.Id).Take({|PG0006:(int)pageSize|}).ToListAsync();
        """);

    [Fact]
    public Task ControllerPropertyFromQuery_IsReported() => Verify("""
        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [FromQuery] public int Limit { get; set; } = 20;

            [HttpGet]
            public Task<List<Document>> Get() => db.Documents.OrderBy(d => d.Id).Take({|PG0006:Limit|}).ToListAsync();
        }
        """);

    [Fact]
    public async Task MessageUsesTheConfiguredMaximum()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PaginationTestModel.Source + """
                [ApiController, Route("api/payments")]
                public class PaymentsController(AnchorContext db) : ControllerBase
                {
                    [HttpGet]
                    public Task<List<Payment>> Get(int pageSize) => db.Payments.OrderBy(p => p.PaymentNumber).Take({|#0:pageSize|}).ToListAsync();
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig("PG0006.max_page_size = 250\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnboundedPageSizeFromRequestAnalyzer.Rule).WithLocation(0).WithArguments("pageSize", 250));
        await test.RunAsync();
    }

    [Fact]
    public Task PostWithSizeInBodyDto_IsReported() => Verify("""
        public class LeaseSearch { public int PropertyId { get; set; } public int Take { get; set; } }

        [ApiController, Route("api/leases")]
        public class LeaseSearchController(AnchorContext db) : ControllerBase
        {
            [HttpPost("search")]
            public Task<List<Lease>> Search(LeaseSearch search) =>
                db.Leases.Where(l => l.PropertyId == search.PropertyId).OrderBy(l => l.Id).Take({|PG0006:search.Take|}).ToListAsync();
        }
        """);

    [Fact]
    public Task RazorHandlerParameter_IsReported() => Verify("""
        public class MaintenanceModel(AnchorContext db) : PageModel
        {
            public List<MaintenanceRequest> Requests { get; set; } = new();

            public async Task OnGetAsync(int count) =>
                Requests = await db.MaintenanceRequests.OrderBy(m => m.Id).Take({|PG0006:count|}).ToListAsync();
        }
        """);

    [Fact]
    public Task SizeHandedToAServiceThatTakesIt_IsReportedAtTheCall() => Verify("""
        public class PropertyService(AnchorContext db)
        {
            public Task<List<Property>> PageAsync(int page, int pageSize) =>
                db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        }

        [ApiController, Route("api/properties")]
        public class PropertiesController(PropertyService service) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get(int page = 1, int pageSize = 20) => Ok(await service.PageAsync(page, {|PG0006:pageSize|}));
        }
        """);

    [Fact]
    public Task SizeHandedThroughAnInterfaceAndARepository_IsReportedAtTheCall() => Verify("""
        public interface ILeaseRepository { Task<List<Lease>> ListAsync(int skip, int take); }
        public class LeaseRepository(AnchorContext db) : ILeaseRepository
        {
            public Task<List<Lease>> ListAsync(int skip, int take)
            {
                var count = take;
                return db.Leases.OrderBy(l => l.Id).Skip(skip).Take(count).ToListAsync();
            }
        }
        public interface ILeaseService { Task<List<Lease>> PageAsync(int page, int size); }
        public class LeaseService(ILeaseRepository repository) : ILeaseService
        {
            public Task<List<Lease>> PageAsync(int page, int size) => repository.ListAsync((page - 1) * size, size);
        }

        public static class LeaseEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/leases", (ILeaseService leases, int page, int size) => leases.PageAsync(page, {|PG0006:size|}));
        }
        """);

    // ---------------------------------------------------------------- not reported

    [Fact]
    public Task ServiceReturningAPagedTypeThatClamps_IsNotReported() => Verify("""
        public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
        public interface ITenantQueries { Task<PagedResult<Tenant>> SearchAsync(string? term, int page, int pageSize); }
        public sealed class TenantQueries(AnchorContext db) : ITenantQueries
        {
            public const int MaxPageSize = 100;
            public async Task<PagedResult<Tenant>> SearchAsync(string? term, int page, int pageSize)
            {
                page = Math.Max(page, 1);
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                var query = db.Tenants.Where(t => term == null || t.FullName.Contains(term));
                var total = await query.CountAsync();
                var items = await query.OrderBy(t => t.TenantId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
                return new PagedResult<Tenant>(items, page, pageSize, total);
            }
        }

        [ApiController, Route("api/tenants")]
        public sealed class TenantsController(ITenantQueries tenants) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<PagedResult<Tenant>>> Search([FromQuery] string? q, [FromQuery] int page = 1, [FromQuery] int pageSize = 25) =>
                Ok(await tenants.SearchAsync(q, page, pageSize));
        }
        """);

    [Fact]
    public Task ServiceThatClampsOrEndpointThatClamps_IsNotReported() => Verify("""
        public class PropertyService(AnchorContext db)
        {
            public Task<List<Property>> ClampedAsync(int pageSize) =>
                db.Properties.OrderBy(p => p.Id).Take(Math.Min(pageSize, 100)).ToListAsync();

            public Task<List<Property>> RawAsync(int pageSize) =>
                db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync();

            public Task<List<Property>> SkipOnlyAsync(int offset) =>
                db.Properties.OrderBy(p => p.Id).Skip(offset).Take(20).ToListAsync();
        }

        [ApiController, Route("api/properties")]
        public class PropertiesController(PropertyService service) : ControllerBase
        {
            [HttpGet("a")]
            public Task<List<Property>> A(int pageSize) => service.ClampedAsync(pageSize);

            [HttpGet("b")]
            public Task<List<Property>> B(int pageSize) => service.RawAsync(Math.Clamp(pageSize, 1, 100));

            [HttpGet("c")]
            public Task<List<Property>> C(int offset) => service.SkipOnlyAsync(offset);
        }
        """);

    [Fact]
    public Task MathMinAndClamp_AreNotReported() => VerifyInController("""
            [HttpGet("min")]
            public Task<List<Property>> Min(int pageSize) => db.Properties.OrderBy(p => p.Id).Take(Math.Min(pageSize, MaxPageSize)).ToListAsync();

            [HttpGet("clamp")]
            public Task<List<Property>> Clamp(int pageSize) => db.Properties.OrderBy(p => p.Id).Take(Math.Clamp(pageSize, 1, 100)).ToListAsync();
        """);

    [Fact]
    public Task GuardingIfThatCaps_IsNotReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int pageSize)
            {
                if (pageSize > MaxPageSize) pageSize = MaxPageSize;
                return db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync();
            }
        """);

    [Fact]
    public Task GuardingIfThatRejects_IsNotReported() => VerifyInController("""
            [HttpGet]
            public async Task<IActionResult> Get(int pageSize)
            {
                if (pageSize < 1 || pageSize > 100) return BadRequest("pageSize must be between 1 and 100");
                return Ok(await db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync());
            }
        """);

    [Fact]
    public Task RangeOnTheParameter_IsNotReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get([FromQuery, Range(1, 100)] int pageSize) => db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync();
        """);

    [Fact]
    public Task RangeOnTheDtoProperty_IsNotReported() => Verify("""
        public class PageQuery { [Range(1, 100)] public int PageSize { get; set; } = 20; }

        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Tenant>> Get([FromQuery] PageQuery query) => db.Tenants.OrderBy(t => t.TenantId).Take(query.PageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task FluentValidatorForTheDto_IsNotReported() => Verify("""
        public abstract class AbstractValidator<T> { }
        public class PageQuery { public int PageSize { get; set; } = 20; }
        public class PageQueryValidator : AbstractValidator<PageQuery> { }

        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Tenant>> Get([FromQuery] PageQuery query) => db.Tenants.OrderBy(t => t.TenantId).Take(query.PageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task ClampedLocal_IsNotReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int pageSize)
            {
                var size = Math.Min(pageSize, MaxPageSize);
                return db.Properties.OrderBy(p => p.Id).Take(size).ToListAsync();
            }
        """);

    [Fact]
    public Task ReassignedWithMin_IsNotReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int pageSize)
            {
                pageSize = Math.Min(pageSize, MaxPageSize);
                return db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync();
            }
        """);

    [Fact]
    public Task ConstantSize_IsNotReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get() => db.Properties.OrderBy(p => p.Id).Take(MaxPageSize).ToListAsync();
        """);

    [Fact]
    public Task ServiceParameter_IsNotReported() => Verify("""
        public class PropertyService(AnchorContext db)
        {
            public Task<List<Property>> Page(int page, int pageSize) => db.Properties.OrderBy(p => p.Id).Skip(page * pageSize).Take(pageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task PrivateHelperOfAController_IsNotReported() => VerifyInController("""
            private Task<List<Property>> Load(int pageSize) => db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync();
        """);

    [Fact]
    public Task ThrowIfGreaterThan_IsNotReported() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int pageSize)
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
                return db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync();
            }
        """);

    [Fact]
    public Task RelationalPatternGuard_IsNotReported() => VerifyInController("""
            [HttpGet]
            public async Task<IActionResult> Get(int pageSize)
            {
                if (pageSize is < 1 or > 100) return BadRequest();
                return Ok(await db.Properties.OrderBy(p => p.Id).Take(pageSize).ToListAsync());
            }
        """);

    [Fact]
    public Task ClampingSetterOnTheDto_IsNotReported() => Verify("""
        public class PageQuery
        {
            private int _pageSize = 20;
            public int PageSize { get => _pageSize; set => _pageSize = value > 100 ? 100 : value; }
        }

        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Owner>> Get([FromQuery] PageQuery query) => db.Owners.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task InMemoryTake_IsNotReported() => VerifyInController("""
            private static readonly List<string> Cities = new() { "Leeds", "York" };

            [HttpGet("cities")]
            public List<string> Get(int pageSize) => Cities.Take(pageSize).ToList();
        """);

    [Fact]
    public Task SkipFromRequest_IsNotAPageSize() => VerifyInController("""
            [HttpGet]
            public Task<List<Property>> Get(int offset) => db.Properties.OrderBy(p => p.Id).Skip(offset).Take(50).ToListAsync();
        """);

    [Fact]
    public Task ValidatableObjectDto_IsNotReported() => Verify("""
        public class PageQuery : IValidatableObject
        {
            public int PageSize { get; set; } = 20;
            public IEnumerable<ValidationResult> Validate(ValidationContext context) { if (PageSize > 100) yield return new ValidationResult("too big"); }
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get([FromQuery] PageQuery query) => db.Leases.OrderBy(l => l.Id).Take(query.PageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task UnboundPageProperty_IsNotReported() => Verify("""
        public class IndexModel(AnchorContext db) : PageModel
        {
            public int PageSize { get; set; } = 25;
            public List<Property> Properties { get; set; } = new();

            public async Task OnGetAsync() => Properties = await db.Properties.OrderBy(p => p.Id).Take(PageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task MinimalApiWithClamp_IsNotReported() => Verify("""
        public static class OwnerEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/owners", (int pageSize, AnchorContext db) => db.Owners.OrderBy(o => o.Id).Take(Math.Clamp(pageSize, 1, 100)).ToListAsync());
        }
        """);

    [Fact]
    public Task GuardClauseLibrary_IsNotReported() => Verify("""
        public static class Guard { public static int InRange(int value, int min, int max) => value; }

        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Document>> Get(int pageSize)
            {
                Guard.InRange(pageSize, 1, 100);
                return db.Documents.OrderBy(d => d.Id).Take(pageSize).ToListAsync();
            }
        }
        """);

    [Fact]
    public Task SizeFromSettings_IsNotReported() => Verify("""
        public class ListingOptions { public int PageSize { get; set; } = 50; }

        [ApiController, Route("api/payments")]
        public class PaymentsController(AnchorContext db, ListingOptions options) : ControllerBase
        {
            [HttpGet]
            public Task<List<Payment>> Get() => db.Payments.OrderBy(p => p.PaymentNumber).Take(options.PageSize).ToListAsync();
        }
        """);
}
