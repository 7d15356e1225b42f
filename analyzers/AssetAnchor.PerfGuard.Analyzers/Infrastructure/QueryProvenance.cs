using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>Where a query expression comes from: the database (and which DbContext, when visible) or memory.</summary>
internal readonly struct QueryOrigin
{
    public QueryOrigin(bool isDatabase, ITypeSymbol? contextType, IOperation? root)
    {
        IsDatabase = isDatabase;
        ContextType = contextType;
        Root = root;
    }

    /// <summary>True when enumerating or executing the expression reads the database.</summary>
    public bool IsDatabase { get; }

    /// <summary>The DbContext type the query starts from, when it can be seen (db.Owners, db.Set&lt;T&gt;()).</summary>
    public ITypeSymbol? ContextType { get; }

    /// <summary>The start of the query chain: a DbSet reference, Set&lt;T&gt;(), FromSql, or the call that returned the IQueryable.</summary>
    public IOperation? Root { get; }
}

/// <summary>
/// Decides whether an expression is an EF Core query (rows that live in the database) rather than in-memory data.
/// In a compilation that references EF Core, an IQueryable is a database query unless it was built with
/// AsQueryable() over in-memory data; this holds for repositories that hide the DbSet behind
/// <c>IQueryable&lt;T&gt; Query()</c>, specifications and GetAll() helpers, in this project or another.
/// Locals are followed to their initializer, so <c>var q = list.AsQueryable()</c> stays in memory, and a local
/// assigned again is followed to every value it is given (<c>q = q.Where(..)</c> keeps the source of <c>q</c>).
/// </summary>
internal static class QueryProvenance
{
    private const int MaxSteps = 64;
    private const int MaxLocalHops = 6;

    public static bool IsDatabaseQuery(IOperation? operation, EfSymbols symbols) => GetOrigin(operation, symbols).IsDatabase;

    public static QueryOrigin GetOrigin(IOperation? operation, EfSymbols symbols) => GetOrigin(operation, symbols, null);

    private static QueryOrigin GetOrigin(IOperation? operation, EfSymbols symbols, HashSet<ILocalSymbol>? following)
    {
        var localHops = following?.Count ?? 0;

        // Bounded: a query chain is rarely deeper than a few dozen operators, and half-typed code can be anything.
        for (var step = 0; operation is not null && step < MaxSteps; step++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    if (IsAsQueryableOverMemory(invocation, symbols, following))
                    {
                        return default;
                    }

                    if (method.Name == "Set" && symbols.IsDbContext(method.ContainingType))
                    {
                        return new QueryOrigin(true, invocation.Instance?.Type ?? method.ContainingType, invocation);
                    }

                    if (method.Name is "AsAsyncEnumerable" or "AsQueryable" && invocation.Instance is not null && symbols.IsDbSet(method.ContainingType))
                    {
                        // DbSet<T>.AsAsyncEnumerable() is an instance method: still the same query.
                        operation = invocation.Instance;
                        continue;
                    }

                    if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                        (symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) ||
                         (symbols.IsEnumerableContainer(method.ContainingType) && IsDeferredEnumerableOperator(method, symbols))))
                    {
                        operation = invocation.Arguments[0].Value;
                        continue;
                    }

                    if (symbols.IsDatabaseFacade(GetReceiverType(invocation)) && symbols.IsQueryable(invocation.Type))
                    {
                        // Database.SqlQuery<T>(...)
                        return new QueryOrigin(true, null, invocation);
                    }

                    return symbols.IsQueryable(invocation.Type) ? new QueryOrigin(true, null, invocation) : default;
                }

                case IPropertyReferenceOperation property when symbols.IsDbSet(property.Type):
                    return new QueryOrigin(true, property.Instance?.Type ?? property.Property.ContainingType, property);
                case ILocalReferenceOperation local when localHops < MaxLocalHops:
                {
                    localHops++;
                    var initializer = OperationHelpers.GetLocalInitializer(local);
                    if (initializer is null)
                    {
                        // Assigned again (q = q.Where(..)) or declared without a value: every value it is given decides.
                        return FromAssignedValues(local, symbols, following);
                    }

                    operation = initializer;
                    continue;
                }

                default:
                    return TypeOnly(operation, symbols);
            }
        }

        return default;
    }

    /// <summary>
    /// A local given several values (<c>var q = list.AsQueryable(); if (x) q = q.Where(..);</c>): a database query when
    /// any value is one; in memory when every value is in memory or only refines the local itself (the cycle adds
    /// nothing); typed only (an IQueryable counts as the database) when a value comes from ref/out or deconstruction.
    /// </summary>
    private static QueryOrigin FromAssignedValues(ILocalReferenceOperation reference, EfSymbols symbols, HashSet<ILocalSymbol>? following)
    {
        var local = reference.Local;
        if (following is not null && following.Contains(local))
        {
            // q = q.Where(..): the query is what q already was; the other values of q decide.
            return default;
        }

        if (following?.Count >= MaxLocalHops ||
            !AssignedValuesByBody.GetValue(OperationHelpers.GetRoot(reference), CollectAssignedValues).TryGetValue(local, out var values) ||
            values.Count == 0 || values.Contains(null))
        {
            return TypeOnly(reference, symbols);
        }

        following ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        following.Add(local);
        try
        {
            foreach (var value in values)
            {
                var origin = GetOrigin(value, symbols, following);
                if (origin.IsDatabase)
                {
                    return origin;
                }
            }
        }
        finally
        {
            following.Remove(local);
        }

        return default;
    }

    /// <summary>Every value each local of a body is given (initializer and assignments), computed once per body; null for a value that cannot be seen (ref/out, deconstruction).</summary>
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, List<IOperation?>>> AssignedValuesByBody = new();

    private static Dictionary<ILocalSymbol, List<IOperation?>> CollectAssignedValues(IOperation root)
    {
        var values = new Dictionary<ILocalSymbol, List<IOperation?>>(SymbolEqualityComparer.Default);
        foreach (var descendant in root.Descendants())
        {
            switch (descendant)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    Add(values, declarator.Symbol, initializer.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(values, target.Local, assignment.Value);
                    break;
                case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target } coalesce:
                    Add(values, target.Local, coalesce.Value);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var part in deconstruction.Target.Descendants())
                    {
                        if (part is ILocalReferenceOperation written)
                        {
                            Add(values, written.Local, null);
                        }
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                    if (argument.Value is ILocalReferenceOperation byRef)
                    {
                        Add(values, byRef.Local, null);
                    }
                    else if (argument.Value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared })
                    {
                        Add(values, declared.Local, null);
                    }

                    break;
            }
        }

        return values;
    }

    private static void Add(Dictionary<ILocalSymbol, List<IOperation?>> values, ILocalSymbol local, IOperation? value)
    {
        if (!values.TryGetValue(local, out var list))
        {
            list = new List<IOperation?>(2);
            values.Add(local, list);
        }

        list.Add(value);
    }

    private static QueryOrigin TypeOnly(IOperation operation, EfSymbols symbols) =>
        symbols.IsDbSet(operation.Type) || symbols.IsQueryable(operation.Type) ? new QueryOrigin(true, null, operation) : default;

    private static ITypeSymbol? GetReceiverType(IInvocationOperation invocation) =>
        invocation.Instance?.Type ??
        (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.Type : null);

    /// <summary>Enumerable operators that only wrap their source (AsEnumerable, Where, Select, ...): enumerating them enumerates the query.</summary>
    private static bool IsDeferredEnumerableOperator(IMethodSymbol method, EfSymbols symbols)
    {
        var returnType = method.ReturnType as INamedTypeSymbol;
        if (returnType is null || !returnType.IsGenericType)
        {
            return false;
        }

        var definition = returnType.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, symbols.IEnumerableOfT) ||
               SymbolEqualityComparer.Default.Equals(definition, symbols.IAsyncEnumerableOfT) ||
               definition.Name is "IOrderedEnumerable" or "IOrderedAsyncEnumerable";
    }

    private static bool IsAsQueryableOverMemory(IInvocationOperation invocation, EfSymbols symbols, HashSet<ILocalSymbol>? following)
    {
        if (invocation.TargetMethod.Name != "AsQueryable" ||
            !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Queryable) ||
            invocation.Arguments.Length == 0)
        {
            return false;
        }

        return !GetOrigin(invocation.Arguments[0].Value, symbols, following).IsDatabase;
    }
}
