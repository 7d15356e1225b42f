using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AssetAnchor.PerfGuard.Analyzers;
using AssetAnchor.PerfGuard.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>PG0005: order the query by its key before Skip/Take.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(RowLimitWithoutOrderByCodeFixProvider))]
public sealed class RowLimitWithoutOrderByCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.RowLimitWithoutOrderBy);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("KeyProperty", out var key) || string.IsNullOrEmpty(key) ||
                FindLimitedSource(root, diagnostic) is not { } source)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Order by '" + key + "' before paging",
                    cancellationToken => AddOrderByAsync(context.Document, source, key!, cancellationToken),
                    equivalenceKey: nameof(RowLimitWithoutOrderByCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>
    /// The query the reported Skip/Take is called on (the diagnostic spans "Skip(..)"), or, for a paging helper's
    /// caller, the reported argument itself.
    /// </summary>
    private static ExpressionSyntax? FindLimitedSource(SyntaxNode? root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (diagnostic.Properties.TryGetValue("OrderTarget", out var target) && target == "argument")
        {
            return root?.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax argument && argument.Span == span ? argument : null;
        }

        for (var node = root?.FindToken(span.Start).Parent; node is not null; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation &&
                access.Name.SpanStart == span.Start && invocation.Span.End == span.End)
            {
                return access.Expression;
            }
        }

        return null;
    }

    private static async Task<Document> AddOrderByAsync(Document document, ExpressionSyntax source, string key, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(source, PagingFixSyntax.OrderByKey(source, key, editor.SemanticModel, ChainLayout.Of(source)).WithTriviaFrom(source));
        return editor.GetChangedDocument();
    }
}
