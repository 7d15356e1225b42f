using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Decides whether an expression is an EF Core query (rows that live in the database) rather than in-memory data.
/// In a compilation that references EF Core, an IQueryable is a database query unless it was built with
/// AsQueryable() over in-memory data.
/// </summary>
internal static class QueryProvenance
{
    public static bool IsDatabaseQuery(IOperation? operation, EfSymbols symbols)
    {
        // Bounded: a query chain is rarely deeper than a few dozen operators, and half-typed code can be anything.
        for (var depth = 0; operation is not null && depth < 64; depth++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IInvocationOperation invocation:
                    if (IsAsQueryableOverMemory(invocation, symbols))
                    {
                        return false;
                    }

                    if (invocation.TargetMethod.Name == "Set" && symbols.IsDbContext(invocation.TargetMethod.ContainingType))
                    {
                        return true;
                    }

                    if (invocation.TargetMethod.IsExtensionMethod &&
                        symbols.IsLinqOrEfQueryOperatorContainer(invocation.TargetMethod.ContainingType) &&
                        invocation.Arguments.Length > 0)
                    {
                        operation = invocation.Arguments[0].Value;
                        continue;
                    }

                    return symbols.IsQueryable(invocation.Type);
                default:
                    return symbols.IsDbSet(operation.Type) || symbols.IsQueryable(operation.Type);
            }
        }

        return false;
    }

    private static bool IsAsQueryableOverMemory(IInvocationOperation invocation, EfSymbols symbols)
    {
        if (invocation.TargetMethod.Name != "AsQueryable" ||
            !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Queryable) ||
            invocation.Arguments.Length == 0)
        {
            return false;
        }

        var source = invocation.Arguments[0].Value;
        while (source is IConversionOperation conversion)
        {
            source = conversion.Operand;
        }

        return !symbols.IsQueryable(source.Type);
    }
}
