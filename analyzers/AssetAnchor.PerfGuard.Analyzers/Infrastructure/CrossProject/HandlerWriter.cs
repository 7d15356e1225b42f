using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Writes the handler records (<see cref="HandlerRecord"/>) and dispatcher records (<see cref="DispatcherRecord"/>) of a
/// project: every handler of a request type, internal ones included (the request type is what other projects see), with
/// its own facts and the facts conditional on interfaces implemented in a project built later.
/// </summary>
/// <remarks>
/// Works without EF Core too (<paramref name="data"/> null): an Application project that only declares repository
/// interfaces then records the conditional facts and, over a model without EF Core's types, the request page sizes. Cost: the bodies of the handle methods are bound, and the
/// dispatcher candidates (public methods whose first parameter is an interface) are read as syntax.
/// </remarks>
internal static class HandlerWriter
{
    private const int MaxRecords = 2000;
    private const int MaxDeferred = 8;

    /// <param name="withoutEfCore">
    /// Without EF Core (<paramref name="data"/> null): the model whose EF Core types are absent
    /// (<see cref="DataAccessModel.CreateWithoutEfCore"/>), shared with the call-site and paging-helper writers (one
    /// type index, one bound body per handler). It gives field 12, the request page sizes, and nothing else: round trips
    /// and rows stay those of a project without EF Core (none of its own).
    /// </param>
    public static void Collect(
        Compilation compilation, DataAccessModel? data, AnalyzerOptions options, List<HandlerRecord> handlers, List<string> dispatchers,
        CancellationToken cancellationToken, DataAccessModel? withoutEfCore = null)
    {
        var pageSizeModel = data ?? withoutEfCore;
        var types = pageSizeModel?.Types ?? new SourceTypeIndex(compilation);
        var models = pageSizeModel?.Models ?? new SemanticModelCache(compilation);
        RoundTripAnalysis? roundTrips = data?.GetRoundTrips(options);
        RowsAnalysis.CompilationData? rows = data is null ? null : new RowsAnalysis.CompilationData(data, data.AspNet);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types.Types)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (type.TypeKind != TypeKind.Class || handlers.Count >= MaxRecords)
            {
                continue;
            }

            if (!type.IsAbstract)
            {
                foreach (var contract in type.AllInterfaces)
                {
                    if (contract.TypeArguments.Length == 0 || contract.TypeArguments[0] is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } request ||
                        RequestHandlers.GetHandleMethod(contract) is not { } handleDefinition)
                    {
                        continue;
                    }

                    foreach (var member in contract.GetMembers(handleDefinition.Name))
                    {
                        if (member is not IMethodSymbol { Parameters.Length: > 0 } handle ||
                            RequestHandlers.FindHandleImplementation(type, handle) is not { } implementation ||
                            RequestHandlers.GetRecordKey(request) is not { } requestId ||
                            implementation.OriginalDefinition.GetDocumentationCommentId() is not { } handlerId ||
                            !written.Add(requestId + "\t" + handlerId))
                        {
                            continue;
                        }

                        var record = Summarize(requestId, handlerId, implementation.OriginalDefinition, data, pageSizeModel, types, models, roundTrips, rows, options, cancellationToken);
                        if (record.HasFacts)
                        {
                            handlers.Add(record);
                        }

                        break;
                    }
                }
            }

            if (IsPublic(type))
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsAbstract: false } method &&
                        RequestHandlers.IsSourceDispatcher(method) && method.GetDocumentationCommentId() is { } id)
                    {
                        dispatchers.Add(id);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The parameter whose rows a method returns (its rows summary says so), unless the body assigns the parameter
    /// (<c>query = query.Take(10)</c>): then the value returned is not the caller's.
    /// </summary>
    public static int PassedParameter(IMethodSymbol method, int ordinal, CancellationToken cancellationToken)
    {
        if (ordinal < 0 || ordinal >= method.Parameters.Length)
        {
            return -1;
        }

        var name = method.Parameters[ordinal].Name;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var assigned } } && assigned == name)
                {
                    return -1;
                }
            }
        }

        return ordinal;
    }

    private static HandlerRecord Summarize(
        string requestId, string handlerId, IMethodSymbol handler, DataAccessModel? data, DataAccessModel? pageSizeModel, SourceTypeIndex types, SemanticModelCache models,
        RoundTripAnalysis? roundTrips, RowsAnalysis.CompilationData? rows, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var roundTrip = roundTrips?.SummarizeMethod(handler, cancellationToken);
        var rowsKind = SummaryRows.None;
        string? entity = null;
        string? query = null;
        var ordered = false;
        if (rows is not null && data is not null && handler.DeclaringSyntaxReferences.Length > 0 &&
            PagingQueries.MayReturnRows(handler.ReturnType, data.Symbols))
        {
            var tree = handler.DeclaringSyntaxReferences[0].SyntaxTree;
            var paginationMethods = PagingQueries.ReadList(options.AnalyzerConfigOptionsProvider.GetOptions(tree), PagingQueries.PaginationMethodsKey);
            var verdict = rows.Summarize(handler, paginationMethods, 1, cancellationToken);
            if (verdict.Kind == RowsAnalysis.RowsKind.Unbounded && verdict.Finding is { FilteredByCaller: false } finding)
            {
                rowsKind = SummaryRows.Unbounded;
                entity = finding.Entity?.OriginalDefinition.GetDocumentationCommentId();
                query = finding.QueryText;
                ordered = finding.Ordered;
            }
            else if (verdict.Kind == RowsAnalysis.RowsKind.Bounded)
            {
                rowsKind = SummaryRows.Bounded;
            }
        }

        var deferredRoundTrips = ImmutableArray<string>.Empty;
        var deferredRows = ImmutableArray<HandlerRecord.RowsStep>.Empty;
        var body = GetBody(handler, models, cancellationToken);
        if (body is not null && roundTrip is null)
        {
            deferredRoundTrips = CollectDeferredCalls(body, handler, types, models, cancellationToken);
        }

        if (body is not null && rowsKind == SummaryRows.None)
        {
            var returned = GetSingleReturnedValue(body);
            var steps = new List<HandlerRecord.RowsStep>();
            if (returned is not null && TryBuildRowsChain(returned, types, data, steps, ref ordered, 0))
            {
                deferredRows = steps.ToImmutableArray();
                query = returned.Syntax.ToString();
                var element = GetElementTypeOfResult(handler.ReturnType);
                entity = element is INamedTypeSymbol named ? named.OriginalDefinition.GetDocumentationCommentId() : null;
            }
            else
            {
                ordered = false;
            }
        }

        return new HandlerRecord(
            requestId, handlerId, handler.Name, roundTrip, rowsKind, entity, query, ordered, deferredRoundTrips, deferredRows,
            pageSizeModel is null ? ParameterSet.None : RequestPageSizes(pageSizeModel.GetPageSizes().SummarizeParameters(handler, cancellationToken)));
    }

    /// <summary>
    /// PG0006 through a dispatch: the request's properties (parameter 0) the handler takes into Take unbounded, as its
    /// page-size summary says (<c>0.PageSize</c>); the handler's other parameters (a CancellationToken) carry nothing
    /// the dispatching endpoint sets.
    /// </summary>
    internal static ParameterSet RequestPageSizes(ParameterSet summary)
    {
        var result = ParameterSet.None;
        foreach (var name in summary.PropertiesOf(0))
        {
            result = result.AddProperty(0, name);
        }

        return result;
    }

    private static IOperation? GetBody(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken) =>
        models.GetMethodBody(method, SourceBodies.MethodDeclarations, cancellationToken);

    /// <summary>
    /// The interface methods the handler (and the methods of this project it calls directly) call without an
    /// implementation in sight: one of them making a round trip, per its implementation's record, makes the handler one.
    /// </summary>
    private static ImmutableArray<string> CollectDeferredCalls(IOperation body, IMethodSymbol handler, SourceTypeIndex types, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { handler };
        Walk(body, 0);
        return ids.ToImmutableArray();

        void Walk(IOperation root, int depth)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is not IInvocationOperation invocation || ids.Count >= MaxDeferred || IsQuoted(invocation))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var target = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
                if (IsUnseenContract(target, types))
                {
                    if (target.GetDocumentationCommentId() is { } id && !ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }
                else if (depth == 0 && target.MethodKind == MethodKind.Ordinary && !target.IsAbstract &&
                         SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, handler.ContainingAssembly) && visited.Add(target) &&
                         GetBody(target, models, cancellationToken) is { } callee)
                {
                    Walk(callee, depth + 1);
                }
            }
        }
    }

    /// <summary>Inside a lambda quoted as an expression tree: translated, not run.</summary>
    private static bool IsQuoted(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation { Parent: IConversionOperation or IDelegateCreationOperation } lambda &&
                lambda.Parent?.Type is INamedTypeSymbol { Name: "Expression", IsGenericType: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An interface or abstract method of the application (not the framework's) that nothing in this project implements.</summary>
    internal static bool IsUnseenContract(IMethodSymbol definition, SourceTypeIndex types) =>
        (definition.IsAbstract || definition.ContainingType?.TypeKind == TypeKind.Interface) &&
        definition.ContainingAssembly is not null && !MethodSummary.IsFrameworkAssemblyName(definition.ContainingAssembly.Identity.Name) &&
        !definition.ContainingAssembly.Identity.HasPublicKey && types.GetImplementations(definition).IsEmpty;

    private static IOperation? GetSingleReturnedValue(IOperation body)
    {
        IOperation? found = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } && !IsInNestedFunction(operation, body))
            {
                if (found is not null)
                {
                    return null;
                }

                found = value;
            }
        }

        return found;
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && !ReferenceEquals(current, body); current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    // LINQ operators that keep every row of their source (filters are not a bound; a key lookup is, below).
    private static readonly HashSet<string> RowKeepingOperators = new(StringComparer.Ordinal)
    {
        "Where", "Select", "Join", "Include", "ThenInclude", "AsNoTracking", "AsNoTrackingWithIdentityResolution", "AsTracking", "AsSplitQuery",
        "AsSingleQuery", "IgnoreQueryFilters", "IgnoreAutoIncludes", "TagWith", "AsQueryable", "AsEnumerable", "AsAsyncEnumerable", "ToList",
        "ToListAsync", "ToArray", "ToArrayAsync", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
    };

    /// <summary>
    /// The returned value as a chain of unseen interface calls and row-keeping LINQ operators:
    /// <c>repository.ToListAsync(repository.GetQueryableSet().Where(x =&gt; !x.Deleted))</c>. False for anything else
    /// (a Take, a First, a call of this project, a key lookup): then the record holds no deferred rows.
    /// </summary>
    private static bool TryBuildRowsChain(IOperation value, SourceTypeIndex types, DataAccessModel? data, List<HandlerRecord.RowsStep> steps, ref bool ordered, int depth)
    {
        if (depth > 16)
        {
            return false;
        }

        var current = OperationHelpers.Unwrap(value);
        switch (current)
        {
            case ILocalReferenceOperation local when OperationHelpers.GetLocalInitializer(local) is { } initializer:
                return TryBuildRowsChain(initializer, types, data, steps, ref ordered, depth + 1);
            case IInvocationOperation invocation:
            {
                var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
                if (IsUnseenContract(method, types) && method.GetDocumentationCommentId() is { } id)
                {
                    IArgumentOperation? rowsArgument = null;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (IsSequence(argument.Parameter?.Type))
                        {
                            if (rowsArgument is not null)
                            {
                                return false;
                            }

                            rowsArgument = argument;
                        }
                    }

                    if (rowsArgument?.Parameter is null)
                    {
                        steps.Add(new HandlerRecord.RowsStep(id, -1));
                        return true;
                    }

                    steps.Add(new HandlerRecord.RowsStep(id, rowsArgument.Parameter.Ordinal));
                    return TryBuildRowsChain(rowsArgument.Value, types, data, steps, ref ordered, depth + 1);
                }

                if (!IsLinqOperatorContainer(method.ContainingType) || !RowKeepingOperators.Contains(method.Name) || invocation.Arguments.Length == 0)
                {
                    return false;
                }

                if (method.Name == "Where" && invocation.Arguments.Length == 2)
                {
                    var element = GetSequenceElement(invocation.Arguments[0].Value.Type);
                    var key = data is not null ? data.FindKey(element, CancellationToken.None) : "Id";
                    if (PagingQueries.IsKeyLookup(invocation.Arguments[1].Value, key ?? "Id"))
                    {
                        return false;
                    }
                }

                ordered |= method.Name.StartsWith("OrderBy", StringComparison.Ordinal) || method.Name.StartsWith("ThenBy", StringComparison.Ordinal);
                return TryBuildRowsChain(invocation.Arguments[0].Value, types, data, steps, ref ordered, depth + 1);
            }

            default:
                return false;
        }
    }

    private static bool IsLinqOperatorContainer(INamedTypeSymbol? type) =>
        type is { Name: "Queryable" or "Enumerable" or "EntityFrameworkQueryableExtensions" or "AsyncEnumerable" } &&
        type.ContainingNamespace?.ToDisplayString() is "System.Linq" or "Microsoft.EntityFrameworkCore";

    private static bool IsSequence(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true, Name: "IQueryable" or "IEnumerable" or "IOrderedQueryable" or "IAsyncEnumerable" };

    private static ITypeSymbol? GetSequenceElement(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && IsSequence(named))
        {
            return named.TypeArguments[0];
        }

        if (type is null)
        {
            return null;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented is { Name: "IEnumerable", IsGenericType: true, TypeArguments.Length: 1 })
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>The element type of a handler's result: List&lt;Product&gt; or Task&lt;List&lt;Product&gt;&gt; gives Product.</summary>
    private static ITypeSymbol? GetElementTypeOfResult(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: true, TypeArguments.Length: 1 } task)
        {
            type = task.TypeArguments[0];
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        return GetSequenceElement(type);
    }

    private static bool IsPublic(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }
}
