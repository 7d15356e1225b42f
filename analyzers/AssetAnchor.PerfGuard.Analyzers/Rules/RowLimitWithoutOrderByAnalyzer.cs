using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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

            if (UnorderedRowLimits.FindUnorderedArgument(argument.Value, ef) is not { } finding)
            {
                return;
            }

            var key = keys.FindKey(PagingQueries.GetElementType(finding.Source.Type, ef), context.CancellationToken);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(PagingQueries.KeyPropertyName, key ?? string.Empty)
                .Add(OrderTargetProperty, OrderTargetArgument);
            context.ReportDiagnostic(Diagnostic.Create(Rule, finding.Location, properties,
                "'" + paged.Value.Operator + "' in '" + method.ContainingType.Name + "." + method.Name + "'", finding.QueryText, Reason(finding.OrderDiscarded)));
            return;
        }
    }

    /// <summary>Diagnostic property: where the fix adds the order ("argument": after the reported expression itself).</summary>
    internal const string OrderTargetProperty = "OrderTarget";
    internal const string OrderTargetArgument = "argument";

    /// <summary>The message's third argument (also the Up join's).</summary>
    internal static string Reason(bool orderDiscarded) =>
        orderDiscarded ? "whose OrderBy is discarded by the Distinct() after it" : "which has no OrderBy";

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, EfSymbols ef, DataAccessModel keys)
    {
        if (UnorderedRowLimits.FindUnorderedLimit(invocation, ef) is not { } finding)
        {
            return;
        }

        var key = keys.FindKey(PagingQueries.GetElementType(finding.Source.Type, ef), context.CancellationToken);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(PagingQueries.KeyPropertyName, key ?? string.Empty);
        context.ReportDiagnostic(Diagnostic.Create(Rule, finding.Location, properties, "'" + invocation.TargetMethod.Name + "'", finding.QueryText, Reason(finding.OrderDiscarded)));
    }
}
