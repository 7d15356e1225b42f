using System;
using System.Globalization;
using System.Linq;
using AssetAnchor.PerfGuard.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AssetAnchor.PerfGuard.CodeFixes.Rules;

/// <summary>The syntax the pagination fixes share: OrderBy on the key, the page-size clamp and its MaxPageSize constant.</summary>
internal static class PagingFixSyntax
{
    public const string MaxPageSizeName = "MaxPageSize";

    /// <summary><paramref name="receiver"/>.<paramref name="method"/>(<paramref name="arguments"/>), on its own line when <paramref name="layout"/> says so.</summary>
    public static ExpressionSyntax Call(ExpressionSyntax receiver, string method, string arguments, ChainLayout layout = default) =>
        InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(receiver), layout.Dot(), IdentifierName(method)),
            ParseArgumentList("(" + arguments + ")"));

    /// <summary>receiver.OrderBy(p =&gt; p.Key), with a lambda parameter name that is free at that position.</summary>
    public static ExpressionSyntax OrderByKey(ExpressionSyntax receiver, string keyProperty, SemanticModel model, ChainLayout layout = default)
    {
        var elementName = ElementTypeName(model.GetTypeInfo(receiver).Type);
        var candidates = new[] { elementName is null ? "x" : char.ToLowerInvariant(elementName[0]).ToString(), "x", "e", "row", "item" };
        var parameter = "x";
        foreach (var candidate in candidates)
        {
            if (SyntaxFacts.GetKeywordKind(candidate) == SyntaxKind.None && model.LookupSymbols(receiver.SpanStart, name: candidate).IsEmpty)
            {
                parameter = candidate;
                break;
            }
        }

        return Call(receiver.WithoutTrivia(), "OrderBy", parameter + " => " + parameter + "." + keyProperty, layout);
    }

    /// <summary>Math.Clamp(value, 1, max); System.Math.Clamp where 'Math' does not bind to System.Math.</summary>
    public static ExpressionSyntax Clamp(ExpressionSyntax value, ExpressionSyntax max, SemanticModel model, int position) =>
        ParseExpression(MathName(model, position) + ".Clamp(" + value.WithoutTrivia().ToString() + ", 1, " + max.ToString() + ")");

    private static string MathName(SemanticModel model, int position)
    {
        foreach (var symbol in model.LookupNamespacesAndTypes(position, name: "Math"))
        {
            if (symbol is INamedTypeSymbol { ContainingNamespace.Name: "System" } type && type.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true)
            {
                return "Math";
            }
        }

        return "global::System.Math";
    }

    /// <summary>
    /// The expression naming the maximum page size: an existing MaxPageSize member, a constant this fix adds to the
    /// enclosing type, or the literal when there is no type (top-level statements).
    /// </summary>
    public static ExpressionSyntax EnsureMaxPageSize(SyntaxEditor editor, SyntaxNode near, int maxPageSize)
    {
        var literal = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(maxPageSize));
        var type = near.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (type is null)
        {
            return literal;
        }

        foreach (var member in type.Members)
        {
            var name = member switch
            {
                FieldDeclarationSyntax field => field.Declaration.Variables.Count == 1 ? field.Declaration.Variables[0].Identifier.ValueText : null,
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                _ => null,
            };
            if (name == MaxPageSizeName)
            {
                return IdentifierName(MaxPageSizeName);
            }
        }

        var constant = editor.Generator.FieldDeclaration(
            MaxPageSizeName,
            editor.Generator.TypeExpression(SpecialType.System_Int32),
            Accessibility.Private,
            DeclarationModifiers.Const,
            literal);
        editor.InsertMembers(type, 0, new[] { constant.WithAdditionalAnnotations(Formatter.Annotation) });
        return IdentifierName(MaxPageSizeName);
    }

    public static int ReadMaxPageSize(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue("MaxPageSize", out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : 100;

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
            ? expression
            : ParenthesizedExpression(expression);

    private static string? ElementTypeName(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1 && named.TypeArguments[0].Name.Length > 0)
        {
            return named.TypeArguments[0].Name;
        }

        return null;
    }
}
