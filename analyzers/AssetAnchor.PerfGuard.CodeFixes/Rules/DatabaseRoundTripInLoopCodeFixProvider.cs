using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AssetAnchor.PerfGuard.Analyzers;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>
/// PG0001: when the loop only adds or updates entities and ends with SaveChanges, save once after the loop.
/// Other round trips need a batched rewrite that depends on intent (see docs/rules/PG0001.md), so no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DatabaseRoundTripInLoopCodeFixProvider))]
public sealed class DatabaseRoundTripInLoopCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "PerfGuard.MoveSaveChangesAfterLoop";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DatabaseRoundTripInLoop);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DatabaseRoundTripInLoopAnalyzer.MovableSaveChangesProperty) ||
                FindStatementAndLoop(root, diagnostic) is not { } found)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Call SaveChanges once after the loop",
                    cancellationToken => MoveAsync(context.Document, found.Statement, found.Loop, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static (StatementSyntax Statement, StatementSyntax Loop)? FindStatementAndLoop(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var statement = node.FirstAncestorOrSelf<ExpressionStatementSyntax>();
        if (statement?.Parent is not BlockSyntax body ||
            body.Parent is not (ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax) ||
            body.Parent.Parent is not BlockSyntax)
        {
            return null;
        }

        return (statement, (StatementSyntax)body.Parent);
    }

    private static async Task<Document> MoveAsync(Document document, StatementSyntax statement, StatementSyntax loop, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.InsertAfter(loop, statement.WithoutLeadingTrivia().WithAdditionalAnnotations(Formatter.Annotation));
        editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
        return editor.GetChangedDocument();
    }
}
