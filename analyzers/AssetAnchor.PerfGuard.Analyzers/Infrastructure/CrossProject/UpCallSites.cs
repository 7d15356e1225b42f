using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using AssetAnchor.PerfGuard.Analyzers.Rules;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The call-site records of the UP direction for PG0006, PG0002/PG0003 and PG0004/PG0007 (PG0001's are
/// <see cref="SummaryWriter.CollectCallSites"/>): an endpoint that hands the request's unclamped page size to an
/// interface method nothing here implements (v1p), a navigation read on the entity such a method returns (v1n), and
/// an endpoint that returns what such a method returns with no row limit of its own (v1r). Only invocations named like
/// an unseen contract method are bound, one at a time, and only the endpoints that make one.
/// </summary>
internal static class UpCallSites
{
    private const int MaxSites = 4000;

    /// <param name="unseen">The method names of interfaces nobody here implements (<see cref="SummaryWriter.FindUnseenContractNames"/>).</param>
    public static List<CallSiteRecord> Collect(DataAccessModel data, UnseenContractNames unseen, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var sites = new List<CallSiteRecord>();
        if (unseen.IsEmpty || SummaryWriter.IsExecutable(data.Compilation))
        {
            return sites;
        }

        PageSizeAnalysis? pageSizes = null;
        EndpointRows? endpointRows = null;

        // Endpoints that reach a contract through a method group or a method of this project (syntax, by name).
        var reach = EndpointReach.Find(RootsOf(data.Compilation, cancellationToken), unseen, cancellationToken);
        foreach (var tree in data.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            if (tree.FilePath.Length == 0 || !(unseen.AnyMayCall(root) || reach?.MayHoldEndpoint(tree) == true) || data.Models.Get(tree) is not { } model)
            {
                continue;
            }

            (endpointRows ??= new EndpointRows(data, options, reach)).Add(sites, root, model, unseen, cancellationToken);

            foreach (var node in root.DescendantNodes())
            {
                if (sites.Count >= MaxSites)
                {
                    return sites;
                }

                if (node is not InvocationExpressionSyntax syntax || !unseen.MayCall(syntax))
                {
                    continue;
                }

                // The symbol binds the call's statement only; the operation (its member) only for a possible endpoint.
                // Syntax first: a call whose result is read nowhere a record could come from (a statement of its own
                // outside an endpoint: await jobs.AddOrUpdate(..)) is not bound.
                var inEndpoint = MayBeInEndpoint(syntax, model, data.AspNet, cancellationToken);
                if (!(inEndpoint || MayReadReturnedEntity(syntax)) ||
                    model.GetSymbolInfo(syntax, cancellationToken).Symbol is not IMethodSymbol method ||
                    !SummaryWriter.IsUnseenContract(method, data) ||
                    method.OriginalDefinition.GetDocumentationCommentId() is not { } targetId)
                {
                    continue;
                }

                if (inEndpoint && HasPageSizeParameter(method) && model.GetOperation(syntax, cancellationToken) is IInvocationOperation invocation)
                {
                    AddPageSizes(sites, invocation, targetId, pageSizes ??= data.GetPageSizes(), options, data.Compilation);
                }

                AddNavigationReads(sites, method, syntax, targetId, model, data, cancellationToken);
            }
        }

        return sites;
    }

    private static IEnumerable<SyntaxNode> RootsOf(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath.Length > 0)
            {
                yield return tree.GetRoot(cancellationToken);
            }
        }
    }

    /// <summary>An integral parameter, or a parameter object with a settable integral property (the symbol's members, no binding).</summary>
    private static bool HasPageSizeParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (PageSizeAnalysis.IsIntegral(parameter.Type) || PageSizeAnalysis.MayCarryPageSize(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An endpoint passes the request's page size, unclamped, as an argument: PG0006 if the implementation takes it into Take unclamped.</summary>
    private static void AddPageSizes(
        List<CallSiteRecord> sites, IInvocationOperation invocation, string targetId, PageSizeAnalysis pageSizes, AnalyzerOptions options, Compilation compilation)
    {
        var body = PagingQueries.FindEnclosingBody(invocation, out var lambda);
        var endpoint = lambda ?? invocation.SemanticModel?.GetEnclosingSymbol(invocation.Syntax.SpanStart) as IMethodSymbol;
        if (body is null || endpoint is null)
        {
            return;
        }

        var isEndpoint = lambda is null
            ? pageSizes.Asp.IsControllerAction(endpoint) || pageSizes.Asp.IsPageHandler(endpoint)
            : IsMinimalApiHandler(body, pageSizes.Asp);
        if (!isEndpoint)
        {
            return;
        }

        var flow = new RequestValueFlow(body, endpoint, isEndpoint: true, pageSizes, onlyParameterOrdinal: -1);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.Value.ConstantValue.HasValue)
            {
                continue;
            }

            string? text = null;
            string? detail = null;
            if (PageSizeAnalysis.IsIntegral(parameter.Type))
            {
                if (flow.FindRequestValue(argument.Value) is { } request)
                {
                    text = request.Syntax.ToString();
                    detail = parameter.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            else if (PageSizeAnalysis.MayCarryPageSize(parameter.Type) && flow.FindRequestObject(argument.Value) is { } owner &&
                UnguardedProperties(owner, parameter.Ordinal, flow) is { IsEmpty: false } properties)
            {
                // The bound model handed on whole ([FromQuery] PagingParams p): the implementation says which property it
                // takes into Take; the record lists the ones the endpoint leaves unbounded ("1.PageNumber,1.PageSize").
                text = argument.Value.Syntax.ToString();
                detail = properties.Encode();
            }
            else if (PageSizeAnalysis.MayCarryPageSize(parameter.Type))
            {
                AddBuiltValues(sites, argument, targetId, flow, options, compilation);
            }

            if (detail is null)
            {
                continue;
            }

            var tree = argument.Value.Syntax.SyntaxTree;
            var max = PagingQueries.ReadMaxPageSize(options.AnalyzerConfigOptionsProvider.GetOptions(tree));
            sites.Add(Create(
                CallSiteKind.PageSize, targetId, argument.Value.Syntax, compilation, text!, max.ToString(System.Globalization.CultureInfo.InvariantCulture), detail));
        }
    }

    /// <summary>
    /// A request object the endpoint builds and hands on (<c>new ActivityLogQuery { Skip = startIndex, Limit = limit }</c>
    /// in the argument or in a local built once, or a constructor that stores the value): one record per settable
    /// integral property set from a request value, at that value, as one compilation follows it into a dispatched
    /// request (<see cref="RequestValueFlow.FindBuiltPropertyValue"/>).
    /// </summary>
    private static void AddBuiltValues(
        List<CallSiteRecord> sites, IArgumentOperation argument, string targetId, RequestValueFlow flow, AnalyzerOptions options, Compilation compilation)
    {
        if (OperationHelpers.Strip(argument.Value).Type is not { } built || argument.Parameter is not { } parameter)
        {
            return;
        }

        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var type = built; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, SetMethod: not null } property || !PageSizeAnalysis.IsIntegral(property.Type) ||
                    !seen.Add(property.Name) || flow.FindBuiltPropertyValue(argument.Value, property.Name) is not { } value ||
                    flow.FindRequestValue(value) is not { } request)
                {
                    continue;
                }

                var max = PagingQueries.ReadMaxPageSize(options.AnalyzerConfigOptionsProvider.GetOptions(request.Syntax.SyntaxTree));
                sites.Add(Create(
                    CallSiteKind.PageSize, targetId, request.Syntax, compilation, request.Syntax.ToString(),
                    max.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CallSiteRecord.BuiltValueDetail(ParameterSet.None.AddProperty(parameter.Ordinal, property.Name))));
            }
        }
    }

    /// <summary>
    /// The settable integral properties of the bound model (and its bases) that the endpoint leaves unbounded: no
    /// validation attribute or validator, no clamping setter, no clamp, guard or assignment in the endpoint's body
    /// (<see cref="RequestValueFlow.IsPropertyGuarded"/>), keyed by the contract's parameter ordinal.
    /// </summary>
    private static ParameterSet UnguardedProperties(IParameterSymbol owner, int ordinal, RequestValueFlow flow)
    {
        var properties = ParameterSet.None;
        for (var type = owner.Type; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, SetMethod.DeclaredAccessibility: Accessibility.Public } property &&
                    PageSizeAnalysis.IsIntegral(property.Type) && !flow.IsPropertyGuarded(owner, property.Name))
                {
                    properties = properties.AddProperty(ordinal, property.Name);
                }
            }
        }

        return properties;
    }

    /// <summary>
    /// Syntax first, as PG0006 does: the innermost function is a lambda passed to a Map* call, or a method that is a
    /// controller action or page handler (its declared symbol, no body bound).
    /// </summary>
    private static bool MayBeInEndpoint(SyntaxNode node, SemanticModel model, AspNetSymbols asp, CancellationToken cancellationToken)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax function:
                    var parent = function.Parent;
                    while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
                    {
                        parent = parent.Parent;
                    }

                    return parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: var map } } } &&
                        (map switch
                        {
                            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                            SimpleNameSyntax simple => simple.Identifier.ValueText,
                            _ => null,
                        }) is { } mapName && mapName.StartsWith("Map", System.StringComparison.Ordinal);
                case LocalFunctionStatementSyntax:
                    return false;
                case MethodDeclarationSyntax declaration:
                    return model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol symbol &&
                        (asp.IsControllerAction(symbol) || asp.IsPageHandler(symbol));
                case MemberDeclarationSyntax or CompilationUnitSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool IsMinimalApiHandler(IOperation lambdaBody, AspNetSymbols asp)
    {
        var parent = lambdaBody.Parent;
        while (parent is IAnonymousFunctionOperation or IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
        {
            parent = parent.Parent;
        }

        return parent is IInvocationOperation map && asp.IsMinimalApiMap(map.TargetMethod);
    }

    /// <summary>
    /// Property reads on what the call returns: <c>var order = await repo.GetAsync(id); order.Customer</c> (one entity,
    /// PG0003 when never loaded), and <c>foreach (var o in await repo.ListAsync()) o.Customer</c> or the same over a local
    /// holding the list (per element: PG0002 when lazy, PG0003 when never loaded). Only the implementation's record
    /// says which of those properties are navigations.
    /// </summary>
    private static void AddNavigationReads(
        List<CallSiteRecord> sites, IMethodSymbol method, InvocationExpressionSyntax syntax, string targetId,
        SemanticModel model, DataAccessModel data, CancellationToken cancellationToken)
    {
        var symbols = data.Symbols;
        var returned = method.ReturnType;
        returned = symbols.GetTaskResultType(returned) ?? returned;
        if (returned.SpecialType != SpecialType.None)
        {
            return;
        }

        var element = returned.TypeKind == TypeKind.Class ? symbols.GetElementType(returned) : null;
        var entity = element ?? returned;
        if (entity.TypeKind != TypeKind.Class || entity.SpecialType != SpecialType.None || entity.ContainingAssembly is null ||
            MethodSummary.IsFrameworkAssemblyName(entity.ContainingAssembly.Identity.Name))
        {
            return;
        }

        var consumer = ConsumerOf(syntax);

        if (consumer.Parent is ForEachStatementSyntax forEach && forEach.Expression == consumer && element is not null)
        {
            AddReads(sites, forEach.Statement.SpanStart, model.GetDeclaredSymbol(forEach, cancellationToken), forEach.Statement, perElement: true, targetId, model, data, cancellationToken);
            return;
        }

        if (consumer.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local ||
            declarator.FirstAncestorOrSelf<BlockSyntax>() is not { } scope || IsReassigned(scope, local, model, cancellationToken))
        {
            return;
        }

        if (element is null)
        {
            AddReads(sites, declarator.Span.End, local, scope, perElement: false, targetId, model, data, cancellationToken);
            return;
        }

        // A list held in a local and iterated: foreach (var o in orders) o.Customer.
        foreach (var loop in scope.DescendantNodes())
        {
            if (loop is ForEachStatementSyntax { Expression: IdentifierNameSyntax identifier } overList &&
                identifier.Identifier.ValueText == local.Name && loop.SpanStart > declarator.Span.End &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                AddReads(sites, overList.Statement.SpanStart, model.GetDeclaredSymbol(overList, cancellationToken), overList.Statement, perElement: true, targetId, model, data, cancellationToken);
            }
        }
    }

    /// <summary>The call with the await, parentheses and <c>!</c> around it: what the statement does with its result.</summary>
    private static SyntaxNode ConsumerOf(InvocationExpressionSyntax syntax)
    {
        SyntaxNode consumer = syntax;
        while (consumer.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            consumer = consumer.Parent;
        }

        return consumer;
    }

    /// <summary>The shapes <see cref="AddNavigationReads"/> follows: the result iterated by a foreach, or held in a local.</summary>
    private static bool MayReadReturnedEntity(InvocationExpressionSyntax syntax)
    {
        var consumer = ConsumerOf(syntax);
        return consumer.Parent is ForEachStatementSyntax forEach && forEach.Expression == consumer ||
            consumer.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax };
    }

    private static void AddReads(
        List<CallSiteRecord> sites, int readsStartAt, ISymbol? variable, SyntaxNode scope, bool perElement, string targetId,
        SemanticModel model, DataAccessModel data, CancellationToken cancellationToken)
    {
        if (variable is not ILocalSymbol local)
        {
            return;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access ||
                receiver.Identifier.ValueText != local.Name || access.SpanStart < readsStartAt ||
                IsWrite(access) || sites.Count >= MaxSites)
            {
                continue;
            }

            if (model.GetOperation(access, cancellationToken) is not IPropertyReferenceOperation reference ||
                reference.Instance is not ILocalReferenceOperation instance ||
                !SymbolEqualityComparer.Default.Equals(instance.Local, local) ||
                reference.Property.Type.IsValueType || reference.Property.Type.SpecialType == SpecialType.System_String ||
                RoundTripAnalysis.IsInsideExpressionTree(reference, data.Symbols))
            {
                continue;
            }

            var loop = perElement ? LoopContext.Find(reference, data.Symbols) : default;
            if (perElement && loop.IsNone)
            {
                continue;
            }

            sites.Add(Create(
                CallSiteKind.NavigationRead, targetId, access, data.Compilation, access.ToString(), perElement ? loop.Description : string.Empty, reference.Property.Name));
        }
    }

    /// <summary>An assignment target, or the receiver of Add/AddRange/Insert: not a read of what the query loaded.</summary>
    private static bool IsWrite(MemberAccessExpressionSyntax access) =>
        access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access ||
        access.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "AddRange" or "Insert" } outer &&
        outer.Expression == access && outer.Parent is InvocationExpressionSyntax;

    private static bool IsReassigned(SyntaxNode scope, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && target.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static CallSiteRecord Create(CallSiteKind kind, string targetId, SyntaxNode node, Compilation compilation, string text, string description, string detail)
    {
        var location = node.GetLocation();
        var lines = location.GetLineSpan();
        return new CallSiteRecord(kind, targetId, SummaryWriter.MapPath(compilation, lines.Path), location.SourceSpan, lines.Span, text, description, detail);
    }

    /// <summary>
    /// PG0004's endpoints (controller actions, Razor Page handlers, minimal-API lambdas and method-group handlers, the
    /// calls they make themselves or through methods of this project, <see cref="EndpointReach"/>) that return, with no
    /// row limit of their own, what an unseen contract returns: the rule's own search (<see cref="UnpaginatedCollectionEndpointAnalyzer"/>)
    /// with the unseen call taken as unbounded rows (<see cref="RowsAnalysis.CompilationData.FollowsUnseenContracts"/>),
    /// so returned as-is, wrapped in a result or a response object, or paged in memory is recorded, and counted, paged
    /// in the query, or a key lookup is not. Only endpoints that the summary prefilter lets through (a contract-named
    /// call in an endpoint shape) are bound.
    /// </summary>
    private sealed class EndpointRows
    {
        private const int MaxResponseNames = 16;
        private readonly DataAccessModel data;
        private readonly AnalyzerOptions options;
        private readonly RowsAnalysis.CompilationData? rows;
        private readonly EndpointReach? reach;
        private readonly MinimalApiHandlers? handlers;

        public EndpointRows(DataAccessModel data, AnalyzerOptions options, EndpointReach? reach)
        {
            this.data = data;
            this.options = options;
            this.reach = reach;
            if (data.AspNetIfReferenced is { } asp)
            {
                rows = new RowsAnalysis.CompilationData(data, asp) { FollowsUnseenContracts = true };

                // Method-group handlers only where EndpointReach found one: its index is a walk of every tree.
                handlers = reach is null || asp.EndpointRouteBuilderExtensions is null ? null : new MinimalApiHandlers(data.Compilation, data.Models, asp);
            }
        }

        public void Add(List<CallSiteRecord> sites, SyntaxNode root, SemanticModel model, UnseenContractNames unseen, CancellationToken cancellationToken)
        {
            if (rows is null)
            {
                return;
            }

            var provider = options.AnalyzerConfigOptionsProvider;
            foreach (var node in root.DescendantNodes())
            {
                if (sites.Count >= MaxSites)
                {
                    return;
                }

                UnpaginatedEndpoints.EndpointFinding? found = null;
                switch (node)
                {
                    case MethodDeclarationSyntax method when CallsUnseenInEndpointShape(method, unseen, lambdas: false) ||
                        (reach is not null && (reach.IsReachingMethodGroup(method.Identifier.ValueText) || reach.CallsReachingMethod(method, lambdas: false))):
                        found = UnpaginatedEndpoints.FindInMethod(model, method, rows, handlers, provider, cancellationToken);
                        break;
                    case LocalFunctionStatementSyntax local when handlers is not null && reach!.IsReachingMethodGroup(local.Identifier.ValueText):
                        found = UnpaginatedEndpoints.FindInLocalFunction(model, local, rows, handlers, provider, cancellationToken);
                        break;
                    case InvocationExpressionSyntax invocation when InvokedName.Of(invocation.Expression) is { } name &&
                        name.StartsWith("Map", System.StringComparison.Ordinal) &&
                        (CallsUnseenInEndpointShape(invocation.ArgumentList, unseen, lambdas: true) || reach?.CallsReachingMethod(invocation.ArgumentList, lambdas: true) == true):
                        found = UnpaginatedEndpoints.FindInMapCall(model, invocation, rows, provider, cancellationToken);
                        break;
                }

                if (found is { Finding: { UnseenContract: { } targetId, Via: { } via } finding })
                {
                    sites.Add(Create(found, targetId, via, finding, model, cancellationToken));
                }
            }
        }

        /// <summary>A contract-named call whose innermost function is this endpoint (SummaryPrefilter.IsInEndpointShape keeps the project).</summary>
        private static bool CallsUnseenInEndpointShape(SyntaxNode endpoint, UnseenContractNames unseen, bool lambdas)
        {
            foreach (var node in endpoint.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax call && unseen.MayCall(call) && SummaryPrefilter.IsInEndpointShape(call) &&
                    (lambdas ? call.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { } lambda && endpoint.Span.Contains(lambda.Span)
                             : call.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } inner || !endpoint.Span.Contains(inner.Span)))
                {
                    return true;
                }
            }

            return false;
        }

        private CallSiteRecord Create(
            UnpaginatedEndpoints.EndpointFinding found, string targetId, string via, RowsAnalysis.RowsFinding finding,
            SemanticModel model, CancellationToken cancellationToken)
        {
            var location = found.Location;
            var lines = location.GetLineSpan();
            var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(location.SourceTree!);
            var pagedInMemory = finding.PagedInMemoryAfter;
            var endpoint = location.SourceTree!.GetRoot(cancellationToken).FindNode(found.FixableSpan.IsEmpty ? location.SourceSpan : found.FixableSpan);

            // A local function handler has no fixable span (its identifier is the location): its response is its body's.
            if (found.FixableSpan.IsEmpty && endpoint.FirstAncestorOrSelf<LocalFunctionStatementSyntax>() is { } localFunction)
            {
                endpoint = localFunction;
            }

            var extra = new[]
            {
                pagedInMemory ?? string.Empty,
                string.Join(",", ResponseTypeNames(endpoint, model, cancellationToken)),
                string.Join(",", PagingQueries.ReadList(fileOptions, PagingQueries.ExemptTypesKey)),
                string.Join(",", PagingQueries.ReadList(fileOptions, PagingQueries.ReferenceEntitiesKey)),
            };
            return new CallSiteRecord(
                CallSiteKind.EndpointRows, targetId, SummaryWriter.MapPath(data.Compilation, lines.Path), location.SourceSpan, lines.Span, found.Endpoint, via,
                pagedInMemory is null ? CallSiteRecord.RowsAsReturned : CallSiteRecord.RowsPagedInMemory, extra);
        }

        /// <summary>
        /// The types the endpoint creates (its response envelope, the objects beside the rows) and the members of its
        /// anonymous responses, stripped of response suffixes: the join exempts rows pinned to one parent (the
        /// implementation's field 11) when one of them is named after it, as PG0004 does inside one project. Wider than
        /// the rule's own check (any object the endpoint builds counts), so it errs on the side of silence.
        /// </summary>
        private List<string> ResponseTypeNames(SyntaxNode endpoint, SemanticModel model, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            foreach (var node in endpoint.DescendantNodes())
            {
                var type = node switch
                {
                    BaseObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation, cancellationToken).Type,
                    AnonymousObjectMemberDeclaratorSyntax member => model.GetTypeInfo(member.Expression, cancellationToken).Type,
                    _ => null,
                };
                if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAnonymousType: false, SpecialType: SpecialType.None } named &&
                    !PagingQueries.IsRowCollection(named, data.Symbols) && names.Count < MaxResponseNames &&
                    PagingQueries.StripResponseSuffixes(named.Name) is { Length: > 0 } name && !names.Contains(name))
                {
                    names.Add(name);
                }
            }

            return names;
        }
    }
}
