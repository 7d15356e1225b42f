using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AssetAnchor.PerfGuard.CodeFixes.Infrastructure;

/// <summary>
/// Fix-all for fixes that cannot be merged as text: each one may add the same member to its type (the
/// MaxPageSize constant) or edit the same signature. The fixes of one document run one after another, each on the
/// document the previous one produced, so a later fix sees (and reuses) what an earlier one added. The syntax each
/// fix needs is found in the original tree and annotated, because the diagnostics' spans go stale after the first edit.
/// </summary>
internal static class SequentialFixAllProvider
{
    /// <summary>The nodes one fix works on, found in the tree the diagnostic was reported on; empty when there is no fix.</summary>
    public delegate ImmutableArray<SyntaxNode> LocateNodes(SyntaxNode root, Diagnostic diagnostic);

    /// <summary>Applies one fix to <paramref name="document"/>, given the current versions of the located nodes.</summary>
    public delegate Task<Document> ApplyFix(Document document, ImmutableArray<SyntaxNode> nodes, Diagnostic diagnostic, CancellationToken cancellationToken);

    private const string AnnotationKind = "PerfGuard.FixAllTarget";

    public static FixAllProvider Create(LocateNodes locate, ApplyFix apply) =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await FixDocumentAsync(document, diagnostics, locate, apply, context.CancellationToken).ConfigureAwait(false));

    private static async Task<Document?> FixDocumentAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, LocateNodes locate, ApplyFix apply, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // One annotation per fix, on every node that fix needs.
        var fixes = new List<(SyntaxAnnotation Annotation, int NodeCount, Diagnostic Diagnostic)>();
        var annotationsByNode = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree)
            {
                continue;
            }

            var nodes = locate(root, diagnostic);
            if (nodes.IsDefaultOrEmpty)
            {
                continue;
            }

            var annotation = new SyntaxAnnotation(AnnotationKind, fixes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            fixes.Add((annotation, nodes.Length, diagnostic));
            foreach (var node in nodes)
            {
                if (!annotationsByNode.TryGetValue(node, out var list))
                {
                    annotationsByNode[node] = list = new List<SyntaxAnnotation>();
                }

                list.Add(annotation);
            }
        }

        if (fixes.Count == 0)
        {
            return document;
        }

        var current = document.WithSyntaxRoot(root.ReplaceNodes(
            annotationsByNode.Keys,
            (original, rewritten) => rewritten.WithAdditionalAnnotations(annotationsByNode[original])));

        foreach (var (annotation, nodeCount, diagnostic) in fixes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var currentRoot = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var nodes = currentRoot?.GetAnnotatedNodes(annotation).ToImmutableArray() ?? ImmutableArray<SyntaxNode>.Empty;

            // A node an earlier fix replaced is gone: skip this fix rather than apply it to the wrong place.
            if (nodes.Length != nodeCount)
            {
                continue;
            }

            current = await apply(current, nodes, diagnostic, cancellationToken).ConfigureAwait(false);
        }

        return await RemoveAnnotationsAsync(current, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> RemoveAnnotationsAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var annotated = root.GetAnnotatedNodes(AnnotationKind).ToList();
        return annotated.Count == 0
            ? document
            : document.WithSyntaxRoot(root.ReplaceNodes(
                annotated,
                static (_, rewritten) => rewritten.WithoutAnnotations(AnnotationKind)));
    }
}
