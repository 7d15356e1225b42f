using AssetAnchor.PerfGuard.CodeFixes.Rules;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0006 through a parameter object: the endpoint binds <c>[FromQuery] UserParams userParams</c> and hands it whole to
/// a repository that pages with <c>userParams.PageSize</c> (Kavita's shape, issue 12). The size is unbounded unless the
/// property's setter clamps it, the use site clamps or guards it, or the object does not come from the request.
/// </summary>
public sealed class PageSizeInParameterObjectTests
{
    /// <summary>A paging helper of the application (followed into its body) and a page-parameter object.</summary>
    private const string Paging = """
        public class PagedList<T> : List<T>
        {
            private PagedList(IEnumerable<T> items) => AddRange(items);

            public static async Task<PagedList<T>> CreateAsync(IQueryable<T> source, int pageNumber, int pageSize) =>
                new(await source.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync());
        }

        """;

    /// <summary>Kavita's UserParams: 0 means "everything", any other value is kept as it comes.</summary>
    private const string ZeroMeansAll = """
        public class UserParams
        {
            private const int MaxPageSize = int.MaxValue;
            public int PageNumber { get; init; } = 1;
            private readonly int _pageSize = MaxPageSize;

            public int PageSize
            {
                get => _pageSize;
                init => _pageSize = (value == 0) ? MaxPageSize : value;
            }

            public static readonly UserParams Default = new() { PageSize = 20, PageNumber = 1 };
        }

        """;

    private const string Repository = """
        public interface ILeaseRepository
        {
            Task<PagedList<Lease>> GetLeasesAsync(int propertyId, UserParams userParams);
        }

        public class LeaseRepository(AnchorContext db) : ILeaseRepository
        {
            public async Task<PagedList<Lease>> GetLeasesAsync(int propertyId, UserParams userParams)
            {
                var query = db.Leases.Where(l => l.PropertyId == propertyId).OrderBy(l => l.Id);
                return await PagedList<Lease>.CreateAsync(query, userParams.PageNumber, userParams.PageSize);
            }
        }

        """;

    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + Paging + code);

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task BoundObjectIntoARepositoryThatPagesWithItsSize_IsReportedAtTheEndpoint() => Verify(ZeroMeansAll + Repository + """
        [ApiController, Route("api/leases")]
        public class LeasesController(ILeaseRepository leases) : ControllerBase
        {
            [HttpGet("{propertyId}")]
            public async Task<ActionResult<PagedList<Lease>>> Get(int propertyId, [FromQuery] UserParams? userParams)
            {
                // The default applies only when nothing was bound: the request's object still flows.
                userParams ??= UserParams.Default;
                return Ok(await leases.GetLeasesAsync(propertyId, {|PG0006:userParams|}));
            }

            [HttpPost("search")]
            public async Task<ActionResult<PagedList<Lease>>> Search([FromBody] UserParams userParams) =>
                Ok(await leases.GetLeasesAsync(1, {|PG0006:userParams|}));
        }
        """);

    [Fact]
    public Task AutoPropertyIntoTakeThroughAServiceAndARepository_IsReported() => Verify("""
        public class PageQuery { public int Page { get; set; } = 1; public int PageSize { get; set; } = 20; }

        public class TenantRepository(AnchorContext db)
        {
            public Task<List<Tenant>> ListAsync(PageQuery query) =>
                db.Tenants.OrderBy(t => t.TenantId).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync();
        }

        public class TenantService(TenantRepository repository)
        {
            public Task<List<Tenant>> ListAsync(string filter, PageQuery query) => repository.ListAsync(query);
        }

        public static class TenantEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/tenants", ([AsParameters] PageQuery query, TenantService service) => service.ListAsync("", {|PG0006:query|}));
        }
        """);

    [Fact]
    public Task NonClampingSetter_IsReportedWhenTheEndpointTakesTheSizeItself() => Verify(ZeroMeansAll + """
        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Owner>> Get([FromQuery] UserParams userParams) =>
                db.Owners.OrderBy(o => o.Id).Take({|PG0006:userParams.PageSize|}).ToListAsync();
        }
        """);

    // ---------------------------------------------------------------- not reported

    [Fact]
    public Task SetterThatClamps_IsABound() => Verify("""
        public class UserParams
        {
            private const int MaxPageSize = 50;
            private int _pageSize = 10;
            public int PageNumber { get; set; } = 1;
            public int PageSize { get => _pageSize; set => _pageSize = value > MaxPageSize ? MaxPageSize : value; }
        }

        public class ClampedByMin
        {
            private int _pageSize = 10;
            public int PageNumber { get; set; } = 1;
            public int PageSize { get => _pageSize; set { _pageSize = Math.Min(value, 100); } }
        }

        public class LeaseRepository(AnchorContext db)
        {
            public Task<PagedList<Lease>> GetAsync(UserParams userParams) =>
                PagedList<Lease>.CreateAsync(db.Leases.OrderBy(l => l.Id), userParams.PageNumber, userParams.PageSize);

            public Task<List<Lease>> GetAsync(ClampedByMin paging) => db.Leases.OrderBy(l => l.Id).Take(paging.PageSize).ToListAsync();
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(LeaseRepository leases) : ControllerBase
        {
            [HttpGet]
            public Task<PagedList<Lease>> Get([FromQuery] UserParams userParams) => leases.GetAsync(userParams);

            [HttpGet("min")]
            public Task<List<Lease>> Min([FromQuery] ClampedByMin paging) => leases.GetAsync(paging);
        }
        """);

    [Fact]
    public Task ClampOrGuardAtTheUseSite_IsABound() => Verify(ZeroMeansAll + """
        public class LeaseRepository(AnchorContext db)
        {
            public Task<PagedList<Lease>> ClampedAsync(UserParams userParams) =>
                PagedList<Lease>.CreateAsync(db.Leases.OrderBy(l => l.Id), userParams.PageNumber, Math.Min(userParams.PageSize, 100));

            public Task<List<Lease>> GuardedAsync(UserParams userParams)
            {
                if (userParams.PageSize > 100) throw new ArgumentOutOfRangeException(nameof(userParams));
                return db.Leases.OrderBy(l => l.Id).Take(userParams.PageSize).ToListAsync();
            }

            public Task<PagedList<Lease>> UncheckedAsync(UserParams userParams) =>
                PagedList<Lease>.CreateAsync(db.Leases.OrderBy(l => l.Id), userParams.PageNumber, userParams.PageSize);
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(LeaseRepository leases) : ControllerBase
        {
            [HttpGet("clamped")]
            public Task<PagedList<Lease>> Clamped([FromQuery] UserParams userParams) => leases.ClampedAsync(userParams);

            [HttpGet("guarded")]
            public Task<List<Lease>> Guarded([FromQuery] UserParams userParams) => leases.GuardedAsync(userParams);

            // The endpoint rejects a large size before it hands the object on.
            [HttpGet("checked")]
            public async Task<IActionResult> Checked([FromQuery] UserParams userParams)
            {
                if (userParams.PageSize > 100) return BadRequest();
                return Ok(await leases.UncheckedAsync(userParams));
            }
        }
        """);

    [Fact]
    public Task ObjectNotBoundFromTheRequest_IsNotReported() => Verify("""
        public class PageQuery { public int Page { get; set; } = 1; public int PageSize { get; set; } = 20; }

        public class TenantRepository(AnchorContext db)
        {
            public Task<List<Tenant>> ListAsync(PageQuery query) => db.Tenants.OrderBy(t => t.TenantId).Take(query.PageSize).ToListAsync();
        }

        [ApiController, Route("api/tenants")]
        public class TenantsController(TenantRepository repository) : ControllerBase
        {
            private readonly PageQuery firstPage = new() { PageSize = 20 };

            // Built by the endpoint from a request value it does not use as the size.
            [HttpGet]
            public Task<List<Tenant>> Get(int page) => repository.ListAsync(new PageQuery { Page = page, PageSize = 25 });

            [HttpGet("first")]
            public Task<List<Tenant>> First() => repository.ListAsync(firstPage);

            [HttpGet("configured")]
            public Task<List<Tenant>> Configured([FromServices] PageQuery configured) => repository.ListAsync(configured);

            // The endpoint overwrites the size before it hands the object on.
            [HttpGet("fixed")]
            public Task<List<Tenant>> Fixed([FromQuery] PageQuery query)
            {
                query.PageSize = 20;
                return repository.ListAsync(query);
            }
        }
        """);

    [Fact]
    public Task ValidatorOfTheDerivedRequest_BoundsTheBasesPageSize() => Verify("""
        public abstract class AbstractValidator<T> { }

        public abstract record PaginationRequest
        {
            [FromQuery] public int PageNumber { get; init; } = 1;
            [FromQuery] public int PageSize { get; init; } = 20;
        }

        public sealed record AuditLogRequest : PaginationRequest { [FromRoute] public int Id { get; init; } }
        public sealed record UnvalidatedRequest : PaginationRequest { [FromRoute] public int Id { get; init; } }

        // mm's shape: one validator per endpoint request, on the derived type, bounding the base's PageSize.
        public sealed class AuditLogRequestValidator : AbstractValidator<AuditLogRequest> { }

        public static class AuditLog
        {
            public static Task<List<Lease>> GetAsync(this DbSet<Lease> leases, PaginationRequest request) =>
                leases.OrderBy(l => l.Id).Skip((request.PageNumber - 1) * request.PageSize).Take(request.PageSize).ToListAsync();
        }

        public static class AuditLogEndpoints
        {
            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapGet("/leases/{id}/audit", ([AsParameters] AuditLogRequest request, AnchorContext db) => db.Leases.GetAsync(request));
                app.MapGet("/leases/{id}/raw", ([AsParameters] UnvalidatedRequest request, AnchorContext db) => db.Leases.GetAsync({|PG0006:request|}));
            }
        }
        """);

    [Fact]
    public Task LimitOfAQueryBuilder_CountsOnlyWhereTheCallerDoesNotPageTheQueryAgain() => Verify(ZeroMeansAll + """
        public class SeriesFilter { public string Name { get; set; } = ""; public int LimitTo { get; set; } }

        public class LeaseRepository(AnchorContext db)
        {
            // Kavita's query builder: 0 means no limit, any other value is taken as it comes.
            private IQueryable<Lease> Filtered(SeriesFilter filter)
            {
                var query = db.Leases.OrderBy(l => l.Id);
                return filter.LimitTo <= 0 ? query : query.Take(filter.LimitTo);
            }

            // Paged again by the page size: the limit cannot add rows, only the page size can.
            public Task<PagedList<Lease>> PageAsync(UserParams userParams, SeriesFilter filter) =>
                PagedList<Lease>.CreateAsync(Filtered(filter), userParams.PageNumber, userParams.PageSize);

            // Returned as it comes: the limit is the only bound.
            public Task<List<Lease>> ListAsync(SeriesFilter filter) => Filtered(filter).ToListAsync();
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(LeaseRepository leases) : ControllerBase
        {
            [HttpPost("page")]
            public Task<PagedList<Lease>> Page([FromQuery] UserParams userParams, SeriesFilter filter) => leases.PageAsync({|PG0006:userParams|}, filter);

            [HttpPost("all")]
            public Task<List<Lease>> All(SeriesFilter filter) => leases.ListAsync({|PG0006:filter|});
        }
        """);

    [Fact]
    public Task PageSizeOfAnObjectPassedToAMethodThatDoesNotPage_IsNotReported() => Verify(ZeroMeansAll + """
        public class Audit
        {
            public void Record(int pageSize) { }
        }

        public class LeaseRepository(AnchorContext db)
        {
            // Reads the size, but for a count: no Take with it.
            public Task<int> CountPagesAsync(UserParams userParams) => db.Leases.CountAsync(l => l.Id > userParams.PageSize);

            // Pages with a constant, whatever the object says.
            public Task<List<Lease>> FirstTenAsync(UserParams userParams) => db.Leases.OrderBy(l => l.Id).Skip(userParams.PageNumber).Take(10).ToListAsync();
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(LeaseRepository leases, Audit audit) : ControllerBase
        {
            [HttpGet("count")]
            public Task<int> Count([FromQuery] UserParams userParams)
            {
                audit.Record(userParams.PageSize);
                return leases.CountPagesAsync(userParams);
            }

            [HttpGet("first")]
            public Task<List<Lease>> First([FromQuery] UserParams userParams) => leases.FirstTenAsync(userParams);
        }
        """);

    [Fact]
    public Task InterfaceWithOneImplementationThatClamps_IsNotReported() => Verify(ZeroMeansAll + """
        public interface ILeaseRepository { Task<List<Lease>> PageAsync(UserParams userParams); }

        public class Unclamped(AnchorContext db) : ILeaseRepository
        {
            public Task<List<Lease>> PageAsync(UserParams userParams) => db.Leases.OrderBy(l => l.Id).Take(userParams.PageSize).ToListAsync();
        }

        public class Clamped(AnchorContext db) : ILeaseRepository
        {
            public Task<List<Lease>> PageAsync(UserParams userParams) => db.Leases.OrderBy(l => l.Id).Take(Math.Clamp(userParams.PageSize, 1, 50)).ToListAsync();
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(ILeaseRepository leases) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get([FromQuery] UserParams userParams) => leases.PageAsync(userParams);
        }
        """);

    [Fact]
    public Task ReportOnAParameterObject_OffersNoClampAroundTheObject()
    {
        var source = PaginationTestModel.Source + Paging + ZeroMeansAll + Repository + """
            [ApiController, Route("api/leases")]
            public class LeasesController(ILeaseRepository leases) : ControllerBase
            {
                [HttpGet]
                public Task<PagedList<Lease>> Get([FromQuery] UserParams userParams) => leases.GetLeasesAsync(1, {|PG0006:userParams|});
            }
            """;

        // The fixed state equals the source: no code action is registered (a Math.Clamp around the object would not compile).
        return Verifiers.PaginationCodeFixVerifier<UnboundedPageSizeFromRequestCodeFixProvider>.VerifyCodeFixAsync(source, source);
    }
}
