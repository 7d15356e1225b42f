using System.Collections.Generic;
using System.Threading;
using static AssetAnchor.PerfGuard.Analyzers.Infrastructure.RowsAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// PG0004's question, asked by the rule and by the Up writer (<see cref="UpCallSites"/>): which endpoint (controller
/// action, Razor Page handler, minimal-API lambda or method-group handler) returns unbounded rows, and whether those
/// rows are a reference table. The rule only reports what this finds.
/// </summary>
internal static class UnpaginatedEndpoints
{
    /// <summary>
    /// A controller action or page handler, or a method passed to Map* as a handler: its unbounded rows, or null. Also
    /// asked by the summary writer (UpCallSites, with <see cref="CompilationData.FollowsUnseenContracts"/>), so an
    /// endpoint's call-site record says what this rule would say.
    /// </summary>
    internal static EndpointFinding? FindInMethod(
        SemanticModel model, MethodDeclarationSyntax syntax, CompilationData shared, MinimalApiHandlers? handlers,
        AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if ((syntax.Body is null && syntax.ExpressionBody is null) ||
            model.GetDeclaredSymbol(syntax, cancellationToken) is not IMethodSymbol method)
        {
            return null;
        }

        if (!shared.Asp.IsPageHandler(method) && !shared.Asp.IsControllerAction(method))
        {
            if (handlers is not null && handlers.MayBeHandler(method.Name, cancellationToken) &&
                model.GetOperation(syntax, cancellationToken) is IMethodBodyOperation { } handlerBody &&
                (handlerBody.BlockBody ?? (IOperation?)handlerBody.ExpressionBody) is { } handlerBlock)
            {
                return FindInMethodGroupHandler(method, handlerBlock, syntax.Identifier, syntax.Span, shared, handlers, options, cancellationToken);
            }

            return null;
        }

        return model.GetOperation(syntax, cancellationToken) is IMethodBodyOperation body && ReferenceEquals(body.Syntax, syntax)
            ? FindInMethodBody(method, body, shared, options, cancellationToken)
            : null;
    }

    internal static EndpointFinding? FindInLocalFunction(
        SemanticModel model, LocalFunctionStatementSyntax syntax, CompilationData shared, MinimalApiHandlers handlers,
        AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if ((syntax.Body is null && syntax.ExpressionBody is null) || !handlers.MayBeHandler(syntax.Identifier.ValueText, cancellationToken) ||
            model.GetOperation(syntax, cancellationToken) is not ILocalFunctionOperation { Body: { } body } local)
        {
            return null;
        }

        // A local function's parameters are not a method signature the fix can extend: no fix (default span).
        return FindInMethodGroupHandler(local.Symbol, body, syntax.Identifier, default, shared, handlers, options, cancellationToken);
    }

    /// <summary>A handler passed by method group: reported on its declaration, named by the route(s) it serves.</summary>
    private static EndpointFinding? FindInMethodGroupHandler(IMethodSymbol method, IOperation body, SyntaxToken identifier,
        Microsoft.CodeAnalysis.Text.TextSpan fixableSpan, CompilationData shared, MinimalApiHandlers handlers,
        AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (PagingQueries.IsPagedType(method.ReturnType) || HasEnableQueryPageSize(method))
        {
            return null;
        }

        var registrations = handlers.FindRegistrations(method, cancellationToken);
        if (registrations.Count == 0)
        {
            return null;
        }

        var finding = FindUnboundedRows(body, null, shared, options.GetOptions(body.Syntax.SyntaxTree), cancellationToken);
        if (finding is null)
        {
            return null;
        }

        var routes = new List<string>();
        foreach (var registration in registrations)
        {
            var route = AspNetSymbols.DescribeRoute(registration);
            if (!routes.Contains(route))
            {
                routes.Add(route);
            }
        }

        return new EndpointFinding(identifier.GetLocation(), string.Join("', '", routes), finding, fixableSpan, registrations[0].Syntax.GetLocation());
    }

    /// <summary>A Map* call with a lambda handler (a method group is found from its declaration, <see cref="FindInMethod"/>).</summary>
    internal static EndpointFinding? FindInMapCall(
        SemanticModel model, InvocationExpressionSyntax syntax, CompilationData shared, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var name = InvokedName.Of(syntax.Expression);
        if (name is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "Map" &&
            syntax.ArgumentList.Arguments.Count > 0 &&
            model.GetOperation(syntax, cancellationToken) is IInvocationOperation invocation &&
            ReferenceEquals(invocation.Syntax, syntax))
        {
            return FindInMapCall(invocation, model.Compilation, shared, options, cancellationToken);
        }

        return null;
    }

    private static EndpointFinding? FindInMethodBody(IMethodSymbol method, IMethodBodyOperation body, CompilationData shared, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var isPageHandler = shared.Asp.IsPageHandler(method);
        if (!isPageHandler && !shared.Asp.IsControllerAction(method))
        {
            return null;
        }

        if (PagingQueries.IsPagedType(method.ReturnType) || HasEnableQueryPageSize(method) || HasEnableQueryPageSize(method.ContainingType))
        {
            return null;
        }

        IOperation? block = body.BlockBody ?? (IOperation?)body.ExpressionBody;
        if (block is null || method.DeclaringSyntaxReferences.Length == 0 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return null;
        }

        var finding = FindUnboundedRows(block, isPageHandler ? method.ContainingType : null, shared, options.GetOptions(body.Syntax.SyntaxTree), cancellationToken);
        return finding is null ? null : new EndpointFinding(declaration.Identifier.GetLocation(), method.Name, finding, declaration.Span, registration: null);
    }

    private static EndpointFinding? FindInMapCall(
        IInvocationOperation invocation, Compilation compilation, CompilationData shared, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (!shared.Asp.IsMinimalApiMap(invocation.TargetMethod))
        {
            return null;
        }

        IDelegateCreationOperation? handler = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not null && PagingQueries.Strip(argument.Value) is IDelegateCreationOperation creation &&
                SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, compilation.GetSpecialType(SpecialType.System_Delegate)))
            {
                handler = creation;
            }
        }

        // A method group is reported from its declaration's callback (FindInMethodGroupHandler).
        if (handler?.Target is not IAnonymousFunctionOperation lambda ||
            PagingQueries.IsPagedType(lambda.Symbol.ReturnType) || HasEnableQueryPageSize(lambda.Symbol))
        {
            return null;
        }

        var finding = FindUnboundedRows(lambda.Body, null, shared, options.GetOptions(invocation.Syntax.SyntaxTree), cancellationToken);

        // On the parameter list, where the handler starts: not on an attribute line above it, not on the whole lambda
        // (a squiggle over fifty lines says nothing).
        return finding is null
            ? null
            : new EndpointFinding(HandlerHead(lambda.Syntax), AspNetSymbols.DescribeRoute(invocation), finding, lambda.Syntax.Span, invocation.Syntax.GetLocation());
    }

    /// <summary>A lambda's parameter list (or its single parameter); an anonymous method's delegate keyword and parameters.</summary>
    private static Location HandlerHead(SyntaxNode lambda) => lambda switch
    {
        ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.GetLocation(),
        SimpleLambdaExpressionSyntax simple => simple.Parameter.GetLocation(),
        AnonymousMethodExpressionSyntax { ParameterList: { } parameters } anonymous =>
            Location.Create(lambda.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(anonymous.DelegateKeyword.SpanStart, parameters.Span.End)),
        AnonymousMethodExpressionSyntax anonymous => anonymous.DelegateKeyword.GetLocation(),
        _ => lambda.GetLocation(),
    };

    private static bool HasEnableQueryPageSize(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "EnableQueryAttribute")
            {
                continue;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "PageSize" && named.Value.Value is int size && size > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The first unbounded rows the body returns (or, for a PageModel, assigns to one of its properties).</summary>
    private static RowsFinding? FindUnboundedRows(IOperation body, INamedTypeSymbol? pageModel, CompilationData shared, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        var classifier = new RowsClassifier(shared, body, owner: null, PagingQueries.ReadList(options, PagingQueries.PaginationMethodsKey), depth: 0, cancellationToken);
        var exempt = PagingQueries.ReadList(options, PagingQueries.ExemptTypesKey);
        var references = PagingQueries.ReadList(options, PagingQueries.ReferenceEntitiesKey);
        RowsFinding? reference = null;
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            IOperation? produced = current switch
            {
                IReturnOperation { ReturnedValue: { } value } ret when ret.Kind == OperationKind.Return => value,
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property } assignment
                    when pageModel is not null && property.Property.DeclaredAccessibility == Accessibility.Public &&
                         SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, pageModel) => assignment.Value,
                _ => null,
            };

            // yield return per row, ViewBag/ViewData, a page property filled with Add/AddRange (RowsFlow.cs).
            produced ??= classifier.FindHandedOverRows(current, pageModel);
            if (produced is not null)
            {
                var verdict = classifier.Classify(produced);
                if (verdict.Kind == RowsKind.Unbounded && verdict.Finding is not null && !IsListed(verdict.Finding.Entity, exempt))
                {
                    // A growing table wins over a reference table returned by another path of the same endpoint.
                    if (ReferenceTableReason(verdict.Finding.Entity, references, shared.Data, cancellationToken) is null)
                    {
                        return verdict.Finding;
                    }

                    reference ??= verdict.Finding;
                }

                continue;
            }

            PushChildrenInSourceOrder(stack, current);
        }

        return reference;
    }

    /// <summary>
    /// Why the entity is a reference table, or null: listed in PG0004.reference_entities (the user's word, which
    /// also removes an entity with "!Name"), else seeded with HasData and without navigations of its own.
    /// </summary>
    internal static string? ReferenceTableReason(ITypeSymbol? entity, string[] references, DataAccessModel data, CancellationToken cancellationToken)
    {
        if (entity is null)
        {
            return null;
        }

        foreach (var entry in references)
        {
            if (entry.Length > 1 && entry[0] == '!' && Matches(entity, entry.Substring(1)))
            {
                return null;
            }
        }

        if (IsListed(entity, references))
        {
            return "listed in " + PagingQueries.ReferenceEntitiesKey;
        }

        return data.GetEntityModel(cancellationToken).IsSeededLeaf(entity) || data.GetReferencedSummaries(cancellationToken).IsSeededLeaf(entity)
            ? "seeded with HasData, no navigations"
            : null;
    }

    /// <summary>Children pushed last-first so the walk pops them in source order: the first unbounded rows are named.</summary>
    private static void PushChildrenInSourceOrder(Stack<IOperation> stack, IOperation operation)
    {
        var children = new List<IOperation>();
        foreach (var child in operation.ChildOperations)
        {
            if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
            {
                children.Add(child);
            }
        }

        for (var i = children.Count - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }

    internal static bool IsListed(ITypeSymbol? entity, string[] names)
    {
        if (names.Length == 0 || entity is null)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (Matches(entity, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(ITypeSymbol entity, string name) =>
        name == entity.Name || (name.IndexOf('.') >= 0 && name == entity.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty));

    /// <summary>One endpoint's unbounded rows: where to report them, the endpoint's name or routes, what the fix may page.</summary>
    internal sealed class EndpointFinding
    {
        public EndpointFinding(Location location, string endpoint, RowsFinding finding, Microsoft.CodeAnalysis.Text.TextSpan fixableSpan, Location? registration)
        {
            Location = location;
            Endpoint = endpoint;
            Finding = finding;
            FixableSpan = fixableSpan;
            Registration = registration;
        }

        public Location Location { get; }

        public string Endpoint { get; }

        public RowsFinding Finding { get; }

        /// <summary>The endpoint's span: a fix may page a query inside it (default: no fix).</summary>
        public Microsoft.CodeAnalysis.Text.TextSpan FixableSpan { get; }

        /// <summary>The Map* call that registers a minimal-API handler, or null.</summary>
        public Location? Registration { get; }
    }
}
