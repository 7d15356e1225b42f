using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The EF Core, LINQ and task symbols the rules need, resolved once per compilation. <see cref="TryCreate"/>
/// returns null when the compilation does not reference EF Core, so analyzers register nothing there.
/// </summary>
internal sealed class EfSymbols
{
    private HashSet<string>? perElementOperatorNames;

    private EfSymbols(Compilation compilation, AssemblyFamily? efCore, INamedTypeSymbol? dbContext, INamedTypeSymbol? dbSet)
    {
        Compilation = compilation;
        DbContext = dbContext;
        DbSet = dbSet;
        EfQueryableExtensions = efCore?.GetType("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
        RelationalQueryableExtensions = efCore?.GetType("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        RelationalDatabaseFacadeExtensions = efCore?.GetType("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        Queryable = AssemblyFamily.GetFrameworkType(compilation, "System.Linq.Queryable");
        Enumerable = AssemblyFamily.GetFrameworkType(compilation, "System.Linq.Enumerable");
        AsyncEnumerable = AssemblyFamily.GetFrameworkType(compilation, "System.Linq.AsyncEnumerable");
        IQueryableOfT = AssemblyFamily.GetFrameworkType(compilation, "System.Linq.IQueryable`1");
        IQueryable = AssemblyFamily.GetFrameworkType(compilation, "System.Linq.IQueryable");
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        IAsyncEnumerableOfT = AssemblyFamily.GetFrameworkType(compilation, "System.Collections.Generic.IAsyncEnumerable`1");
        NavigationEntry = efCore?.GetType("Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
        DatabaseFacade = efCore?.GetType("Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade");
        ILazyLoader = efCore?.GetType("Microsoft.EntityFrameworkCore.Infrastructure.ILazyLoader");
        ProxiesExtensions = efCore?.GetType("Microsoft.EntityFrameworkCore.ProxiesExtensions");
        OwnedAttribute = efCore?.GetType("Microsoft.EntityFrameworkCore.OwnedAttribute");
        ComplexTypeAttribute = AssemblyFamily.GetFrameworkType(compilation, "System.ComponentModel.DataAnnotations.Schema.ComplexTypeAttribute");
        NotMappedAttribute = AssemblyFamily.GetFrameworkType(compilation, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute");
        IEntityTypeConfigurationOfT = efCore?.GetType("Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
        Task = AssemblyFamily.GetFrameworkType(compilation, "System.Threading.Tasks.Task");
        TaskOfT = AssemblyFamily.GetFrameworkType(compilation, "System.Threading.Tasks.Task`1");
        ValueTaskOfT = AssemblyFamily.GetFrameworkType(compilation, "System.Threading.Tasks.ValueTask`1");
        Parallel = AssemblyFamily.GetFrameworkType(compilation, "System.Threading.Tasks.Parallel");
        ListOfT = AssemblyFamily.GetFrameworkType(compilation, "System.Collections.Generic.List`1");
        Array = compilation.GetSpecialType(SpecialType.System_Array);
        Thread = AssemblyFamily.GetFrameworkType(compilation, "System.Threading.Thread");
        PeriodicTimer = AssemblyFamily.GetFrameworkType(compilation, "System.Threading.PeriodicTimer");
        Expression = AssemblyFamily.GetFrameworkType(compilation, "System.Linq.Expressions.Expression`1");
    }

    public Compilation Compilation { get; }
    /// <summary>Null only in <see cref="WithoutEfCore"/>'s symbols: then no type is a context.</summary>
    public INamedTypeSymbol? DbContext { get; }

    /// <summary>Null only in <see cref="WithoutEfCore"/>'s symbols: then no type is a set.</summary>
    public INamedTypeSymbol? DbSet { get; }
    public INamedTypeSymbol? EfQueryableExtensions { get; }
    public INamedTypeSymbol? RelationalQueryableExtensions { get; }
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }
    public INamedTypeSymbol? Queryable { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? AsyncEnumerable { get; }
    public INamedTypeSymbol? IQueryableOfT { get; }
    public INamedTypeSymbol? IQueryable { get; }
    public INamedTypeSymbol IEnumerableOfT { get; }
    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }
    public INamedTypeSymbol? NavigationEntry { get; }
    public INamedTypeSymbol? DatabaseFacade { get; }
    public INamedTypeSymbol? ILazyLoader { get; }
    public INamedTypeSymbol? ProxiesExtensions { get; }
    public INamedTypeSymbol? OwnedAttribute { get; }
    public INamedTypeSymbol? ComplexTypeAttribute { get; }
    public INamedTypeSymbol? NotMappedAttribute { get; }
    public INamedTypeSymbol? IEntityTypeConfigurationOfT { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? Parallel { get; }
    public INamedTypeSymbol? ListOfT { get; }
    public INamedTypeSymbol Array { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? PeriodicTimer { get; }
    public INamedTypeSymbol? Expression { get; }

    /// <summary>
    /// False only when EF Core cannot be there: every reference is a file, none is Microsoft.EntityFrameworkCore.dll,
    /// and no source type is named DbContext. Read from the reference list and the declaration table, without binding:
    /// the first symbol lookup binds every reference (work csc does itself at its Declare stage, after the generators), and
    /// the generator or analyzer that asks first is charged with it (55 to 70 ms in a cold csc with the framework's
    /// references), so a project without EF Core (a Domain project) pays nothing for PerfGuard's generator or rules.
    /// </summary>
    public static bool MayBeReferenced(Compilation compilation)
    {
        foreach (var reference in compilation.ExternalReferences)
        {
            if (reference is not PortableExecutableReference { FilePath: { Length: > 0 } path } ||
                string.Equals(Path.GetFileNameWithoutExtension(path), "Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return compilation.ContainsSymbolsWithName("DbContext", SymbolFilter.Type);
    }

    public static EfSymbols? TryCreate(Compilation compilation)
    {
        // EF Core's types are looked up in its own assemblies; DbContext anywhere else (a stub, an unusual package)
        // is found as before and its assembly joins them.
        var efCore = new AssemblyFamily(compilation, "Microsoft.EntityFrameworkCore");
        var dbContext = efCore.GetType("Microsoft.EntityFrameworkCore.DbContext");
        if (dbContext is null && (dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext")) is not null)
        {
            efCore = new AssemblyFamily(compilation, "Microsoft.EntityFrameworkCore", dbContext.ContainingAssembly);
        }

        var dbSet = dbContext is null ? null : efCore.GetType("Microsoft.EntityFrameworkCore.DbSet`1");
        return dbContext is null || dbSet is null ? null : new EfSymbols(compilation, efCore, dbContext, dbSet);
    }

    /// <summary>
    /// The LINQ and task symbols of a compilation that does not reference EF Core, for the summary writer's Up call
    /// sites alone (an Application project over repository interfaces, docs/cross-project.md): every EF Core type is
    /// absent, so nothing of the project is a context, a set or an EF operator. The rules never get these: they
    /// register nothing without EF Core (<see cref="TryCreate"/>).
    /// </summary>
    public static EfSymbols WithoutEfCore(Compilation compilation) => new(compilation, efCore: null, dbContext: null, dbSet: null);

    public bool IsDbContext(ITypeSymbol? type) => InheritsFrom(type, DbContext);

    public bool IsDbSet(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && InheritsFrom(named.OriginalDefinition, DbSet);

    public bool IsNavigationEntry(ITypeSymbol? type) => NavigationEntry is not null && InheritsFrom(type, NavigationEntry);

    public bool IsDatabaseFacade(ITypeSymbol? type) => DatabaseFacade is not null && InheritsFrom(type, DatabaseFacade);

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

    /// <summary>Queryable, EF Core's and the relational query operators: they compose or execute a database query.</summary>
    public bool IsLinqOrEfQueryOperatorContainer(INamedTypeSymbol? type) =>
        type is not null &&
        (SymbolEqualityComparer.Default.Equals(type, Queryable) ||
         SymbolEqualityComparer.Default.Equals(type, EfQueryableExtensions) ||
         SymbolEqualityComparer.Default.Equals(type, RelationalQueryableExtensions));

    /// <summary>
    /// The names of the methods that run a lambda once per element (<see cref="LoopContext"/>): every method of the
    /// LINQ, async LINQ and EF Core operator containers, and ForEach/For (List, Array, Parallel). For syntax filters.
    /// </summary>
    public HashSet<string> PerElementOperatorNames => LazyInitializer.EnsureInitialized(ref perElementOperatorNames, () =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "ForEach", "ForEachAsync", "For", "ForAsync" };
        foreach (var container in new[] { Enumerable, AsyncEnumerable, Queryable, EfQueryableExtensions, RelationalQueryableExtensions })
        {
            if (container is not null)
            {
                names.UnionWith(container.MemberNames);
            }
        }

        return names;
    })!;

    public bool IsEnumerableContainer(INamedTypeSymbol? type) =>
        type is not null &&
        (SymbolEqualityComparer.Default.Equals(type, Enumerable) ||
         SymbolEqualityComparer.Default.Equals(type, AsyncEnumerable));

    /// <summary>The T of IEnumerable&lt;T&gt; (or IAsyncEnumerable&lt;T&gt;) the type implements; arrays included.</summary>
    public ITypeSymbol? GetElementType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol named && named.IsGenericType &&
            (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, IEnumerableOfT) ||
             SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, IAsyncEnumerableOfT)))
        {
            return named.TypeArguments[0];
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.IsGenericType &&
                (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, IEnumerableOfT) ||
                 SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, IAsyncEnumerableOfT)))
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>The T of Task&lt;T&gt; or ValueTask&lt;T&gt;; null for anything else.</summary>
    public ITypeSymbol? GetTaskResultType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1 &&
            (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaskOfT) ||
             SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT)))
        {
            return named.TypeArguments[0];
        }

        return null;
    }

    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        // Bounded: error types in half-typed code can form odd chains.
        var depth = 0;
        for (var current = type; current is not null && depth < 64; current = current.BaseType, depth++)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
