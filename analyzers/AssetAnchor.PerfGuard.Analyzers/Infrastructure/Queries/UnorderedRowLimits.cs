using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// PG0005's question, asked by the rule and by the Up writer (<see cref="UpRowLimits"/>): a Skip/Take whose query spine,
/// walked down to its DbSet, holds no order. The walk (<see cref="FindOrder"/>) and its exemptions (a random pick, a
/// batch fed to a set-based write, Take(1) on a filtered query) live here; the rule only reports.
/// </summary>
internal static class UnorderedRowLimits
{
    /// <summary>FindOrder's discardedBy: a Distinct was passed on the way down; an order under it was found (and lost).</summary>
    private const string DistinctAbove = "pending";
    private const string DiscardedByDistinct = "Distinct";

    private enum Order
    {
        Unknown,
        Ordered,
        Unordered,

        /// <summary>The spine reached a call of an interface method implemented only in a project built later (the Up writer's question).</summary>
        UnseenContract,
    }

    /// <summary>A Skip/Take the rule reports (or, for the Up writer, would report if the unseen call's query were unordered).</summary>
    internal sealed class LimitFinding(IOperation source, IOperation? root, string? discardedBy, Location location)
    {
        public IOperation Source { get; } = source;

        /// <summary>Where the spine ends: the DbSet, Set&lt;T&gt;(), or the call that returned the query.</summary>
        public IOperation? Root { get; } = root;

        public string QueryText => (Root ?? Source).Syntax.ToString();

        /// <summary>True when an order on the spine is discarded by a Distinct() after it.</summary>
        public bool OrderDiscarded { get; } = discardedBy == DiscardedByDistinct;

        /// <summary>What the rule underlines: from the operator's name to the end of the call, or the query handed to a paging helper.</summary>
        public Location Location { get; } = location;
    }

    /// <summary>
    /// The Up writer's question (<see cref="UpRowLimits"/>): a Skip/Take whose spine, with no order, Skip/Take or raw SQL
    /// on the way, starts at a call <paramref name="isUnseen"/> accepts (an interface method implemented only in a project
    /// built later), and that the rule would report if that call returned an unordered EF query: the same spine walk and
    /// exemptions (Skip(random), a batch fed to ExecuteDelete/ExecuteUpdate, Take(1) on a filtered query). The finding's
    /// <see cref="LimitFinding.Root"/> is that call.
    /// </summary>
    /// <remarks>
    /// The name policy for methods of this compilation (<see cref="NeverOrders"/>) does not apply: the contract has no
    /// body here, and its implementation's order is read from its body or record where the join is made, as a Down call
    /// of the same contract declared in a referenced project is (IQueryable&lt;Order&gt; GetQueryableSet() is no sort).
    /// </remarks>
    public static LimitFinding? FindLimitOverUnseenContract(IInvocationOperation invocation, EfSymbols ef, System.Func<IMethodSymbol, bool> isUnseen) =>
        Find(invocation, ef, call => isUnseen(call.TargetMethod));

    /// <summary>The rule's question: a Skip/Take over an EF query whose spine, down to its DbSet, holds no order.</summary>
    public static LimitFinding? FindUnorderedLimit(IInvocationOperation invocation, EfSymbols ef) => Find(invocation, ef, unseen: null);

    /// <param name="unseen">Null for the rule itself (an unordered spine down to its DbSet); the Up writer's test for the call the spine must start at instead.</param>
    private static LimitFinding? Find(IInvocationOperation invocation, EfSymbols ef, System.Func<IInvocationOperation, bool>? unseen)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("Skip" or "Take") || invocation.Arguments.Length < 2 ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingType, ef.Queryable))
        {
            return null;
        }

        var source = PagingQueries.Strip(invocation.Arguments[0].Value);

        // Skip(..).Take(..) is one page: report it once, on the first row-limiting call.
        if (source is IInvocationOperation { TargetMethod.Name: "Skip" or "Take" } inner &&
            SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, ef.Queryable))
        {
            return null;
        }

        if (!QueryProvenance.IsDatabaseQuery(source, ef))
        {
            return null;
        }

        var order = WalkSpine(source, ef, unseen, out var root, out var discardedBy, out var filtered, out var body, out var locals);
        if (order != (unseen is null ? Order.Unordered : Order.UnseenContract))
        {
            return null;
        }

        // Skip(random.Next(count)).Take(1) picks a random row on purpose; Take(batch).ExecuteDelete() in a purge loop
        // deletes a batch, and which rows go first does not matter. Neither is a page.
        if ((method.Name == "Skip" && IsRandom(invocation.Arguments[1].Value, ref body, ref locals)) || FeedsSetBasedWrite(invocation))
        {
            return null;
        }

        // Take(1) on a filtered query is a single-row lookup (EF itself only warns for First without a filter).
        if (method.Name == "Take" && filtered && invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: 1 })
        {
            return null;
        }

        if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } syntax)
        {
            return null;
        }

        return new LimitFinding(source, root, discardedBy, Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, syntax.Span.End)));
    }

    /// <summary>
    /// The query a caller hands to a paging helper that pages its parameter with no order of its own
    /// (<c>PagedList.CreateAsync(query, page, size)</c>), when that query is an unordered EF query: the order is the
    /// caller's to give. Null when it is ordered, of unknown order, or no database query.
    /// </summary>
    public static LimitFinding? FindUnorderedArgument(IOperation argument, EfSymbols ef)
    {
        var source = PagingQueries.Strip(argument);
        if (!QueryProvenance.IsDatabaseQuery(source, ef))
        {
            return null;
        }

        return WalkSpine(source, ef, unseen: null, out var root, out var discardedBy, out _, out _, out _) == Order.Unordered
            ? new LimitFinding(source, root, discardedBy, argument.Syntax.GetLocation())
            : null;
    }

    /// <summary>One walk of the spine from <paramref name="source"/> (<see cref="FindOrder"/>); the body and locals it read are handed back for the exemptions.</summary>
    private static Order WalkSpine(
        IOperation source,
        EfSymbols ef,
        System.Func<IInvocationOperation, bool>? unseen,
        out IOperation? root,
        out string? discardedBy,
        out bool filtered,
        out IOperation? body,
        out Dictionary<ILocalSymbol, List<IOperation>>? locals)
    {
        root = null;
        discardedBy = null;
        filtered = false;
        body = null;
        locals = null;
        return FindOrder(source, ef, ref body, ref locals, ref filtered, ref root, ref discardedBy, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0, unseen);
    }

    /// <summary>
    /// A query extension that cannot add an order: AutoMapper's ProjectTo, Mapster's ProjectToType, or an extension
    /// method of this compilation with no name containing "Order" or "Sort" in its declaration (WhereIf, RestrictAgainstAgeRestriction).
    /// </summary>
    private static bool NeverOrders(IMethodSymbol method)
    {
        if (method.Name is "ProjectTo" or "ProjectToType")
        {
            return true;
        }

        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var reference in definition.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax().DescendantTokens())
            {
                // "Order"/"Sort" anywhere in a name (ApplySort, OrderByField, IOrderedQueryable): it may order; stay silent.
                if (token.IsKind(SyntaxKind.IdentifierToken) &&
                    (token.ValueText.IndexOf("Order", System.StringComparison.OrdinalIgnoreCase) >= 0 ||
                     token.ValueText.IndexOf("Sort", System.StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A value drawn from System.Random or RandomNumberGenerator, directly or through a local of this body.</summary>
    private static bool IsRandom(IOperation value, ref IOperation? body, ref Dictionary<ILocalSymbol, List<IOperation>>? locals)
    {
        value = PagingQueries.Strip(value);
        if (value is ILocalReferenceOperation local)
        {
            body ??= PagingQueries.FindEnclosingBody(value, out _);
            locals ??= body is null ? new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default) : PagingQueries.CollectLocalAssignments(body);
            if (!locals.TryGetValue(local.Local, out var values) || values.Count == 0)
            {
                return false;
            }

            foreach (var assigned in values)
            {
                if (!DrawsRandom(assigned))
                {
                    return false;
                }
            }

            return true;
        }

        return DrawsRandom(value);

        static bool DrawsRandom(IOperation operation)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (node is IInvocationOperation { TargetMethod.ContainingType: { } type } &&
                    type.Name is "Random" or "RandomNumberGenerator" && type.ContainingNamespace?.ToDisplayString() is "System" or "System.Security.Cryptography")
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The row-limited query is consumed by ExecuteDelete/ExecuteUpdate: a batch of a set-based write.</summary>
    private static bool FeedsSetBasedWrite(IInvocationOperation limit)
    {
        IOperation current = limit;
        for (var i = 0; i < 16; i++)
        {
            var parent = OperationHelpers.GetConsumer(current);

            if (parent is not IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } consumer })
            {
                return false;
            }

            if (consumer.TargetMethod.Name is "ExecuteDelete" or "ExecuteDeleteAsync" or "ExecuteUpdate" or "ExecuteUpdateAsync")
            {
                return true;
            }

            current = consumer;
        }

        return false;
    }

    /// <summary>
    /// Walks the query spine down to its DbSet. Ordered when an OrderBy/ThenBy (or an IOrderedQueryable) is on it;
    /// unknown when the spine reaches raw SQL, a parameter or a method whose body we do not follow.
    /// </summary>
    private static Order FindOrder(
        IOperation operation,
        EfSymbols ef,
        ref IOperation? body,
        ref Dictionary<ILocalSymbol, List<IOperation>>? locals,
        ref bool filtered,
        ref IOperation? root,
        ref string? discardedBy,
        HashSet<ILocalSymbol> visiting,
        int steps,
        System.Func<IInvocationOperation, bool>? unseen = null)
    {
        for (; steps < 64; steps++)
        {
            operation = PagingQueries.Strip(operation);
            if (operation.Type is INamedTypeSymbol { Name: "IOrderedQueryable" })
            {
                if (discardedBy is null)
                {
                    return Order.Ordered;
                }

                discardedBy = DiscardedByDistinct;
            }

            switch (operation)
            {
                case IPropertyReferenceOperation or IFieldReferenceOperation when ef.IsDbSet(operation.Type):
                    root = operation;
                    return Order.Unordered;
                case IInvocationOperation { TargetMethod.Name: "Set", Arguments.Length: 0 } set when ef.IsDbContext(set.TargetMethod.ContainingType):
                    root = operation;
                    return Order.Unordered;
                case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                                                          ef.IsLinqOrEfQueryOperatorContainer(invocation.TargetMethod.ContainingType):
                    var name = invocation.TargetMethod.Name;
                    if (PagingQueries.OrderingOperators.Contains(name))
                    {
                        if (discardedBy is null)
                        {
                            return Order.Ordered;
                        }

                        discardedBy = DiscardedByDistinct;
                    }

                    // OrderBy(..).Distinct(): SQL's DISTINCT keeps no order, and EF Core drops the OrderBy under it.
                    if (name == "Distinct" && discardedBy is null)
                    {
                        discardedBy = DistinctAbove;
                    }

                    if (name.StartsWith("FromSql", System.StringComparison.Ordinal) || name is "Skip" or "Take")
                    {
                        // Raw SQL may carry its own ORDER BY; an earlier Skip/Take is reported where it is.
                        return Order.Unknown;
                    }

                    filtered |= name == "Where";
                    operation = invocation.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsQueryable", Instance: { } set } when ef.IsDbSet(set.Type):
                    operation = set;
                    continue;
                case IInvocationOperation passThrough when passThrough.TargetMethod.IsExtensionMethod && passThrough.Arguments.Length > 0 &&
                                                          ef.IsQueryable(passThrough.Type) && ef.IsQueryable(PagingQueries.Strip(passThrough.Arguments[0].Value).Type) &&
                                                          NeverOrders(passThrough.TargetMethod):
                    operation = passThrough.Arguments[0].Value;
                    continue;
                case IInvocationOperation call when ef.IsQueryable(call.Type):
                {
                    if (unseen is not null && unseen(call))
                    {
                        // The Up writer: the order is the implementation's, known only in a project built later.
                        root = call;
                        return Order.UnseenContract;
                    }

                    // repository.GetQueryableSet(): the query it returns (its body here, or its record in another project).
                    var returned = QueryProvenance.FindReturnedQuery(call, ef, System.Threading.CancellationToken.None);
                    if (returned.Order == QueryOrder.Unordered && call.TargetMethod.DeclaringSyntaxReferences.Length > 0 && !NeverOrders(call.TargetMethod))
                    {
                        // Named like it sorts (ApplySortParams): it may order through code not read here; stay silent.
                        return Order.Unknown;
                    }

                    if (returned.ParameterOrdinal >= 0 && returned.Order == QueryOrder.Unordered &&
                        QueryProvenance.FindArgument(call, returned.ParameterOrdinal) is { } argument)
                    {
                        // A helper that adds no order to the caller's query (an ordering one is judged below).
                        operation = argument;
                        continue;
                    }

                    if (returned.ParameterOrdinal >= 0)
                    {
                        return returned.Order == QueryOrder.Ordered ? Order.Ordered : Order.Unknown;
                    }

                    if (returned.IsDatabase && returned.Order is QueryOrder.Unordered or QueryOrder.Ordered)
                    {
                        root = call;
                        return returned.Order == QueryOrder.Ordered ? Order.Ordered : Order.Unordered;
                    }

                    return Order.Unknown;
                }

                case ILocalReferenceOperation local:
                    if (!visiting.Add(local.Local))
                    {
                        // q = q.Where(...): the other assignments decide.
                        return Order.Unordered;
                    }

                    body ??= PagingQueries.FindEnclosingBody(operation, out _);
                    locals ??= body is null ? new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default) : PagingQueries.CollectLocalAssignments(body);
                    if (!locals.TryGetValue(local.Local, out var values))
                    {
                        return Order.Unknown;
                    }

                    var result = Order.Unknown;
                    foreach (var value in values)
                    {
                        var order = FindOrder(value, ef, ref body, ref locals, ref filtered, ref root, ref discardedBy, visiting, steps + 1, unseen);
                        if (order == Order.Ordered)
                        {
                            return Order.Ordered;
                        }

                        if (order is Order.Unknown or Order.UnseenContract)
                        {
                            result = Order.Unknown;
                            return result;
                        }

                        result = Order.Unordered;
                    }

                    return result;
                default:
                    return Order.Unknown;
            }
        }

        return Order.Unknown;
    }
}
