using Microsoft.CodeAnalysis;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Model;

/// <summary>
/// Where real applications switch lazy loading on: a DI registration in a top-level Program.cs, beside several
/// contexts, owned types, composite keys, AutoInclude and a self-referencing navigation (the shape of issue 12's
/// hidden solution: a self-referencing navigation made the old entity model throw before it read the registrations).
/// </summary>
public sealed class LazyRegistrationShapeTests
{
    private const string ShopModel = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        public class Category
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public int? ParentId { get; set; }
            public virtual Category? Parent { get; set; }
            public virtual List<Category> Children { get; set; } = new();
        }
        public class Address { public string City { get; set; } = ""; }
        public class Product
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public int CategoryId { get; set; }
            public virtual Category Category { get; set; } = null!;
            public Address Origin { get; set; } = new();
            public virtual List<ProductTag> Tags { get; set; } = new();
        }
        public class ProductTag
        {
            public int ProductId { get; set; }
            public string Tag { get; set; } = "";
            public virtual Product Product { get; set; } = null!;
        }
        public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }
        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();
            public DbSet<Category> Categories => Set<Category>();
            public DbSet<ProductTag> ProductTags => Set<ProductTag>();
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Product>().OwnsOne(p => p.Origin);
                b.Entity<ProductTag>().HasKey(t => new { t.ProductId, t.Tag });
                b.Entity<Product>().Navigation(p => p.Tags).AutoInclude();
            }
        }
        public class AuditContext(DbContextOptions<AuditContext> options) : DbContext(options)
        {
            public DbSet<AuditEntry> Entries => Set<AuditEntry>();
        }
        public static class Reports
        {
            public static List<string> CategoryNames(ShopContext db) =>
                db.Products.ToList().Select(p => {|PG0002:p.Category|}.Name).ToList();
            public static List<string> TagNames(ShopContext db) =>
                db.Products.ToList().SelectMany(p => p.Tags).Select(t => t.Tag).ToList();
        }
        """;

    [Theory]
    [InlineData("AddDbContext<ShopContext>(o => o.UseLazyLoadingProxies().EnableSensitiveDataLogging())")]
    [InlineData("AddDbContextPool<ShopContext>(o => o.EnableSensitiveDataLogging().UseLazyLoadingProxies())")]
    [InlineData("AddDbContextFactory<ShopContext>(o => { o.UseLazyLoadingProxies(); })")]
    [InlineData("AddPooledDbContextFactory<ShopContext>((sp, o) => o.UseLazyLoadingProxies())")]
    [InlineData("AddDbContext<ShopContext>(ShopOptions.Configure)")]
    [InlineData("AddDbContext<ShopContext>(o => ShopOptions.Configure(o))")]
    public Task TopLevelProgramRegistration_MakesTheContextLazy(string registration)
    {
        var test = new VerifyCS.Test();
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("Program.cs", $$"""
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            // The shape of WebApplication.CreateBuilder(args): builder.Services is the service collection.
            var builder = new { Services = (IServiceCollection)new ServiceCollection() };
            builder.Services.AddLogging();
            builder.Services.{{registration}};
            builder.Services.AddDbContext<AuditContext>(o => o.EnableSensitiveDataLogging());
            builder.Services.BuildServiceProvider();

            static partial class ShopOptions
            {
                public static void Configure(DbContextOptionsBuilder options) => options.UseLazyLoadingProxies();
            }
            """));
        test.TestState.Sources.Add(("Shop.cs", ShopModel));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task OnlyTheRegisteredContextIsLazy()
    {
        // The audit context is registered without proxies: its reads stay PG0003 material, the shop's are PG0002.
        var test = new VerifyCS.Test();
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("Program.cs", """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            var builder = new { Services = (IServiceCollection)new ServiceCollection() };
            builder.Services.AddDbContext<ShopContext>(o => o.UseLazyLoadingProxies());
            builder.Services.AddDbContext<EagerContext>(o => o.EnableSensitiveDataLogging());
            builder.Services.BuildServiceProvider();
            """));
        test.TestState.Sources.Add(("Shop.cs", ShopModel + """

            public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Pet { public int Id { get; set; } public int OwnerId { get; set; } public virtual Owner Owner { get; set; } = null!; }
            public class EagerContext(DbContextOptions<EagerContext> options) : DbContext(options)
            {
                public DbSet<Pet> Pets => Set<Pet>();
            }
            public static class PetReports
            {
                public static List<string> OwnerNames(EagerContext db) =>
                    db.Pets.ToList().Select(p => {|PG0003:p.Owner|}.Name).ToList();
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }
}
