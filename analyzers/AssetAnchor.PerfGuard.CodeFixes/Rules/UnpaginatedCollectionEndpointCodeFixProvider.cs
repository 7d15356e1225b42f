using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AssetAnchor.PerfGuard.Analyzers;
using AssetAnchor.PerfGuard.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>
/// PG0004: page the endpoint. Adds (or reuses) page/pageSize parameters, orders the query by its key when it has
/// no order, and appends Skip((page - 1) * pageSize).Take(pageSize) with the page size clamped as PG0006 asks.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(UnpaginatedCollectionEndpointCodeFixProvider))]
public sealed class UnpaginatedCollectionEndpointCodeFixProvider : CodeFixProvider
{
    private static readonly string[] PageNames = { "page", "pageNumber", "pageNo", "pageIndex" };
    private static readonly string[] SizeNames = { "pageSize", "size", "perPage", "limit", "take" };

    // PG0007 (a reference table) gets the same paging, for the table that outgrew "reference".
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnpaginatedCollectionEndpoint, RuleIdentifiers.UnpaginatedReferenceTableEndpoint);

    // Each fix edits a signature and may add the MaxPageSize constant to its type, so text merging would add it twice:
    // the fixes of a document run one after another instead, and the later ones reuse the constant.
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

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Page the endpoint with Skip/Take",
                    cancellationToken => ApplyAsync(context.Document, nodes, diagnostic, cancellationToken),
                    equivalenceKey: nameof(UnpaginatedCollectionEndpointCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>The endpoint (method or lambda) and the query expression to page, or nothing when the fix does not apply.</summary>
    private static ImmutableArray<SyntaxNode> Locate(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue("Fixable", out var fixable) || fixable != "true" || diagnostic.AdditionalLocations.Count == 0 ||
            root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax target ||
            FindEndpoint(root, diagnostic.Location.SourceSpan) is not { } endpoint)
        {
            return ImmutableArray<SyntaxNode>.Empty;
        }

        return ImmutableArray.Create(endpoint, target);
    }

    private static Task<Document> ApplyAsync(Document document, ImmutableArray<SyntaxNode> nodes, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // The endpoint encloses the query (annotated nodes come back in document order, but do not rely on it).
        var (endpoint, target) = nodes[0].Span.Contains(nodes[1].Span) ? (nodes[0], nodes[1]) : (nodes[1], nodes[0]);
        diagnostic.Properties.TryGetValue("KeyProperty", out var key);
        return AddPagingAsync(document, endpoint, (ExpressionSyntax)target, key, PagingFixSyntax.ReadMaxPageSize(diagnostic), cancellationToken);
    }

    /// <summary>The method whose name the diagnostic is on, or the lambda whose parameter list it is on.</summary>
    private static SyntaxNode? FindEndpoint(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        for (var node = root.FindToken(span.Start).Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case MethodDeclarationSyntax method when method.Identifier.Span == span:
                    return method;
                case ParenthesizedLambdaExpressionSyntax lambda when lambda.ParameterList.Span == span:
                    return lambda;
            }
        }

        return null;
    }

    private static async Task<Document> AddPagingAsync(Document document, SyntaxNode endpoint, ExpressionSyntax target, string? key, int max, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = editor.SemanticModel;
        var (parameters, block, expressionBody) = endpoint switch
        {
            MethodDeclarationSyntax method => (method.ParameterList, method.Body, (SyntaxNode?)method.ExpressionBody),
            ParenthesizedLambdaExpressionSyntax lambda => (lambda.ParameterList, lambda.Block, lambda.ExpressionBody),
            _ => throw new InvalidOperationException("Unexpected endpoint syntax."),
        };

        var page = FindIntParameter(parameters, PageNames);
        var size = FindIntParameter(parameters, SizeNames);
        var newParameters = parameters;
        if (page is null)
        {
            page = FreeName("page", parameters, model, target.SpanStart);
            newParameters = newParameters.AddParameters(IntParameter(page, 1));
        }

        if (size is null)
        {
            size = FreeName("pageSize", parameters, model, target.SpanStart);
            newParameters = newParameters.AddParameters(IntParameter(size, 50));
        }

        var maxExpression = PagingFixSyntax.EnsureMaxPageSize(editor, endpoint, max);
        ExpressionSyntax sizeExpression = IdentifierName(size);
        if (block is not null && block.Statements.Count > 0)
        {
            // One clamp at the top keeps Skip and Take consistent.
            var clamp = ExpressionStatement(AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression, IdentifierName(size), PagingFixSyntax.Clamp(IdentifierName(size), maxExpression, model, target.SpanStart)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.InsertBefore(block.Statements[0], clamp);
        }
        else if (expressionBody is not null)
        {
            sizeExpression = PagingFixSyntax.Clamp(IdentifierName(size), maxExpression, model, target.SpanStart);
        }

        var skipped = string.Equals(page, "pageIndex", StringComparison.Ordinal)
            ? page + " * " + sizeExpression
            : "(" + page + " - 1) * " + sizeExpression;
        var layout = ChainLayout.Of(target);
        var query = string.IsNullOrEmpty(key) ? target.WithoutTrivia() : PagingFixSyntax.OrderByKey(target, key!, model, layout);
        var paged = PagingFixSyntax.Call(PagingFixSyntax.Call(query, "Skip", skipped, layout), "Take", sizeExpression.ToString(), layout);
        editor.ReplaceNode(target, paged.WithTriviaFrom(target));
        if (newParameters != parameters)
        {
            editor.ReplaceNode(parameters, newParameters.WithAdditionalAnnotations(Formatter.Annotation));
        }

        return editor.GetChangedDocument();
    }

    private static string? FindIntParameter(ParameterListSyntax parameters, string[] names)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.IntKeyword })
            {
                foreach (var name in names)
                {
                    if (string.Equals(parameter.Identifier.ValueText, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return parameter.Identifier.ValueText;
                    }
                }
            }
        }

        return null;
    }

    private static string FreeName(string preferred, ParameterListSyntax parameters, SemanticModel model, int position)
    {
        for (var suffix = 0; ; suffix++)
        {
            var candidate = suffix == 0 ? preferred : preferred + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var taken = false;
            foreach (var parameter in parameters.Parameters)
            {
                taken |= parameter.Identifier.ValueText == candidate;
            }

            if (!taken && model.LookupSymbols(position, name: candidate).IsEmpty)
            {
                return candidate;
            }
        }
    }

    private static ParameterSyntax IntParameter(string name, int defaultValue) =>
        Parameter(Identifier(name))
            .WithType(PredefinedType(Token(SyntaxKind.IntKeyword)))
            .WithDefault(EqualsValueClause(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(defaultValue))));
}
