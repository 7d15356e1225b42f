using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AssetAnchor.PerfGuard.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>PG0006: clamp the request's page size with Math.Clamp(size, 1, MaxPageSize).</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(UnboundedPageSizeFromRequestCodeFixProvider)), Shared]
public sealed class UnboundedPageSizeFromRequestCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnboundedPageSizeFromRequest);

    // Each fix may add the MaxPageSize constant to its type; batch-merging would add it twice.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax size)
            {
                continue;
            }

            var max = PagingFixSyntax.ReadMaxPageSize(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Clamp the page size to " + max.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    cancellationToken => ClampAsync(context.Document, size, max, cancellationToken),
                    equivalenceKey: nameof(UnboundedPageSizeFromRequestCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> ClampAsync(Document document, ExpressionSyntax size, int max, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var maxExpression = PagingFixSyntax.EnsureMaxPageSize(editor, size, max);
        editor.ReplaceNode(size, PagingFixSyntax.Clamp(size, maxExpression, editor.SemanticModel, size.SpanStart).WithTriviaFrom(size));
        return editor.GetChangedDocument();
    }
}
