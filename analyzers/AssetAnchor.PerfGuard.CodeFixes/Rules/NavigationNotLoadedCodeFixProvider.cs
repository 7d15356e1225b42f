using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AssetAnchor.PerfGuard.Analyzers;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using AssetAnchor.PerfGuard.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>
/// PG0002/PG0003: adds <c>.Include(..)</c> (and <c>.ThenInclude(..)</c> for nested paths) to the query the entity came
/// from, right before the operator that executes it. Fix-all groups every missing path of one query into one chain.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NavigationNotLoadedCodeFixProvider))]
public sealed class NavigationNotLoadedCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "PerfGuard.AddInclude";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.LazyLoadedNavigationInLoop, RuleIdentifiers.NavigationNeverLoaded);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(static async (context, document, diagnostics) =>
            await AddIncludesAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!IsFixable(diagnostic))
            {
                continue;
            }

            var path = diagnostic.Properties[DiagnosticProperties.IncludePath]!;
            var title = diagnostic.Properties.ContainsKey(DiagnosticProperties.SiblingCollection)
                ? $"Include '{path}' in the query (joins another collection: consider AsSplitQuery() to avoid a cartesian explosion)"
                : $"Include '{path}' in the query";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => AddIncludesAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static bool IsFixable(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count > 0 &&
        diagnostic.Properties.TryGetValue(DiagnosticProperties.IncludePath, out var path) && !string.IsNullOrEmpty(path) &&
        diagnostic.Properties.ContainsKey(DiagnosticProperties.PathTypes);

    private static async Task<Document> AddIncludesAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // One chain per query: every missing path of that query, in source order, without duplicates.
        var byAnchor = new Dictionary<TextSpan, List<Diagnostic>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (!IsFixable(diagnostic) || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                continue;
            }

            var span = diagnostic.AdditionalLocations[0].SourceSpan;
            if (!byAnchor.TryGetValue(span, out var list))
            {
                byAnchor[span] = list = new List<Diagnostic>();
            }

            list.Add(diagnostic);
        }

        var replacements = new Dictionary<ExpressionSyntax, string>();
        foreach (var pair in byAnchor)
        {
            if (root.FindNode(pair.Key, getInnermostNodeForTie: true) is not ExpressionSyntax anchor || anchor.Span != pair.Key)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var separator = ChainLayout.Of(anchor).Separator;
            var builder = new StringBuilder();
            foreach (var diagnostic in pair.Value)
            {
                var path = diagnostic.Properties[DiagnosticProperties.IncludePath]!;
                if (seen.Add(path))
                {
                    builder.Append(BuildInclude(path, diagnostic.Properties[DiagnosticProperties.PathTypes]!, separator, model, anchor.SpanStart));
                }
            }

            replacements[anchor] = builder.ToString();
        }

        if (replacements.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(
            replacements.Keys,
            (original, rewritten) =>
            {
                var text = rewritten.WithoutTrivia().ToFullString() + replacements[original];
                return SyntaxFactory.ParseExpression(text).WithTriviaFrom(original);
            });

        if (newRoot is CompilationUnitSyntax unit && !IsEfCoreImported(model, replacements.Keys.First().SpanStart))
        {
            newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.EntityFrameworkCore")));
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static bool IsEfCoreImported(SemanticModel model, int position) =>
        !model.LookupNamespacesAndTypes(position, name: "EntityFrameworkQueryableExtensions").IsEmpty;

    /// <summary>
    /// ".Include(p =&gt; p.Units).ThenInclude(u =&gt; u.Leases)" for path "Units.Leases" over types "Property,Unit,Lease";
    /// <paramref name="separator"/> (a line break and indentation in a multi-line chain) goes before each call.
    /// </summary>
    private static string BuildInclude(string path, string pathTypes, string separator, SemanticModel model, int position)
    {
        var steps = path.Split('.');
        var types = pathTypes.Split(',');
        var builder = new StringBuilder();
        for (var i = 0; i < steps.Length; i++)
        {
            var parameter = ChooseParameterName(i < types.Length ? types[i] : "x", model, position);
            builder.Append(separator).Append(i == 0 ? ".Include(" : ".ThenInclude(")
                .Append(parameter).Append(" => ").Append(parameter).Append('.').Append(steps[i]).Append(')');
        }

        return builder.ToString();
    }

    private static string ChooseParameterName(string typeName, SemanticModel model, int position)
    {
        var baseName = typeName.Length == 0 ? "x" : char.ToLowerInvariant(typeName[0]).ToString();
        var candidate = baseName;
        for (var suffix = 2; !model.LookupSymbols(position, name: candidate).IsEmpty && suffix < 100; suffix++)
        {
            candidate = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
