using AssetAnchor.PerfGuard.CodeFixes.Rules;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// The PG0004 fix on the rows shapes of issue 10 whose query sits in the endpoint itself: the fixed code compiles and
/// raises none of PG0004..PG0006.
/// </summary>
public sealed class RowsFlowCodeFixTests
{
    private static Task FixEndpoint(string source, string fixedSource) =>
        Verifiers.PaginationCodeFixVerifier<UnpaginatedCollectionEndpointCodeFixProvider>.VerifyCodeFixAsync(
            PaginationTestModel.Source + source, PaginationTestModel.Source + fixedSource, null);

    [Fact]
    public Task IteratorEndpoint_PagesTheQueryItIterates() => FixEndpoint("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("stream")]
            public async IAsyncEnumerable<PropertyDto> {|PG0004:Stream|}()
            {
                await foreach (var property in db.Properties.AsAsyncEnumerable())
                {
                    yield return new PropertyDto(property.Id, property.Name);
                }
            }
        }
        """, """
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet("stream")]
            public async IAsyncEnumerable<PropertyDto> Stream(int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                await foreach (var property in db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).AsAsyncEnumerable())
                {
                    yield return new PropertyDto(property.Id, property.Name);
                }
            }
        }
        """);

    [Fact]
    public Task ViewBagAction_PagesTheQueryItStores() => FixEndpoint("""
        public class LeasesController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> {|PG0004:Index|}()
            {
                ViewBag.Leases = await db.Leases.ToListAsync();
                return View();
            }
        }
        """, """
        public class LeasesController(AnchorContext db) : Controller
        {
            private const int MaxPageSize = 100;

            public async Task<IActionResult> Index(int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                ViewBag.Leases = await db.Leases.OrderBy(l => l.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
                return View();
            }
        }
        """);
}
