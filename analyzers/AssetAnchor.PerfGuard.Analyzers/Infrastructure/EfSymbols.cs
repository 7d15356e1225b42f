using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The EF Core and LINQ symbols the rules need, resolved once per compilation. <see cref="TryCreate"/>
/// returns null when the compilation does not reference EF Core, so analyzers register nothing there.
/// </summary>
internal sealed class EfSymbols
{
    private EfSymbols(Compilation compilation, INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
    {
        DbContext = dbContext;
        DbSet = dbSet;
        EfQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
        RelationalQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        RelationalDatabaseFacadeExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        Queryable = compilation.GetTypeByMetadataName("System.Linq.Queryable");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        IQueryableOfT = compilation.GetTypeByMetadataName("System.Linq.IQueryable`1");
        IQueryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable");
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        NavigationEntry = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
        DatabaseFacade = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade");
    }

    public INamedTypeSymbol DbContext { get; }
    public INamedTypeSymbol DbSet { get; }
    public INamedTypeSymbol? EfQueryableExtensions { get; }
    public INamedTypeSymbol? RelationalQueryableExtensions { get; }
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }
    public INamedTypeSymbol? Queryable { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? IQueryableOfT { get; }
    public INamedTypeSymbol? IQueryable { get; }
    public INamedTypeSymbol IEnumerableOfT { get; }
    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }
    public INamedTypeSymbol? NavigationEntry { get; }
    public INamedTypeSymbol? DatabaseFacade { get; }

    public static EfSymbols? TryCreate(Compilation compilation)
    {
        var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
        var dbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
        return dbContext is null || dbSet is null ? null : new EfSymbols(compilation, dbContext, dbSet);
    }

    public bool IsDbContext(ITypeSymbol? type) => InheritsFrom(type, DbContext);

    public bool IsDbSet(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && InheritsFrom(named.OriginalDefinition, DbSet);

    /// <summary>True for IQueryable, IQueryable&lt;T&gt; and every type that implements them (DbSet, IOrderedQueryable, ...).</summary>
    public bool IsQueryable(ITypeSymbol? type)
    {
        if (type is null || IQueryable is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, IQueryable) ||
            SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, IQueryableOfT))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, IQueryable))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsLinqOrEfQueryOperatorContainer(INamedTypeSymbol? type) =>
        type is not null &&
        (SymbolEqualityComparer.Default.Equals(type, Queryable) ||
         SymbolEqualityComparer.Default.Equals(type, EfQueryableExtensions) ||
         SymbolEqualityComparer.Default.Equals(type, RelationalQueryableExtensions));

    private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
