using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The named types declared in the compilation's own source, listed once (lazily, on first need), and the
/// implementations of interface and abstract methods among them: the calls the interprocedural analysis follows
/// when a loop calls a service or repository through its interface.
/// </summary>
internal sealed class SourceTypeIndex
{
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> types;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations =
        new(SymbolEqualityComparer.Default);

    public SourceTypeIndex(Compilation compilation)
    {
        types = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => Collect(compilation.Assembly.GlobalNamespace), isThreadSafe: true);
    }

    public ImmutableArray<INamedTypeSymbol> Types => types.Value;

    /// <summary>Source implementations (or overrides) of an interface or abstract method, at most a handful.</summary>
    public ImmutableArray<IMethodSymbol> GetImplementations(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        if (implementations.TryGetValue(definition, out var cached))
        {
            return cached;
        }

        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var containing = definition.ContainingType;
        if (containing is not null)
        {
            foreach (var type in Types)
            {
                if (builder.Count >= 8)
                {
                    break;
                }

                if (containing.TypeKind == TypeKind.Interface)
                {
                    AddInterfaceImplementation(type, containing, definition, builder);
                }
                else if (definition.IsAbstract || definition.IsVirtual)
                {
                    AddOverride(type, definition, builder);
                }
            }
        }

        var result = builder.ToImmutable();
        return implementations.GetOrAdd(definition, result);
    }

    private static void AddInterfaceImplementation(
        INamedTypeSymbol type, INamedTypeSymbol contract, IMethodSymbol definition, ImmutableArray<IMethodSymbol>.Builder builder)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
            {
                continue;
            }

            foreach (var member in implemented.GetMembers(definition.Name))
            {
                if (member is IMethodSymbol candidate &&
                    SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition) &&
                    type.FindImplementationForInterfaceMember(candidate) is IMethodSymbol implementation &&
                    !implementation.IsAbstract)
                {
                    builder.Add(implementation);
                    return;
                }
            }
        }
    }

    private static void AddOverride(INamedTypeSymbol type, IMethodSymbol definition, ImmutableArray<IMethodSymbol>.Builder builder)
    {
        foreach (var member in type.GetMembers(definition.Name))
        {
            if (member is not IMethodSymbol { IsOverride: true } candidate)
            {
                continue;
            }

            var depth = 0;
            for (var overridden = candidate.OverriddenMethod; overridden is not null && depth < 16; overridden = overridden.OverriddenMethod, depth++)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, definition))
                {
                    builder.Add(candidate);
                    return;
                }
            }
        }
    }

    private static ImmutableArray<INamedTypeSymbol> Collect(INamespaceSymbol root)
    {
        var result = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            // A type's nested types only: GetMembers() on a type creates every member symbol of it, which the
            // summary generator's compilation then never uses for most types.
            var current = pending.Pop();
            IEnumerable<ISymbol> members = current is INamedTypeSymbol outer ? outer.GetTypeMembers() : current.GetMembers();
            foreach (var member in members)
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type && type.Locations.Length > 0 && type.Locations[0].IsInSource)
                {
                    result.Add(type);
                    pending.Push(type);
                }
            }
        }

        return result.ToImmutable();
    }
}
