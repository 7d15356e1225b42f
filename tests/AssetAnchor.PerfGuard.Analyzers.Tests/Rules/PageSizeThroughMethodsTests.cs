using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0006 through methods of the same compilation: one per-method summary (to four calls deep, every implementation
/// of an interface must take the size unbounded), and a helper's name is no evidence when its body is here.
/// </summary>
public sealed class PageSizeThroughMethodsTests
{
    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + code);

    [Fact]
    public Task FourMethodsDeep_IsReportedAtTheEndpoint() => Verify("""
        public class Repository(AnchorContext db)
        {
            public Task<List<Lease>> TakeAsync(int skip, int take) => db.Leases.OrderBy(l => l.Id).Skip(skip).Take(take).ToListAsync();
        }
        public class Query(Repository repository) { public Task<List<Lease>> RunAsync(int skip, int take) => repository.TakeAsync(skip, take); }
        public class Handler(Query query) { public Task<List<Lease>> HandleAsync(int page, int size) => query.RunAsync((page - 1) * size, size); }
        public class Service(Handler handler) { public Task<List<Lease>> PageAsync(int page, int size) => handler.HandleAsync(page, size); }

        [ApiController, Route("api/leases")]
        public class LeasesController(Service service) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get(int page, int size) => service.PageAsync(page, {|PG0006:size|});
        }
        """);

    [Fact]
    public Task FiveMethodsDeep_IsBeyondTheDepthLimit() => Verify("""
        public class Repository(AnchorContext db)
        {
            public Task<List<Lease>> TakeAsync(int take) => db.Leases.OrderBy(l => l.Id).Take(take).ToListAsync();
        }
        public class A(Repository next) { public Task<List<Lease>> Run(int take) => next.TakeAsync(take); }
        public class B(A next) { public Task<List<Lease>> Run(int take) => next.Run(take); }
        public class C(B next) { public Task<List<Lease>> Run(int take) => next.Run(take); }
        public class D(C next) { public Task<List<Lease>> Run(int take) => next.Run(take); }

        [ApiController, Route("api/leases")]
        public class LeasesController(D service) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get(int size) => service.Run(size);
        }
        """);

    [Fact]
    public Task OneImplementationThatClamps_SilencesTheInterface() => Verify("""
        public interface ILeases { Task<List<Lease>> PageAsync(int size); }
        public class Unclamped(AnchorContext db) : ILeases
        {
            public Task<List<Lease>> PageAsync(int size) => db.Leases.OrderBy(l => l.Id).Take(size).ToListAsync();
        }
        public class Clamped(AnchorContext db) : ILeases
        {
            public Task<List<Lease>> PageAsync(int size) => db.Leases.OrderBy(l => l.Id).Take(Math.Min(size, 50)).ToListAsync();
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(ILeases leases, Unclamped unclamped) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get(int size) => leases.PageAsync(size);

            [HttpGet("raw")]
            public Task<List<Lease>> Raw(int size) => unclamped.PageAsync({|PG0006:size|});
        }
        """);

    [Fact]
    public Task PagingHelpersOfThisCompilation_AreJudgedByTheirBodiesNotTheirNames() => Verify("""
        public sealed record PagedResult<T>(List<T> Items, int PageSize);
        public static class Paging
        {
            // Named like paging, returns a paged type, clamps: not reported.
            public static async Task<PagedResult<T>> ToPagedResultAsync<T>(this IQueryable<T> source, int pageSize)
            {
                pageSize = Math.Clamp(pageSize, 1, 100);
                return new PagedResult<T>(await source.Take(pageSize).ToListAsync(), pageSize);
            }

            // Named like paging, but no Take: not paging at all.
            public static PagedResult<T> GetPage<T>(List<T> items, int pageSize) => new(items, pageSize);

            // Takes the size as it comes: reported at the endpoint.
            public static async Task<List<T>> FirstPageAsync<T>(this IQueryable<T> source, int pageSize) => await source.Take(pageSize).ToListAsync();
        }

        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<PagedResult<Tenant>> Get(int pageSize) => db.Tenants.OrderBy(t => t.TenantId).ToPagedResultAsync(pageSize);

            [HttpGet("page")]
            public PagedResult<Tenant> Page(int pageSize) => Paging.GetPage(new List<Tenant>(), pageSize);

            [HttpGet("first")]
            public Task<List<Tenant>> First(int pageSize) => db.Tenants.OrderBy(t => t.TenantId).FirstPageAsync({|PG0006:pageSize|});
        }
        """);

    [Fact]
    public Task RecursiveHelper_EndsAndIsNotReported() => Verify("""
        public class Pager(AnchorContext db)
        {
            public Task<List<Lease>> Ping(int size) => Pong(size);
            public Task<List<Lease>> Pong(int size) => size > 1000 ? Ping(size - 1) : db.Leases.OrderBy(l => l.Id).Take(10).ToListAsync();
        }

        [ApiController, Route("api/leases")]
        public class LeasesController(Pager pager) : ControllerBase
        {
            [HttpGet]
            public Task<List<Lease>> Get(int size) => pager.Ping(size);
        }
        """);
}
