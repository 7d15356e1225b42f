using System.Collections.Generic;
using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>PG0005: Skip/Take on an EF Core query that has no OrderBy before it (pages are unstable).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RowLimitWithoutOrderByAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.RowLimitWithoutOrderBy,
        title: "Skip/Take without OrderBy",
        messageFormat: "{0} limits the rows of '{1}', {2}; the database may return different rows for the same page",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Without ORDER BY a database returns rows in any order it likes, so Skip/Take pages can repeat or skip rows between requests. EF Core only logs this at run time.");

    /// <summary>PG0005 across projects, UP direction: reported at a file of another project (<see cref="UpJoin"/>).</summary>
    internal static readonly DiagnosticDescriptor CrossProjectRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.RowLimitWithoutOrderBy,
        title: "Skip/Take without OrderBy, across projects",
        messageFormat: "{0} limits the rows of '{1}', implemented in another project, {2}; the database may return different rows for the same page",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Skip/Take over the query an interface method returns, with no order on the way, where the implementation in a project built later returns an unordered EF query. Reported by the first project that references both.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    private enum Order
    {
        Unknown,
        Ordered,
        Unordered,

        /// <summary>The spine reached a call of an interface method implemented only in a project built later (the Up writer's question).</summary>
        UnseenContract,
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, CrossProjectRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            if (data?.Symbols.Queryable is null)
            {
                return;
            }

            var ef = data.Symbols;
            var keys = data;
            var helpers = new PagingHelpers(data);
            // A syntax action filtered by name, not an operation action: that would make the driver bind every member
            // of the compilation a second time just to find its few Skip/Take calls. Only x.Skip(..)/x.Take(..) and
            // calls named like a paging helper are bound.
            startContext.RegisterSyntaxNodeAction(context => AnalyzeInvocationSyntax(context, ef, keys, helpers), SyntaxKind.InvocationExpression);
            if (UpJoin.Create(data, startContext.Options, CallSiteKind.RowLimit, CrossProjectRule, null, startContext.CancellationToken) is { } upJoin)
            {
                startContext.RegisterCompilationEndAction(upJoin);
            }
        });
    }

    private static void AnalyzeInvocationSyntax(SyntaxNodeAnalysisContext context, EfSymbols ef, DataAccessModel keys, PagingHelpers helpers)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (syntax.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Skip" or "Take" } &&
            context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation &&
            ReferenceEquals(invocation.Syntax, syntax))
        {
            AnalyzeInvocation(context, invocation, ef, keys);
        }
        else if (PagingHelpers.MayBeHelperCall(syntax, context.Options.AnalyzerConfigOptionsProvider) &&
                 context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation call &&
                 ReferenceEquals(call.Syntax, syntax))
        {
            AnalyzeHelperCall(context, call, ef, keys, helpers);
        }
    }

    /// <summary>
    /// PagedList.CreateAsync(query, page, size) whose body pages its query parameter with Skip/Take and no order:
    /// reported at the caller's argument, because the order is the caller's to give (the helper is right for every
    /// caller that orders) and that is where the fix adds it.
    /// </summary>
    private static void AnalyzeHelperCall(SyntaxNodeAnalysisContext context, IInvocationOperation call, EfSymbols ef, DataAccessModel keys, PagingHelpers helpers)
    {
        var method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
        var paged = helpers.FindUnorderedPagedParameter(method, context.CancellationToken);
        if (paged is null)
        {
            return;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is null || argument.Parameter.Ordinal != paged.Value.Ordinal || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var source = PagingQueries.Strip(argument.Value);
            if (!QueryProvenance.IsDatabaseQuery(source, ef))
            {
                return;
            }

            IOperation? body = null;
            Dictionary<ILocalSymbol, List<IOperation>>? locals = null;
            var filtered = false;
            var root = default(IOperation);
            string? discardedBy = null;
            if (FindOrder(source, ef, ref body, ref locals, ref filtered, ref root, ref discardedBy, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0) != Order.Unordered)
            {
                return;
            }

            var key = keys.FindKey(PagingQueries.GetElementType(source.Type, ef), context.CancellationToken);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(PagingQueries.KeyPropertyName, key ?? string.Empty)
                .Add(OrderTargetProperty, OrderTargetArgument);
            context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), properties,
                "'" + paged.Value.Operator + "' in '" + method.ContainingType.Name + "." + method.Name + "'", (root ?? source).Syntax.ToString(), Reason(discardedBy)));
            return;
        }
    }

    /// <summary>Diagnostic property: where the fix adds the order ("argument": after the reported expression itself).</summary>
    internal const string OrderTargetProperty = "OrderTarget";
    internal const string OrderTargetArgument = "argument";

    /// <summary>FindOrder's discardedBy: a Distinct was passed on the way down; an order under it was found (and lost).</summary>
    private const string DistinctAbove = "pending";
    private const string DiscardedByDistinct = "Distinct";

    private static string Reason(string? discardedBy) => Reason(orderDiscarded: discardedBy == DiscardedByDistinct);

    /// <summary>The message's third argument (also the Up join's).</summary>
    internal static string Reason(bool orderDiscarded) =>
        orderDiscarded ? "whose OrderBy is discarded by the Distinct() after it" : "which has no OrderBy";

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, EfSymbols ef, DataAccessModel keys)
    {
        if (FindUnorderedLimit(invocation, ef, unseen: null) is not { } finding)
        {
            return;
        }

        var key = keys.FindKey(PagingQueries.GetElementType(finding.Source.Type, ef), context.CancellationToken);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(PagingQueries.KeyPropertyName, key ?? string.Empty);
        context.ReportDiagnostic(Diagnostic.Create(Rule, finding.Location, properties, "'" + invocation.TargetMethod.Name + "'", finding.QueryText, Reason(finding.DiscardedBy)));
    }

    /// <summary>A Skip/Take the rule reports (or, for the Up writer, would report if the unseen call's query were unordered).</summary>
    internal sealed class LimitFinding(IOperation source, IOperation? root, string? discardedBy, Location location)
    {
        public IOperation Source { get; } = source;

        /// <summary>Where the spine ends: the DbSet, Set&lt;T&gt;(), or the call that returned the query.</summary>
        public IOperation? Root { get; } = root;

        public string QueryText => (Root ?? Source).Syntax.ToString();

        /// <summary>True when an order on the spine is discarded by a Distinct() after it.</summary>
        public bool OrderDiscarded => DiscardedBy == DiscardedByDistinct;

        internal string? DiscardedBy { get; } = discardedBy;

        /// <summary>From the operator's name to the end of the call (what the rule underlines).</summary>
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
    internal static LimitFinding? FindLimitOverUnseenContract(IInvocationOperation invocation, EfSymbols ef, System.Func<IMethodSymbol, bool> isUnseen) =>
        FindUnorderedLimit(invocation, ef, call => isUnseen(call.TargetMethod));

    /// <param name="unseen">Null for the rule itself (an unordered spine down to its DbSet); the Up writer's test for the call the spine must start at instead.</param>
    private static LimitFinding? FindUnorderedLimit(IInvocationOperation invocation, EfSymbols ef, System.Func<IInvocationOperation, bool>? unseen)
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

        IOperation? body = null;
        Dictionary<ILocalSymbol, List<IOperation>>? locals = null;
        var filtered = false;
        var root = default(IOperation);
        string? discardedBy = null;
        var order = FindOrder(source, ef, ref body, ref locals, ref filtered, ref root, ref discardedBy, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0, unseen);
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
