using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>The name a call is made by, read from syntax alone (no binding): the one copy the syntax prefilters share.</summary>
internal static class InvokedName
{
    /// <summary><c>a.Name(..)</c>, <c>a?.Name(..)</c>, <c>Name(..)</c> and <c>Name&lt;T&gt;(..)</c> give "Name"; anything else null.</summary>
    public static string? Of(ExpressionSyntax invokedExpression) => invokedExpression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
