using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The interfaces of the application's referenced assemblies (not the framework's, not strong-named packages'): the
/// public ones a call can be made on, and those a type of such an assembly implements. A call on an implemented one
/// is judged Down, by the implementing assembly's records, so the call-site writers need not bind it.
/// <see cref="ReferencedNames"/> reads the same from the metadata tables, without symbols, for the prefilter.
/// </summary>
internal sealed class ReferencedContracts
{
    private const int MaxVisited = 20000;

    private static readonly ConditionalWeakTable<Compilation, ReferencedContracts> ByCompilation = new();

    private ReferencedContracts()
    {
    }

    /// <summary>Top-level public interfaces of the application's referenced assemblies.</summary>
    public List<INamedTypeSymbol> PublicInterfaces { get; } = new();

    /// <summary>Interface definitions implemented by a class or struct of those assemblies (nested ones too).</summary>
    public HashSet<INamedTypeSymbol> Implemented { get; } = new(SymbolEqualityComparer.Default);

    public static ReferencedContracts Get(Compilation compilation, CancellationToken cancellationToken)
    {
        if (ByCompilation.TryGetValue(compilation, out var existing))
        {
            return existing;
        }

        var computed = Read(compilation, cancellationToken);
        return ByCompilation.GetValue(compilation, _ => computed);
    }

    private static ReferencedContracts Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var result = new ReferencedContracts();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            // The solution's own projects: not the framework, and not strong-named (packages such as MediatR are).
            if (MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) || assembly.Identity.HasPublicKey)
            {
                continue;
            }

            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            var visited = 0;
            while (pending.Count > 0 && visited < MaxVisited)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = pending.Pop();
                IEnumerable<ISymbol> members = container is INamedTypeSymbol outer ? outer.GetTypeMembers() : container.GetMembers();
                foreach (var member in members)
                {
                    visited++;
                    switch (member)
                    {
                        case INamespaceSymbol ns:
                            pending.Push(ns);
                            break;
                        case INamedTypeSymbol { TypeKind: TypeKind.Interface } contract:
                            if (container is INamespaceSymbol && contract.DeclaredAccessibility == Accessibility.Public)
                            {
                                result.PublicInterfaces.Add(contract);
                            }

                            break;
                        case INamedTypeSymbol type:
                            foreach (var implemented in type.AllInterfaces)
                            {
                                result.Implemented.Add(implemented.OriginalDefinition);
                            }

                            pending.Push(type);
                            break;
                    }
                }
            }
        }

        return result;
    }
}
