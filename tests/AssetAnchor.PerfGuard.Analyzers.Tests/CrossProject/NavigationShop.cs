namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>What the tests of navigations read across projects share: a Shop.Infrastructure source template and the header of the project that calls it.</summary>
internal static class NavigationShop
{
    /// <summary>The using header of a dependent project that calls Shop.Infrastructure.</summary>
    public const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Infrastructure;

        """;

    /// <summary>
    /// The model of a Shop.Infrastructure template, after its usings: <c>$RECORDS</c>, Customer, OrderLine, Tag and
    /// Order (navigations <c>$V</c>), and ShopContext with Orders (and <paramref name="moreSets"/>), lazy with <c>$LAZY</c>,
    /// Tags auto-included. The template goes on with its repositories.
    /// </summary>
    public static string Model(string moreSets = "") => """

        $RECORDS

        namespace Shop.Infrastructure;

        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class OrderLine { public int Id { get; set; } public decimal Price { get; set; } }
        public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }
        public class Order
        {
            public int Id { get; set; }
            public $V Customer Customer { get; set; } = null!;
            public $V List<OrderLine> Lines { get; set; } = new();
            public $V List<Tag> Tags { get; set; } = new();
        }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            $SETS
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { $LAZY }
            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Order>().Navigation(o => o.Tags).AutoInclude();
        }

        """.Replace("$SETS", moreSets, StringComparison.Ordinal);

    /// <summary>A Shop.Infrastructure template with its placeholders filled: <c>$V</c> (virtual navigations), <c>$LAZY</c> (lazy loading in OnConfiguring), <c>$RECORDS</c>.</summary>
    public static string Fill(string template, bool virtualNavigations, bool lazy, string records = "") =>
        template.Replace("$V ", virtualNavigations ? "virtual " : "").Replace("$LAZY", lazy ? "optionsBuilder.UseLazyLoadingProxies();" : "").Replace("$RECORDS", records);
}
