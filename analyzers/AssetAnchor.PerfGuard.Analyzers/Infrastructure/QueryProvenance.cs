using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
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

                    if (!symbols.IsQueryable(invocation.Type))
                    {
                        return default;
                    }

                    // A method of a referenced project built with PerfGuard: its record (field 12), not its return type,
                    // says whether it returns a database query, the caller's query, or rows in memory.
                    switch (ReadRecorded(invocation, symbols, out var passed))
                    {
                        case RecordedAnswer.Database:
                            return new QueryOrigin(true, null, invocation);
                        case RecordedAnswer.InMemory:
                            return default;
                        case RecordedAnswer.Passed:
                            operation = passed;
                            continue;
                        default:
                            return new QueryOrigin(true, null, invocation);
                    }
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

    private enum RecordedAnswer
    {
        /// <summary>No record decides (a method of this compilation, or of an assembly built without PerfGuard): the type does.</summary>
        Unknown,
        Database,
        InMemory,
        /// <summary>The method returns a query built on one of its arguments: that argument decides.</summary>
        Passed,
    }

    /// <summary>
    /// A referenced method returning IQueryable, judged by the summary of the assembly that implements it (the record
    /// is written under the interface method's ID too, so a call through <c>IRepository&lt;T&gt;</c> declared in a
    /// project without EF Core finds it). A concrete method of an assembly built with PerfGuard that has no record
    /// returns no database query (the writer records every public one that does).
    /// </summary>
    private static RecordedAnswer ReadRecorded(IInvocationOperation invocation, EfSymbols symbols, out IOperation? passed)
    {
        passed = null;
        var method = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, symbols.Compilation.Assembly) ||
            DataAccessModel.GetOrCreate(symbols.Compilation) is not { } data)
        {
            return RecordedAnswer.Unknown;
        }

        var summaries = data.GetReferencedSummaries(CancellationToken.None);
        if (summaries.IsEmpty)
        {
            return RecordedAnswer.Unknown;
        }

        var records = summaries.Find(method);
        if (records is null)
        {
            var concrete = !method.IsAbstract && !method.IsVirtual && !method.IsOverride && method.ContainingType?.TypeKind != TypeKind.Interface;
            return concrete && summaries.IsSummarized(method.ContainingAssembly) ? RecordedAnswer.InMemory : RecordedAnswer.Unknown;
        }

        var query = RecordedQuery.Merge(records);
        if (query.IsDatabase)
        {
            return RecordedAnswer.Database;
        }

        if (query.ParameterOrdinal >= 0 && FindArgument(invocation, query.ParameterOrdinal) is { } argument)
        {
            passed = argument;
            return RecordedAnswer.Passed;
        }

        foreach (var record in records)
        {
            if (record.Rows == SummaryRows.Unbounded && query.IsNone)
            {
                // A record of an older writer (no field 12) that returns every row of an EF query.
                return RecordedAnswer.Database;
            }
        }

        return RecordedAnswer.InMemory;
    }

    /// <summary>The argument given for the parameter with this ordinal; null when it takes its default.</summary>
    internal static IOperation? FindArgument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// What a call returning IQueryable returns, for rules that walk a query's spine into it (PG0005): the record of a
    /// referenced method (field 12), or the returned values of a method of this compilation (followed up to
    /// <see cref="MaxMethodDepth"/> calls deep). None when it is no database query or cannot be known.
    /// </summary>
    public static RecordedQuery FindReturnedQuery(IInvocationOperation invocation, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (!symbols.IsQueryable(invocation.Type) || DataAccessModel.GetOrCreate(symbols.Compilation) is not { } data)
        {
            return default;
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, symbols.Compilation.Assembly))
        {
            return data.GetReferencedSummaries(cancellationToken).Find(method) is { } records ? RecordedQuery.Merge(records) : default;
        }

        // An overridable method may run another body than the one here.
        return IsOverridable(method) ? default : SummarizeReturnedQuery(method, data, cancellationToken);
    }

    private static bool IsOverridable(IMethodSymbol method) =>
        (method.IsVirtual || method.IsOverride || method.IsAbstract) && !method.IsSealed && method.ContainingType?.IsSealed != true;

    private const int MaxMethodDepth = 4;

    private static readonly ConditionalWeakTable<DataAccessModel, ConcurrentDictionary<IMethodSymbol, RecordedQuery>> ReturnedQueries = new();

    /// <summary>
    /// Field 12 of a method of this compilation: it returns a deferred EF query (every returned value is one, none over
    /// memory), with the order its spine shows; or a query built on its parameter n; or none.
    /// </summary>
    public static RecordedQuery SummarizeReturnedQuery(IMethodSymbol method, DataAccessModel data, CancellationToken cancellationToken) =>
        SummarizeReturnedQuery(method, data, 1, cancellationToken);

    private static RecordedQuery SummarizeReturnedQuery(IMethodSymbol method, DataAccessModel data, int depth, CancellationToken cancellationToken)
    {
        var symbols = data.Symbols;
        if (!symbols.IsQueryable(method.ReturnType) || method.IsAbstract || depth > MaxMethodDepth)
        {
            return default;
        }

        method = method.OriginalDefinition;
        var cache = ReturnedQueries.GetValue(data, static _ => new ConcurrentDictionary<IMethodSymbol, RecordedQuery>(SymbolEqualityComparer.Default));
        if (cache.TryGetValue(method, out var known))
        {
            return known;
        }

        var body = data.Models.GetMethodBody(method, SourceBodies.Members, cancellationToken);
        if (body is null)
        {
            return default;
        }

        var result = default(RecordedQuery);
        var any = false;
        foreach (var returned in ReturnedValues(body))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fact = ClassifyReturned(returned, method, data, depth);
            if (fact.IsNone)
            {
                // One returned value over memory (or not known): the method is not a database query for its callers.
                result = default;
                any = false;
                break;
            }

            result = any ? RecordedQuery.Combine(result, fact) : fact;
            any = true;
        }

        // Only complete answers are kept: a deeper call may have been cut short by the depth bound.
        if (depth == 1)
        {
            cache.TryAdd(method, result);
        }

        return result;
    }

    private static RecordedQuery ClassifyReturned(IOperation value, IMethodSymbol method, DataAccessModel data, int depth)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        // return n switch { 1 => q.TagWith(..), _ => q.TagWith(..) } or c ? a : b: every arm is a returned value.
        switch (value)
        {
            case ISwitchExpressionOperation switchExpression:
                return CombineArms(switchExpression.Arms.Length, i => switchExpression.Arms[i].Value, method, data, depth);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return CombineArms(2, i => i == 0 ? conditional.WhenTrue : whenFalse, method, data, depth);
            case ICoalesceOperation coalesce:
                return CombineArms(2, i => i == 0 ? coalesce.Value : coalesce.WhenNull, method, data, depth);
        }

        var origin = GetOrigin(value, data.Symbols);
        if (!origin.IsDatabase)
        {
            return default;
        }

        if (origin.Root is IParameterReferenceOperation parameter)
        {
            return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol?.OriginalDefinition, method)
                ? RecordedQuery.OfParameter(parameter.Parameter.Ordinal, SpineOrder(value, data, depth, null))
                : default;
        }

        return RecordedQuery.Database(SpineOrder(value, data, depth, null));
    }

    private static RecordedQuery CombineArms(int count, System.Func<int, IOperation> arm, IMethodSymbol method, DataAccessModel data, int depth)
    {
        var result = default(RecordedQuery);
        for (var i = 0; i < count; i++)
        {
            // The arms are a finite tree: no bound needed beyond the method depth.
            var fact = ClassifyReturned(arm(i), method, data, depth);
            if (fact.IsNone)
            {
                return default;
            }

            result = i == 0 ? fact : RecordedQuery.Combine(result, fact);
        }

        return result;
    }

    /// <summary>Ordered, limited (its own Skip/Take), unordered (down to a DbSet with neither) or unknown, reading the query's operators from the outside in.</summary>
    private static QueryOrder SpineOrder(IOperation? operation, DataAccessModel data, int depth, HashSet<ILocalSymbol>? following)
    {
        var symbols = data.Symbols;
        for (var step = 0; operation is not null && step < MaxSteps; step++)
        {
            if (operation.Type is INamedTypeSymbol { Name: "IOrderedQueryable" })
            {
                return QueryOrder.Ordered;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IParameterReferenceOperation:
                    // Only reached for a query built on a parameter: the method adds no order on top of the caller's.
                    return QueryOrder.Unordered;
                case ISimpleAssignmentOperation assignment:
                    // query = query = query.AsNoTracking(): the assigned value.
                    operation = assignment.Value;
                    continue;
                case IPropertyReferenceOperation or IFieldReferenceOperation when symbols.IsDbSet(operation.Type):
                    return QueryOrder.Unordered;
                case IInvocationOperation { TargetMethod.Name: "Set", Arguments.Length: 0 } set when symbols.IsDbContext(set.TargetMethod.ContainingType):
                    return QueryOrder.Unordered;
                case IInvocationOperation { TargetMethod.Name: "AsQueryable" or "AsAsyncEnumerable", Instance: { } instance } when symbols.IsDbSet(instance.Type):
                    operation = instance;
                    continue;
                case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                                                          symbols.IsLinqOrEfQueryOperatorContainer(invocation.TargetMethod.ContainingType):
                {
                    var name = invocation.TargetMethod.Name;
                    if (name is "Skip" or "Take" or "TakeWhile" or "SkipWhile")
                    {
                        return QueryOrder.Limited;
                    }

                    if (QueryOperators.Ordering.Contains(name))
                    {
                        return QueryOrder.Ordered;
                    }

                    if (name == "Distinct" || name.StartsWith("FromSql", System.StringComparison.Ordinal))
                    {
                        // DISTINCT keeps no order; raw SQL may carry its own ORDER BY.
                        return QueryOrder.Unknown;
                    }

                    operation = invocation.Arguments[0].Value;
                    continue;
                }

                case IInvocationOperation call when symbols.IsQueryable(call.Type):
                {
                    var inner = SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingAssembly, symbols.Compilation.Assembly)
                        ? IsOverridable(call.TargetMethod) ? default : SummarizeReturnedQuery(call.TargetMethod, data, depth + 1, CancellationToken.None)
                        : data.GetReferencedSummaries(CancellationToken.None).Find(call.TargetMethod) is { } records ? RecordedQuery.Merge(records) : default;
                    if (inner.ParameterOrdinal >= 0)
                    {
                        // A helper over the caller's query: its own order wins, else the argument's.
                        if (inner.Order == QueryOrder.Unordered && FindArgument(call, inner.ParameterOrdinal) is { } argument)
                        {
                            operation = argument;
                            continue;
                        }

                        return inner.Order == QueryOrder.Unordered ? QueryOrder.Unknown : inner.Order;
                    }

                    return inner.IsDatabase ? inner.Order : QueryOrder.Unknown;
                }

                case ILocalReferenceOperation local:
                    return LocalOrder(local, data, depth, following);
                default:
                    return QueryOrder.Unknown;
            }
        }

        return QueryOrder.Unknown;
    }

    /// <summary>Every value a local is given has the same order (q = q.Where(..) adds the order of the others), else unknown.</summary>
    private static QueryOrder LocalOrder(ILocalReferenceOperation reference, DataAccessModel data, int depth, HashSet<ILocalSymbol>? following)
    {
        if (following?.Count >= MaxLocalHops ||
            !AssignedValuesByBody.GetValue(OperationHelpers.GetRoot(reference), CollectAssignedValues).TryGetValue(reference.Local, out var values) ||
            values.Count == 0 || values.Contains(null))
        {
            return QueryOrder.Unknown;
        }

        following ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (!following.Add(reference.Local))
        {
            // The cycle (q = q.Where(..)) adds nothing: reported as unordered, the other values decide.
            return QueryOrder.Unordered;
        }

        try
        {
            QueryOrder? result = null;
            foreach (var value in values)
            {
                var order = SpineOrder(value, data, depth, following);
                if (result is not null && result != order)
                {
                    return QueryOrder.Unknown;
                }

                result = order;
            }

            return result ?? QueryOrder.Unknown;
        }
        finally
        {
            following.Remove(reference.Local);
        }
    }

    /// <summary>The values a body returns, not those of the lambdas and local functions inside it.</summary>
    private static IEnumerable<IOperation> ReturnedValues(IOperation body)
    {
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is IReturnOperation { ReturnedValue: { } value })
            {
                yield return value;
                continue;
            }

            foreach (var child in current.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
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

/// <summary>How the deferred query a method returns is ordered, as far as its own operators show.</summary>
internal enum QueryOrder : byte
{
    /// <summary>Down to its DbSet with no OrderBy and no Skip/Take: a caller's Take on it is unordered.</summary>
    Unordered,
    Ordered,

    /// <summary>It limits its rows itself (Skip/Take): judged where it does that.</summary>
    Limited,
    Unknown,
}

/// <summary>
/// Method-record field 12: the method returns a deferred, unmaterialised EF query (<c>Q</c>, then <c>O</c> ordered,
/// <c>L</c> row-limited, <c>X</c> order unknown, nothing for unordered), or a query built on its parameter n
/// (<c>P</c>n, a query helper such as <c>WhereActive(this IQueryable&lt;T&gt; q)</c>, followed by the order letter of what it adds
/// on top: <c>P0O</c> for <c>q.Where(..).OrderBy(..)</c>). The entity is the element type of
/// the call's own return type, which the dependent knows. A <c>Q</c> may be followed by what the query already
/// includes (<see cref="RecordedIncludes"/>, <c>QIT:Shop.ShopContext;Customer</c>); without it the includes are unknown.
/// <c>M</c>n (a later addition, PG0002/PG0003): the method materialises the query of its parameter n and returns its
/// rows as they are, one or a list (<c>Task&lt;T&gt; FirstOrDefaultAsync&lt;T&gt;(IQueryable&lt;T&gt; query) =&gt;
/// query.FirstOrDefaultAsync()</c>), always followed by <c>I</c> and the includes it adds (<c>M0I</c>, <c>M0I;Lines</c>);
/// without the <c>I</c> it is not known. A reader that predates it reads none.
/// </summary>
internal readonly struct RecordedQuery
{
    private readonly byte kind;
    private readonly int parameterOrdinalPlusOne;

    private RecordedQuery(byte kind, QueryOrder order, int parameterOrdinal, RecordedIncludes? includes = null)
    {
        this.kind = kind;
        Order = order;
        // Stored one up, so that default(RecordedQuery) (none) has no parameter: -1, not 0.
        parameterOrdinalPlusOne = kind is ParameterKind or MaterializedKind ? parameterOrdinal + 1 : 0;
        // A database query names its context; a helper over a parameter's query adds includes to the caller's context.
        Includes = (kind == DatabaseKind && includes?.ContextId.Length > 0) || (kind is ParameterKind or MaterializedKind && includes?.ContextId.Length == 0) ? includes : null;
    }

    private const byte NoneKind = 0;
    private const byte DatabaseKind = 1;
    private const byte ParameterKind = 2;
    private const byte MaterializedKind = 3;

    /// <summary>The letter of a method that materialises its parameter's query (<c>M</c>n).</summary>
    public const char MaterializedLetter = 'M';

    public static RecordedQuery Database(QueryOrder order, RecordedIncludes? includes = null) => new(DatabaseKind, order, -1, includes);

    /// <summary>The same query with what it includes (PG0002/PG0003); unchanged for anything but a database query; an <c>M</c>n without includes is no fact.</summary>
    public RecordedQuery WithIncludes(RecordedIncludes? includes) =>
        kind != MaterializedKind ? new(kind, Order, ParameterOrdinal, includes) : includes is null ? default : Materializing(MaterializedOrdinal, includes);

    /// <summary>A query built on parameter <paramref name="ordinal"/>; <paramref name="order"/> is what the method adds on top (unordered: nothing).</summary>
    public static RecordedQuery OfParameter(int ordinal, QueryOrder order = QueryOrder.Unordered) => new(ParameterKind, order, ordinal);

    /// <summary>
    /// The method returns the rows of the query of parameter <paramref name="ordinal"/> as they are (First, Single,
    /// ToList of it), with <paramref name="includes"/> (no context) added on top; no value is recorded without them.
    /// </summary>
    public static RecordedQuery Materializing(int ordinal, RecordedIncludes includes) => new(MaterializedKind, QueryOrder.Unordered, ordinal, includes);

    /// <summary>The ordinal of the parameter whose query the method materialises and returns (<c>M</c>n); -1 when not.</summary>
    public int MaterializedOrdinal => kind == MaterializedKind ? parameterOrdinalPlusOne - 1 : -1;

    public bool IsNone => kind == NoneKind;

    public bool IsDatabase => kind == DatabaseKind;

    public QueryOrder Order { get; }

    /// <summary>The ordinal of the parameter whose query is returned; -1 when not (the default value is "none").</summary>
    public int ParameterOrdinal => kind == ParameterKind ? parameterOrdinalPlusOne - 1 : -1;

    /// <summary>What a database query already includes and from which context; null when not known (a record written before it, a projection).</summary>
    public RecordedIncludes? Includes { get; }

    public string Encode() => kind switch
    {
        DatabaseKind => "Q" + OrderLetter(Order) + (Includes?.Encode() ?? string.Empty),
        ParameterKind => "P" + ParameterOrdinal.ToString(CultureInfo.InvariantCulture) + OrderLetter(Order) + (Includes?.Encode() ?? string.Empty),
        MaterializedKind => MaterializedLetter + MaterializedOrdinal.ToString(CultureInfo.InvariantCulture) + (Includes?.Encode() ?? string.Empty),
        _ => string.Empty,
    };

    private static string OrderLetter(QueryOrder order) =>
        order switch { QueryOrder.Ordered => "O", QueryOrder.Limited => "L", QueryOrder.Unknown => "X", _ => string.Empty };

    private static QueryOrder ReadOrder(char letter) =>
        letter switch { 'O' => QueryOrder.Ordered, 'L' => QueryOrder.Limited, _ => QueryOrder.Unknown };

    /// <summary>None for an empty or unknown field: an unreadable fact only makes PerfGuard quieter.</summary>
    public static RecordedQuery Decode(string text)
    {
        if (text.Length == 0)
        {
            return default;
        }

        if (text[0] == 'Q')
        {
            var next = 1;
            var order = QueryOrder.Unordered;
            if (text.Length > 1 && text[1] != RecordedIncludes.Letter)
            {
                order = ReadOrder(text[1]);
                next = 2;
            }

            // Includes (a later addition): absent or damaged reads as "not known", never as "includes nothing".
            var includes = next < text.Length && text[next] == RecordedIncludes.Letter ? RecordedIncludes.Decode(text.Substring(next + 1)) : null;
            return Database(order, includes);
        }

        if (text[0] == MaterializedLetter)
        {
            return DecodeMaterializing(text);
        }

        if (text[0] != 'P')
        {
            return default;
        }

        var digits = 1;
        while (digits < text.Length && char.IsDigit(text[digits]))
        {
            digits++;
        }

        if (!int.TryParse(text.Substring(1, digits - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            return default;
        }

        var parameterOrder = QueryOrder.Unordered;
        if (digits < text.Length && text[digits] != RecordedIncludes.Letter)
        {
            parameterOrder = ReadOrder(text[digits]);
            digits++;
        }

        var added = digits < text.Length && text[digits] == RecordedIncludes.Letter ? RecordedIncludes.Decode(text.Substring(digits + 1)) : null;
        return new RecordedQuery(ParameterKind, parameterOrder, ordinal, added);
    }

    /// <summary><c>M</c>n then <c>I</c> and the added includes; none when the includes are absent or damaged (not known).</summary>
    private static RecordedQuery DecodeMaterializing(string text)
    {
        var digits = 1;
        while (digits < text.Length && char.IsDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 1 || digits >= text.Length || text[digits] != RecordedIncludes.Letter ||
            !int.TryParse(text.Substring(1, digits - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ||
            RecordedIncludes.Decode(text.Substring(digits + 1)) is not { ContextId.Length: 0 } includes)
        {
            return default;
        }

        return Materializing(ordinal, includes);
    }

    /// <summary>Two returned values (or two implementations): a database query when either is one (PG0001's "any"), one order only when both agree.</summary>
    public static RecordedQuery Combine(RecordedQuery first, RecordedQuery second)
    {
        if (first.IsNone)
        {
            return second;
        }

        if (second.IsNone)
        {
            return first;
        }

        if (first.kind == MaterializedKind || second.kind == MaterializedKind)
        {
            // Rows of one parameter's query in both, with the includes either adds; anything else returned: no fact.
            return first.kind == second.kind && first.MaterializedOrdinal == second.MaterializedOrdinal &&
                RecordedIncludes.Combine(first.Includes, second.Includes) is { } both
                ? Materializing(first.MaterializedOrdinal, both)
                : default;
        }

        if (first.IsDatabase && second.IsDatabase)
        {
            return Database(first.Order == second.Order ? first.Order : QueryOrder.Unknown, RecordedIncludes.Combine(first.Includes, second.Includes));
        }

        if (first.kind == ParameterKind && second.kind == ParameterKind && first.ParameterOrdinal == second.ParameterOrdinal)
        {
            return new RecordedQuery(
                ParameterKind, first.Order == second.Order ? first.Order : QueryOrder.Unknown, first.ParameterOrdinal, RecordedIncludes.Combine(first.Includes, second.Includes));
        }

        return Database(QueryOrder.Unknown);
    }

    /// <summary>The records of every implementation of one method (one per referenced project that implements it), combined.</summary>
    public static RecordedQuery Merge(IReadOnlyList<MethodSummary> records)
    {
        var result = default(RecordedQuery);
        var anyNone = false;
        foreach (var record in records)
        {
            anyNone |= record.Query.IsNone;
            result = Combine(result, record.Query);
        }

        // One implementation returns no EF query (rows in memory): what the others include says nothing about it.
        return anyNone && result.Includes is not null ? result.WithIncludes(null) : result;
    }
}
