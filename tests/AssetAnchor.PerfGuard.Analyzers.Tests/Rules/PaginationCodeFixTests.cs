using AssetAnchor.PerfGuard.CodeFixes.Rules;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// Each fixed state must compile and raise none of PG0004..PG0006 (the verifier runs all three analyzers).
/// </summary>
public sealed class PaginationCodeFixTests
{
    private static Task FixEndpoint(string source, string fixedSource, string? editorConfig = null) =>
        Verifiers.PaginationCodeFixVerifier<UnpaginatedCollectionEndpointCodeFixProvider>.VerifyCodeFixAsync(
            PaginationTestModel.Source + source, PaginationTestModel.Source + fixedSource, editorConfig);

    private static Task FixOrder(string source, string fixedSource) =>
        Verifiers.PaginationCodeFixVerifier<RowLimitWithoutOrderByCodeFixProvider>.VerifyCodeFixAsync(
            PaginationTestModel.Source + source, PaginationTestModel.Source + fixedSource);

    private static Task FixSize(string source, string fixedSource, string? editorConfig = null) =>
        Verifiers.PaginationCodeFixVerifier<UnboundedPageSizeFromRequestCodeFixProvider>.VerifyCodeFixAsync(
            PaginationTestModel.Source + source, PaginationTestModel.Source + fixedSource, editorConfig);

    [Fact]
    public Task Pg0004_ExpressionBodiedAction_GetsParametersOrderAndClampedPage() => FixEndpoint("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Property>> {|PG0004:GetProperties|}() => await db.Properties.Where(p => p.Rent > 0).ToListAsync();
        }
        """, """
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public async Task<List<Property>> GetProperties(int page = 1, int pageSize = 50) => await db.Properties.Where(p => p.Rent > 0).OrderBy(p => p.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0004_BlockBodiedActionWithLocal_ReusesParametersAndClampsOnce() => FixEndpoint("""
        [ApiController, Route("api/leases")]
        public class LeasesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 200;

            [HttpGet]
            public async Task<IActionResult> {|PG0004:GetLeases|}(int tenantId, int page = 1, int pageSize = 20)
            {
                var leases = await db.Leases.Where(l => l.TenantId == tenantId).OrderByDescending(l => l.Start).ToListAsync();
                return Ok(leases);
            }
        }
        """, """
        [ApiController, Route("api/leases")]
        public class LeasesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 200;

            [HttpGet]
            public async Task<IActionResult> GetLeases(int tenantId, int page = 1, int pageSize = 20)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                var leases = await db.Leases.Where(l => l.TenantId == tenantId).OrderByDescending(l => l.Start).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
                return Ok(leases);
            }
        }
        """);

    [Fact]
    public Task Pg0004_MinimalApiLambda_GetsDefaultedParameters() => FixEndpoint("""
        public static class OwnerEndpoints
        {
            public static void MapOwners(this IEndpointRouteBuilder app)
            {
                app.MapGet("/owners", async {|PG0004:(AnchorContext db)|} => await db.Owners.ToListAsync());
            }
        }
        """, """
        public static class OwnerEndpoints
        {
            private const int MaxPageSize = 100;

            public static void MapOwners(this IEndpointRouteBuilder app)
            {
                app.MapGet("/owners", async (AnchorContext db, int page = 1, int pageSize = 50) => await db.Owners.OrderBy(o => o.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync());
            }
        }
        """);

    [Fact]
    public Task Pg0004_RazorPage_PagesTheAssignedQueryWithKeyAttribute() => FixEndpoint("""
        public class PaymentsModel(AnchorContext db) : PageModel
        {
            public List<Payment> Payments { get; set; } = new();

            public async Task {|PG0004:OnGetAsync|}()
            {
                Payments = await db.Payments.AsNoTracking().ToListAsync();
            }
        }
        """, """
        public class PaymentsModel(AnchorContext db) : PageModel
        {
            private const int MaxPageSize = 100;

            public List<Payment> Payments { get; set; } = new();

            public async Task OnGetAsync(int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                Payments = await db.Payments.AsNoTracking().OrderBy(p => p.PaymentNumber).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
            }
        }
        """);

    [Fact]
    public Task Pg0004_QueryLocalReturnedAsIQueryable_UsesConfiguredMaximum() => FixEndpoint("""
        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Tenant>> {|PG0004:Search|}(string? name, CancellationToken cancellationToken)
            {
                var query = db.Tenants.AsQueryable();
                if (name is not null) query = query.Where(t => t.FullName.Contains(name));
                return await query.ToListAsync(cancellationToken);
            }
        }
        """, """
        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 40;

            [HttpGet]
            public async Task<List<Tenant>> Search(string? name, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                var query = db.Tenants.AsQueryable();
                if (name is not null) query = query.Where(t => t.FullName.Contains(name));
                return await query.OrderBy(t => t.TenantId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            }
        }
        """, "PG0006.max_page_size = 40\n");

    [Fact]
    public Task Pg0004_ProjectionToADtoWithId_IsStillPagedBeforeTheProjection() => FixEndpoint("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<IEnumerable<PropertyDto>>> {|PG0004:GetProperties|}() => await db.Properties.Select(p => ToDto(p)).ToListAsync();

            private static PropertyDto ToDto(Property p) => new(p.Id, p.Name);
        }
        """, """
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public async Task<ActionResult<IEnumerable<PropertyDto>>> GetProperties(int page = 1, int pageSize = 50) => await db.Properties.OrderBy(p => p.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).Select(p => ToDto(p)).ToListAsync();

            private static PropertyDto ToDto(Property p) => new(p.Id, p.Name);
        }
        """);

    [Fact]
    public Task Pg0004_ProjectionWithoutKey_IsPagedBeforeTheProjection() => FixEndpoint("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet("summaries")]
            public Task<List<PropertySummary>> {|PG0004:Summaries|}() => db.Properties.Select(p => new PropertySummary(p.Name, p.City)).ToListAsync();
        }
        """, """
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet("summaries")]
            public Task<List<PropertySummary>> Summaries(int page = 1, int pageSize = 50) => db.Properties.OrderBy(p => p.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).Select(p => new PropertySummary(p.Name, p.City)).ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0005_AddsOrderByOnTheKey() => FixOrder("""
        public class LeaseQueries(AnchorContext db)
        {
            public Task<List<Lease>> Page(int page) => db.Leases.Where(l => l.TenantId > 0).{|PG0005:Skip(page * 20)|}.Take(20).ToListAsync();
            public Task<List<Tenant>> Some() => db.Tenants.{|PG0005:Take(10)|}.ToListAsync();
        }
        """, """
        public class LeaseQueries(AnchorContext db)
        {
            public Task<List<Lease>> Page(int page) => db.Leases.Where(l => l.TenantId > 0).OrderBy(l => l.Id).Skip(page * 20).Take(20).ToListAsync();
            public Task<List<Tenant>> Some() => db.Tenants.OrderBy(t => t.TenantId).Take(10).ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0005_PicksAFreeLambdaName() => FixOrder("""
        public class DocumentQueries(AnchorContext db)
        {
            public List<Document> First(string d) => db.Documents.Where(x => x.Title != d).{|PG0005:Take(5)|}.ToList();
        }
        """, """
        public class DocumentQueries(AnchorContext db)
        {
            public List<Document> First(string d) => db.Documents.Where(x => x.Title != d).OrderBy(x => x.Id).Take(5).ToList();
        }
        """);

    [Fact]
    public Task Pg0006_ClampsAndAddsTheConstant() => FixSize("""
        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Document>> Get(int page, int pageSize) =>
                db.Documents.OrderBy(d => d.Id).Skip((page - 1) * pageSize).Take({|PG0006:pageSize|}).ToListAsync();
        }
        """, """
        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public Task<List<Document>> Get(int page, int pageSize) =>
                db.Documents.OrderBy(d => d.Id).Skip((page - 1) * pageSize).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0006_ReusesAnExistingConstantAndClampsDtoProperty() => FixSize("""
        public class PageQuery { public int PageSize { get; set; } = 20; }

        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 30;

            [HttpGet]
            public Task<List<Owner>> Get([FromQuery] PageQuery query) => db.Owners.OrderBy(o => o.Id).Take({|PG0006:query.PageSize|}).ToListAsync();
        }
        """, """
        public class PageQuery { public int PageSize { get; set; } = 20; }

        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 30;

            [HttpGet]
            public Task<List<Owner>> Get([FromQuery] PageQuery query) => db.Owners.OrderBy(o => o.Id).Take(Math.Clamp(query.PageSize, 1, MaxPageSize)).ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0004_RowsFromAService_OfferNoFix()
    {
        const string source = """
            public class PropertyService(AnchorContext db)
            {
                public Task<List<Property>> ListAsync() => db.Properties.ToListAsync();
            }

            [ApiController, Route("api/properties")]
            public class PropertiesController(PropertyService service) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> {|PG0004:GetAll|}() => Ok(await service.ListAsync());
            }
            """;
        return FixEndpoint(source, source);
    }

    [Fact]
    public Task Pg0004_PagingAlreadyInMemory_OffersNoFix()
    {
        const string source = """
            [ApiController, Route("api/documents")]
            public class DocumentsController(AnchorContext db) : ControllerBase
            {
                [HttpGet]
                public async Task<IEnumerable<Document>> {|PG0004:Page|}(int page = 1) =>
                    (await db.Documents.ToListAsync()).Skip((page - 1) * 20).Take(20);
            }
            """;
        return FixEndpoint(source, source);
    }

    [Fact]
    public Task Pg0005_QueryInALocal_IsOrderedWhereItIsLimited() => FixOrder("""
        public class MaintenanceQueries(AnchorContext db)
        {
            public Task<List<MaintenanceRequest>> Open(int page)
            {
                var query = db.MaintenanceRequests.Where(m => m.Status == "Open");
                return query.{|PG0005:Skip(page * 20)|}.Take(20).ToListAsync();
            }
        }
        """, """
        public class MaintenanceQueries(AnchorContext db)
        {
            public Task<List<MaintenanceRequest>> Open(int page)
            {
                var query = db.MaintenanceRequests.Where(m => m.Status == "Open");
                return query.OrderBy(m => m.Id).Skip(page * 20).Take(20).ToListAsync();
            }
        }
        """);

    [Fact]
    public Task Pg0006_SizeHandedToAService_IsClampedAtTheCall() => FixSize("""
        public class LeaseService(AnchorContext db)
        {
            public Task<List<Lease>> PageAsync(int page, int pageSize) =>
                db.Leases.OrderBy(l => l.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        }

        public static class LeaseEndpoints
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/leases", (LeaseService leases, int page, int pageSize) => leases.PageAsync(page, {|PG0006:pageSize|}));
        }
        """, """
        public class LeaseService(AnchorContext db)
        {
            public Task<List<Lease>> PageAsync(int page, int pageSize) =>
                db.Leases.OrderBy(l => l.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        }

        public static class LeaseEndpoints
        {
            private const int MaxPageSize = 100;

            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/leases", (LeaseService leases, int page, int pageSize) => leases.PageAsync(page, Math.Clamp(pageSize, 1, MaxPageSize)));
        }
        """);

    [Fact]
    public Task Pg0005_KeyConfiguredWithHasKey_IsTheOrder()
    {
        const string model = """
            public class Region { public string Code { get; set; } = ""; public string Name { get; set; } = ""; }
            public class RegionContext : DbContext
            {
                public DbSet<Region> Regions => Set<Region>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Region>().HasKey(r => r.Code);
            }

            """;
        return FixOrder(model + """
            public class RegionQueries(RegionContext db)
            {
                public Task<List<Region>> First() => db.Regions.{|PG0005:Take(10)|}.ToListAsync();
            }
            """, model + """
            public class RegionQueries(RegionContext db)
            {
                public Task<List<Region>> First() => db.Regions.OrderBy(r => r.Code).Take(10).ToListAsync();
            }
            """);
    }

    // Fix-all (what `dotnet format analyzers` runs): the fixes of one document are applied one after another, so
    // several fixes in one type add the MaxPageSize constant once. One fix-all pass must fix every occurrence.

    [Fact]
    public Task Pg0006_FixAll_TwoSizesInOneType_AddOneConstant() => FixAll<UnboundedPageSizeFromRequestCodeFixProvider>("""
        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Document>> Get(int page, int pageSize) =>
                db.Documents.OrderBy(d => d.Id).Skip((page - 1) * pageSize).Take({|PG0006:pageSize|}).ToListAsync();

            [HttpGet("owners")]
            public Task<List<Owner>> Owners(int page, int size) =>
                db.Owners.OrderBy(o => o.Id).Skip(page * size).Take({|PG0006:size|}).ToListAsync();
        }
        """, """
        [ApiController, Route("api/documents")]
        public class DocumentsController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public Task<List<Document>> Get(int page, int pageSize) =>
                db.Documents.OrderBy(d => d.Id).Skip((page - 1) * pageSize).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();

            [HttpGet("owners")]
            public Task<List<Owner>> Owners(int page, int size) =>
                db.Owners.OrderBy(o => o.Id).Skip(page * size).Take(Math.Clamp(size, 1, MaxPageSize)).ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0004_FixAll_TwoEndpointsInOneController_AddOneConstant() => FixAll<UnpaginatedCollectionEndpointCodeFixProvider>("""
        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<List<Owner>> {|PG0004:All|}() => await db.Owners.ToListAsync();

            [HttpGet("tenants")]
            public async Task<IActionResult> {|PG0004:Tenants|}()
            {
                var tenants = await db.Tenants.Where(t => t.FullName != "").ToListAsync();
                return Ok(tenants);
            }
        }
        """, """
        [ApiController, Route("api/owners")]
        public class OwnersController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public async Task<List<Owner>> All(int page = 1, int pageSize = 50) => await db.Owners.OrderBy(o => o.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();

            [HttpGet("tenants")]
            public async Task<IActionResult> Tenants(int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                var tenants = await db.Tenants.Where(t => t.FullName != "").OrderBy(t => t.TenantId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
                return Ok(tenants);
            }
        }
        """);

    [Fact]
    public async Task Pg0006_FixAllInSolution_EachFileGetsItsOwnConstant()
    {
        var test = new Verifiers.PaginationCodeFixVerifier<UnboundedPageSizeFromRequestCodeFixProvider>.Test
        {
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
            CodeActionEquivalenceKey = nameof(UnboundedPageSizeFromRequestCodeFixProvider),
        };
        test.TestState.Sources.Add(("/Model.cs", PaginationTestModel.Source));
        test.TestState.Sources.Add(("/Documents.cs", DocumentsPage("{|PG0006:pageSize|}", "")));
        test.TestState.Sources.Add(("/Leases.cs", LeasesPage("{|PG0006:pageSize|}", "")));
        test.FixedState.Sources.Add(("/Model.cs", PaginationTestModel.Source));
        test.FixedState.Sources.Add(("/Documents.cs", DocumentsPage("Math.Clamp(pageSize, 1, MaxPageSize)", "private const int MaxPageSize = 100;\n\n    ")));
        test.FixedState.Sources.Add(("/Leases.cs", LeasesPage("Math.Clamp(pageSize, 1, MaxPageSize)", "private const int MaxPageSize = 100;\n\n    ")));
        await test.RunAsync();

        static string DocumentsPage(string size, string constant) =>
            Usings + "[ApiController, Route(\"api/documents\")]\n" +
            "public class DocumentsController(AnchorContext db) : ControllerBase\n{\n    " + constant +
            "[HttpGet]\n    public Task<List<Document>> Get(int page, int pageSize) => db.Documents.OrderBy(d => d.Id).Skip((page - 1) * pageSize).Take(" + size + ").ToListAsync();\n}\n";

        static string LeasesPage(string size, string constant) =>
            Usings + "[ApiController, Route(\"api/leases\")]\n" +
            "public class LeasesController(AnchorContext db) : ControllerBase\n{\n    " + constant +
            "[HttpGet]\n    public Task<List<Lease>> Get(int page, int pageSize) => db.Leases.OrderBy(l => l.Id).Skip((page - 1) * pageSize).Take(" + size + ").ToListAsync();\n}\n";
    }

    // Calls added to a chain written one call per line go on their own lines, indented like the chain.

    [Fact]
    public Task Pg0004_MultiLineChain_PagingCallsGoOnTheirOwnLines() => FixEndpoint("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:GetProperties|}()
            {
                var rows = await db.Properties
                    .Where(p => p.Rent > 0)
                    .ToListAsync();
                return Ok(rows);
            }
        }
        """, """
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public async Task<IActionResult> GetProperties(int page = 1, int pageSize = 50)
            {
                pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                var rows = await db.Properties
                    .Where(p => p.Rent > 0)
                    .OrderBy(p => p.Id)
                    .Skip((page - 1) * pageSize)
                    .Take(pageSize)
                    .ToListAsync();
                return Ok(rows);
            }
        }
        """);

    [Fact]
    public Task Pg0004_MultiLineChainStartingAtTheDbSet_PagesBeforeTheProjection() => FixEndpoint("""
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<PropertySummary>> {|PG0004:Summaries|}() =>
                db.Properties
                  .Select(p => new PropertySummary(p.Name, p.City))
                  .ToListAsync();
        }
        """, """
        [ApiController, Route("api/properties")]
        public class PropertiesController(AnchorContext db) : ControllerBase
        {
            private const int MaxPageSize = 100;

            [HttpGet]
            public Task<List<PropertySummary>> Summaries(int page = 1, int pageSize = 50) =>
                db.Properties
                  .OrderBy(p => p.Id)
                  .Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize))
                  .Take(Math.Clamp(pageSize, 1, MaxPageSize))
                  .Select(p => new PropertySummary(p.Name, p.City))
                  .ToListAsync();
        }
        """);

    [Fact]
    public Task Pg0005_MultiLineChain_OrderByGoesOnItsOwnLine() => FixOrder("""
        public class LeaseQueries(AnchorContext db)
        {
            public Task<List<Lease>> Page(int page) =>
                db.Leases
                    .Where(l => l.TenantId > 0)
                    .{|PG0005:Skip(page * 20)|}
                    .Take(20)
                    .ToListAsync();

            public Task<List<Tenant>> Some() => db.Tenants.Where(t => t.FullName != "").{|PG0005:Take(10)|}.ToListAsync();
        }
        """, """
        public class LeaseQueries(AnchorContext db)
        {
            public Task<List<Lease>> Page(int page) =>
                db.Leases
                    .Where(l => l.TenantId > 0)
                    .OrderBy(l => l.Id)
                    .Skip(page * 20)
                    .Take(20)
                    .ToListAsync();

            public Task<List<Tenant>> Some() => db.Tenants.Where(t => t.FullName != "").OrderBy(t => t.TenantId).Take(10).ToListAsync();
        }
        """);

    // "\t" in these raw strings stands for a tab.
    [Fact]
    public Task Pg0005_MultiLineChainWithCrLfAndTabs_KeepsTheFilesLineEndingsAndIndentation() => Verifiers.PaginationCodeFixVerifier<RowLimitWithoutOrderByCodeFixProvider>.VerifyCodeFixAsync(
        (PaginationTestModel.Source + """
            public class LeaseQueries(AnchorContext db)
            {
            \tpublic Task<List<Lease>> Page(int page) =>
            \t\tdb.Leases
            \t\t\t.Where(l => l.TenantId > 0)
            \t\t\t.{|PG0005:Skip(page * 20)|}
            \t\t\t.ToListAsync();
            }
            """).Replace("\\t", "\t", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal),
        (PaginationTestModel.Source + """
            public class LeaseQueries(AnchorContext db)
            {
            \tpublic Task<List<Lease>> Page(int page) =>
            \t\tdb.Leases
            \t\t\t.Where(l => l.TenantId > 0)
            \t\t\t.OrderBy(l => l.Id)
            \t\t\t.Skip(page * 20)
            \t\t\t.ToListAsync();
            }
            """).Replace("\\t", "\t", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.EntityFrameworkCore;\n\n";

    private static async Task FixAll<TCodeFix>(string source, string fixedSource)
        where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new Verifiers.PaginationCodeFixVerifier<TCodeFix>.Test
        {
            TestCode = PaginationTestModel.Source + source,
            FixedCode = PaginationTestModel.Source + fixedSource,
            BatchFixedCode = PaginationTestModel.Source + fixedSource,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
