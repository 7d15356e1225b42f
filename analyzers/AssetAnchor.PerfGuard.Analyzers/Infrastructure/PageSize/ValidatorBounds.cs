using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What the FluentValidation validators of this compilation bound from above, per validated type: the properties some
/// rule caps (<c>RuleFor(x =&gt; x.PageSize).LessThanOrEqualTo(100)</c>, <c>InclusiveBetween</c>, a <c>Must</c> it cannot
/// read), or every property when a validator cannot be read (no rule in its source, a base validator of another
/// assembly, <c>Include</c>, a rule on something else than <c>x =&gt; x.Property</c>). A rule of lower bounds only
/// (<c>GreaterThan(0)</c>, <c>NotEmpty</c>, <c>NotNull</c>, <c>GreaterThanOrEqualTo</c>) bounds nothing: a million still
/// passes it. Read from the validators' syntax; precision first, an unknown rule counts as a bound.
/// </summary>
internal sealed class ValidatorBounds
{
    /// <summary>Rule methods and rule modifiers that put no upper bound on the value: every other chained call counts as one.</summary>
    private static readonly HashSet<string> NoUpperBound = new(StringComparer.Ordinal)
    {
        "GreaterThan", "GreaterThanOrEqualTo", "NotEmpty", "NotNull", "NotEqual",
        "WithMessage", "WithName", "WithErrorCode", "WithSeverity", "WithState", "OverridePropertyName",
        "Cascade", "When", "Unless", "WhenAsync", "UnlessAsync", "DependentRules",
    };

    private readonly Dictionary<ITypeSymbol, HashSet<string>?> byType;

    private ValidatorBounds(Dictionary<ITypeSymbol, HashSet<string>?> byType) => this.byType = byType;

    /// <summary>True when a validator of the type, or of a base type, bounds the property from above (or cannot be read).</summary>
    public bool Bounds(ITypeSymbol type, string propertyName)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (byType.TryGetValue(current.OriginalDefinition, out var properties) && (properties is null || properties.Contains(propertyName)))
            {
                return true;
            }
        }

        return false;
    }

    public static ValidatorBounds Collect(IEnumerable<INamedTypeSymbol> types)
    {
        var byType = new Dictionary<ITypeSymbol, HashSet<string>?>(SymbolEqualityComparer.Default);
        foreach (var type in types)
        {
            if (FindValidatedType(type) is not { } validated)
            {
                continue;
            }

            var read = ReadRules(type);
            if (read is null)
            {
                byType[validated] = null;
            }
            else if (!byType.TryGetValue(validated, out var known))
            {
                byType.Add(validated, read);
            }
            else
            {
                known?.UnionWith(read);
            }
        }

        return new ValidatorBounds(byType);
    }

    /// <summary>T of the AbstractValidator&lt;T&gt; the type derives from (the generic definition), or null.</summary>
    private static ITypeSymbol? FindValidatedType(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsAbstractValidator(current))
            {
                return current.TypeArguments[0].OriginalDefinition;
            }
        }

        return null;
    }

    private static bool IsAbstractValidator(INamedTypeSymbol type) => type.Name == "AbstractValidator" && type.TypeArguments.Length == 1;

    /// <summary>
    /// The properties the validator's rules (its own and those of its base validators up to AbstractValidator) bound
    /// from above; null when it cannot be read, which counts as bounding every property.
    /// </summary>
    private static HashSet<string>? ReadRules(INamedTypeSymbol validator)
    {
        var bounded = new HashSet<string>(StringComparer.Ordinal);
        var rules = 0;
        for (var current = validator; current is not null && !IsAbstractValidator(current); current = current.BaseType)
        {
            if (current.DeclaringSyntaxReferences.Length == 0)
            {
                // A base validator of another assembly: its rules are not visible.
                return null;
            }

            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation)
                    {
                        continue;
                    }

                    switch (InvokedName.Of(invocation.Expression))
                    {
                        case "RuleFor" or "RuleForEach":
                            rules++;
                            if (GetRuleProperty(invocation) is not { } property)
                            {
                                return null;
                            }

                            if (HasUpperBound(invocation))
                            {
                                bounded.Add(property);
                            }

                            break;
                        case "Include" or "Transform":
                            return null;
                    }
                }
            }
        }

        return rules == 0 ? null : bounded;
    }

    /// <summary>"PageSize" of <c>RuleFor(x =&gt; x.PageSize)</c>; null for any other selector.</summary>
    private static string? GetRuleProperty(InvocationExpressionSyntax ruleFor)
    {
        if (ruleFor.ArgumentList.Arguments.Count != 1)
        {
            return null;
        }

        return ruleFor.ArgumentList.Arguments[0].Expression switch
        {
            SimpleLambdaExpressionSyntax
            {
                Parameter.Identifier.ValueText: var parameter,
                ExpressionBody: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner }, Name: var name },
            } when owner == parameter => name.Identifier.ValueText,
            _ => null,
        };
    }

    /// <summary>
    /// True when a call chained on the rule is not known to leave the value unbounded above, or when the chain does not
    /// end the statement (the builder goes on elsewhere).
    /// </summary>
    private static bool HasUpperBound(InvocationExpressionSyntax ruleFor)
    {
        SyntaxNode current = ruleFor;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current &&
            access.Parent is InvocationExpressionSyntax chained && chained.Expression == access)
        {
            if (!NoUpperBound.Contains(access.Name.Identifier.ValueText))
            {
                return true;
            }

            current = chained;
        }

        // A rule builder kept in a local or handed to a helper is chained elsewhere: not read, it may bound the value.
        return current.Parent is not (ExpressionStatementSyntax or ArrowExpressionClauseSyntax);
    }
}
