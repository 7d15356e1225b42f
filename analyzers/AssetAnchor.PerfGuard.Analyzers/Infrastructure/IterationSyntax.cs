using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The syntax that can make code run once per element: loops, lambdas and anonymous methods, query expressions
/// (their clauses are implicit lambdas). A call is per element only inside one of them, so analyzers that look for
/// N+1s register on these kinds and bind (GetOperation on the shared semantic model) only the members that contain
/// them, instead of an operation action that makes the driver bind and build operation trees for every member.
/// </summary>
internal static class IterationSyntax
{
    public static readonly SyntaxKind[] Kinds =
    {
        SyntaxKind.ForEachStatement,
        SyntaxKind.ForEachVariableStatement,
        SyntaxKind.ForStatement,
        SyntaxKind.WhileStatement,
        SyntaxKind.DoStatement,
        SyntaxKind.SimpleLambdaExpression,
        SyntaxKind.ParenthesizedLambdaExpression,
        SyntaxKind.AnonymousMethodExpression,
        SyntaxKind.QueryExpression,
    };

    public static bool IsIterationKind(SyntaxNode node)
    {
        switch (node.Kind())
        {
            case SyntaxKind.ForEachStatement:
            case SyntaxKind.ForEachVariableStatement:
            case SyntaxKind.ForStatement:
            case SyntaxKind.WhileStatement:
            case SyntaxKind.DoStatement:
            case SyntaxKind.SimpleLambdaExpression:
            case SyntaxKind.ParenthesizedLambdaExpression:
            case SyntaxKind.AnonymousMethodExpression:
            case SyntaxKind.QueryExpression:
                return true;
            default:
                return false;
        }
    }

    /// <summary>The innermost loop, lambda or query expression that contains the node (the node itself included).</summary>
    public static SyntaxNode? GetInnermost(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (IsIterationKind(current))
            {
                return current;
            }

            if (current is MemberDeclarationSyntax)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// False for a lambda or anonymous method that contains no call at all (e.g. an EF predicate <c>x =&gt; x.Id == id</c>):
    /// it owns no invocation an N+1 rule could report, so its member need not be bound for it.
    /// </summary>
    public static bool MayOwnCalls(SyntaxNode node)
    {
        if (node is not AnonymousFunctionExpressionSyntax function)
        {
            return true;
        }

        foreach (var descendant in function.DescendantNodes())
        {
            // Explicit calls, and the implicit ones: collection initializer Add, query operators.
            if (descendant is InvocationExpressionSyntax or InitializerExpressionSyntax or QueryExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The call a lambda is an argument of, through parentheses, casts and a delegate creation
    /// (<c>ids.ForEach(new Action&lt;int&gt;(id =&gt; ..))</c>), as <see cref="LoopContext"/> finds a per-element lambda's
    /// call from operations; null when it is none (then no call inside it runs per element, nor does a helper run it).
    /// </summary>
    public static InvocationExpressionSyntax? FindCallTakingLambda(AnonymousFunctionExpressionSyntax lambda)
    {
        var current = lambda.Parent;
        while (current is ParenthesizedExpressionSyntax or CastExpressionSyntax ||
               current is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax } })
        {
            current = current is ArgumentSyntax ? current.Parent!.Parent!.Parent : current.Parent;
        }

        return current is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } ? invocation : null;
    }
}
