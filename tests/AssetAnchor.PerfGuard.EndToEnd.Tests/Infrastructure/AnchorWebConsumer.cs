namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The net10.0 ASP.NET Core + EF Core (SQLite) app of the analyzer journeys: Owner and Property entities, an
/// AnchorContext registered in Program.cs with one minimal-API endpoint, and the analyzer package. The journeys add
/// their own controllers and classes; the endpoint and lazy loading are what differ between them.
/// </summary>
public static class AnchorWebConsumer
{
    public const string ProjectFile = "Consumer.csproj";

    /// <param name="product">The packed feed the workspace restores from.</param>
    /// <param name="minimalApiEndpoint">The one MapGet line of Program.cs.</param>
    /// <param name="lazyLoading">
    /// Virtual navigations both ways, the Proxies package and a LazyAnchorContext that switches lazy loading on;
    /// otherwise plain navigations and no proxies.
    /// </param>
    public static TempWorkspace Create(PackagedProduct product, string minimalApiEndpoint, bool lazyLoading)
    {
        var workspace = product.CreateWorkspace();
        var project = ConsumerProject.WebApp("net10.0")
            .WithPackage("Microsoft.EntityFrameworkCore.Sqlite", ConsumerProject.EfCore10);
        if (lazyLoading)
        {
            project.WithPackage("Microsoft.EntityFrameworkCore.Proxies", ConsumerProject.EfCore10Proxies);
        }

        project.WithAnalyzers(product).WriteTo(workspace, ProjectFile);
        workspace.Write("Program.cs", $$"""
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddDbContext<AnchorContext>(o => o.UseSqlite("Data Source=anchor.db"));
            var app = builder.Build();
            {{minimalApiEndpoint}}
            app.MapControllers();
            app.Run();
            """);
        var navigation = lazyLoading ? "public virtual" : "public";
        var ownerProperties = lazyLoading
            ? "\n    public virtual List<Property> Properties { get; set; } = new();"
            : string.Empty;
        var lazyContext = lazyLoading
            ? """


              public class LazyAnchorContext : DbContext
              {
                  public DbSet<Owner> Owners => Set<Owner>();
                  protected override void OnConfiguring(DbContextOptionsBuilder options) =>
                      options.UseLazyLoadingProxies().UseSqlite("Data Source=anchor.db");
              }
              """
            : string.Empty;
        workspace.Write("Model.cs", $$"""
            using Microsoft.EntityFrameworkCore;

            public class Owner
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";{{ownerProperties}}
            }

            public class Property
            {
                public int Id { get; set; }
                public int OwnerId { get; set; }
                {{navigation}} Owner? Owner { get; set; }
                public string Name { get; set; } = "";
            }

            public class AnchorContext(DbContextOptions<AnchorContext> options) : DbContext(options)
            {
                public DbSet<Property> Properties => Set<Property>();
                public DbSet<Owner> Owners => Set<Owner>();
            }{{lazyContext}}
            """);
        return workspace;
    }
}
