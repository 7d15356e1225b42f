using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using static AssetAnchor.PerfGuard.Analyzers.Infrastructure.RowsAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>
/// PG0004: a controller action, Razor Pages handler or minimal-API handler returns every row of an EF Core query
/// (directly, wrapped in a result, or through services of the same compilation) with no row limit.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnpaginatedCollectionEndpointAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: "true" when the rows are queried in the endpoint itself, so a fix can page them.</summary>
    internal const string FixableProperty = DiagnosticProperties.Fixable;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnpaginatedCollectionEndpoint,
        title: "Unpaginated collection endpoint",
        messageFormat: "'{0}' returns every row of '{1}'{2} with no row limit{3}; page it with Skip/Take or a pagination helper",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An endpoint that returns the rows of an EF Core query without a row limit reads, tracks and serialises the whole table; its latency and memory grow with the data.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            var asp = data is null ? null : AspNetSymbols.TryCreate(startContext.Compilation);
            if (data is null || asp is null)
            {
                return;
            }

            var shared = new CompilationData(data, asp);
            // Syntax actions filtered cheaply, not operation actions: those make the driver bind every member of the
            // compilation a second time. Only controller actions / page handlers and Map* calls are bound here.
            startContext.RegisterSyntaxNodeAction(context => AnalyzeMethodSyntax(context, shared), SyntaxKind.MethodDeclaration);
            if (asp.EndpointRouteBuilderExtensions is not null)
            {
                startContext.RegisterSyntaxNodeAction(context => AnalyzeInvocationSyntax(context, shared), SyntaxKind.InvocationExpression);
            }
        });
    }

    private static void AnalyzeMethodSyntax(SyntaxNodeAnalysisContext context, CompilationData shared)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if ((syntax.Body is null && syntax.ExpressionBody is null) ||
            context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method ||
            (!shared.Asp.IsPageHandler(method) && !shared.Asp.IsControllerAction(method)))
        {
            return;
        }

        if (context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IMethodBodyOperation body && ReferenceEquals(body.Syntax, syntax))
        {
            AnalyzeMethodBody(context, method, body, shared);
        }
    }

    private static void AnalyzeInvocationSyntax(SyntaxNodeAnalysisContext context, CompilationData shared)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        var name = syntax.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        if (name is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "Map" &&
            syntax.ArgumentList.Arguments.Count > 0 &&
            context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation &&
            ReferenceEquals(invocation.Syntax, syntax))
        {
            AnalyzeMapCall(context, invocation, shared);
        }
    }

    private static void AnalyzeMethodBody(SyntaxNodeAnalysisContext context, IMethodSymbol method, IMethodBodyOperation body, CompilationData shared)
    {
        var isPageHandler = shared.Asp.IsPageHandler(method);
        if (!isPageHandler && !shared.Asp.IsControllerAction(method))
        {
            return;
        }

        if (PagingQueries.IsPagedType(method.ReturnType) || HasEnableQueryPageSize(method) || HasEnableQueryPageSize(method.ContainingType))
        {
            return;
        }

        IOperation? block = body.BlockBody ?? (IOperation?)body.ExpressionBody;
        if (block is null || method.DeclaringSyntaxReferences.Length == 0 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return;
        }

        var finding = FindUnboundedRows(block, isPageHandler ? method.ContainingType : null, shared, context.Options.AnalyzerConfigOptionsProvider.GetOptions(body.Syntax.SyntaxTree), context.CancellationToken);
        if (finding is not null)
        {
            Report(context, declaration.Identifier.GetLocation(), method.Name, finding, declaration.Span);
        }
    }

    private static void AnalyzeMapCall(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, CompilationData shared)
    {
        if (!shared.Asp.IsMinimalApiMap(invocation.TargetMethod))
        {
            return;
        }

        IDelegateCreationOperation? handler = null;
        string? route = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null)
            {
                continue;
            }

            if (argument.Parameter.Name == "pattern")
            {
                route = argument.Value.Syntax.ToString();
            }
            else if (PagingQueries.Strip(argument.Value) is IDelegateCreationOperation creation &&
                SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, context.SemanticModel.Compilation.GetSpecialType(SpecialType.System_Delegate)))
            {
                handler = creation;
            }
        }

        if (handler is null)
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(invocation.Syntax.SyntaxTree);
        var name = invocation.TargetMethod.Name + "(" + (route ?? string.Empty) + ")";
        switch (handler.Target)
        {
            case IAnonymousFunctionOperation lambda:
                if (PagingQueries.IsPagedType(lambda.Symbol.ReturnType) || HasEnableQueryPageSize(lambda.Symbol))
                {
                    return;
                }

                var lambdaFinding = FindUnboundedRows(lambda.Body, null, shared, options, context.CancellationToken);
                if (lambdaFinding is not null)
                {
                    Report(context, lambda.Syntax.GetLocation(), name, lambdaFinding, lambda.Syntax.Span);
                }

                return;
            case IMethodReferenceOperation reference:
                var target = reference.Method;
                if (PagingQueries.IsPagedType(target.ReturnType) || HasEnableQueryPageSize(target))
                {
                    return;
                }

                var targetBody = shared.GetBody(target, context.CancellationToken);
                if (targetBody is null)
                {
                    return;
                }

                var groupFinding = FindUnboundedRows(targetBody, null, shared, options, context.CancellationToken);
                if (groupFinding is not null)
                {
                    // The handler lives elsewhere: report on the Map call, and leave the fix to the user.
                    Report(context, invocation.Syntax.GetLocation(), name, groupFinding.WithoutTarget(), default);
                }

                return;
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, Location location, string endpoint, RowsFinding finding, Microsoft.CodeAnalysis.Text.TextSpan endpointSpan)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        Location[] additional = System.Array.Empty<Location>();
        var fixable = finding.PagingTarget is not null && finding.PagedInMemoryAfter is null && finding.Via is null &&
            endpointSpan.Contains(finding.PagingTarget.Span) && finding.PagingTarget.SyntaxTree == location.SourceTree &&
            (finding.Ordered || finding.KeyProperty is not null);
        if (fixable)
        {
            additional = new[] { finding.PagingTarget!.GetLocation() };
            properties[PagingQueries.KeyPropertyName] = finding.Ordered ? string.Empty : finding.KeyProperty;
            properties[FixableProperty] = "true";
            properties[PagingQueries.MaxPageSizeProperty] = PagingQueries.ReadMaxPageSize(
                context.Options.AnalyzerConfigOptionsProvider.GetOptions(location.SourceTree!)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var via = finding.Via is null ? string.Empty : " (through '" + finding.Via + "')";
        var inMemory = finding.PagedInMemoryAfter is null
            ? string.Empty
            : " in the database (the Skip/Take after '" + finding.PagedInMemoryAfter + "' runs in memory, after every row was loaded)";
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, additional, properties.ToImmutable(), endpoint, finding.QueryText, via, inMemory));
    }

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
                if (verdict.Kind == RowsKind.Unbounded && verdict.Finding is not null && !IsExempt(verdict.Finding, exempt))
                {
                    return verdict.Finding;
                }

                continue;
            }

            PushChildrenInSourceOrder(stack, current);
        }

        return null;
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

    private static bool IsExempt(RowsFinding finding, string[] exempt)
    {
        if (exempt.Length == 0 || finding.Entity is null)
        {
            return false;
        }

        var full = finding.Entity.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        foreach (var name in exempt)
        {
            if (name == finding.Entity.Name || name == full)
            {
                return true;
            }
        }

        return false;
    }
}
