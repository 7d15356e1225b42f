using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.CodeFixes.Infrastructure;

/// <summary>
/// How a call a fix appends to a fluent chain is laid out: when the chain is written one call per line, each new
/// call goes on its own line with the indentation of the neighbouring lines; a single-line chain stays on one line.
/// </summary>
internal readonly struct ChainLayout
{
    private readonly string? lineStart;

    private ChainLayout(string lineStart)
    {
        this.lineStart = lineStart;
    }

    /// <summary>The text before each appended ".Call(..)": a line break and the chain's indentation, or nothing.</summary>
    public string Separator => lineStart ?? string.Empty;

    /// <summary>
    /// The layout of the chain <paramref name="receiver"/> belongs to (the whole member-access and invocation spine
    /// around it). <paramref name="receiver"/> must be a node of the document's current tree.
    /// </summary>
    public static ChainLayout Of(ExpressionSyntax receiver)
    {
        ExpressionSyntax top = receiver;
        while (top.Parent is MemberAccessExpressionSyntax member && member.Expression == top ||
               top.Parent is InvocationExpressionSyntax invocation && invocation.Expression == top)
        {
            top = (ExpressionSyntax)top.Parent;
        }

        // The line-leading dot nearest to where the call goes sets the indentation.
        string? best = null;
        var bestDistance = int.MaxValue;
        var insertAt = receiver.Span.End;
        for (ExpressionSyntax? node = top; node is not null;)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    node = invocation.Expression;
                    break;
                case MemberAccessExpressionSyntax member:
                    if (LineStart(member.OperatorToken) is { } start && System.Math.Abs(member.OperatorToken.SpanStart - insertAt) < bestDistance)
                    {
                        best = start;
                        bestDistance = System.Math.Abs(member.OperatorToken.SpanStart - insertAt);
                    }

                    node = member.Expression;
                    break;
                default:
                    node = null;
                    break;
            }
        }

        return best is null ? default : new ChainLayout(best);
    }

    /// <summary>The dot token of an appended member access, carrying the line break when the chain has one.</summary>
    public SyntaxToken Dot() =>
        lineStart is null
            ? SyntaxFactory.Token(SyntaxKind.DotToken)
            : SyntaxFactory.Token(SyntaxFactory.ParseLeadingTrivia(lineStart), SyntaxKind.DotToken, SyntaxTriviaList.Empty);

    /// <summary>Line break plus indentation when <paramref name="dot"/> is the first token on its line; otherwise null.</summary>
    private static string? LineStart(SyntaxToken dot)
    {
        string? lineBreak = null;
        foreach (var trivia in dot.GetPreviousToken().TrailingTrivia)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lineBreak = trivia.ToFullString();
            }
        }

        // Whitespace after the last line break; null when something else (a comment) stands before the dot on its line.
        string? indentation = string.Empty;
        foreach (var trivia in dot.LeadingTrivia)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lineBreak = trivia.ToFullString();
                indentation = string.Empty;
            }
            else
            {
                indentation = trivia.IsKind(SyntaxKind.WhitespaceTrivia) && indentation is not null ? indentation + trivia.ToFullString() : null;
            }
        }

        return lineBreak is null || indentation is null ? null : lineBreak + indentation;
    }
}
