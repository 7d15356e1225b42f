using AssetAnchor.PerfGuard.Analyzers.Rules;
using AssetAnchor.PerfGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules.Endpoints;

/// <summary>
/// PG0007: an unpaginated endpoint over a reference table (seeded with HasData and without navigations, or listed
/// in PG0004.reference_entities) is a suggestion under its own ID instead of a PG0004 warning.
/// </summary>
public sealed class ReferenceTableEndpointTests
{
    private const string Shop = """
        public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }
        public class Currency { public int Id { get; set; } public string Code { get; set; } = ""; }
        public class CardType { public int Id { get; set; } public string Name { get; set; } = ""; public List<Card> Cards { get; set; } = new(); }
        public class Card { public int Id { get; set; } public int CardTypeId { get; set; } public CardType CardType { get; set; } = null!; }
        public class Brand { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Order { public int Id { get; set; } public int CountryId { get; set; } }

        public class ShopContext : DbContext
        {
            public DbSet<Country> Countries => Set<Country>();
            public DbSet<Currency> Currencies => Set<Currency>();
            public DbSet<CardType> CardTypes => Set<CardType>();
            public DbSet<Card> Cards => Set<Card>();
            public DbSet<Brand> Brands => Set<Brand>();
            public DbSet<Order> Orders => Set<Order>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Country>().HasData(new Country { Id = 1, Code = "NL" }, new Country { Id = 2, Code = "BE" });
                modelBuilder.Entity<CardType>().HasData(new CardType { Id = 1, Name = "Visa" });
                modelBuilder.ApplyConfiguration(new CurrencyConfiguration());
            }
        }

        public class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Currency> builder) => builder.HasData(new Currency { Id = 1, Code = "EUR" });
        }

        """;

    private static Task Verify(string code, string? editorConfig = null) =>
        VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + Shop + code, editorConfig);

    [Fact]
    public Task SeededEntitiesWithoutNavigations_AreReportedAsReferenceTables() => Verify("""
        [ApiController, Route("api/lookups")]
        public class LookupsController(ShopContext db) : ControllerBase
        {
            [HttpGet("countries")]
            public Task<List<Country>> {|PG0007:Countries|}() => db.Countries.ToListAsync();

            [HttpGet("currencies")]
            public async Task<IActionResult> {|PG0007:Currencies|}() => Ok(await db.Currencies.Select(c => c.Code).ToListAsync());
        }
        """);

    [Fact]
    public async Task ReferenceTableMessage_SaysWhy()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PaginationTestModel.Source + Shop + """
                public static class LookupEndpoints
                {
                    public static void Map(this IEndpointRouteBuilder app) => app.MapGet("/api/countries", {|#0:(ShopContext db)|} => db.Countries.ToListAsync());
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.ReferenceTableRule).WithLocation(0)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("GET /api/countries", "db.Countries", "", "seeded with HasData, no navigations"));
        await test.RunAsync();
    }

    [Fact]
    public Task SeededEntityWithNavigations_OrNotSeeded_StaysPg0004() => Verify("""
        [ApiController, Route("api/lookups")]
        public class LookupsController(ShopContext db) : ControllerBase
        {
            // Seeded, but its rows own cards: part of the domain graph, not a lookup.
            [HttpGet("card-types")]
            public Task<List<CardType>> {|PG0004:CardTypes|}() => db.CardTypes.ToListAsync();

            [HttpGet("brands")]
            public Task<List<Brand>> {|PG0004:Brands|}() => db.Brands.ToListAsync();

            [HttpGet("orders")]
            public Task<List<Order>> {|PG0004:Orders|}() => db.Orders.ToListAsync();
        }
        """);

    [Fact]
    public Task EditorConfigList_AddsAndRemovesReferenceEntities() => Verify("""
        [ApiController, Route("api/lookups")]
        public class LookupsController(ShopContext db) : ControllerBase
        {
            [HttpGet("brands")]
            public Task<List<Brand>> {|PG0007:Brands|}() => db.Brands.ToListAsync();

            [HttpGet("card-types")]
            public Task<List<CardType>> {|PG0007:CardTypes|}() => db.CardTypes.ToListAsync();

            // Seeded demo rows of a table that grows: the user says it is not a reference table.
            [HttpGet("countries")]
            public Task<List<Country>> {|PG0004:Countries|}() => db.Countries.ToListAsync();
        }
        """, """
        PG0004.reference_entities = Brand, CardType, !Country
        """);

    [Fact]
    public Task Pg0007_IsSilencedOnItsOwn_Pg0004StaysOn() => Verify("""
        [ApiController, Route("api/lookups")]
        public class LookupsController(ShopContext db) : ControllerBase
        {
            [HttpGet("countries")]
            public Task<List<Country>> Countries() => db.Countries.ToListAsync();

            [HttpGet("orders")]
            public Task<List<Order>> {|PG0004:Orders|}() => db.Orders.ToListAsync();
        }
        """, """
        dotnet_diagnostic.PG0007.severity = none
        """);

    [Fact]
    public Task EndpointReturningAGrowingTableOnAnotherPath_IsPg0004() => Verify("""
        [ApiController, Route("api/lookups")]
        public class LookupsController(ShopContext db) : ControllerBase
        {
            [HttpGet("either")]
            public async Task<IActionResult> {|PG0004:Either|}(bool countries)
            {
                if (countries)
                {
                    return Ok(await db.Countries.ToListAsync());
                }

                return Ok(await db.Orders.ToListAsync());
            }
        }
        """);

    [Fact]
    public Task ExemptTypes_StillSilenceEntirely() => Verify("""
        [ApiController, Route("api/lookups")]
        public class LookupsController(ShopContext db) : ControllerBase
        {
            [HttpGet("countries")]
            public Task<List<Country>> Countries() => db.Countries.ToListAsync();
        }
        """, """
        PG0004.exempt_types = Country
        """);

    [Fact]
    public Task Pg0007_GetsThePagingFix() =>
        Verifiers.PaginationCodeFixVerifier<UnpaginatedCollectionEndpointCodeFixProvider>.VerifyCodeFixAsync(PaginationTestModel.Source + Shop + """
            [ApiController, Route("api/lookups")]
            public class LookupsController(ShopContext db) : ControllerBase
            {
                [HttpGet("countries")]
                public Task<List<Country>> {|PG0007:Countries|}() => db.Countries.ToListAsync();
            }
            """, PaginationTestModel.Source + Shop + """
            [ApiController, Route("api/lookups")]
            public class LookupsController(ShopContext db) : ControllerBase
            {
                private const int MaxPageSize = 100;

                [HttpGet("countries")]
                public Task<List<Country>> Countries(int page = 1, int pageSize = 50) => db.Countries.OrderBy(c => c.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();
            }
            """);
}
