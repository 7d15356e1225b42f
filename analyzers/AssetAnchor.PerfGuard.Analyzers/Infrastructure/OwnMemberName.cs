using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The name an expression gives a member of the enclosing type or a local, read from syntax alone: <c>x</c> or
/// <c>this.x</c>. The one copy the syntax readers share (assignment targets, receivers, method groups).
/// </summary>
internal static class OwnMemberName
{
    /// <summary><c>x</c> and <c>this.x</c> give "x"; anything else (another receiver, a call) null.</summary>
    public static string? Of(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
        _ => null,
    };
}
