using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Computes the summaries a project records about its own data-access methods, from the same per-compilation
/// model the rules ask (one truth: a summary says what PG0001 and PG0004 would conclude inside this project).
/// </summary>
/// <remarks>
/// Cost: only the methods of data-access types are bound. A type is data-access when it derives from DbContext or
/// holds (field, property, constructor or method parameter) a DbContext, a DbSet, an IQueryable, a context factory,
/// another data-access type, an interface one of those implements, or a type a referenced summary names. That is
/// found from symbols alone, with no binding; a project without EF Core records nothing.
/// </remarks>
internal static class SummaryWriter
{
    private const int MaxRounds = 4;
    private const int MaxRecords = 4000;

    public static List<MethodSummary> Collect(DataAccessModel data, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var records = new List<MethodSummary>();
        if (IsExecutable(data.Compilation))
        {
            // Nobody references an application's methods for data access: its own analyzers read them.
            return records;
        }

        var referenced = data.GetReferencedSummaries(cancellationToken);
        var types = FindDataAccessTypes(data, referenced, cancellationToken);
        if (types.Count == 0)
        {
            return records;
        }

        var roundTrips = data.GetRoundTrips(options);
        var rows = new RowsAnalysis.CompilationData(data, data.AspNet);
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!IsVisibleOutside(type) || IsEndpointType(type))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method ||
                    (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) ||
                    method.IsAbstract || records.Count >= MaxRecords)
                {
                    continue;
                }

                var summary = Summarize(method, data, roundTrips, rows, options, cancellationToken);
                if (summary is null)
                {
                    continue;
                }

                AddWithContracts(records, written, method, summary);
            }
        }

        return records;
    }

    /// <summary>
    /// A library without EF Core (no marker): the records of its paging helpers, the methods
    /// <see cref="SummaryPrefilter.FindPagingHelpersWithoutEfCore"/> found from syntax (a sequence parameter and a Take in
    /// the body: <c>Paged&lt;T&gt;(this IQueryable&lt;T&gt; source, int page, int pageSize)</c>), each summarised as
    /// <see cref="Collect"/> summarises a method of a project with EF Core, over a model whose EF Core types are absent.
    /// Only these declarations are bound.
    /// </summary>
    public static List<MethodSummary> CollectPagingHelpers(
        DataAccessModel data, List<MethodDeclarationSyntax> candidates, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var records = new List<MethodSummary>();
        if (candidates.Count == 0 || IsExecutable(data.Compilation))
        {
            return records;
        }

        var roundTrips = data.GetRoundTrips(options);
        var rows = new RowsAnalysis.CompilationData(data, data.AspNet);
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var declaration in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (records.Count >= MaxRecords ||
                data.Models.Get(declaration.SyntaxTree)?.GetDeclaredSymbol(declaration, cancellationToken) is not { MethodKind: MethodKind.Ordinary, IsAbstract: false } method ||
                method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal) ||
                !IsVisibleOutside(method.ContainingType) || IsEndpointType(method.ContainingType))
            {
                continue;
            }

            if (Summarize(method, data, roundTrips, rows, options, cancellationToken) is { } summary)
            {
                AddWithContracts(records, written, method, summary);
            }
        }

        return records;
    }

    /// <summary>
    /// Mixed chains (docs/cross-project.md, Down): the public methods of public types that are no data-access type but
    /// call an interface method nothing here implements (<c>EmbeddingService</c> holding Domain's <c>IRepository&lt;T&gt;</c>,
    /// implemented in a Persistence project this one does not reference), declared in a file written against EF Core
    /// (it imports Microsoft.EntityFrameworkCore: <see cref="SummaryPrefilter.ImportsEfCore"/>; a file that only calls a
    /// notifier or a service leaves the project on the prefilter's early exit). Records the round trip the method makes
    /// here (field 3: <c>repo.GetQueryableSet().FirstOrDefaultAsync(..)</c> is a query by the type rule) or, without
    /// one, the contracts it waits for (field 13). Only types whose own members hold a call named like such a contract
    /// (syntax first, <see cref="UnseenContractNames.MayCall"/>) are bound; methods already recorded are skipped.
    /// </summary>
    public static List<MethodSummary> CollectContractCallers(
        DataAccessModel data, UnseenContractNames unseen, List<MethodSummary> recorded, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var records = new List<MethodSummary>();
        if (unseen.IsEmpty || IsExecutable(data.Compilation))
        {
            return records;
        }

        var callerNames = new HashSet<string>(System.StringComparer.Ordinal);
        var efEverywhere = SummaryPrefilter.HasGlobalEfCoreUsing(data.Compilation, cancellationToken);
        foreach (var tree in data.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            if (!(efEverywhere || SummaryPrefilter.ImportsEfCore(root)) || !unseen.AnyMayCall(root))
            {
                continue;
            }

            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is TypeDeclarationSyntax type and not InterfaceDeclarationSyntax && !callerNames.Contains(type.Identifier.ValueText) &&
                    MembersMayCallUnseenContract(type, unseen))
                {
                    callerNames.Add(type.Identifier.ValueText);
                }
            }
        }

        if (callerNames.Count == 0)
        {
            return records;
        }

        var written = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var record in recorded)
        {
            written.Add(record.MethodId);
        }

        var roundTrips = data.GetRoundTrips(options);
        foreach (var type in data.Types.Types)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || !callerNames.Contains(type.Name) || !IsVisibleOutside(type) || IsEndpointType(type))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAbstract: false } method ||
                    method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal) ||
                    recorded.Count + records.Count >= MaxRecords || method.GetDocumentationCommentId() is not { } id || written.Contains(id))
                {
                    continue;
                }

                var roundTrip = roundTrips.SummarizeMethod(method, cancellationToken);
                var pending = roundTrip is null ? roundTrips.FindPendingContracts(method, cancellationToken) : null;
                if (roundTrip is null && pending is null)
                {
                    continue;
                }

                var summary = new MethodSummary(string.Empty, roundTrip, SummaryRows.None, null, null, false, pendingContracts: pending);
                AddWithContracts(records, written, method, summary);
            }
        }

        return records;
    }

    /// <summary>A call named like an unseen contract in a member of the type itself (nested types are looked at on their own).</summary>
    private static bool MembersMayCallUnseenContract(TypeDeclarationSyntax type, UnseenContractNames unseen)
    {
        foreach (var member in type.Members)
        {
            if (member is not BaseTypeDeclarationSyntax && unseen.AnyMayCall(member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The entities this project's EF model seeds with HasData, for PG0007 in the projects that reference it (the
    /// endpoints rarely sit where the model is configured). An application records nothing, as for methods.
    /// </summary>
    public static List<SeededEntityRecord> CollectSeededEntities(DataAccessModel data, CancellationToken cancellationToken)
    {
        var records = new List<SeededEntityRecord>();
        if (IsExecutable(data.Compilation) || !ConfiguresAModel(data))
        {
            return records;
        }

        var model = data.GetEntityModel(cancellationToken);
        foreach (var entity in model.SeededTypes)
        {
            if (entity.GetDocumentationCommentId() is { } id)
            {
                records.Add(new SeededEntityRecord(id, model.IsSeededLeaf(entity)));
            }
        }

        records.Sort((left, right) => string.CompareOrdinal(left.EntityId, right.EntityId));
        return records;
    }

    /// <summary>A source DbContext or IEntityTypeConfiguration&lt;T&gt;: from symbols alone, so a project without one builds no EF model here.</summary>
    private static bool ConfiguresAModel(DataAccessModel data)
    {
        foreach (var type in data.Types.Types)
        {
            if (type.TypeKind != TypeKind.Class)
            {
                continue;
            }

            if (data.Symbols.IsDbContext(type))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, data.Symbols.IEntityTypeConfigurationOfT))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Calls made once per loop iteration (PG0001's loops and exemptions) on an interface or abstract method that
    /// neither this compilation nor a referenced summary implements: only a project that references both this one
    /// and the implementation can judge them. Only loop syntax is bound.
    /// </summary>
    /// <param name="unseen">The method names of interfaces nobody here implements (<see cref="FindUnseenContractNames"/>):
    /// only loops that call a method of such a name are bound.</param>
    public static List<CallSiteRecord> CollectCallSites(DataAccessModel data, UnseenContractNames unseen, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var sites = new List<CallSiteRecord>();
        if (IsExecutable(data.Compilation))
        {
            return sites;
        }

        // Mixed chains: a referenced method that waits for a contract nobody here implements either (field 13).
        var waiting = FindWaitingMethodNames(data, cancellationToken);
        if (unseen.IsEmpty && waiting is null)
        {
            return sites;
        }

        bool AnyMayCall(SyntaxNode node) => unseen.AnyMayCall(node) || (waiting is not null && waiting.AnyMayCall(node));
        var roundTrips = data.GetRoundTrips(options);
        var perElementMethodNames = data.Symbols.PerElementOperatorNames;
        foreach (var tree in data.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tree.FilePath.Length == 0 || !AnyMayCall(tree.GetRoot(cancellationToken)) || data.Models.Get(tree) is not { } model)
            {
                continue;
            }

            var roundTripOptions = roundTrips.GetOptions(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (!IterationSyntax.IsIterationKind(node) || !IterationSyntax.MayOwnCalls(node) ||
                    !MayRunPerElement(node, perElementMethodNames) || !AnyMayCall(node) ||
                    !MayCallUnseenContract(node, unseen, waiting, model, data, cancellationToken) ||
                    model.GetOperation(node, cancellationToken) is not { } loopOperation)
                {
                    continue;
                }

                foreach (var operation in loopOperation.Descendants())
                {
                    if (operation is not IInvocationOperation invocation || sites.Count >= MaxRecords ||
                        !ReferenceEquals(IterationSyntax.GetInnermost(invocation.Syntax), node))
                    {
                        continue;
                    }

                    // The contract itself, or the one a referenced method waits for (the later project joins it alike).
                    var targetId = IsUnseenContract(invocation.TargetMethod, data)
                        ? invocation.TargetMethod.OriginalDefinition.GetDocumentationCommentId()
                        : waiting is null ? null : WaitingContract(invocation.TargetMethod, data, cancellationToken);
                    if (targetId is null)
                    {
                        continue;
                    }

                    var loop = LoopContext.Find(invocation, data.Symbols).Resolve(invocation, roundTripOptions.SmallLoopBound, data.Symbols);
                    if (loop.IsNone || roundTrips.FindCalleeChain(invocation, cancellationToken) is not null)
                    {
                        continue;
                    }

                    var location = invocation.Syntax.GetLocation();
                    var lines = location.GetLineSpan();
                    sites.Add(new CallSiteRecord(targetId, MapPath(data.Compilation, lines.Path), location.SourceSpan, lines.Span, invocation.Syntax.ToString(), loop.Description));
                }
            }
        }

        return sites;
    }

    /// <summary>
    /// A loop, a query, or a lambda handed to a call named like a per-element operator (<see cref="EfSymbols.PerElementOperatorNames"/>),
    /// read from syntax: other lambdas' calls never run per element here.
    /// </summary>
    private static bool MayRunPerElement(SyntaxNode node, HashSet<string> perElementMethodNames) =>
        node is not AnonymousFunctionExpressionSyntax lambda ||
        (IterationSyntax.FindCallTakingLambda(lambda) is { } invocation && InvokedName.Of(invocation.Expression) is { } name && perElementMethodNames.Contains(name));

    /// <summary>
    /// Whether a call this loop owns binds to an unseen contract. Asking each call's symbol binds only its statement;
    /// the IOperation of the loop binds the whole member (a minimal-API endpoint method with all its lambdas), and in
    /// most projects no loop calls an unseen contract, so the member is bound only when one does. Calls that have no
    /// invocation syntax (query clauses, collection initializers) are not checked here: such loops are always bound.
    /// </summary>
    private static bool MayCallUnseenContract(
        SyntaxNode loop, UnseenContractNames unseen, UnseenContractNames? waiting, SemanticModel model, DataAccessModel data, CancellationToken cancellationToken)
    {
        foreach (var node in loop.DescendantNodes())
        {
            if (node is QueryExpressionSyntax || node.IsKind(SyntaxKind.CollectionInitializerExpression))
            {
                return true;
            }

            if (node is InvocationExpressionSyntax invocation &&
                ReferenceEquals(IterationSyntax.GetInnermost(invocation), loop) &&
                (unseen.MayCall(invocation) || (waiting is not null && waiting.MayCall(invocation))) &&
                model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method &&
                (IsUnseenContract(method, data) || (waiting is not null && WaitingContract(method, data, cancellationToken) is not null)))
            {
                return true;
            }
        }

        return loop is QueryExpressionSyntax;
    }

    /// <summary>
    /// Mixed chains: the names of the referenced methods whose records wait for contracts (field 13), each with its
    /// declaring type's simple name as the receiver; null when no reference recorded one. A superset: whether this
    /// project can join the wait is decided per call (<see cref="WaitingContract"/>).
    /// </summary>
    private static UnseenContractNames? FindWaitingMethodNames(DataAccessModel data, CancellationToken cancellationToken)
    {
        UnseenContractNames? names = null;
        foreach (var record in data.GetReferencedSummaries(cancellationToken).WithPendingContracts())
        {
            var id = record.MethodId;
            if (!id.StartsWith("M:", System.StringComparison.Ordinal))
            {
                continue;
            }

            var end = id.IndexOf('(');
            var qualified = id.Substring(2, (end < 0 ? id.Length : end) - 2);
            var method = qualified.LastIndexOf('.');
            if (method <= 0)
            {
                continue;
            }

            var type = qualified.LastIndexOf('.', method - 1);
            names ??= new UnseenContractNames(data.Compilation.SyntaxTrees, cancellationToken);
            names.Add(StripArity(qualified.Substring(method + 1)), new[] { StripArity(qualified.Substring(type + 1, method - type - 1)) });
        }

        return names;
    }

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    /// <summary>
    /// The first contract a referenced method's record waits for (field 13) that nothing here implements either, so
    /// that a project seeing both this one and an implementation can join a loop of this project over the method; null
    /// when the method has a round trip of its own, waits for nothing, or this project sees every implementation.
    /// </summary>
    private static string? WaitingContract(IMethodSymbol method, DataAccessModel data, CancellationToken cancellationToken)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, data.Compilation.Assembly) ||
            data.GetReferencedSummaries(cancellationToken).Find(definition) is not { } records)
        {
            return null;
        }

        foreach (var record in records)
        {
            if (record.RoundTrip is not null)
            {
                return null;
            }
        }

        foreach (var record in records)
        {
            foreach (var contractId in record.PendingContracts)
            {
                if (DocumentationCommentId.GetFirstSymbolForDeclarationId(contractId, data.Compilation) is IMethodSymbol contract && IsUnseenContract(contract, data))
                {
                    return contractId;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The path as the compiler writes it into the PDB and CallerFilePath: with /pathmap applied (deterministic CI
    /// builds map the source root to "/_/"), so the same sources give the same assembly in any folder. Without a
    /// path map it stays absolute: the composition root's warning then opens the file on click.
    /// </summary>
    internal static string MapPath(Compilation compilation, string path) =>
        compilation.Options.SourceReferenceResolver?.NormalizePath(path, baseFilePath: null) ?? path;

    /// <summary>
    /// The names of interface methods declared in this project or a referenced application assembly that no type of
    /// this project or of a referenced application assembly implements: the calls only a later project can judge. A
    /// call on an interface implemented in a reference is judged Down, by that assembly's records.
    /// </summary>
    internal static UnseenContractNames FindUnseenContractNames(DataAccessModel data, CancellationToken cancellationToken)
    {
        var names = new UnseenContractNames(data.Compilation.SyntaxTrees, cancellationToken);
        var interfaces = new List<INamedTypeSymbol>();
        foreach (var type in data.Types.Types)
        {
            if (type.TypeKind == TypeKind.Interface)
            {
                interfaces.Add(type);
            }
        }

        var referenced = ReferencedContracts.Get(data.Compilation, cancellationToken);
        interfaces.AddRange(referenced.PublicInterfaces);

        // A call of a base interface's method can be made on any interface deriving from it.
        var derivedNames = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
        foreach (var contract in interfaces)
        {
            foreach (var baseContract in contract.AllInterfaces)
            {
                if (!derivedNames.TryGetValue(baseContract.OriginalDefinition, out var list))
                {
                    list = new List<string>();
                    derivedNames.Add(baseContract.OriginalDefinition, list);
                }

                list.Add(contract.Name);
            }
        }

        foreach (var contract in interfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (referenced.Implemented.Contains(contract))
            {
                continue;
            }

            var receivers = new List<string> { contract.Name };
            if (derivedNames.TryGetValue(contract, out var derived))
            {
                receivers.AddRange(derived);
            }

            foreach (var member in contract.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method &&
                    data.Types.GetImplementations(method).IsEmpty)
                {
                    names.Add(method.Name, receivers);
                }
            }
        }

        return names;
    }

    /// <summary>An interface or abstract method of the application (not the framework's) with no implementation in sight.</summary>
    internal static bool IsUnseenContract(IMethodSymbol method, DataAccessModel data)
    {
        var definition = method.OriginalDefinition;
        if (!MethodSummary.IsApplicationContract(definition))
        {
            return false;
        }

        if (definition.ContainingType is { TypeKind: TypeKind.Interface } contract &&
            ReferencedContracts.Get(data.Compilation, CancellationToken.None).Implemented.Contains(contract))
        {
            return false;
        }

        return data.Types.GetImplementations(definition).IsEmpty;
    }

    internal static bool IsExecutable(Compilation compilation) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;

    /// <summary>Public all the way out: what another project can call (InternalsVisibleTo friends are not summarised).</summary>
    private static bool IsVisibleOutside(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Controllers and Razor Pages are called by the framework, never by another project's code.</summary>
    private static bool IsEndpointType(INamedTypeSymbol type)
    {
        if (type.Name.EndsWith("Controller", System.StringComparison.Ordinal))
        {
            return true;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name is "ControllerBase" or "PageModel" && current.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", System.StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method's record, and the same facts for the interface methods it implements and the method it overrides: callers in other projects call those.</summary>
    private static void AddWithContracts(List<MethodSummary> records, HashSet<string> written, IMethodSymbol method, MethodSummary facts)
    {
        Add(records, written, method, facts);
        foreach (var contract in ImplementedContracts(method))
        {
            Add(records, written, contract, facts);
        }
    }

    private static void Add(List<MethodSummary> records, HashSet<string> written, IMethodSymbol method, MethodSummary facts)
    {
        var id = method.OriginalDefinition.GetDocumentationCommentId();
        if (id is null)
        {
            return;
        }

        if (!written.Add(id))
        {
            MergeReturnedEntity(records, id, facts.ReturnedEntity);
            MergeQuery(records, id, facts.Query);
            return;
        }

        records.Add(facts.WithMethodId(id));
    }

    /// <summary>
    /// A second implementation (or override) recorded under the same interface or base method: PG0002/PG0003's field
    /// is what every implementation returns (ReturnedEntity.Merge), not the first one's. The other fields keep the
    /// first implementation's facts.
    /// </summary>
    private static void MergeReturnedEntity(List<MethodSummary> records, string id, ReturnedEntity? returnedEntity)
    {
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (records[i].MethodId != id)
            {
                continue;
            }

            var existing = records[i].ReturnedEntity;
            if (existing is not null)
            {
                var merged = ReturnedEntity.Merge(new[] { existing, returnedEntity });
                if (merged is null || merged.Encode() != existing.Encode())
                {
                    records[i] = records[i].WithReturnedEntity(merged);
                }
            }

            return;
        }
    }

    /// <summary>Field 12 under an interface or base method: a database query when any implementation returns one (as PG0001).</summary>
    private static void MergeQuery(List<MethodSummary> records, string id, RecordedQuery query)
    {
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (records[i].MethodId == id)
            {
                var merged = RecordedQuery.Combine(records[i].Query, query);
                if (query.IsNone || records[i].Query.IsNone)
                {
                    // An implementation that returns no EF query: the includes of the others say nothing about it.
                    merged = merged.WithIncludes(null);
                }

                if (merged.Encode() != records[i].Query.Encode())
                {
                    records[i] = records[i].WithQuery(merged);
                }

                return;
            }
        }
    }

    private static MethodSummary? Summarize(
        IMethodSymbol method, DataAccessModel data, RoundTripAnalysis roundTrips, RowsAnalysis.CompilationData rows, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var roundTrip = roundTrips.SummarizeMethod(method, cancellationToken);
        var rowsKind = SummaryRows.None;
        string? entity = null;
        string? query = null;
        var ordered = false;
        string[]? parents = null;
        var rowsOfParameter = -1;
        if (PagingQueries.MayReturnRows(method.ReturnType, data.Symbols) && method.DeclaringSyntaxReferences.Length > 0)
        {
            var tree = method.DeclaringSyntaxReferences[0].SyntaxTree;
            var paginationMethods = PagingQueries.ReadList(options.AnalyzerConfigOptionsProvider.GetOptions(tree), PagingQueries.PaginationMethodsKey);
            var verdict = rows.Summarize(method.OriginalDefinition, paginationMethods, 1, cancellationToken);
            if (verdict.Kind == RowsAnalysis.RowsKind.Unbounded && verdict.Finding is { FilteredByCaller: false } finding)
            {
                rowsKind = SummaryRows.Unbounded;
                entity = finding.Entity?.OriginalDefinition.GetDocumentationCommentId();
                query = finding.QueryText;
                ordered = finding.Ordered;
                parents = finding.Parents.IsEmpty ? null : Distinct(finding.Parents);
            }
            else if (verdict.Kind == RowsAnalysis.RowsKind.Bounded)
            {
                rowsKind = SummaryRows.Bounded;
            }
            else if (verdict.Kind == RowsAnalysis.RowsKind.Parameter)
            {
                // ToListAsync(IQueryable<T> query) => query.ToListAsync(): a handler's deferred rows pass through it.
                rowsOfParameter = HandlerWriter.PassedParameter(method, verdict.ParameterOrdinal, cancellationToken);
            }
        }

        // PG0006 and PG0002/PG0003 facts, from the same per-method summaries the rules ask.
        var pageSizes = data.GetPageSizes().SummarizeParameters(method, cancellationToken);
        var returned = data.GetNavigations().SummarizeReturned(method, cancellationToken);
        // Field 12: a deferred EF query (or one built on a parameter) that callers in other projects go on querying.
        var deferred = QueryProvenance.SummarizeReturnedQuery(method, data, cancellationToken);
        // ... and, for PG0002/PG0003, what that query already includes (a later addition to field 12).
        deferred = data.GetNavigations().AddIncludes(method, deferred, cancellationToken);
        // ... or, for PG0002/PG0003, that it returns the rows of its parameter's query as they are (M: repo.FirstOrDefaultAsync(query)).
        deferred = deferred.IsNone ? data.GetNavigations().SummarizeMaterializing(method, cancellationToken) : deferred;
        // Field 13: the contracts a project that sees their implementations can complete the chain with.
        var pending = roundTrip is null ? roundTrips.FindPendingContracts(method, cancellationToken) : null;
        var summary = new MethodSummary(string.Empty, roundTrip, rowsKind, entity, query, ordered, pageSizes, returned, rowsOfParameter, parents, deferred, pending);
        return summary.HasFacts ? summary : null;
    }

    private static string[] Distinct(IEnumerable<string> names)
    {
        var distinct = new List<string>();
        foreach (var name in names)
        {
            if (!distinct.Contains(name))
            {
                distinct.Add(name);
            }
        }

        return distinct.ToArray();
    }

    /// <summary>The interface methods this method implements and the method it overrides: callers in other projects call those.</summary>
    private static IEnumerable<IMethodSymbol> ImplementedContracts(IMethodSymbol method)
    {
        foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
        {
            yield return explicitImplementation;
        }

        var type = method.ContainingType;
        foreach (var contract in type.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(method.Name))
            {
                if (member is IMethodSymbol candidate &&
                    SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), method))
                {
                    yield return candidate;
                }
            }
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            yield return overridden;
        }
    }

    private static List<INamedTypeSymbol> FindDataAccessTypes(DataAccessModel data, ReferencedSummaries referenced, CancellationToken cancellationToken)
    {
        var symbols = data.Symbols;
        var found = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var knownDependencies = new Dictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        var result = new List<INamedTypeSymbol>();
        var candidates = new List<INamedTypeSymbol>();
        var candidateNames = SummaryPrefilter.FindDataAccessCandidates(data.Compilation, cancellationToken);
        foreach (var type in data.Types.Types)
        {
            if (type.TypeKind is TypeKind.Class or TypeKind.Struct && (candidateNames is null || candidateNames.Contains(type.Name)))
            {
                candidates.Add(type);
            }
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var added = false;
            foreach (var type in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (found.Contains(type) || !IsDataAccess(type, symbols, found, knownDependencies, referenced))
                {
                    continue;
                }

                found.Add(type);
                foreach (var contract in type.AllInterfaces)
                {
                    found.Add(contract.OriginalDefinition);
                }

                result.Add(type);
                added = true;
            }

            if (!added)
            {
                break;
            }
        }

        return result;
    }

    private static bool IsDataAccess(
        INamedTypeSymbol type, EfSymbols symbols, HashSet<ITypeSymbol> found, Dictionary<ITypeSymbol, bool> knownDependencies, ReferencedSummaries referenced)
    {
        if (symbols.IsDbContext(type))
        {
            return true;
        }

        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol field when IsDataAccessDependency(field.Type, symbols, found, knownDependencies, referenced):
                case IPropertySymbol property when IsDataAccessDependency(property.Type, symbols, found, knownDependencies, referenced):
                    return true;
                case IMethodSymbol method:
                    foreach (var parameter in method.Parameters)
                    {
                        if (IsDataAccessDependency(parameter.Type, symbols, found, knownDependencies, referenced))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// A member type that makes its holder data access. Only <paramref name="found"/> grows from round to round; the
    /// rest depends on the type alone and is remembered (a project's types share their parameter types, and each round
    /// asks again about every type not found yet).
    /// </summary>
    private static bool IsDataAccessDependency(
        ITypeSymbol type, EfSymbols symbols, HashSet<ITypeSymbol> found, Dictionary<ITypeSymbol, bool> knownDependencies, ReferencedSummaries referenced)
    {
        if (type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (found.Contains(type.OriginalDefinition))
        {
            return true;
        }

        if (!knownDependencies.TryGetValue(type, out var known))
        {
            known = IsDataAccessDependencyByType(type, symbols, referenced);
            knownDependencies[type] = known;
        }

        return known;
    }

    private static bool IsDataAccessDependencyByType(ITypeSymbol type, EfSymbols symbols, ReferencedSummaries referenced)
    {
        if (symbols.IsDbContext(type) || symbols.IsDbSet(type) || symbols.IsQueryable(type))
        {
            return true;
        }

        if (type is INamedTypeSymbol { Name: "IDbContextFactory", TypeArguments.Length: 1 })
        {
            return true;
        }

        // A service of a referenced project that recorded data-access methods.
        if (!referenced.IsEmpty && type is INamedTypeSymbol named && referenced.IsSummarized(named.ContainingAssembly))
        {
            foreach (var member in named.GetMembers())
            {
                if (member is IMethodSymbol method && referenced.Find(method) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
