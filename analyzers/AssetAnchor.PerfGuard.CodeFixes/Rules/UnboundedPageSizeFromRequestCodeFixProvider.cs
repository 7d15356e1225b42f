using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AssetAnchor.PerfGuard.Analyzers;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>PG0006: clamp the request's page size with Math.Clamp(size, 1, MaxPageSize).</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(UnboundedPageSizeFromRequestCodeFixProvider))]
public sealed class UnboundedPageSizeFromRequestCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnboundedPageSizeFromRequest);

    // Each fix may add the MaxPageSize constant to its type, so text merging would add it twice: the fixes of a
    // document run one after another instead, and the later ones reuse the constant.
    public override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Create(Locate, ApplyAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var nodes = Locate(root, diagnostic);
            if (nodes.IsEmpty)
            {
                continue;
            }

            var max = PagingFixSyntax.ReadMaxPageSize(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Clamp the page size to " + max.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    cancellationToken => ApplyAsync(context.Document, nodes, diagnostic, cancellationToken),
                    equivalenceKey: nameof(UnboundedPageSizeFromRequestCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>The reported page-size expression; none for a parameter object (the size is read in the callee, clamped there).</summary>
    private static ImmutableArray<SyntaxNode> Locate(SyntaxNode root, Diagnostic diagnostic) =>
        !diagnostic.Properties.ContainsKey(DiagnosticProperties.PageSizeInParameterObject) &&
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax size
            ? ImmutableArray.Create<SyntaxNode>(size)
            : ImmutableArray<SyntaxNode>.Empty;

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<SyntaxNode> nodes, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var size = (ExpressionSyntax)nodes[0];
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var maxExpression = PagingFixSyntax.EnsureMaxPageSize(editor, size, PagingFixSyntax.ReadMaxPageSize(diagnostic));
        editor.ReplaceNode(size, PagingFixSyntax.Clamp(size, maxExpression, editor.SemanticModel, size.SpanStart).WithTriviaFrom(size));
        return editor.GetChangedDocument();
    }
}
