using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Knows which calls cost a database round trip, directly (ToListAsync on an EF query, Find, Load, SaveChanges,
/// ExecuteUpdate/Delete, raw SQL, configured repository methods) or through methods of the compilation
/// (helpers, local functions, services and repositories reached through interfaces), to a bounded depth.
/// One instance per compilation; thread-safe; summaries are memoised by (method, remaining depth), so results
/// never depend on the order callbacks run in and recursion always ends.
/// </summary>
internal sealed class RoundTripAnalysis
{
    /// <summary>How many calls deep a chain may be (loop -> A -> B -> C -> query).</summary>
    public const int MaxCallDepth = 4;

    private const int MaxCalleesPerMethod = 64;

    private readonly DataAccessModel data;
    private readonly EfSymbols symbols;
    private readonly SemanticModelCache models;
    private readonly SourceTypeIndex types;
    private readonly AnalyzerOptions analyzerOptions;
    private readonly ConcurrentDictionary<SyntaxTree, RoundTripOptions> optionsByTree = new();
    private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> facts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), string?> summaries = new(MethodKeyComparer.Instance);
    private readonly ConcurrentDictionary<ISymbol, bool> compiledQueryHolders = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), string?> delegateLoops = new(MethodKeyComparer.Instance);
    private readonly ConcurrentDictionary<ITypeSymbol, List<IMethodSymbol>> requestHandlers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> sourceDispatchers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, string> mixedChains = new(SymbolEqualityComparer.Default);
    private int joinsPendingContracts;
    private HashSet<string>? sourceMemberNames;

    public RoundTripAnalysis(DataAccessModel data, AnalyzerOptions analyzerOptions)
    {
        this.data = data;
        symbols = data.Symbols;
        models = data.Models;
        types = data.Types;
        this.analyzerOptions = analyzerOptions;
    }

    public EfSymbols Symbols => symbols;

    public DataAccessModel Data => data;

    public RoundTripOptions GetOptions(SyntaxTree tree)
    {
        if (optionsByTree.TryGetValue(tree, out var options))
        {
            return options;
        }

        return optionsByTree.GetOrAdd(tree, RoundTripOptions.Read(analyzerOptions, tree));
    }

    /// <summary>
    /// Syntax first, before a lambda's member is bound: its calls can run once per element only when it is an argument
    /// (<see cref="IterationSyntax.FindCallTakingLambda"/>) of a call named like a LINQ, EF Core or ForEach operator
    /// (<see cref="LoopContext.Find"/>'s per-element lambdas) or like a method or local function of this compilation,
    /// which may loop over it (<see cref="FindLoopInvokingLambda"/>). Lambdas of service registrations, options and
    /// endpoint handlers are neither: their members are no longer bound for them.
    /// </summary>
    public bool MayRunPerElement(AnonymousFunctionExpressionSyntax lambda)
    {
        if (IterationSyntax.FindCallTakingLambda(lambda) is not { } invocation)
        {
            return false;
        }

        if (InvokedName.Of(invocation.Expression) is not { } name)
        {
            return true;
        }

        return symbols.PerElementOperatorNames.Contains(name) ||
            LazyInitializer.EnsureInitialized(ref sourceMemberNames, CollectSourceMemberNames)!.Contains(name) ||
            (invocation.Expression is SimpleNameSyntax && DeclaresLocalFunction(lambda, name));
    }

    private HashSet<string> CollectSourceMemberNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types.Types)
        {
            names.UnionWith(type.MemberNames);
        }

        return names;
    }

    private static bool DeclaresLocalFunction(SyntaxNode node, string name)
    {
        var member = node.FirstAncestorOrSelf<SyntaxNode>(static n => n is MemberDeclarationSyntax or CompilationUnitSyntax);
        if (member is null)
        {
            return true;
        }

        foreach (var descendant in member.DescendantNodes())
        {
            if (descendant is LocalFunctionStatementSyntax local && local.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of the round trip this call itself performs (e.g. "FirstOrDefaultAsync"), or null.</summary>
    public string? ClassifyDirect(IInvocationOperation invocation, RoundTripOptions options)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        ITypeSymbol? context = null;
        string? result = null;

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return IsCompiledQuery(invocation.Instance, cancellationToken: CancellationToken.None) is { } compiled ? compiled : null;
        }

        if (QueryOperators.Executing.Contains(name))
        {
            if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                (symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) || symbols.IsEnumerableContainer(method.ContainingType)))
            {
                var origin = QueryProvenance.GetOrigin(invocation.Arguments[0].Value, symbols);
                if (origin.IsDatabase)
                {
                    result = name;
                    context = origin.ContextType;
                }
            }
            else if (name is "Load" or "LoadAsync" && symbols.IsNavigationEntry(method.ContainingType))
            {
                result = name;
                context = GetEntryContext(invocation.Instance);
            }
        }
        else if (name is "Find" or "FindAsync")
        {
            if (symbols.IsDbSet(method.ContainingType))
            {
                result = name;
                context = QueryProvenance.GetOrigin(invocation.Instance, symbols).ContextType;
            }
            else if (symbols.IsDbContext(method.ContainingType))
            {
                result = name;
                context = invocation.Instance?.Type;
            }
        }
        else if (name is "SaveChanges" or "SaveChangesAsync" && symbols.IsDbContext(method.ContainingType))
        {
            result = name;
            context = invocation.Instance?.Type ?? method.ContainingType;
        }
        else if (QueryOperators.RawSqlExecution.Contains(name) &&
                 SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.RelationalDatabaseFacadeExtensions))
        {
            result = name;
            if (invocation.Arguments.Length > 0 && OperationHelpers.Unwrap(invocation.Arguments[0].Value) is IPropertyReferenceOperation database)
            {
                context = database.Instance?.Type;
            }
        }

        if (result is null && !options.QueryMethods.IsEmpty && options.QueryMethods.Contains(RuleOptions.GetQualifiedName(method.OriginalDefinition)))
        {
            result = name;
        }

        if (result is null && !IsInCompilation(method))
        {
            result = ClassifyExternal(method, options);
        }

        if (result is not null && context is not null && !options.ExcludedContexts.IsEmpty &&
            context is INamedTypeSymbol namedContext && options.ExcludedContexts.Contains(RuleOptions.GetQualifiedName(namedContext)))
        {
            return null;
        }

        return result;
    }

    /// <summary>
    /// Methods in other assemblies built without PerfGuard: the narrow repository heuristic. An assembly built with
    /// PerfGuard recorded its summary; that is trusted instead (see <see cref="Summarize"/>).
    /// </summary>
    private string? ClassifyExternal(IMethodSymbol method, RoundTripOptions options)
    {
        if (!options.ExternalRepositoryHeuristic || method.ContainingAssembly is null || !EntityModel.ReferencesEfCore(method.ContainingAssembly) ||
            data.GetReferencedSummaries(CancellationToken.None).IsSummarized(method.ContainingAssembly))
        {
            return null;
        }

        var result = symbols.GetTaskResultType(method.ReturnType);
        if (result is null)
        {
            return null;
        }

        var model = data.GetEntityModel(CancellationToken.None);
        if (model.IsEntityType(result) || (result.SpecialType == SpecialType.None && model.IsEntityType(symbols.GetElementType(result))))
        {
            return method.Name;
        }

        return null;
    }

    private ITypeSymbol? GetEntryContext(IOperation? instance)
    {
        // db.Entry(x).Reference(..).Load(): the context is the receiver of Entry.
        for (var depth = 0; instance is IInvocationOperation call && depth < 4; depth++)
        {
            if (call.TargetMethod.Name == "Entry" && symbols.IsDbContext(call.TargetMethod.ContainingType))
            {
                return call.Instance?.Type;
            }

            instance = call.Instance;
        }

        return null;
    }

    /// <summary>
    /// For a call that is not itself a round trip: the chain to the first round trip its callee runs
    /// ("GetTenantAsync -> FirstOrDefaultAsync"), following source methods, local functions, lambdas held in
    /// locals, and interface/abstract methods through their implementations in the compilation. Null when none.
    /// </summary>
    public string? FindCalleeChain(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            var target = invocation.Instance is ILocalReferenceOperation local ? OperationHelpers.GetLocalInitializer(local) : null;
            var lambda = LambdaPath.GetLambda(target);
            if (lambda is null)
            {
                return null;
            }

            var lambdaFacts = ComputeFacts(lambda, cancellationToken);
            var inner = lambdaFacts.DirectRoundTrip ?? FirstCalleeChain(lambdaFacts, MaxCallDepth - 1, cancellationToken);
            return inner is null ? null : ((ILocalReferenceOperation)invocation.Instance!).Local.Name + " -> " + inner;
        }

        if (FindDispatchChain(invocation, MaxCallDepth - 1, cancellationToken) is { } dispatched)
        {
            return dispatched.Length == 0 ? null : dispatched;
        }

        return IsFollowable(method) ? Summarize(method, MaxCallDepth, cancellationToken) : null;
    }

    /// <summary>
    /// A dispatch (MediatR's Send/Publish, or a dispatcher that resolves handlers from DI by the request's type): the
    /// chain through the first handler of the request that makes a round trip ("Send(GetLeaseQuery) -> Handle ->
    /// FirstAsync"); "" for a dispatch whose handlers make none; null when the call is not a dispatch with a resolved
    /// handler (then it is followed as any other call). Every handler counts (Publish runs them all).
    /// </summary>
    private string? FindDispatchChain(IInvocationOperation invocation, int depth, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        var request = invocation.Arguments.Length > 0 && (RequestHandlers.IsMediatorDispatch(method) || IsSourceDispatcher(method))
            ? RequestHandlers.GetDispatchedRequest(invocation)
            : null;
        var handlers = request is null ? null : FindRequestHandlers(request);
        if (request is not null && handlers is { Count: > 0 })
        {
            foreach (var handler in handlers)
            {
                if (Summarize(handler, depth, cancellationToken) is { } handled)
                {
                    return method.Name + "(" + request.Name + ") -> " + handled;
                }
            }

            return string.Empty;
        }

        if (IsInCompilation(method) || method.ContainingAssembly is null || MethodSummary.IsFrameworkAssemblyName(method.ContainingAssembly.Identity.Name) && !RequestHandlers.IsMediatorDispatch(method))
        {
            return null;
        }

        // The handlers sit in a referenced project: its handler records, completed with the implementations' records.
        var summaries = data.GetReferencedSummaries(cancellationToken);
        if (HandlerFacts.FindRecordedHandlers(summaries, invocation) is not { Count: > 0 } recorded)
        {
            return null;
        }

        var chain = HandlerFacts.FindRoundTrip(summaries, recorded);
        var requestName = RequestHandlers.GetDispatchedRequest(invocation)?.Name;
        return chain is null ? string.Empty : method.Name + "(" + requestName + ") -> " + chain;
    }

    private bool IsSourceDispatcher(IMethodSymbol method)
    {
        if (!IsInCompilation(method) || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        if (sourceDispatchers.TryGetValue(definition, out var known))
        {
            return known;
        }

        return sourceDispatchers.GetOrAdd(definition, RequestHandlers.IsSourceDispatcher(definition));
    }

    /// <summary>Cheap pre-filter: could this call lead to a round trip through code we can read?</summary>
    public bool IsFollowable(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return true;
        }

        if (!IsInCompilation(method))
        {
            return RequestHandlers.IsMediatorDispatch(method) || HasReferencedRoundTrip(method) ||
                   (method.Parameters.Length > 0 && data.GetReferencedSummaries(CancellationToken.None).IsDispatcher(method)) ||
                   (MethodSummary.IsApplicationContract(method.OriginalDefinition) && !types.GetImplementations(method.OriginalDefinition).IsEmpty);
        }

        return method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.ExplicitInterfaceImplementation;
    }

    /// <summary>The chain a referenced project recorded for this method (or an implementation of it), or null.</summary>
    private string? FindReferencedRoundTrip(IMethodSymbol method)
    {
        if (method.ContainingAssembly is null || MethodSummary.IsFrameworkAssemblyName(method.ContainingAssembly.Identity.Name))
        {
            return null;
        }

        var summaries = data.GetReferencedSummaries(CancellationToken.None);
        return summaries.IsEmpty ? null : summaries.FindRoundTrip(method) ?? FindMixedChain(method, summaries);
    }

    /// <summary>The most interface methods one record lists in field 13.</summary>
    internal const int MaxPendingContracts = 8;

    /// <summary>
    /// A mixed chain (docs/cross-project.md, Down): a referenced method with no round trip of its own that calls interface
    /// methods its project could not see implemented (field 13), joined with an implementation this compilation sees (a
    /// referenced project's record under the interface method's ID, or a body here): "GenerateAsync ->
    /// IUnitOfWork.SaveChangesAsync -> SaveChangesAsync". PG0001's any-implementation policy. Null when none makes a
    /// round trip, and in a project that reports no cross-project joins (a test project, or
    /// perfguard.report_cross_project_call_sites = false): the first project that sees every side is the one whose
    /// loop calls the method, and its dependents never see that loop.
    /// </summary>
    private string? FindMixedChain(IMethodSymbol method, ReferencedSummaries summaries)
    {
        var records = summaries.Find(method);
        if (records is null || !HasPendingContracts(records) || !JoinsPendingContracts())
        {
            return null;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (mixedChains.TryGetValue(definition, out var known))
        {
            return known.Length == 0 ? null : known;
        }

        // A cycle (a contract whose implementation here calls the method again) ends on this thread only: a callback on
        // another thread that asks meanwhile computes the chain itself rather than read a placeholder.
        var inProgress = resolvingMixedChains ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(definition))
        {
            return null;
        }

        string? chain = null;
        try
        {
            foreach (var record in records)
            {
                foreach (var contractId in record.PendingContracts)
                {
                    if (ResolveContract(contractId, summaries) is { } implemented)
                    {
                        chain = definition.Name + " -> " + implemented;
                        break;
                    }
                }

                if (chain is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            inProgress.Remove(definition);
        }

        return (mixedChains.GetOrAdd(definition, chain ?? string.Empty) is { Length: > 0 } cached) ? cached : null;
    }

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? resolvingMixedChains;

    private static bool HasPendingContracts(IReadOnlyList<MethodSummary> records)
    {
        foreach (var record in records)
        {
            if (record.PendingContracts.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool JoinsPendingContracts()
    {
        if (joinsPendingContracts == 0)
        {
            Interlocked.CompareExchange(ref joinsPendingContracts, CompositionRoot.ReportsCallSites(symbols.Compilation, analyzerOptions) ? 1 : -1, 0);
        }

        return joinsPendingContracts > 0;
    }

    /// <summary>"IUnitOfWork.SaveChangesAsync -> SaveChangesAsync": the chain of an implementation this compilation sees, named by its interface.</summary>
    private string? ResolveContract(string contractId, ReferencedSummaries summaries)
    {
        string? chain = null;
        foreach (var record in summaries.Find(contractId) ?? Array.Empty<MethodSummary>())
        {
            if (record.RoundTrip is not null)
            {
                chain = record.RoundTrip;
                break;
            }
        }

        var contract = DocumentationCommentId.GetFirstSymbolForDeclarationId(contractId, symbols.Compilation) as IMethodSymbol;
        if (chain is null && contract is not null)
        {
            foreach (var implementation in types.GetImplementations(contract))
            {
                chain = SummarizeBody(implementation, MaxCallDepth - 1, CancellationToken.None);
                if (chain is not null)
                {
                    break;
                }
            }
        }

        if (chain is null)
        {
            return null;
        }

        // The implementation's own name is the contract's method name: name the contract instead.
        var arrow = chain.IndexOf(" -> ", StringComparison.Ordinal);
        var rest = arrow < 0 ? string.Empty : chain.Substring(arrow);
        var name = contract is not null ? contract.ContainingType.Name + "." + contract.Name : ContractDisplayName(contractId);
        return name + rest;
    }

    /// <summary>"M:Shop.Domain.IUnitOfWork.SaveChangesAsync(System.Threading.CancellationToken)" gives "IUnitOfWork.SaveChangesAsync".</summary>
    private static string ContractDisplayName(string contractId)
    {
        var end = contractId.IndexOf('(');
        var qualified = end < 0 ? contractId : contractId.Substring(0, end);
        var method = qualified.LastIndexOf('.');
        var type = method <= 0 ? -1 : qualified.LastIndexOf('.', method - 1);
        var display = type < 0 ? qualified : qualified.Substring(type + 1);
        var parts = display.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var tick = parts[i].IndexOf('`');
            parts[i] = tick < 0 ? parts[i] : parts[i].Substring(0, tick);
        }

        return string.Join(".", parts);
    }

    /// <summary>
    /// Field 13 for the summary writer: the interface methods nothing here implements (<see cref="SummaryWriter.IsUnseenContract"/>)
    /// that the method calls, itself or through methods of this compilation (to the chain depth), and those a referenced
    /// method's record still waits for when they are unseen here too. Asked only for a method without a round trip.
    /// </summary>
    public string[]? FindPendingContracts(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        CollectPendingContracts(method.OriginalDefinition, MaxCallDepth, found, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);
        return found.Count == 0 ? null : found.ToArray();
    }

    private void CollectPendingContracts(IMethodSymbol method, int depth, List<string> found, HashSet<IMethodSymbol> visited, CancellationToken cancellationToken)
    {
        if (depth <= 0 || !visited.Add(method))
        {
            return;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (models.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                if (found.Count >= MaxPendingContracts)
                {
                    return;
                }

                if (operation is not IInvocationOperation invocation || IsInsideExpressionTree(invocation, symbols))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var target = invocation.TargetMethod.OriginalDefinition;
                if (SummaryWriter.IsUnseenContract(target, data))
                {
                    AddPending(found, target.GetDocumentationCommentId());
                }
                else if (IsInCompilation(target))
                {
                    if (target.MethodKind is MethodKind.Ordinary && !target.IsAbstract)
                    {
                        CollectPendingContracts(target, depth - 1, found, visited, cancellationToken);
                    }
                }
                else if (target.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) &&
                         data.GetReferencedSummaries(cancellationToken).Find(target) is { } records)
                {
                    // Transitive: a referenced method still waiting for a contract this project cannot see implemented either.
                    foreach (var record in records)
                    {
                        foreach (var contractId in record.PendingContracts)
                        {
                            if (DocumentationCommentId.GetFirstSymbolForDeclarationId(contractId, symbols.Compilation) is IMethodSymbol contract &&
                                SummaryWriter.IsUnseenContract(contract, data))
                            {
                                AddPending(found, contractId);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void AddPending(List<string> found, string? id)
    {
        if (id is not null && found.Count < MaxPendingContracts && !found.Contains(id))
        {
            found.Add(id);
        }
    }

    private bool HasReferencedRoundTrip(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation && FindReferencedRoundTrip(method) is not null;

    /// <summary>
    /// The chain to the first round trip calling this method makes (this compilation's body, its implementations, or
    /// a referenced project's summary); null when none is known. Used by the summary writer.
    /// </summary>
    public string? SummarizeMethod(IMethodSymbol method, CancellationToken cancellationToken) =>
        Summarize(method, MaxCallDepth, cancellationToken);

    /// <summary>
    /// Declared in this compilation (not in a referenced project: in the IDE those are compilation references whose
    /// symbols have source locations, but their trees belong to another compilation).
    /// </summary>
    private bool IsInCompilation(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, symbols.Compilation.Assembly);

    private string? Summarize(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        if (depth <= 0)
        {
            return null;
        }

        var definition = method.OriginalDefinition;
        var key = (definition, depth);
        if (summaries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string? result = null;
        if (!IsInCompilation(definition))
        {
            // A referenced project: its recorded summary, whatever the depth (it was bounded when it was computed); a
            // contract of it that this project implements (ILibraryManager of a Controller project, LibraryManager
            // here): the implementations' bodies, as for a contract of this project.
            result = FindReferencedRoundTrip(definition) ??
                (MethodSummary.IsApplicationContract(definition) ? FirstImplementationChain(definition, depth, cancellationToken) : null);
        }
        else if (definition.IsAbstract || definition.ContainingType?.TypeKind == TypeKind.Interface)
        {
            result = FirstImplementationChain(definition, depth, cancellationToken);

            // An interface of this project implemented in a referenced one.
            result ??= FindReferencedRoundTrip(definition);
        }
        else
        {
            result = SummarizeBody(definition, depth, cancellationToken);
            if (result is null && definition.IsVirtual)
            {
                foreach (var implementation in types.GetImplementations(definition))
                {
                    result = SummarizeBody(implementation, depth, cancellationToken);
                    if (result is not null)
                    {
                        break;
                    }
                }
            }
        }

        return summaries.GetOrAdd(key, result);
    }

    /// <summary>The chain of the first implementation in this compilation that makes a round trip (any implementation: PG0001's policy).</summary>
    private string? FirstImplementationChain(IMethodSymbol definition, int depth, CancellationToken cancellationToken)
    {
        foreach (var implementation in types.GetImplementations(definition))
        {
            // Same depth: the interface call and its implementation are one step of the chain.
            var chain = SummarizeBody(implementation, depth, cancellationToken);
            if (chain is not null)
            {
                return chain;
            }
        }

        return null;
    }

    private string? SummarizeBody(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        var methodFacts = GetFacts(method, cancellationToken);
        var inner = methodFacts.DirectRoundTrip ?? FirstCalleeChain(methodFacts, depth - 1, cancellationToken);
        return inner is null ? null : method.Name + " -> " + inner;
    }

    private string? FirstCalleeChain(MethodFacts methodFacts, int depth, CancellationToken cancellationToken)
    {
        if (depth <= 0)
        {
            return null;
        }

        foreach (var callee in methodFacts.Callees)
        {
            var chain = Summarize(callee, depth, cancellationToken);
            if (chain is not null)
            {
                return chain;
            }
        }

        return null;
    }

    private MethodFacts GetFacts(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        if (facts.TryGetValue(definition, out var cached))
        {
            return cached;
        }

        var result = MethodFacts.Empty;
        foreach (var reference in definition.DeclaringSyntaxReferences)
        {
            var body = models.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken);
            if (body is not null)
            {
                result = ComputeFacts(body, cancellationToken);
                if (result.DirectRoundTrip is not null || !result.Callees.IsEmpty)
                {
                    break;
                }
            }
        }

        return facts.GetOrAdd(definition, result);
    }

    private MethodFacts ComputeFacts(IOperation body, CancellationToken cancellationToken)
    {
        string? direct = null;
        var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        RoundTripOptions? options = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (IsInsideExpressionTree(invocation, symbols))
            {
                // Quoted, not run here: translated into the query's SQL, or handed to a job runner
                // (BackgroundJob.Enqueue(() => svc.Scan(id)) runs later on a worker).
                continue;
            }

            options ??= GetOptions(invocation.Syntax.SyntaxTree);
            var name = ClassifyDirect(invocation, options);
            if (name is not null)
            {
                direct = name;
                break;
            }

            var target = invocation.TargetMethod;
            if (invocation.Arguments.Length > 0 && (RequestHandlers.IsMediatorDispatch(target) || IsSourceDispatcher(target) ||
                (!IsInCompilation(target) && IsFollowable(target))) &&
                FindDispatchHandlersOrChain(invocation, cancellationToken) is { } dispatch)
            {
                if (dispatch.Chain is not null)
                {
                    direct = dispatch.Chain;
                    break;
                }

                foreach (var handler in dispatch.Handlers)
                {
                    if (callees.Count < MaxCalleesPerMethod && seen.Add(handler))
                    {
                        callees.Add(handler);
                    }
                }
            }
            else if (callees.Count < MaxCalleesPerMethod && target.MethodKind != MethodKind.DelegateInvoke &&
                IsFollowable(target) && seen.Add(target.OriginalDefinition))
            {
                callees.Add(target.OriginalDefinition);
            }
        }

        return new MethodFacts(direct, callees.ToImmutable());
    }

    /// <summary>
    /// A delegate made by <c>EF.CompileQuery</c>/<c>EF.CompileAsyncQuery</c> (held in a field, property or local):
    /// invoking it runs the query. Returns the name to show ("GetOrder (compiled query)"), or null.
    /// </summary>
    private string? IsCompiledQuery(IOperation? instance, CancellationToken cancellationToken)
    {
        var holder = OperationHelpers.HeldIn(OperationHelpers.Unwrap(instance));
        if (holder is null)
        {
            return null;
        }

        if (compiledQueryHolders.TryGetValue(holder, out var known))
        {
            return known ? holder.Name + " (compiled query)" : null;
        }

        var isCompiled = false;
        if (holder is ILocalSymbol && instance is ILocalReferenceOperation localReference)
        {
            isCompiled = OperationHelpers.GetLocalInitializer(localReference) is IInvocationOperation initializer && IsCompileQueryMethod(initializer.TargetMethod);
        }
        else
        {
            foreach (var reference in holder.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(cancellationToken) switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
                    _ => null,
                };
                isCompiled |= initializer is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                {
                    Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax
                    {
                        Name.Identifier.ValueText: "CompileQuery" or "CompileAsyncQuery",
                        Expression: var receiver,
                    },
                } && receiver.ToString() is "EF" or "Microsoft.EntityFrameworkCore.EF";
            }
        }

        compiledQueryHolders.TryAdd(holder, isCompiled);
        return isCompiled ? holder.Name + " (compiled query)" : null;
    }

    private static bool IsCompileQueryMethod(IMethodSymbol method) =>
        method.Name is "CompileQuery" or "CompileAsyncQuery" && method.ContainingType is { Name: "EF" } type &&
        type.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore";

    /// <summary>The compilation's handlers of a request type (by shape: see <see cref="RequestHandlers"/>).</summary>
    private List<IMethodSymbol> FindRequestHandlers(INamedTypeSymbol request)
    {
        if (requestHandlers.TryGetValue(request, out var known))
        {
            return known;
        }

        return requestHandlers.GetOrAdd(request, RequestHandlers.FindInCompilation(types, request));
    }

    /// <summary>
    /// For a dispatch inside a method being summarised: the handlers of this compilation to follow as callees, or the
    /// chain a referenced project's handler records give; null when the call is no dispatch with a resolved handler.
    /// </summary>
    private (List<IMethodSymbol> Handlers, string? Chain)? FindDispatchHandlersOrChain(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (RequestHandlers.IsMediatorDispatch(method) || IsSourceDispatcher(method))
        {
            if (RequestHandlers.GetDispatchedRequest(invocation) is { } request && FindRequestHandlers(request) is { Count: > 0 } handlers)
            {
                return (handlers, null);
            }
        }

        if (IsInCompilation(method))
        {
            return null;
        }

        var chain = FindDispatchChain(invocation, MaxCallDepth - 1, cancellationToken);
        return chain is { Length: > 0 } ? (new List<IMethodSymbol>(), chain) : null;
    }

    /// <summary>
    /// A lambda passed to a method of this compilation that invokes the parameter once per iteration of one of its
    /// loops (<c>LoadAll(ids, id =&gt; db.Orders.FindAsync(id))</c>): that loop, described for the message
    /// ("foreach loop in 'LoadAll', which calls this lambda"); null otherwise.
    /// </summary>
    public string? FindLoopInvokingLambda(IOperation operation, CancellationToken cancellationToken)
    {
        IAnonymousFunctionOperation? lambda = null;
        for (var current = operation.Parent; current is not null && lambda is null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation function:
                    lambda = function;
                    break;
                case ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation or ILoopOperation:
                    return null;
            }
        }

        IOperation? argument = lambda?.Parent;
        while (argument is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            argument = argument.Parent;
        }

        return argument is IArgumentOperation delegateArgument && FindLoopInvokingArgument(delegateArgument, cancellationToken) is { } loop
            ? loop + ", which calls this lambda"
            : null;
    }

    /// <summary>
    /// A delegate argument (a lambda or a method group) of a call to a method of this compilation that invokes the
    /// parameter once per iteration of one of its loops, or passes it on to one that does: that loop, described for
    /// the message ("foreach loop in 'LoadAll'"); null otherwise.
    /// </summary>
    public string? FindLoopInvokingArgument(IArgumentOperation argument, CancellationToken cancellationToken)
    {
        if (argument is not { Parameter: { } parameter, Parent: IInvocationOperation call } ||
            parameter.Type.TypeKind != TypeKind.Delegate || !IsInCompilation(call.TargetMethod) ||
            call.TargetMethod.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return null;
        }

        return FindLoopInvokingParameter(call.TargetMethod.OriginalDefinition, parameter.Ordinal, hops: 0, cancellationToken);
    }

    /// <summary>
    /// The loop of <paramref name="method"/> that invokes its delegate parameter per iteration; or, one hop further,
    /// the loop of the method it hands the parameter to (<c>Outer(ids, loader)</c> calls <c>LoadAll(ids, loader)</c>).
    /// </summary>
    private string? FindLoopInvokingParameter(IMethodSymbol method, int ordinal, int hops, CancellationToken cancellationToken)
    {
        // The hop is part of the key: one hop further, the parameter is not handed on again.
        var key = (method, ordinal + (hops << 16));
        if (delegateLoops.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string? result = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            if (ordinal < method.Parameters.Length && !MayInvokeParameterPerIteration(declaration, method.Parameters[ordinal].Name, handOn: hops == 0))
            {
                continue;
            }

            var body = models.GetOperation(declaration, cancellationToken);
            if (body is null)
            {
                continue;
            }

            foreach (var descendant in body.Descendants())
            {
                if (descendant is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: IParameterReferenceOperation invoked } invocation &&
                    IsParameter(invoked, method, ordinal))
                {
                    var loop = LoopContext.Find(invocation, symbols);
                    if (!loop.IsNone)
                    {
                        loop = loop.Resolve(invocation, GetOptions(invocation.Syntax.SyntaxTree).SmallLoopBound, symbols);
                    }

                    if (!loop.IsNone)
                    {
                        result = loop.Description + " in '" + method.Name + "'";
                        break;
                    }
                }
                else if (hops == 0 && descendant is IArgumentOperation { Value: var passed } handedOn &&
                         OperationHelpers.Unwrap(passed) is IParameterReferenceOperation forwarded && IsParameter(forwarded, method, ordinal) &&
                         handedOn.Parent is IInvocationOperation next && IsInCompilation(next.TargetMethod) && handedOn.Parameter is { } nextParameter &&
                         nextParameter.Type.TypeKind == TypeKind.Delegate && next.TargetMethod.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction &&
                         !SymbolEqualityComparer.Default.Equals(next.TargetMethod.OriginalDefinition, method) &&
                         FindLoopInvokingParameter(next.TargetMethod.OriginalDefinition, nextParameter.Ordinal, hops + 1, cancellationToken) is { } further)
                {
                    result = further + " (handed on by '" + method.Name + "')";
                    break;
                }
            }

            if (result is not null)
            {
                break;
            }
        }

        return delegateLoops.GetOrAdd(key, result);

        static bool IsParameter(IParameterReferenceOperation reference, IMethodSymbol owner, int ordinal) =>
            reference.Parameter.Ordinal == ordinal &&
            SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol?.OriginalDefinition, owner);
    }

    /// <summary>
    /// Syntax first, before the helper's body is bound (a 200-line save helper taking <c>Func&lt;CancellationToken, Task&gt;</c>
    /// and calling it once was most of PG0001's time in a real project): false when no use of the parameter's name is
    /// inside a loop, lambda or query of its own function (what <see cref="LoopContext.Find"/> can call an iteration; a
    /// local function in between ends the search there too) nor, when <paramref name="handOn"/>, inside an argument.
    /// </summary>
    private static bool MayInvokeParameterPerIteration(SyntaxNode declaration, string name, bool handOn)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
            {
                continue;
            }

            for (var current = identifier.Parent; current is not null && current != declaration; current = current.Parent)
            {
                if (IterationSyntax.IsIterationKind(current) || (handOn && current is ArgumentSyntax))
                {
                    return true;
                }

                if (current is LocalFunctionStatementSyntax)
                {
                    break;
                }
            }
        }

        return false;
    }

    /// <summary>The chain to the first round trip calling a method (a method group passed as a delegate) makes, or null.</summary>
    public string? SummarizeDelegateTarget(IMethodSymbol method, CancellationToken cancellationToken) =>
        IsFollowable(method) ? Summarize(method, MaxCallDepth, cancellationToken) : null;

    /// <summary>True inside a lambda that is quoted as an expression tree (an EF sub-query: translated, not run).</summary>
    public static bool IsInsideExpressionTree(IOperation operation, EfSymbols symbols)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                var parent = lambda.Parent;
                if (parent is IConversionOperation conversion &&
                    SymbolEqualityComparer.Default.Equals(conversion.Type?.OriginalDefinition, symbols.Expression))
                {
                    return true;
                }

                if (parent is IDelegateCreationOperation creation &&
                    SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, symbols.Expression))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private sealed class MethodFacts
    {
        public static readonly MethodFacts Empty = new(null, ImmutableArray<IMethodSymbol>.Empty);

        public MethodFacts(string? directRoundTrip, ImmutableArray<IMethodSymbol> callees)
        {
            DirectRoundTrip = directRoundTrip;
            Callees = callees;
        }

        public string? DirectRoundTrip { get; }

        public ImmutableArray<IMethodSymbol> Callees { get; }
    }
}
