using AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Model;

/// <summary>
/// Domain models expose collections read-only over a backing field (<c>IReadOnlyCollection&lt;Product&gt; Products
/// =&gt; _products.AsReadOnly()</c>). EF Core maps them as navigations and fills the field: PG0002/PG0003 see them.
/// What EF does was checked against EF Core 10.0.15 (model navigations, their FieldInfo, and loading with Include):
/// a read-only collection with no field EF can fill is in EF's model too, but an Include of it throws, so its reads
/// are not judged; a reference navigation needs a setter.
/// </summary>
public sealed class BackingFieldNavigationTests
{
    private const string Domain = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Product { public int Id { get; set; } public bool Active { get; set; } public string Name { get; set; } = ""; }
        public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }
        public class Review { public int Id { get; set; } public int Stars { get; set; } }
        public class Note { public int Id { get; set; } public string Text { get; set; } = ""; }
        public class Photo { public int Id { get; set; } public string Url { get; set; } = ""; }
        public class Shelf { public int Id { get; set; } }

        public abstract class Aggregate
        {
            public int Id { get; set; }
            protected readonly List<Note> _notes = new();
        }

        public class Store : Aggregate
        {
            private readonly List<Product> _products = new();
            private readonly List<Review> m_Reviews = new();
            private readonly List<Photo> photos = new();
            private readonly List<Tag> _tagList = new();
            private readonly List<Shelf> _shelves = new();
            private Owner? _owner;

            public string Name { get; set; } = "";
            public $V IReadOnlyCollection<Product> Products => _products.AsReadOnly();
            public IReadOnlyList<Review> Reviews => m_Reviews;
            public IEnumerable<Photo> Photos { get { return photos; } }
            public IReadOnlyCollection<Note> Notes => _notes.AsReadOnly();
            public IReadOnlyList<Product> Featured { get; private set; } = new List<Product>();
            public IReadOnlyCollection<Tag> Tags => _tagList;

            // Computed over another navigation's field: loading is Products' business, not a navigation of its own.
            public IEnumerable<Product> ActiveProducts => _products.Where(p => p.Active);
            // No field EF can fill: EF keeps it in its model, but an Include of it throws.
            public IReadOnlyCollection<Product> Archived => new List<Product>();
            // A field of that name holding another type is not its backing field.
            public IReadOnlyCollection<Product> Shelves => new List<Product>();
            [NotMapped] public IReadOnlyCollection<Product> Cached => _products;
            // A reference navigation needs a setter (EF's discovery asks for one): this getter is no navigation.
            public Owner? Owner => _owner;
        }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Store> Stores => Set<Store>();
            public DbSet<Owner> Owners => Set<Owner>();
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { $LAZY }
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                $CONFIG
            }
        }

        """;

    private static string Source(string code, string config = "", bool lazy = false) =>
        Domain.Replace("$V ", lazy ? "virtual " : "").Replace("$LAZY", lazy ? "optionsBuilder.UseLazyLoadingProxies();" : "").Replace("$CONFIG", config) + code;

    public static TheoryData<string, string> NeverLoaded { get; } = new()
    {
        { "expression-bodied AsReadOnly over _products", """
            public class StorePage(ShopContext db)
            {
                public async Task<int> Count(int id) => {|PG0003:(await db.Stores.FirstAsync(s => s.Id == id)).Products|}.Count;
            }
            """ },
        { "IReadOnlyList over m_Reviews", """
            public class StorePage(ShopContext db)
            {
                public async Task<double> Stars(int id) => {|PG0003:(await db.Stores.FirstAsync(s => s.Id == id)).Reviews|}.Average(r => r.Stars);
            }
            """ },
        { "block-bodied IEnumerable getter over a camel-case field", """
            public class StorePage(ShopContext db)
            {
                public async Task<List<string>> Urls(int id)
                {
                    var store = await db.Stores.SingleAsync(s => s.Id == id);
                    return {|PG0003:store.Photos|}.Select(p => p.Url).ToList();
                }
            }
            """ },
        { "field declared in the base class", """
            public class StorePage(ShopContext db)
            {
                public async Task<int> Notes(int id) => {|PG0003:(await db.Stores.FirstAsync(s => s.Id == id)).Notes|}.Count;
            }
            """ },
        { "get; private set;", """
            public class StorePage(ShopContext db)
            {
                public async Task<int> Featured()
                {
                    var n = 0;
                    foreach (var store in await db.Stores.ToListAsync()) n += {|PG0003:store.Featured|}.Count;
                    return n;
                }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(NeverLoaded))]
    public Task ReadOnlyCollectionOverABackingField_IsANavigation(string name, string code)
    {
        _ = name;
        return VerifyCS.VerifyAnalyzerAsync(Source(code));
    }

    [Fact]
    public Task IncludedReadOnlyCollections_AreLoaded() => VerifyCS.VerifyAnalyzerAsync(Source("""
        public class StorePage(ShopContext db)
        {
            public async Task<int> Count(int id)
            {
                var store = await db.Stores.Include(s => s.Products).Include(s => s.Reviews).Include("Photos").FirstAsync(s => s.Id == id);
                return store.Products.Count + store.Reviews.Count + store.Photos.Count();
            }

            public async Task<int> Filtered(int id) =>
                (await db.Stores.Include(s => s.Products.Where(p => p.Active)).FirstAsync(s => s.Id == id)).Products.Count;
        }
        """));

    [Fact]
    public Task ComputedUnfilledAndUnmappedProperties_AreNoNavigations() => VerifyCS.VerifyAnalyzerAsync(Source("""
        public class StorePage(ShopContext db)
        {
            // Products is included: ActiveProducts reads its field, so it is loaded too; reporting it would be false.
            public async Task<int> Active(int id) =>
                (await db.Stores.Include(s => s.Products).FirstAsync(s => s.Id == id)).ActiveProducts.Count();

            public async Task<string> Others(int id)
            {
                var store = await db.Stores.FirstAsync(s => s.Id == id);
                return store.Archived.Count + store.Shelves.Count + store.Cached.Count + store.Owner?.Name + store.ActiveProducts.Count();
            }
        }
        """));

    [Fact]
    public Task ConfiguredReadOnlyCollection_IsANavigation_AndIgnoredOneIsNot() => VerifyCS.VerifyAnalyzerAsync(Source("""
        public class StorePage(ShopContext db)
        {
            public async Task<int> Count(int id)
            {
                var store = await db.Stores.FirstAsync(s => s.Id == id);
                return {|PG0003:store.Tags|}.Count + store.Products.Count + {|PG0003:store.Shelves|}.Count;
            }
        }
        """, """
                modelBuilder.Entity<Store>().Navigation(s => s.Tags).HasField("_tagList").UsePropertyAccessMode(PropertyAccessMode.Field);
                modelBuilder.Entity<Store>().HasMany(s => s.Shelves).WithOne();
                modelBuilder.Entity<Store>().Ignore(s => s.Products);
        """));

    [Fact]
    public Task ConfiguredByName_AndByTheInverseSide() => VerifyCS.VerifyAnalyzerAsync(Source("""
        public class StorePage(ShopContext db)
        {
            public async Task<int> Count(int id)
            {
                var store = await db.Stores.FirstAsync(s => s.Id == id);
                return {|PG0003:store.Tags|}.Count + {|PG0003:store.Archived|}.Count + store.Reviews.Count;
            }
        }
        """, """
                modelBuilder.Entity<Store>().Navigation("Tags");
                modelBuilder.Entity<Product>().HasOne<Store>().WithMany(s => s.Archived);
                modelBuilder.Entity<Store>().Ignore("Reviews");
        """));

    [Fact]
    public Task LazyContext_ReadOnlyVirtualCollectionInALoop_IsPG0002() => VerifyCS.VerifyAnalyzerAsync(Source("""
        public class StorePage(ShopContext db)
        {
            public async Task<int> Count()
            {
                var n = 0;
                foreach (var store in await db.Stores.ToListAsync()) n += {|PG0002:store.Products|}.Count;
                return n;
            }
        }
        """, lazy: true));

    // --- Across projects: the mm shape (Domain declares the entities, Infrastructure the context and its
    // configuration, the query in a third project). Domain's private fields are not imported into Infrastructure's
    // compilation (the compiler imports public and protected members of a dll): the model reads them through a view
    // of Domain with private members imported, as the IDE (which references Domain's source) sees them anyway.

    private const string DomainProject = """
        using System.Collections.Generic;

        namespace Mm.Domain;

        public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Session { public int Id { get; set; } }
        public class Line { public int Id { get; set; } }
        public class Money { public decimal Amount { get; set; } }
        public class Basket
        {
            private readonly List<Line> _lines = new();
            private readonly List<Money> _prices = new();
            public int Id { get; set; }
            // Line has no DbSet: EF reaches it through this navigation. Money has no key: no entity, no navigation.
            public IReadOnlyCollection<Line> Lines => _lines.AsReadOnly();
            public IReadOnlyCollection<Money> Prices => _prices.AsReadOnly();
        }
        public class Token { public int Id { get; set; } }
        public class Store
        {
            private readonly List<Product> _products = new();
            private readonly List<Session> _sessions = new();
            public int Id { get; set; }
            public IReadOnlyCollection<Product> Products => _products.AsReadOnly();
            public IReadOnlyCollection<Session> Sessions => _sessions.AsReadOnly();
            public IReadOnlyCollection<Token> Tokens { get; } = new List<Token>();
            public IReadOnlyCollection<Product> Archived => new List<Product>();
        }
        """;

    private const string InfrastructureProject = """
        using Microsoft.EntityFrameworkCore;
        using Mm.Domain;

        namespace Mm.Infrastructure;

        public class ProductsContext(DbContextOptions<ProductsContext> options) : DbContext(options)
        {
            public DbSet<Store> Stores => Set<Store>();
            public DbSet<Product> Products => Set<Product>();
            public DbSet<Session> Sessions => Set<Session>();
            public DbSet<Token> Tokens => Set<Token>();
            public DbSet<Basket> Baskets => Set<Basket>();
            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.ApplyConfiguration(new StoreConfiguration());
        }

        internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
        {
            public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Store> builder) =>
                builder.Navigation(s => s.Products).HasField("_products").UsePropertyAccessMode(PropertyAccessMode.Field);
        }
        """;

    private static readonly Lazy<ReferencedProject> DomainBuilt = new(() => ReferencedProject.Build("Mm.Domain", DomainProject));
    private static readonly Lazy<ReferencedProject> InfrastructureBuilt = new(() => ReferencedProject.Build("Mm.Infrastructure", InfrastructureProject, withPerfGuard: true, DomainBuilt.Value));

    [Fact]
    public void ContextProject_RecordsConfiguredAndAutoPropertyCollectionsOfAReferencedDomain()
    {
        var summary = InfrastructureBuilt.Value.Summary;
        Assert.NotNull(summary);
        // Products: configured. Sessions: unconfigured, over the private _sessions of Domain's dll. Tokens: a get-only
        // auto-property (its getter is [CompilerGenerated] in metadata). Archived: no field EF can fill.
        Assert.Contains("v1m\\tE\\tT:Mm.Domain.Store\\tProducts=C;Sessions=C;Tokens=C\\t\"", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Archived", summary, StringComparison.Ordinal);
        // Line is declared beside the DbSet roots in Domain's dll and reached only through Basket.Lines.
        Assert.Contains("v1m\\tE\\tT:Mm.Domain.Basket\\tLines=C\\t\"", summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task QueryInADependentProject_IsJudgedByTheRecordedNavigations()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Mm.Infrastructure;

                public class Endpoint(ProductsContext db)
                {
                    public async Task<int> Count(int id)
                    {
                        var store = await db.Stores.FirstAsync(s => s.Id == id);
                        return {|PG0003:store.Products|}.Count + {|PG0003:store.Tokens|}.Count + {|PG0003:store.Sessions|}.Count + store.Archived.Count;
                    }

                    public async Task<int> Included(int id) =>
                        (await db.Stores.Include(s => s.Products).FirstAsync(s => s.Id == id)).Products.Count;
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(DomainBuilt.Value.Reference);
        test.TestState.AdditionalReferences.Add(InfrastructureBuilt.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
