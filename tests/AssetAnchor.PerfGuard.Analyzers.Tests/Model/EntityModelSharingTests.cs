using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Model;

/// <summary>
/// csc runs the summary writer on the project's compilation and the analyzers on that compilation plus the generated
/// files. The analyzers take the entity model the writer built instead of binding every configuration again, but only
/// when the generated files cannot change it, and the model they take answers every question as a fresh one would.
/// </summary>
public sealed class EntityModelSharingTests
{
    private const string Shop = """
        using System.Collections.Generic;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;
        using Microsoft.Extensions.DependencyInjection;

        public abstract class Entity { public int Id { get; set; } }
        public class Address { public string City { get; set; } = ""; }
        public class Category : Entity
        {
            public string Name { get; set; } = "";
            public virtual Category? Parent { get; set; }
            public virtual List<Category> Children { get; set; } = new();
        }
        public partial class Product : Entity
        {
            public string Name { get; set; } = "";
            public virtual Category Category { get; set; } = null!;
            public Address Origin { get; set; } = new();
            public virtual List<Review> Reviews { get; set; } = new();
            public virtual List<Tag> Tags { get; set; } = new();
            public string Computed => Name;
        }
        public class Review : Entity { public int Stars { get; set; } public virtual Product Product { get; set; } = null!; }
        public class Tag { public int TagNumber { get; set; } public string Label { get; set; } = ""; }
        public class Country { public string Code { get; set; } = ""; public string Name { get; set; } = ""; }

        public abstract class EntityConfiguration<TEntity> : IEntityTypeConfiguration<TEntity> where TEntity : Entity
        {
            public virtual void Configure(EntityTypeBuilder<TEntity> builder) => builder.HasKey(e => e.Id);
        }

        public sealed class ProductConfiguration : EntityConfiguration<Product>
        {
            public override void Configure(EntityTypeBuilder<Product> builder)
            {
                base.Configure(builder);
                builder.OwnsOne(p => p.Origin);
                builder.Navigation(p => p.Reviews).AutoInclude();
                builder.HasMany(p => p.Tags).WithMany();
                builder.Ignore(p => p.Computed);
            }
        }

        public partial class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();
            public DbSet<Category> Categories => Set<Category>();
            public DbSet<Country> Countries => Set<Country>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.ApplyConfiguration(new ProductConfiguration());
                modelBuilder.Entity<Tag>().HasKey(t => t.TagNumber);
                modelBuilder.Entity<Country>().HasKey(c => c.Code);
                modelBuilder.Entity<Country>().HasData(new Country { Code = "NL", Name = "Netherlands" });
            }
        }

        public class AuditContext(DbContextOptions<AuditContext> options) : DbContext(options)
        {
            public DbSet<Review> Reviews => Set<Review>();
        }

        public static class Registration
        {
            public static IServiceCollection AddShop(this IServiceCollection services) =>
                services.AddDbContext<ShopContext>(o => o.UseLazyLoadingProxies());
        }

        public class ProductReader(ShopContext db)
        {
            public List<Product> All() => db.Products.ToListAsync().Result;
        }
        """;

    [Fact]
    public void The_analyzers_compilation_takes_the_writers_model_and_answers_as_a_fresh_one()
    {
        var compilation = RunSummaryWriter(Shop);

        var data = DataAccessModel.GetOrCreate(compilation)!;
        var shared = data.GetEntityModel(CancellationToken.None);
        var fresh = EntityModel.Build(data.Symbols, data.Types, data.Models, CancellationToken.None);

        Assert.True(shared.WasShared);
        Assert.False(fresh.WasShared);
        AssertSameAnswers(compilation, fresh, shared);

        // The fixture holds every kind of fact the model keeps, so a fact lost on the way fails above.
        var product = Type(compilation, "Product");
        Assert.True(shared.IsLazyContext(Type(compilation, "ShopContext")));
        Assert.False(shared.IsLazyContext(Type(compilation, "AuditContext")));
        Assert.True(shared.IsOwnedType(Type(compilation, "Address")));
        Assert.True(shared.IsAutoIncluded(Property(product, "Reviews")));
        Assert.True(shared.IsSeeded(Type(compilation, "Country")));
        Assert.True(shared.TryGetConfiguredKey(Type(compilation, "Tag"), out var key) && key == "TagNumber");
        Assert.False(shared.IsNavigation(Property(product, "Computed"), out _));
        Assert.Equal(new[] { "ShopContext" }, shared.GetContextsOf(Type(compilation, "Category")).Select(static c => c.Name));
    }

    [Fact]
    public void A_generated_part_of_the_context_gets_a_model_of_its_own()
    {
        var compilation = AddGenerated(RunSummaryWriter(Shop), """
            using Microsoft.EntityFrameworkCore;
            public class Supplier { public int Id { get; set; } }
            public partial class ShopContext { public DbSet<Supplier> Suppliers => Set<Supplier>(); }
            """);

        var model = DataAccessModel.GetOrCreate(compilation)!.GetEntityModel(CancellationToken.None);

        Assert.False(model.WasShared);
        Assert.True(model.IsEntityType(Type(compilation, "Supplier")));
    }

    [Fact]
    public void A_generated_part_of_an_entity_gets_a_model_of_its_own()
    {
        var compilation = AddGenerated(RunSummaryWriter(Shop), """
            public class Supplier { public int Id { get; set; } }
            public partial class Product { public virtual Supplier? Supplier { get; set; } }
            """);

        var model = DataAccessModel.GetOrCreate(compilation)!.GetEntityModel(CancellationToken.None);

        Assert.False(model.WasShared);
        Assert.True(model.IsEntityType(Type(compilation, "Supplier")));
    }

    [Fact]
    public void A_generated_file_that_names_no_model_type_keeps_the_shared_model()
    {
        var compilation = AddGenerated(RunSummaryWriter(Shop), """
            public static partial class Log { public static string Format(string message) => message; }
            """);

        Assert.True(DataAccessModel.GetOrCreate(compilation)!.GetEntityModel(CancellationToken.None).WasShared);
    }

    [Fact]
    public void Other_options_get_a_model_of_their_own()
    {
        var compilation = RunSummaryWriter(Shop);
        var changed = compilation.WithOptions(compilation.Options.WithAllowUnsafe(!compilation.Options.AllowUnsafe));

        Assert.False(DataAccessModel.GetOrCreate(changed)!.GetEntityModel(CancellationToken.None).WasShared);
    }

    [Fact]
    public void A_model_with_an_unresolved_entity_type_is_not_handed_on()
    {
        // Supplier does not exist where the writer runs; a generated file of the analyzers' compilation may declare it.
        var compilation = RunSummaryWriter(Shop.Replace(
            "public DbSet<Country> Countries => Set<Country>();",
            "public DbSet<Country> Countries => Set<Country>(); public DbSet<Supplier> Suppliers => Set<Supplier>();",
            StringComparison.Ordinal));

        Assert.False(DataAccessModel.GetOrCreate(compilation)!.GetEntityModel(CancellationToken.None).WasShared);
    }

    /// <summary>The compilation the analyzers get: the project's, after the summary writer ran on it.</summary>
    private static CSharpCompilation RunSummaryWriter(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Anchor.Sharing" + Guid.NewGuid().ToString("N"),
            new[]
            {
                CSharpSyntaxTree.ParseText(source, parseOptions, path: "Shop.cs"),
                CSharpSyntaxTree.ParseText("global using System.Linq;", parseOptions, path: "Usings.cs"),
            },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(ImmutableArray.Create(new DataAccessSummaryGenerator().AsSourceGenerator()), parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        Assert.True(generated.SyntaxTrees.Count() > compilation.SyntaxTrees.Length, "the summary writer wrote nothing");
        return (CSharpCompilation)generated;
    }

    private static CSharpCompilation AddGenerated(CSharpCompilation compilation, string source) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Other.g.cs"));

    private static void AssertSameAnswers(Compilation compilation, EntityModel expected, EntityModel actual)
    {
        Assert.Equal(expected.HasUnattributedLazyLoading, actual.HasUnattributedLazyLoading);
        Assert.Equal(expected.NavigationNames.OrderBy(static n => n), actual.NavigationNames.OrderBy(static n => n));
        foreach (var type in compilation.Assembly.GlobalNamespace.GetTypeMembers())
        {
            Assert.Equal(expected.IsEntityType(type), actual.IsEntityType(type));
            Assert.Equal(expected.IsSourceEntityType(type), actual.IsSourceEntityType(type));
            Assert.Equal(expected.IsOwnedType(type), actual.IsOwnedType(type));
            Assert.Equal(expected.IsSeeded(type), actual.IsSeeded(type));
            Assert.Equal(expected.IsLazyContext(type), actual.IsLazyContext(type));
            Assert.Equal(expected.TryGetConfiguredKey(type, out var expectedKey), actual.TryGetConfiguredKey(type, out var actualKey));
            Assert.Equal(expectedKey, actualKey);
            Assert.Equal(expected.GetContextsOf(type).Select(static c => c.Name), actual.GetContextsOf(type).Select(static c => c.Name));
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                Assert.Equal(expected.IsAutoIncluded(property), actual.IsAutoIncluded(property));
                Assert.Equal(expected.IsNavigation(property, out var expectedCollection), actual.IsNavigation(property, out var actualCollection));
                Assert.Equal(expectedCollection, actualCollection);
            }
        }
    }

    private static INamedTypeSymbol Type(Compilation compilation, string name) => compilation.GetTypeByMetadataName(name)!;

    private static IPropertySymbol Property(INamedTypeSymbol type, string name) => type.GetMembers(name).OfType<IPropertySymbol>().Single();
}
