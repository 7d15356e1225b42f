using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Per method body: the navigations it loads explicitly (Entry(..).Reference/Collection(..).Load), assigns or fills,
/// and the entity types it queries (their entities are wired into navigations by fix-up).
/// </summary>
internal sealed class NavigationBodyFacts
{
    public HashSet<string> ExplicitlyLoaded { get; } = new(System.StringComparer.Ordinal);

    public HashSet<ITypeSymbol?> QueriedEntityTypes { get; } = new(SymbolEqualityComparer.Default);

    public bool Loads(IPropertySymbol navigation, ITypeSymbol? target) =>
        ExplicitlyLoaded.Contains(navigation.Name) || QueriedEntityTypes.Contains(target);

    public static NavigationBodyFacts Compute(IOperation body, EfSymbols symbols)
    {
        var facts = new NavigationBodyFacts();
        foreach (var operation in body.Descendants())
        {
            // A navigation the method assigns (p.Owner = owner) or fills (p.Units.Add(u)) holds what the code put there.
            if (operation is IAssignmentOperation { Target: IPropertyReferenceOperation assigned })
            {
                facts.ExplicitlyLoaded.Add(assigned.Property.Name);
                continue;
            }

            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            var method = invocation.TargetMethod;
            if (method.Name is "Add" or "AddRange" or "Insert" && invocation.Instance is IPropertyReferenceOperation filled)
            {
                facts.ExplicitlyLoaded.Add(filled.Property.Name);
                continue;
            }

            if (PassesAnEntityToSourceMethod(invocation, symbols))
            {
                // await LoadUnitsAsync(property): a helper of this compilation that loads navigations of what it is
                // handed (Entry(x).Collection(..).Load()) loads them for the caller too.
                AddLoadedInDeclaration(method, facts.ExplicitlyLoaded);
            }

            if (method.Name is "Reference" or "Collection" or "Navigation" && invocation.Arguments.Length > 0 &&
                symbols.IsDbContext(invocation.Instance is IInvocationOperation { TargetMethod.Name: "Entry" } entry ? entry.TargetMethod.ContainingType : null))
            {
                var argument = invocation.Arguments[0].Value;
                if (LambdaPath.GetLambda(argument) is { } lambda && LambdaPath.GetSingleMember(lambda) is { } member)
                {
                    facts.ExplicitlyLoaded.Add(member.Name);
                }
                else if (argument.ConstantValue is { HasValue: true, Value: string name })
                {
                    facts.ExplicitlyLoaded.Add(name);
                }
            }
            else if (method.Name is "Find" or "FindAsync" && symbols.IsDbSet(method.ContainingType) &&
                     method.ContainingType is { TypeArguments.Length: 1 } set)
            {
                // var owner = await db.Owners.FindAsync(p.OwnerId); then p.Owner is fixed up.
                facts.QueriedEntityTypes.Add(set.TypeArguments[0].OriginalDefinition);
            }
            else if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                     (method.Name is "Load" or "LoadAsync" || QueryOperators.Materializers.Contains(method.Name) || QueryOperators.SingleEntity.Contains(method.Name)) &&
                     symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType))
            {
                var origin = QueryProvenance.GetOrigin(OperationHelpers.Strip(invocation.Arguments[0].Value), symbols);
                if (origin.IsDatabase && origin.Root is { } root && symbols.GetElementType(root.Type) is { } element)
                {
                    facts.QueriedEntityTypes.Add(element.OriginalDefinition);
                }
            }
            else if (method.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) &&
                     GetReturnedClass(method.ReturnType, symbols) is { } returned)
            {
                // var series = await repository.GetSeriesAsync(id): a tracked Series of the same context is wired into
                // every navigation to it by fix-up, so a read of event.Series later in the method may be filled.
                facts.QueriedEntityTypes.Add(returned.OriginalDefinition);
            }
        }

        return facts;
    }

    private static bool PassesAnEntityToSourceMethod(IInvocationOperation invocation, EfSymbols symbols)
    {
        if (invocation.TargetMethod.DeclaringSyntaxReferences.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value?.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } type &&
                type.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) &&
                symbols.GetElementType(type) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Navigation names a method's own text loads explicitly: Entry(x).Collection(e => e.Units) / Reference("Owner").</summary>
    private static void AddLoadedInDeclaration(IMethodSymbol method, HashSet<string> loaded)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var call in reference.GetSyntax().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Collection" or "Reference" or "Navigation" } access ||
                    access.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Entry" } } ||
                    call.ArgumentList.Arguments.Count == 0)
                {
                    continue;
                }

                switch (call.ArgumentList.Arguments[0].Expression)
                {
                    case SimpleLambdaExpressionSyntax { ExpressionBody: MemberAccessExpressionSyntax member }:
                        loaded.Add(member.Name.Identifier.ValueText);
                        break;
                    case LiteralExpressionSyntax literal when literal.Token.Value is string name:
                        loaded.Add(name);
                        break;
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf
                        when nameOf.ArgumentList.Arguments.Count == 1 && nameOf.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax named:
                        loaded.Add(named.Name.Identifier.ValueText);
                        break;
                }
            }
        }
    }

    /// <summary>The class a call returns, one or a sequence of (Task&lt;T&gt; unwrapped); null for framework and value types.</summary>
    private static ITypeSymbol? GetReturnedClass(ITypeSymbol type, EfSymbols symbols)
    {
        var result = symbols.GetTaskResultType(type) ?? type;
        if (result.SpecialType == SpecialType.None && symbols.GetElementType(result) is { } element)
        {
            result = element;
        }

        return result is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named &&
            named.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name)
            ? named
            : null;
    }
}
