using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Syntax-only test for an argument that may be a method group of the enclosing type or member (<c>Process</c>,
/// <c>this.Process</c>, a local function): most arguments are locals, properties or calls and must not be bound.
/// </summary>
internal static class MethodGroupSyntax
{
    public static bool MayNameMethod(ExpressionSyntax expression)
    {
        var name = OwnMemberName.Of(expression);
        if (name is null)
        {
            return false;
        }

        for (SyntaxNode? current = expression.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BlockSyntax block:
                    // A local function is a statement of one of the blocks around the argument.
                    foreach (var statement in block.Statements)
                    {
                        if (statement is LocalFunctionStatementSyntax local && local.Identifier.ValueText == name)
                        {
                            return true;
                        }
                    }

                    break;
                case TypeDeclarationSyntax type:
                    foreach (var member in type.Members)
                    {
                        if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name)
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        return false;
    }
}
