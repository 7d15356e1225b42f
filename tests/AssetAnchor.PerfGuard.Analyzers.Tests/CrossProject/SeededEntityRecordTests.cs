using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0007 across projects: the project that configures the EF model records the entities it seeds with HasData, so
/// the web project, which cannot see those calls (another compilation), tells a reference table from a growing one.
/// </summary>
public sealed class SeededEntityRecordTests
{
    private const string Persistence = """
        using System.Collections.Generic;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        namespace Shop.Persistence;

        public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }
        public class Currency { public int Id { get; set; } public string Code { get; set; } = ""; }
        public class Customer { public int Id { get; set; } public List<Order> Orders { get; set; } = new(); }
        public class Order { public int Id { get; set; } public int CustomerId { get; set; } public Customer Customer { get; set; } = null!; }
        public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Country> Countries => Set<Country>();
            public DbSet<Currency> Currencies => Set<Currency>();
            public DbSet<Customer> Customers => Set<Customer>();
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Product> Products => Set<Product>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Country>().HasData(new Country { Id = 1, Code = "NL" });
                // Seeded demo customers: they have navigations, so not a reference table.
                modelBuilder.Entity<Customer>().HasData(new Customer { Id = 1 });
                modelBuilder.ApplyConfiguration(new CurrencyConfiguration());
            }
        }

        public class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
        {
            public void Configure(EntityTypeBuilder<Currency> builder) => builder.HasData(new Currency { Id = 1, Code = "EUR" });
        }
        """;

    private static readonly Lazy<ReferencedProject> PersistenceProject = new(() => ReferencedProject.Build("Shop.Persistence", Persistence));

    [Fact]
    public void TheConfiguringProjectRecordsItsSeededEntities_LeavesMarked()
    {
        var records = PersistenceProject.Value.Summary!.Split('\n')
            .Where(static l => l.Contains(SeededEntityRecord.Marker + "\\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, records.Count);
        Assert.Contains(records, static r => r.Contains("T:Shop.Persistence.Country\\tL", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("T:Shop.Persistence.Currency\\tL", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("T:Shop.Persistence.Customer\\t-", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static r => r.Contains("Product", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecordRoundTrips_AndOtherRecordsAreNotSeededEntities()
    {
        var record = SeededEntityRecord.Decode(new SeededEntityRecord("T:Shop.Country", isLeaf: true).Encode());
        Assert.NotNull(record);
        Assert.Equal("T:Shop.Country", record!.EntityId);
        Assert.True(record.IsLeaf);
        Assert.Null(SeededEntityRecord.Decode("v1\tM:Shop.Repo.All\t\tU\t\t\t-"));
        Assert.Null(MethodSummary.Decode(record.Encode()));
        Assert.Null(CallSiteRecord.Decode(record.Encode()));
    }

    [Fact]
    public Task EndpointsInTheWebProject_SeededLeavesArePG0007_TheRestStayPG0004()
    {
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;
                using Shop.Persistence;

                [ApiController, Route("lookups")]
                public class LookupsController(ShopContext db) : ControllerBase
                {
                    [HttpGet("countries")]
                    public Task<List<Country>> {|PG0007:Countries|}() => db.Countries.ToListAsync();

                    [HttpGet("currencies")]
                    public async Task<IActionResult> {|PG0007:Currencies|}() => Ok(await db.Currencies.ToListAsync());

                    // Seeded, but with navigations: a growing table with demo rows.
                    [HttpGet("customers")]
                    public Task<List<Customer>> {|PG0004:Customers|}() => db.Customers.ToListAsync();

                    // Not seeded at all.
                    [HttpGet("products")]
                    public Task<List<Product>> {|PG0004:Products|}() => db.Products.ToListAsync();
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(PersistenceProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task BuiltWithoutPerfGuard_NothingIsKnownToBeSeeded_SoPG0004()
    {
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;
                using Shop.Persistence;

                [ApiController, Route("lookups")]
                public class LookupsController(ShopContext db) : ControllerBase
                {
                    [HttpGet("countries")]
                    public Task<List<Country>> {|PG0004:Countries|}() => db.Countries.ToListAsync();
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(ReferencedProject.Build("Shop.Persistence", Persistence, withPerfGuard: false).Reference);
        return test.RunAsync(CancellationToken.None);
    }

    // ------------------------------------------------------------- through a generic handler of another project

    private const string LookupDomain = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Lookups.Domain;

        public class Currency { public int Id { get; set; } public string Code { get; set; } = ""; }
        public class Invoice { public int Id { get; set; } public decimal Amount { get; set; } }

        public interface IRepository<T> where T : class
        {
            IQueryable<T> GetQueryableSet();
            Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query);
        }
        """;

    private const string LookupApplication = $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Lookups.Domain;

        namespace Lookups.Application;

        {{SolutionDispatcher.Source}}

        public class GetAllQuery<T> : IQuery<List<T>> where T : class { }

        internal class GetAllQueryHandler<T>(IRepository<T> repository) : IQueryHandler<GetAllQuery<T>, List<T>> where T : class
        {
            public Task<List<T>> HandleAsync(GetAllQuery<T> query, CancellationToken cancellationToken = default) =>
                repository.ToListAsync(repository.GetQueryableSet());
        }
        """;

    private const string LookupPersistence = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Lookups.Domain;

        namespace Lookups.Persistence;

        public class LookupContext(DbContextOptions<LookupContext> options) : DbContext(options)
        {
            public DbSet<Currency> Currencies => Set<Currency>();
            public DbSet<Invoice> Invoices => Set<Invoice>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Currency>().HasData(new Currency { Id = 1, Code = "EUR" });
        }

        public class Repository<T>(LookupContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
            public Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query) => query.ToListAsync();
        }
        """;

    [Fact]
    public Task AGenericHandlersRows_TakeTheEntityOfTheDispatch_SoASeededLeafIsPG0007()
    {
        var domain = ReferencedProject.Build("Lookups.Domain", LookupDomain);
        var application = ReferencedProject.Build("Lookups.Application", LookupApplication, withPerfGuard: true, domain);
        var persistence = ReferencedProject.Build("Lookups.Persistence", LookupPersistence, withPerfGuard: true, domain);
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Lookups.Application;
                using Lookups.Domain;

                [ApiController, Route("lookups")]
                public class LookupsController(Dispatcher dispatcher) : ControllerBase
                {
                    [HttpGet("currencies")]
                    public Task<List<Currency>> {|PG0007:Currencies|}() => dispatcher.DispatchAsync(new GetAllQuery<Currency>());

                    [HttpGet("invoices")]
                    public Task<List<Invoice>> {|PG0004:Invoices|}() => dispatcher.DispatchAsync(new GetAllQuery<Invoice>());
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.TestState.AdditionalReferences.Add(persistence.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void AProjectWithOnlyEntityConfigurations_RecordsItsSeededEntities()
    {
        // The configurations live apart from the context (no DbContext, DbSet or IQueryable in this project).
        var project = ReferencedProject.Build("Shop.Configurations", """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            namespace Shop.Configurations;

            public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }

            public class CountryConfiguration : IEntityTypeConfiguration<Country>
            {
                public void Configure(EntityTypeBuilder<Country> builder) => builder.HasData(new Country { Id = 1, Code = "NL" });
            }
            """);
        Assert.Contains("v1e\\tT:Shop.Configurations.Country\\tL", project.Summary ?? string.Empty, StringComparison.Ordinal);
    }
}

