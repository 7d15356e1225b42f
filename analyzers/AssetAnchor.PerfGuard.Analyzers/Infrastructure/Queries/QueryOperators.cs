using System;
using System.Collections.Immutable;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The one list of LINQ / EF Core query operators the rules reason about, by what they do to a query. Every rule
/// and the summary writer read these sets; none keeps its own.
/// </summary>
internal static class QueryOperators
{
    /// <summary>Turn a query into every row it selects (PG0004: unbounded rows leave here).</summary>
    public static readonly ImmutableHashSet<string> Materializers = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ToList", "ToListAsync", "ToArray", "ToArrayAsync", "ToHashSet", "ToHashSetAsync",
        "ToDictionary", "ToDictionaryAsync", "ToLookup", "AsEnumerable", "AsAsyncEnumerable", "ToImmutableList",
        "ToImmutableArray");

    /// <summary>Turn a query into a collection of its own rows as they are (PG0002/PG0003 follow the entities through them).</summary>
    public static readonly ImmutableHashSet<string> RowCollections = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ToList", "ToListAsync", "ToArray", "ToArrayAsync", "ToHashSet", "ToHashSetAsync");

    /// <summary>Return one row or one value (or change rows without returning them): never a collection.</summary>
    public static readonly ImmutableHashSet<string> SingleRowOrAggregate = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync",
        "ElementAtAsync", "ElementAtOrDefaultAsync",
        "Count", "LongCount", "Sum", "Min", "Max", "Average", "Any", "All", "Contains", "Aggregate", "MinBy", "MaxBy",
        "CountAsync", "LongCountAsync", "SumAsync", "MinAsync", "MaxAsync", "AverageAsync", "AnyAsync", "AllAsync",
        "ContainsAsync", "Find", "FindAsync", "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync");

    /// <summary>Return one tracked entity of the query (PG0002/PG0003: its navigations are what the query included).</summary>
    public static readonly ImmutableHashSet<string> SingleEntity = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync");

    /// <summary>Keep the elements of a sequence as they are, only fewer or reordered (PG0002/PG0003 follow entities through them).</summary>
    public static readonly ImmutableHashSet<string> ElementPreserving = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Take", "Skip",
        "Distinct", "Reverse", "TakeWhile", "SkipWhile", "DistinctBy");

    public static readonly ImmutableHashSet<string> Ordering = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending");

    /// <summary>Execute the query they are called on (PG0001: one round trip each); everything else only composes it.</summary>
    public static readonly ImmutableHashSet<string> Executing = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup",
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault",
        "Any", "All", "Count", "LongCount", "Sum", "Min", "Max", "MinBy", "MaxBy", "Average", "Contains", "Aggregate",
        "ToListAsync", "ToArrayAsync", "ToDictionaryAsync", "ToHashSetAsync", "ToLookupAsync",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync",
        "ElementAtAsync", "ElementAtOrDefaultAsync",
        "AnyAsync", "AllAsync", "CountAsync", "LongCountAsync", "SumAsync", "MinAsync", "MaxAsync", "AverageAsync",
        "ContainsAsync", "ForEachAsync", "Load", "LoadAsync",
        "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync");

    /// <summary>Raw SQL commands on DatabaseFacade.</summary>
    public static readonly ImmutableHashSet<string> RawSqlExecution = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync");
}
