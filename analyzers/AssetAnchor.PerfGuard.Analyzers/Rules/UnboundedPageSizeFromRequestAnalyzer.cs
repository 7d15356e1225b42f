using System.Collections.Immutable;
using System.Globalization;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>
/// PG0006: Take(pageSize) (or a pagination helper's page size) where the size comes straight from the request
/// (an endpoint parameter or a bound model property) with no clamp, guard or validation attribute, in the endpoint or
/// in a method it hands the size to (<see cref="PageSizeAnalysis"/>: this compilation and referenced projects' records).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedPageSizeFromRequestAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnboundedPageSizeFromRequest,
        title: "Page size taken from the request without an upper bound",
        messageFormat: "The page size '{0}' comes from the request with no upper bound, so a caller can ask for every row; clamp it with Math.Clamp({0}, 1, {1})",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "A page size read from the query string without Math.Min/Math.Clamp, a guarding if or a [Range] attribute lets any caller turn a paged endpoint into an unpaginated one (pageSize=1000000).");

    /// <summary>PG0006 across projects, UP direction: reported at a file of another project (<see cref="UpJoin"/>).</summary>
    internal static readonly DiagnosticDescriptor CrossProjectRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnboundedPageSizeFromRequest,
        title: "Page size taken from the request without an upper bound, across projects",
        messageFormat: "The page size '{0}' comes from the request with no upper bound and '{2}', implemented in another project, takes it into Take, so a caller can ask for every row; clamp it with Math.Clamp({0}, 1, {1})",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An endpoint hands the request's page size, unclamped, to an interface method whose implementation in a project built later pages an EF query with it, unclamped too. Reported by the first project that references both.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PG0006 through a parameter object: the endpoint hands the bound model whole to a method that pages with its size.</summary>
    internal static readonly DiagnosticDescriptor ParameterObjectRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnboundedPageSizeFromRequest,
        title: "Page size taken from the request without an upper bound, in a parameter object",
        messageFormat: "The page size '{0}' comes from the request with no upper bound and '{2}' takes it into Take, so a caller can ask for every row; clamp it (Math.Clamp({0}, 1, {1})) where it is used or in the property's setter",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An endpoint hands a model bound from the request ([FromQuery] UserParams) to a method that pages an EF query with its PageSize, which no setter, validation or clamp bounds.");

    /// <summary>PG0006 through a dispatch: the endpoint builds the request from its values and a handler pages with them.</summary>
    internal static readonly DiagnosticDescriptor DispatchRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnboundedPageSizeFromRequest,
        title: "Page size taken from the request without an upper bound, through a dispatched request",
        messageFormat: "The page size '{0}' comes from the request with no upper bound and the handler of '{2}' takes it into Take, so a caller can ask for every row; clamp it with Math.Clamp({0}, 1, {1})",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An endpoint builds a request (new GetPagedQuery { PageSize = pageSize }) from the query string and dispatches it (MediatR's Send, or the solution's own dispatcher) to a handler that pages an EF query with that property, unclamped.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, CrossProjectRule, ParameterObjectRule, DispatchRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            // Before the ASP.NET Core check: the project that joins an endpoint's call site (Infrastructure) needs none.
            if (data is not null &&
                UpJoin.Create(data, startContext.Options, CallSiteKind.PageSize, CrossProjectRule, null, startContext.CancellationToken) is { } upJoin)
            {
                startContext.RegisterCompilationEndAction(upJoin);
            }

            var asp = data?.AspNetIfReferenced;
            if (data is null || asp is null)
            {
                return;
            }

            var shared = data.GetPageSizes();
            // A syntax action filtered cheaply, not an operation action: that would make the driver bind every member
            // of the compilation a second time. Only invocations that can be reported are bound (see MayReport).
            startContext.RegisterSyntaxNodeAction(context => AnalyzeInvocationSyntax(context, shared), SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeInvocationSyntax(SyntaxNodeAnalysisContext context, PageSizeAnalysis shared)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (MayReport(syntax, context.SemanticModel, shared.Asp, context.CancellationToken) &&
            context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation &&
            ReferenceEquals(invocation.Syntax, syntax))
        {
            AnalyzeInvocation(context, invocation, shared);
        }
    }

    /// <summary>
    /// Cheap syntax filter. A report needs either an endpoint as the innermost enclosing function (a controller action or
    /// page handler, or a lambda passed to a Map* call), or, elsewhere, a size taken from a parameter of that function
    /// bound by an explicit attribute ([FromQuery]/[FromRoute]).
    /// </summary>
    private static bool MayReport(InvocationExpressionSyntax syntax, SemanticModel model, AspNetSymbols asp, System.Threading.CancellationToken cancellationToken)
    {
        for (SyntaxNode? node = syntax.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return IsMapArgument(function) || HasAttributedParameter(function switch
                    {
                        ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList,
                        AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList,
                        _ => null,
                    });
                case LocalFunctionStatementSyntax localFunction:
                    return HasAttributedParameter(localFunction.ParameterList);
                case MethodDeclarationSyntax method:
                    return HasAttributedParameter(method.ParameterList) ||
                        (model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol &&
                         (asp.IsControllerAction(symbol) || asp.IsPageHandler(symbol)));
                case BaseMethodDeclarationSyntax other:
                    return HasAttributedParameter(other.ParameterList);
                case AccessorDeclarationSyntax or MemberDeclarationSyntax or CompilationUnitSyntax:
                    // Property accessors, field initializers, top-level statements: no request parameter of their own.
                    return false;
            }
        }

        return false;
    }

    private static bool IsMapArgument(AnonymousFunctionExpressionSyntax function)
    {
        SyntaxNode? node = function.Parent;
        while (node is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            node = node.Parent;
        }

        return node is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax map } } &&
            InvokedName.Of(map.Expression) is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "Map";
    }

    private static bool HasAttributedParameter(BaseParameterListSyntax? parameters)
    {
        if (parameters is null)
        {
            return false;
        }

        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.AttributeLists.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, PageSizeAnalysis shared)
    {
        var size = shared.GetPageSize(invocation);
        // A dispatch (MediatR's Send, a dispatcher of the solution) is followed to its handlers, not as a method.
        var dispatched = size is null ? shared.FindDispatchedPageSizes(invocation, context.CancellationToken) : null;
        var callee = size is null && dispatched is null ? shared.GetFollowedCallee(invocation.TargetMethod) : null;
        if ((size is null && callee is null && dispatched is null) || size?.ConstantValue.HasValue == true)
        {
            return;
        }

        var body = PagingQueries.FindEnclosingBody(invocation, out var lambda);
        var endpoint = lambda ?? context.ContainingSymbol as IMethodSymbol;
        if (body is null || endpoint is null)
        {
            return;
        }

        var isEndpoint = lambda is null
            ? shared.Asp.IsControllerAction(endpoint) || shared.Asp.IsPageHandler(endpoint)
            : IsMinimalApiHandler(body, shared.Asp);
        if (size is null && !isEndpoint)
        {
            return;
        }

        var flow = new RequestValueFlow(body, endpoint, isEndpoint, shared, onlyParameterOrdinal: -1);
        if (size is not null)
        {
            if (flow.FindRequestValue(size) is { } request)
            {
                Report(context, size, request);
            }

            return;
        }

        if (dispatched is not null)
        {
            // The request the endpoint builds: report the first property every handler pages with, set from the request.
            foreach (var name in dispatched.Properties.PropertiesOf(0))
            {
                if (flow.FindBuiltPropertyValue(invocation.Arguments[0].Value, name) is { } value && flow.FindRequestValue(value) is { } request)
                {
                    ReportDispatched(context, value, request, dispatched.Request.Name);
                    return;
                }
            }

            return;
        }

        // The endpoint hands the request's value to a method that pages with it: report where it leaves the request.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (PageSizeAnalysis.IsIntegral(parameter.Type))
            {
                if (flow.FindRequestValue(argument.Value) is { } request && shared.TakesUnbounded(callee!, parameter.Ordinal, context.CancellationToken))
                {
                    Report(context, argument.Value, request);
                }
            }
            else if (flow.FindRequestObject(argument.Value) is { } model)
            {
                // The bound model handed on whole ([FromQuery] UserParams userParams): the callee reads its PageSize.
                foreach (var name in shared.UnboundedProperties(callee!, parameter.Ordinal, context.CancellationToken))
                {
                    if (!flow.IsPropertyGuarded(model, name))
                    {
                        ReportParameterObject(context, argument.Value, name, callee!);
                        break;
                    }
                }
            }
        }
    }

    private static void ReportParameterObject(SyntaxNodeAnalysisContext context, IOperation model, string property, IMethodSymbol callee)
    {
        var max = PagingQueries.ReadMaxPageSize(context.Options.AnalyzerConfigOptionsProvider.GetOptions(model.Syntax.SyntaxTree));
        // No MaxPageSize property: Math.Clamp around the whole object is no fix; the clamp belongs where the size is read.
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.PageSizeInParameterObject, property);
        context.ReportDiagnostic(Diagnostic.Create(
            ParameterObjectRule, model.Syntax.GetLocation(), properties, model.Syntax + "." + property, max, callee.Name));
    }

    private static void ReportDispatched(SyntaxNodeAnalysisContext context, IOperation size, IOperation request, string requestType)
    {
        var max = PagingQueries.ReadMaxPageSize(context.Options.AnalyzerConfigOptionsProvider.GetOptions(size.Syntax.SyntaxTree));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.MaxPageSize, max.ToString(CultureInfo.InvariantCulture));
        context.ReportDiagnostic(Diagnostic.Create(DispatchRule, size.Syntax.GetLocation(), properties, request.Syntax.ToString(), max, requestType));
    }

    private static void Report(SyntaxNodeAnalysisContext context, IOperation size, IOperation request)
    {
        var max = PagingQueries.ReadMaxPageSize(context.Options.AnalyzerConfigOptionsProvider.GetOptions(size.Syntax.SyntaxTree));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.MaxPageSize, max.ToString(CultureInfo.InvariantCulture));
        context.ReportDiagnostic(Diagnostic.Create(Rule, size.Syntax.GetLocation(), properties, request.Syntax.ToString(), max));
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
}
