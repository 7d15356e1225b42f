using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The three ways a request's constructor stores a parameter unchanged into a property, read from syntax: a body of
/// plain stores (<c>{ PageSize = pageSize; }</c>), the same as an expression body (<c>=&gt; PageSize = pageSize;</c>),
/// and a primary constructor's parameter as the property's initializer (<c>class Q(int pageSize) { public int PageSize
/// { get; } = pageSize; }</c>). Shared by the page-size flow in one compilation (<see cref="RequestValueFlow"/>) and the
/// record that carries it to other projects (<see cref="ConstructorStoreRecord"/>), so both follow the same shapes.
/// </summary>
internal static class ConstructorStoreSyntax
{
    /// <summary>
    /// Assigned member name -> source identifier for every statement of a constructor without <c>: this(..)</c> or
    /// <c>: base(..)</c>; null when a statement is anything but <c>X = identifier;</c> or <c>this.X = identifier;</c>
    /// (a guard, a clamp, a call may bound the value). A member assigned twice maps to null.
    /// </summary>
    public static Dictionary<string, string?>? FindPlainStores(ConstructorDeclarationSyntax constructor)
    {
        if (constructor.Initializer is not null)
        {
            return null;
        }

        var stores = new Dictionary<string, string?>(System.StringComparer.Ordinal);
        if (constructor.ExpressionBody is { Expression: var expression })
        {
            return AddStore(stores, expression) ? stores : null;
        }

        if (constructor.Body is not { } body)
        {
            return null;
        }

        foreach (var statement in body.Statements)
        {
            if (statement is not ExpressionStatementSyntax { Expression: var statementExpression } || !AddStore(stores, statementExpression))
            {
                return null;
            }
        }

        return stores;
    }

    /// <summary>
    /// The primary-constructor parameter a property's initializer is, unchanged (<c>{ get; } = pageSize</c>); null for
    /// any other initializer, or none.
    /// </summary>
    public static string? InitializerIdentifier(PropertyDeclarationSyntax property) =>
        property.Initializer?.Value is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : null;

    private static bool AddStore(Dictionary<string, string?> stores, ExpressionSyntax expression)
    {
        if (expression is not AssignmentExpressionSyntax { Left: var left, Right: IdentifierNameSyntax { Identifier.ValueText: var source } } assignment ||
            !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || OwnMemberName.Of(left) is not { } target)
        {
            return false;
        }

        stores[target] = stores.ContainsKey(target) ? null : source;
        return true;
    }

}
