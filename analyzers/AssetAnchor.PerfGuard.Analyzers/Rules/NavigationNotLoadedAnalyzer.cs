using System.Collections.Generic;
using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>
/// PG0002 and PG0003: a navigation read on an entity that came from a query (in the same method, through a
/// materialised list, a foreach variable or a LINQ-to-objects lambda, or returned by a helper, service or repository
/// of this compilation or of a referenced project) when that query did not load it (no Include/ThenInclude, no
/// AutoInclude, not owned, no explicit Load or fix-up query). With lazy loading the read in a loop is one query per
/// element (PG0002); without, the navigation is silently null or empty (PG0003). Entities of unknown origin
/// (parameters, fields, assemblies without a record) are never reported. The analysis is <see cref="NavigationAnalysis"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NavigationNotLoadedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor LazyLoadInLoopRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.LazyLoadedNavigationInLoop,
        title: "Lazy-loaded navigation read inside a loop (N+1)",
        messageFormat: "'{0}' is lazy-loaded once per element of the {1} (N+1); include '{2}' in the query",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "The context uses lazy loading and the query did not include, project or load this navigation, so reading it for each element runs one query per element.");

    internal static readonly DiagnosticDescriptor NeverLoadedRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.NavigationNeverLoaded,
        title: "Navigation read but never loaded (incomplete data)",
        messageFormat: "'{0}' is read but the query never loads it, so it is null or empty; include '{1}' in the query",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Without lazy loading EF Core only fills navigations that the query includes (Include/ThenInclude, AutoInclude, owned types) or that are loaded explicitly; any other navigation is null or an empty collection.");

    /// <summary>PG0002 across projects, UP direction: reported at a file of another project (<see cref="UpJoin"/>).</summary>
    internal static readonly DiagnosticDescriptor CrossProjectLazyLoadInLoopRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.LazyLoadedNavigationInLoop,
        title: "Lazy-loaded navigation read inside a loop (N+1), across projects",
        messageFormat: "'{0}' is lazy-loaded once per element of the {1} (N+1); include '{2}' in the query of '{3}', implemented in another project",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An entity returned by an interface method implemented in a project built later, on a lazy-loading context, has a navigation the query did not load read once per element. Reported by the first project that references both.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PG0003 across projects, UP direction: reported at a file of another project (<see cref="UpJoin"/>).</summary>
    internal static readonly DiagnosticDescriptor CrossProjectNeverLoadedRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.NavigationNeverLoaded,
        title: "Navigation read but never loaded (incomplete data), across projects",
        messageFormat: "'{0}' is read but '{2}', implemented in another project, never loads it, so it is null or empty; include '{1}' in its query",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "An entity returned by an interface method implemented in a project built later, without lazy loading, has a navigation the query did not load read. Reported by the first project that references both (by the composition root when the navigation is virtual: only it sees every lazy-loading registration).",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(LazyLoadInLoopRule, NeverLoadedRule, CrossProjectLazyLoadInLoopRule, CrossProjectNeverLoadedRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            if (data is null)
            {
                return;
            }

            var analysis = data.GetNavigations();

            // Every identifier callback asks for the navigation names, so the entity model is always built; built here,
            // it is built once. The driver runs compilation-start actions one analyzer after another and before any
            // callback, whereas the first identifier callbacks arrive together on every thread and each built its own
            // copy (about two per compilation, in step with each other, half of PerfGuard's time in mm's
            // Products.Infrastructure).
            analysis.GetNavigationNames(startContext.CancellationToken);
            if (UpJoin.Create(data, startContext.Options, CallSiteKind.NavigationRead, CrossProjectLazyLoadInLoopRule, CrossProjectNeverLoadedRule, startContext.CancellationToken) is { } upJoin)
            {
                startContext.RegisterCompilationEndAction(upJoin);
            }

            // A syntax action filtered by navigation name, not an operation action: that would make the driver
            // bind every member of the compilation a second time just to see its few navigation reads.
            startContext.RegisterSyntaxNodeAction(
                syntaxContext => AnalyzeIdentifier(syntaxContext, analysis),
                SyntaxKind.IdentifierName);
        });
    }

    private static void AnalyzeIdentifier(SyntaxNodeAnalysisContext context, NavigationAnalysis analysis)
    {
        var identifier = (IdentifierNameSyntax)context.Node;
        if (!analysis.GetNavigationNames(context.CancellationToken).Contains(identifier.Identifier.ValueText))
        {
            return;
        }

        // x.Navigation and x?.Navigation are bound at the member access; a bare name (this.Navigation, property
        // patterns) at the identifier.
        SyntaxNode node = identifier.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == identifier => access,
            MemberBindingExpressionSyntax binding when binding.Name == identifier => binding,
            _ => identifier,
        };

        var operation = context.SemanticModel.GetOperation(node, context.CancellationToken);
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        if (operation is IPropertyReferenceOperation reference && ReferenceEquals(reference.Syntax, node))
        {
            AnalyzePropertyReference(context, reference, analysis);
        }
    }

    private static void AnalyzePropertyReference(SyntaxNodeAnalysisContext context, IPropertyReferenceOperation reference, NavigationAnalysis analysis)
    {
        var property = reference.Property;
        var cancellationToken = context.CancellationToken;
        if (reference.Instance is null || property.Type.IsValueType || property.Type.SpecialType == SpecialType.System_String || !IsRead(reference) ||
            RoundTripAnalysis.IsInsideExpressionTree(reference, analysis.Symbols))
        {
            return;
        }

        var isNavigation = analysis.GetEntityModel(cancellationToken).IsNavigation(property, out _);
        if ((!isNavigation && !analysis.IsRecordedNavigationName(property.Name, cancellationToken)) ||
            !analysis.TryGetEntityOrigin(reference.Instance, 0, cancellationToken, out var origin) ||
            (!isNavigation && origin.Recorded is null))
        {
            return;
        }

        var path = new List<IPropertySymbol>(origin.Path) { property };
        var state = analysis.Judge(origin, path, reference, cancellationToken, out var shape);
        if (state is not (NavigationState.LazyLoaded or NavigationState.NotLoaded))
        {
            return;
        }

        var lazy = state == NavigationState.LazyLoaded;
        LoopContext loop = default;
        if (lazy)
        {
            // One lazy load for one entity is a round trip, not an N+1.
            loop = origin.PerElement ? LoopContext.Find(reference, analysis.Symbols) : default;
            if (loop.IsNone)
            {
                return;
            }
        }

        var names = new string[path.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = path[i].Name;
        }

        var includePath = string.Join(".", names);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(DiagnosticProperties.IncludePath, includePath);
        properties.Add(DiagnosticProperties.PathTypes, GetPathTypes(origin.EntityType, path, analysis.Symbols));
        if (shape is not null && shape.IncludePaths.Count > 0 && ContainsCollection(path, analysis.GetEntityModel(cancellationToken)))
        {
            properties.Add(DiagnosticProperties.SiblingCollection, "true");
        }

        var additional = origin.FixAnchor is null ? null : new[] { origin.FixAnchor.GetLocation() };
        var (location, display) = GetLocationAndDisplay(reference);
        var diagnostic = lazy
            ? Diagnostic.Create(LazyLoadInLoopRule, location, additional, properties.ToImmutable(), display, loop.Description, includePath)
            : Diagnostic.Create(NeverLoadedRule, location, additional, properties.ToImmutable(), display, includePath);
        context.ReportDiagnostic(diagnostic);
    }

    /// <summary>The squiggle covers receiver and navigation: <c>p.Owner</c>, or <c>lease?.Unit</c> in a conditional access.</summary>
    private static (Location Location, string Display) GetLocationAndDisplay(IPropertyReferenceOperation reference)
    {
        var syntax = reference.Syntax;
        if (syntax is MemberBindingExpressionSyntax &&
            reference.Instance is IConditionalAccessInstanceOperation placeholder &&
            OperationHelpers.GetConditionalAccessReceiver(placeholder) is { } receiver)
        {
            var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(receiver.Syntax.SpanStart, syntax.Span.End);
            var text = syntax.SyntaxTree.GetText().ToString(span);
            return (Location.Create(syntax.SyntaxTree, span), text);
        }

        return (syntax.GetLocation(), syntax.ToString());
    }

    private static bool ContainsCollection(List<IPropertySymbol> path, EntityModel model)
    {
        foreach (var step in path)
        {
            if (model.IsNavigation(step, out var isCollection) && isCollection)
            {
                return true;
            }
        }

        return false;
    }

    private static string GetPathTypes(ITypeSymbol entityType, List<IPropertySymbol> path, EfSymbols symbols)
    {
        var names = new List<string> { entityType.Name };
        foreach (var step in path)
        {
            var type = step.Type.SpecialType == SpecialType.None && symbols.GetElementType(step.Type) is { } element ? element : step.Type;
            names.Add(type.Name);
        }

        return string.Join(",", names);
    }

    /// <summary>Reads only: not an assignment target, not the receiver of Add/AddRange/Insert, not nameof.</summary>
    private static bool IsRead(IPropertyReferenceOperation reference)
    {
        var parent = reference.Parent;
        if (parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference))
        {
            return false;
        }

        if (parent is IInvocationOperation invocation && ReferenceEquals(invocation.Instance, reference) &&
            invocation.TargetMethod.Name is "Add" or "AddRange" or "Insert")
        {
            return false;
        }

        if (parent is IConversionOperation { Parent: IArgumentOperation { Parent: IInvocationOperation extension } } &&
            extension.TargetMethod.IsExtensionMethod && extension.TargetMethod.Name is "Add" or "AddRange")
        {
            return false;
        }

        for (var current = parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return false;
            }
        }

        return true;
    }
}
