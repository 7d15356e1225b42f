using AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0004 through the shared rows summaries: rows that travel through more than locals (reassigned query locals,
/// fields, wrappers, ViewBag/ViewData, iterators, lists filled row by row, AutoMapper's ProjectTo, dispatchers).
/// Each shape has a reported case and a trap that must stay silent.
/// </summary>
public sealed class RowsFlowEndpointTests
{
    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + code);

    // ---------------------------------------------------------------- reassigned query locals

    [Fact]
    public Task ReassignedQueryLocal_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:Search|}(string? city, decimal? maxRent)
            {
                IQueryable<Property> q = db.Properties;
                if (city is not null) q = q.Where(p => p.City == city);
                if (maxRent is not null) q = q.Where(p => p.Rent <= maxRent);
                q = q.OrderBy(p => p.Name);
                return Ok(await q.ToListAsync());
            }

            [HttpGet("leases")]
            public async Task<List<Lease>> {|PG0004:Leases|}(DateTime from)
            {
                var list = await db.Leases.ToListAsync();
                list = list.Where(l => l.Start >= from).ToList();
                return list;
            }
        }
        """);

    [Fact]
    public Task QueryReassignedThroughASwitchExpression_IsReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:Sorted|}(string sort)
            {
                var q = db.Properties.Where(p => p.Rent > 0);
                q = sort switch
                {
                    "name" => q.OrderBy(p => p.Name),
                    "rent" => q.OrderByDescending(p => p.Rent),
                    _ => q,
                };
                return Ok(await q.ToListAsync());
            }

            [HttpGet("top")]
            public async Task<IActionResult> Top(string sort)
            {
                var q = db.Properties.AsQueryable();
                q = sort switch
                {
                    "rent" => q.OrderByDescending(p => p.Rent).Take(10),
                    _ => q.OrderBy(p => p.Id).Take(10),
                };
                return Ok(await q.ToListAsync());
            }
        }
        """);

    [Fact]
    public Task ReassignmentThatPagesOrTakes_IsNotReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Search(string? city, int page = 1, int pageSize = 20)
            {
                IQueryable<Property> q = db.Properties;
                if (city is not null) q = q.Where(p => p.City == city);
                q = q.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(Math.Clamp(pageSize, 1, 100));
                return Ok(await q.ToListAsync());
            }

            [HttpGet("top")]
            public async Task<List<Property>> Top()
            {
                var q = db.Properties.OrderByDescending(p => p.Rent).AsQueryable();
                q = q.Take(10);
                return await q.ToListAsync();
            }
        }
        """);

    // ---------------------------------------------------------------- fields and properties

    [Fact]
    public Task RowsKeptInAFieldAndReturned_AreReported() => Verify("""
        public class PaymentLedger(AnchorContext db)
        {
            private List<Payment> _payments = new();

            public async Task LoadAsync() => _payments = await db.Payments.AsNoTracking().ToListAsync();

            public List<Payment> Payments() => _payments;
        }

        [ApiController, Route("api/payments")]
        public class PaymentsController(AnchorContext db, PaymentLedger ledger) : ControllerBase
        {
            private List<Document> Cached { get; set; } = new();

            [HttpGet]
            public async Task<IActionResult> {|PG0004:All|}()
            {
                await ledger.LoadAsync();
                return Ok(ledger.Payments());
            }

            [HttpGet("documents")]
            public async Task<IEnumerable<Document>> {|PG0004:Documents|}()
            {
                Cached = await db.Documents.ToListAsync();
                return Cached;
            }
        }
        """);

    [Fact]
    public Task FieldHoldingAPageOrNoQuery_IsNotReported() => Verify("""
        public class PaymentLedger(AnchorContext db)
        {
            private List<Payment> _recent = new();
            private readonly List<string> _notes = new();

            public async Task LoadAsync() => _recent = await db.Payments.OrderByDescending(p => p.PaymentNumber).Take(50).ToListAsync();

            public List<Payment> Recent() => _recent;

            public List<string> Notes() => _notes;
        }

        [ApiController, Route("api/payments")]
        public class PaymentsController(PaymentLedger ledger) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Recent()
            {
                await ledger.LoadAsync();
                return Ok(ledger.Recent());
            }

            [HttpGet("notes")]
            public List<string> Notes() => ledger.Notes();
        }
        """);

    // ---------------------------------------------------------------- constructors, records, envelopes, page wrappers

    [Fact]
    public Task RowsPassedThroughAConstructorOrRecord_AreReported() => Verify("""
        public record TenantsResponse(List<Tenant> Items);
        public class Envelope<T>
        {
            public Envelope(T data, string version) { Data = data; Version = version; }
            public T Data { get; }
            public string Version { get; }
        }
        public class LeasesViewModel
        {
            public LeasesViewModel(IEnumerable<Lease> leases) => Leases = leases.ToList();
            public List<Lease> Leases { get; }
        }

        public class TenantsController(AnchorContext db) : Controller
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:All|}() => Ok(new TenantsResponse(await db.Tenants.ToListAsync()));

            [HttpGet("v2")]
            public async Task<Envelope<List<Document>>> {|PG0004:Documents|}() => new Envelope<List<Document>>(await db.Documents.ToListAsync(), "2");

            public async Task<IActionResult> {|PG0004:Leases|}()
            {
                var leases = await db.Leases.OrderBy(l => l.Start).ToListAsync();
                return View(new LeasesViewModel(leases));
            }
        }
        """);

    [Fact]
    public Task PageWrapperAroundEveryRow_IsReported_NotTrustedByItsName() => Verify("""
        public class PagedResult<T>
        {
            public List<T> Items { get; set; } = new();
            public int Total { get; set; }
        }

        public class DocumentService(AnchorContext db)
        {
            public async Task<PagedResult<Document>> ListAsync()
            {
                var all = await db.Documents.ToListAsync();
                return new PagedResult<Document> { Items = all, Total = all.Count };
            }
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db, DocumentService documents) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:Get|}()
            {
                var all = await db.Documents.ToListAsync();
                return Ok(new PagedResult<Document> { Items = all, Total = all.Count });
            }

            [HttpGet("service")]
            public async Task<IActionResult> {|PG0004:FromService|}() => Ok(await documents.ListAsync());

            [HttpGet("filled")]
            public async Task<IActionResult> {|PG0004:Filled|}()
            {
                var result = new PagedResult<Document>();
                result.Items = await db.Documents.ToListAsync();
                result.Total = result.Items.Count;
                return Ok(result);
            }
        }
        """);

    [Fact]
    public Task WrapperAroundGenuinelyPagedRows_IsNotReported() => Verify("""
        public class PagedResult<T>
        {
            public PagedResult() { }
            public PagedResult(IQueryable<T> source, int page, int size)
            {
                Items = source.Skip((page - 1) * size).Take(size).ToList();
                Total = source.Count();
            }
            public List<T> Items { get; set; } = new();
            public int Total { get; set; }
        }
        public record TenantsResponse(List<Tenant> Items, int Total);

        public class DocumentService(AnchorContext db)
        {
            public async Task<PagedResult<Document>> ListAsync(int page)
            {
                var q = db.Documents.OrderBy(d => d.Id);
                return new PagedResult<Document> { Items = await q.Skip((page - 1) * 20).Take(20).ToListAsync(), Total = await q.CountAsync() };
            }
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db, DocumentService documents) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get(int page = 1) => Ok(await documents.ListAsync(page));

            [HttpGet("ctor")]
            public IActionResult Constructed(int page = 1) => Ok(new PagedResult<Document>(db.Documents.OrderBy(d => d.Id), page, 20));

            [HttpGet("tenants")]
            public async Task<IActionResult> Tenants(int page = 1) =>
                Ok(new TenantsResponse(await db.Tenants.OrderBy(t => t.TenantId).Skip((page - 1) * 20).Take(20).ToListAsync(), await db.Tenants.CountAsync()));
        }
        """);

    // ---------------------------------------------------------------- ViewBag and ViewData

    [Fact]
    public Task RowsInViewBagOrViewData_AreReported() => Verify("""
        public class LeasesController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> {|PG0004:Index|}()
            {
                ViewBag.Leases = await db.Leases.ToListAsync();
                return View();
            }

            public async Task<IActionResult> {|PG0004:Documents|}()
            {
                ViewData["Documents"] = await db.Documents.Where(d => d.Title != "").ToListAsync();
                return View();
            }
        }
        """);

    [Fact]
    public Task ViewBagWithAPageACountOrADropdown_IsNotReported() => Verify("""
        public class LeasesController(AnchorContext db) : Controller
        {
            public async Task<IActionResult> Index()
            {
                ViewBag.Recent = await db.Leases.OrderByDescending(l => l.Start).Take(10).ToListAsync();
                ViewData["Count"] = await db.Leases.CountAsync();
                ViewBag.Types = new Microsoft.AspNetCore.Mvc.Rendering.SelectList(await db.PropertyTypes.ToListAsync(), "Id", "Name");
                return View();
            }
        }
        """);

    // ---------------------------------------------------------------- yield return and lists filled row by row

    [Fact]
    public Task IteratorYieldingEveryRow_IsReported() => Verify("""
        public class DocumentFeed(AnchorContext db)
        {
            public IEnumerable<string> Titles()
            {
                foreach (var document in db.Documents)
                {
                    yield return document.Title;
                }
            }
        }

        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db, DocumentFeed feed) : ControllerBase
        {
            [HttpGet("stream")]
            public async IAsyncEnumerable<PropertyDto> {|PG0004:Stream|}()
            {
                await foreach (var property in db.Properties.AsAsyncEnumerable())
                {
                    yield return new PropertyDto(property.Id, property.Name);
                }
            }

            [HttpGet("titles")]
            public IActionResult {|PG0004:Titles|}() => Ok(feed.Titles().ToList());

            [HttpGet("dtos")]
            public async Task<List<PropertyDto>> {|PG0004:Dtos|}()
            {
                var result = new List<PropertyDto>();
                foreach (var property in await db.Properties.ToListAsync())
                {
                    result.Add(new PropertyDto(property.Id, property.Name));
                }

                return result;
            }
        }
        """);

    [Fact]
    public Task IteratorOverAPageOrStoppingEarly_IsNotReported() => Verify("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("stream")]
            public async IAsyncEnumerable<PropertyDto> Stream()
            {
                await foreach (var property in db.Properties.OrderBy(p => p.Id).Take(100).AsAsyncEnumerable())
                {
                    yield return new PropertyDto(property.Id, property.Name);
                }
            }

            [HttpGet("first")]
            public IEnumerable<Property> First()
            {
                var count = 0;
                foreach (var property in db.Properties)
                {
                    if (++count > 50) yield break;
                    yield return property;
                }
            }

            [HttpGet("dtos")]
            public async Task<List<PropertyDto>> Dtos()
            {
                var result = new List<PropertyDto>();
                foreach (var property in await db.Properties.OrderBy(p => p.Id).Take(25).ToListAsync())
                {
                    result.Add(new PropertyDto(property.Id, property.Name));
                }

                return result;
            }
        }
        """);

    [Fact]
    public Task RazorPagePropertyFilledRowByRow_IsReported() => Verify("""
        public class IndexModel(AnchorContext db) : PageModel
        {
            public List<PropertyDto> Properties { get; } = new();
            public List<Lease> Leases { get; } = new();

            public async Task {|PG0004:OnGetAsync|}()
            {
                foreach (var property in await db.Properties.ToListAsync())
                {
                    Properties.Add(new PropertyDto(property.Id, property.Name));
                }
            }

            public async Task {|PG0004:OnGetLeasesAsync|}() => Leases.AddRange(await db.Leases.ToListAsync());
        }
        """);

    [Fact]
    public Task RazorPagePropertyFilledFromAPage_IsNotReported() => Verify("""
        public class IndexModel(AnchorContext db) : PageModel
        {
            public List<PropertyDto> Properties { get; } = new();
            public List<Lease> Leases { get; } = new();

            public async Task OnGetAsync(int pageIndex = 1)
            {
                foreach (var property in await db.Properties.OrderBy(p => p.Id).Skip((pageIndex - 1) * 25).Take(25).ToListAsync())
                {
                    Properties.Add(new PropertyDto(property.Id, property.Name));
                }
            }

            public async Task OnGetLeasesAsync(int id) => Leases.AddRange(await db.Leases.Where(l => l.Id == id).ToListAsync());
        }
        """);

    // ---------------------------------------------------------------- AutoMapper ProjectTo

    private const string AutoMapperStub = """
        namespace AutoMapper
        {
            public interface IConfigurationProvider { }
            public interface IMapper { IConfigurationProvider ConfigurationProvider { get; } }
        }
        namespace AutoMapper.QueryableExtensions
        {
            public static class Extensions
            {
                // AutoMapper's shape: the source is the non-generic IQueryable.
                public static System.Linq.IQueryable<TDestination> ProjectTo<TDestination>(this System.Linq.IQueryable source, AutoMapper.IConfigurationProvider configuration) =>
                    throw new System.NotSupportedException();
            }
        }
        """;

    private static async Task VerifyWithAutoMapper(string code)
    {
        var autoMapper = ReferencedProject.Build("AutoMapper", AutoMapperStub, withPerfGuard: false);
        var test = new VerifyCS.Test { TestCode = PaginationTestModel.Source.Replace("using Microsoft.EntityFrameworkCore;", "using Microsoft.EntityFrameworkCore;\nusing AutoMapper;\nusing AutoMapper.QueryableExtensions;") + code };
        test.TestState.AdditionalReferences.Add(autoMapper.Reference);
        await test.RunAsync();
    }

    [Fact]
    public Task ProjectToOverAnUnpagedQuery_IsReported() => VerifyWithAutoMapper("""
        public interface IPropertyRepository { Task<List<PropertyDto>> ListByCityAsync(string city); }
        public class PropertyRepository(AnchorContext db, IMapper mapper) : IPropertyRepository
        {
            public Task<List<PropertyDto>> ListByCityAsync(string city) =>
                db.Properties.Where(p => p.City == city).OrderBy(p => p.Name).ProjectTo<PropertyDto>(mapper.ConfigurationProvider).ToListAsync();
        }

        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db, IMapper mapper, IPropertyRepository repository) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<List<PropertyDto>>> {|PG0004:All|}() =>
                await db.Properties.ProjectTo<PropertyDto>(mapper.ConfigurationProvider).ToListAsync();

            [HttpGet("city")]
            public async Task<IActionResult> {|PG0004:ByCity|}(string city) => Ok(await repository.ListByCityAsync(city));
        }
        """);

    [Fact]
    public Task ProjectToOverAPageOrOneRow_IsNotReported() => VerifyWithAutoMapper("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db, IMapper mapper) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<List<PropertyDto>>> All(int page = 1) =>
                await db.Properties.OrderBy(p => p.Id).Skip((page - 1) * 20).Take(20).ProjectTo<PropertyDto>(mapper.ConfigurationProvider).ToListAsync();

            [HttpGet("{id}")]
            public async Task<ActionResult<PropertyDto?>> One(int id) =>
                await db.Properties.Where(p => p.OwnerId == id).ProjectTo<PropertyDto>(mapper.ConfigurationProvider).FirstOrDefaultAsync();
        }
        """);

    // ---------------------------------------------------------------- a custom dispatcher

    private const string Dispatcher = """
        public interface IQuery<TResult> { }
        public interface IQueryHandler<TQuery, TResult> where TQuery : IQuery<TResult>
        {
            Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken = default);
        }
        public interface IRepository<T> where T : class
        {
            IQueryable<T> GetQueryableSet();
            Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query);
        }
        public class Repository<T>(AnchorContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
            public Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query) => query.ToListAsync();
        }

        // The solution's own dispatcher: it resolves IQueryHandler<TQuery, TResult> at run time.
        public class Dispatcher(IServiceProvider provider)
        {
            public async Task<T> DispatchAsync<T>(IQuery<T> query, CancellationToken cancellationToken = default)
            {
                var handlerType = typeof(IQueryHandler<,>).MakeGenericType(query.GetType(), typeof(T));
                dynamic handler = provider.GetService(handlerType)!;
                Task<T> result = handler.HandleAsync((dynamic)query, cancellationToken);
                return await result;
            }
        }

        """;

    [Fact]
    public Task DispatcherToAHandlerReturningEveryRow_IsReported() => Verify(Dispatcher + """
        public class GetDocumentsQuery : IQuery<List<Document>> { }
        internal class GetDocumentsQueryHandler(IRepository<Document> repository) : IQueryHandler<GetDocumentsQuery, List<Document>>
        {
            public async Task<List<Document>> HandleAsync(GetDocumentsQuery query, CancellationToken cancellationToken = default) =>
                await repository.ToListAsync(repository.GetQueryableSet());
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<IEnumerable<Document>>> {|PG0004:Get|}()
            {
                var documents = await dispatcher.DispatchAsync(new GetDocumentsQuery());
                return Ok(documents);
            }
        }
        """);

    [Fact]
    public Task DispatcherToAHandlerReturningAPageOrOneRow_IsNotReported() => Verify(Dispatcher + """
        public class GetRecentDocumentsQuery : IQuery<List<Document>> { }
        internal class GetRecentDocumentsQueryHandler(IRepository<Document> repository) : IQueryHandler<GetRecentDocumentsQuery, List<Document>>
        {
            public Task<List<Document>> HandleAsync(GetRecentDocumentsQuery query, CancellationToken cancellationToken = default) =>
                repository.ToListAsync(repository.GetQueryableSet().OrderByDescending(d => d.Id).Take(20));
        }
        public class GetDocumentQuery : IQuery<Document?> { public int Id { get; set; } }
        internal class GetDocumentQueryHandler(AnchorContext db) : IQueryHandler<GetDocumentQuery, Document?>
        {
            public Task<Document?> HandleAsync(GetDocumentQuery query, CancellationToken cancellationToken = default) =>
                db.Documents.FirstOrDefaultAsync(d => d.Id == query.Id, cancellationToken);
        }

        [ApiController, Route("api/documents")]
        public class DocumentsController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Recent() => Ok(await dispatcher.DispatchAsync(new GetRecentDocumentsQuery()));

            [HttpGet("{id}")]
            public async Task<IActionResult> One(int id) => Ok(await dispatcher.DispatchAsync(new GetDocumentQuery { Id = id }));
        }
        """);
}
