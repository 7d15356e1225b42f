using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using static AssetAnchor.PerfGuard.Analyzers.Infrastructure.RowsAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

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

    /// <summary>PG0007: the same finding over a reference (lookup) table; a suggestion, silenceable on its own.</summary>
    internal static readonly DiagnosticDescriptor ReferenceTableRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnpaginatedReferenceTableEndpoint,
        title: "Unpaginated endpoint over a reference table",
        messageFormat: "'{0}' returns every row of '{1}'{2}, a reference table ({3}); fine while it stays small: cache it, or page it if it grows",
        RuleCategories.Performance,
        DiagnosticSeverity.Info,
        description: "An endpoint returns every row of a small reference table (countries, card types, statuses): seeded with HasData and without navigations, or listed in PG0004.reference_entities. Reported apart from PG0004 so it can be silenced on its own.");

    /// <summary>PG0004 across projects, UP direction: an endpoint of a referenced project returns what an implementation seen here returns (<see cref="UpJoin"/>).</summary>
    internal static readonly DiagnosticDescriptor CrossProjectRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnpaginatedCollectionEndpoint,
        title: "Unpaginated collection endpoint, across projects",
        messageFormat: "'{0}' returns every row of '{1}'{2} with no row limit{3}; page it with Skip/Take or a pagination helper",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An endpoint returns what an interface method returns, and every implementation of it, in a project built later, returns the rows of an EF Core query without a row limit. Reported by the first project that references both.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PG0007 across projects, UP direction: as <see cref="CrossProjectRule"/>, over a reference table.</summary>
    internal static readonly DiagnosticDescriptor CrossProjectReferenceTableRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnpaginatedReferenceTableEndpoint,
        title: "Unpaginated endpoint over a reference table, across projects",
        messageFormat: "'{0}' returns every row of '{1}'{2}, a reference table ({3}); fine while it stays small: cache it, or page it if it grows",
        RuleCategories.Performance,
        DiagnosticSeverity.Info,
        description: "An endpoint returns what an interface method returns, and every implementation of it, in a project built later, returns every row of a small reference table. Reported by the first project that references both.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(Rule, ReferenceTableRule, CrossProjectRule, CrossProjectReferenceTableRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            // Before the ASP.NET Core check: the project that joins an endpoint's call site (Infrastructure) needs none.
            if (data is not null &&
                UpJoin.Create(data, startContext.Options, CallSiteKind.EndpointRows, CrossProjectRule, CrossProjectReferenceTableRule, startContext.CancellationToken) is { } upJoin)
            {
                startContext.RegisterCompilationEndAction(upJoin);
            }

            var asp = data?.AspNetIfReferenced;
            if (data is null || asp is null)
            {
                return;
            }

            var shared = new CompilationData(data, asp);
            var handlers = asp.EndpointRouteBuilderExtensions is null ? null : new MinimalApiHandlers(startContext.Compilation, data.Models, asp);
            // Syntax actions filtered cheaply, not operation actions: those make the driver bind every member of the
            // compilation a second time. Only controller actions / page handlers, Map* calls and the methods that Map*
            // calls name as handlers are bound here.
            startContext.RegisterSyntaxNodeAction(context => AnalyzeMethodSyntax(context, shared, handlers), SyntaxKind.MethodDeclaration);
            if (handlers is not null)
            {
                startContext.RegisterSyntaxNodeAction(context => AnalyzeInvocationSyntax(context, shared), SyntaxKind.InvocationExpression);
                startContext.RegisterSyntaxNodeAction(context => AnalyzeLocalFunctionSyntax(context, shared, handlers), SyntaxKind.LocalFunctionStatement);
            }
        });
    }

    private static void AnalyzeMethodSyntax(SyntaxNodeAnalysisContext context, CompilationData shared, MinimalApiHandlers? handlers) =>
        Report(context, shared, UnpaginatedEndpoints.FindInMethod(context.SemanticModel, (MethodDeclarationSyntax)context.Node, shared, handlers, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken));

    private static void AnalyzeLocalFunctionSyntax(SyntaxNodeAnalysisContext context, CompilationData shared, MinimalApiHandlers handlers) =>
        Report(context, shared, UnpaginatedEndpoints.FindInLocalFunction(context.SemanticModel, (LocalFunctionStatementSyntax)context.Node, shared, handlers, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken));

    private static void AnalyzeInvocationSyntax(SyntaxNodeAnalysisContext context, CompilationData shared) =>
        Report(context, shared, UnpaginatedEndpoints.FindInMapCall(context.SemanticModel, (InvocationExpressionSyntax)context.Node, shared, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken));

    private static void Report(SyntaxNodeAnalysisContext context, CompilationData shared, UnpaginatedEndpoints.EndpointFinding? found)
    {
        if (found is null || found.Finding.UnseenContract is not null)
        {
            return;
        }

        var location = found.Location;
        var finding = found.Finding;
        var endpointSpan = found.FixableSpan;
        var registration = found.Registration;
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(location.SourceTree!);
        var referenceReason = UnpaginatedEndpoints.ReferenceTableReason(finding.Entity, PagingQueries.ReadList(options, PagingQueries.ReferenceEntitiesKey), shared.Data, context.CancellationToken);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        Location[] additional = registration is null ? System.Array.Empty<Location>() : new[] { registration };
        var fixable = finding.PagingTarget is not null && finding.PagedInMemoryAfter is null && finding.Via is null &&
            endpointSpan.Contains(finding.PagingTarget.Span) && finding.PagingTarget.SyntaxTree == location.SourceTree &&
            (finding.Ordered || finding.KeyProperty is not null);
        if (fixable)
        {
            // The paging target comes first: the fix reads it there.
            additional = registration is null ? new[] { finding.PagingTarget!.GetLocation() } : new[] { finding.PagingTarget!.GetLocation(), registration };
            properties[PagingQueries.KeyPropertyName] = finding.Ordered ? string.Empty : finding.KeyProperty;
            properties[FixableProperty] = "true";
            properties[PagingQueries.MaxPageSizeProperty] = PagingQueries.ReadMaxPageSize(options).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var via = finding.Via is null ? string.Empty : " (through '" + finding.Via + "')";
        var inMemory = InMemoryClause(finding.PagedInMemoryAfter);
        context.ReportDiagnostic(referenceReason is null
            ? Diagnostic.Create(Rule, location, additional, properties.ToImmutable(), found.Endpoint, finding.QueryText, via, inMemory)
            : Diagnostic.Create(ReferenceTableRule, location, additional, properties.ToImmutable(), found.Endpoint, finding.QueryText, via + inMemory, referenceReason));
    }

    /// <summary>The message's clause for rows paged in memory after <paramref name="materializer"/> loaded them all; empty when none.</summary>
    internal static string InMemoryClause(string? materializer) => string.IsNullOrEmpty(materializer)
        ? string.Empty
        : " in the database (the Skip/Take after '" + materializer + "' runs in memory, after every row was loaded)";
}
