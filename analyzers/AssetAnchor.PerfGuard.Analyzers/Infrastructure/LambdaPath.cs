using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>Reads navigation paths out of Include/ThenInclude/Navigation lambdas and string paths.</summary>
internal static class LambdaPath
{
    /// <summary>The member a lambda like <c>x =&gt; x.Nav</c> selects; null for anything longer.</summary>
    public static ISymbol? GetSingleMember(IAnonymousFunctionOperation lambda)
    {
        var path = GetPath(lambda);
        return path is { Count: 1 } ? path[0] : null;
    }

    /// <summary>
    /// The properties an Include lambda walks, outermost first: <c>b =&gt; b.Owner.Company</c> gives [Owner, Company];
    /// filtered includes (<c>b =&gt; b.Units.Where(..).OrderBy(..)</c>) give [Units]; casts are looked through.
    /// Null when the body is not a member path on the lambda's parameter.
    /// </summary>
    public static List<IPropertySymbol>? GetPath(IAnonymousFunctionOperation lambda)
    {
        var body = GetReturnedValue(lambda);
        var reversed = new List<IPropertySymbol>();
        var current = body;
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                case IInvocationOperation invocation when reversed.Count == 0 && invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0:
                    // Filtered include: Where/OrderBy/Take/... on the collection navigation.
                    current = invocation.Arguments[0].Value;
                    continue;
                case IPropertyReferenceOperation property:
                    reversed.Add(property.Property);
                    current = property.Instance;
                    continue;
                case IParameterReferenceOperation parameter when lambda.Symbol.Parameters.Length > 0 &&
                    SymbolEqualityComparer.Default.Equals(parameter.Parameter, lambda.Symbol.Parameters[0]):
                    if (reversed.Count == 0)
                    {
                        return null;
                    }

                    reversed.Reverse();
                    return reversed;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The expression an expression-bodied lambda returns (its single return statement).</summary>
    public static IOperation? GetReturnedValue(IAnonymousFunctionOperation lambda)
    {
        var body = lambda.Body;
        if (body is null)
        {
            return null;
        }

        foreach (var operation in body.Operations)
        {
            if (operation is IReturnOperation { ReturnedValue: { } value })
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The lambda an argument holds (looking through delegate creation and quoting conversions).</summary>
    public static IAnonymousFunctionOperation? GetLambda(IOperation? argument)
    {
        for (var depth = 0; argument is not null && depth < 8; depth++)
        {
            switch (argument)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda;
                case IDelegateCreationOperation creation:
                    argument = creation.Target;
                    break;
                case IConversionOperation conversion:
                    argument = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    argument = parenthesized.Operand;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }
}
