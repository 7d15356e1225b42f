using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The referenced assemblies of one product (EF Core, ASP.NET Core), for looking its types up there only.
/// <see cref="Compilation.GetTypeByMetadataName"/> asks every reference of the compilation (hundreds: each
/// splits the name and walks its namespaces), and EF Core's and ASP.NET Core's 35 names were asked that way in every
/// compilation, twice per build (the generators' compilation and the analyzers'): 28% and 11% of PerfGuard's time
/// in a three-file project of mm.
/// </summary>
internal sealed class AssemblyFamily
{
    // The assembly (by name) that declared a metadata name the last time this process looked it up: asked first next
    // time. A compiler server builds every project of a solution, each compilation twice (the generators' and the
    // analyzers'), and each lookup otherwise asks every assembly of the family (ASP.NET Core's are about 80) or,
    // for the framework's types, every reference.
    private static readonly ConcurrentDictionary<string, string> DeclaringAssemblyByMetadataName = new(StringComparer.Ordinal);

    private readonly Compilation compilation;
    private readonly List<IAssemblySymbol> members = new();

    /// <param name="namePrefix">The assemblies whose name starts with it (<c>Microsoft.EntityFrameworkCore</c>).</param>
    /// <param name="alsoIn">Another assembly of the family whatever its name (the one that declares the product's root type).</param>
    public AssemblyFamily(Compilation compilation, string namePrefix, IAssemblySymbol? alsoIn = null)
    {
        this.compilation = compilation;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Identity.Name.StartsWith(namePrefix, StringComparison.Ordinal) || SymbolEqualityComparer.Default.Equals(assembly, alsoIn))
            {
                members.Add(assembly);
            }
        }
    }

    /// <summary>
    /// The type of that metadata name declared in the compilation's source (which wins, as with
    /// <see cref="Compilation.GetTypeByMetadataName"/>) or in exactly one assembly of the family; null when none or
    /// several of them declare it. A type of that name in an assembly outside the family no longer hides it.
    /// </summary>
    public INamedTypeSymbol? GetType(string metadataName)
    {
        var found = compilation.Assembly.GetTypeByMetadataName(metadataName);
        if (found is not null)
        {
            return found;
        }

        if (FromDeclaringAssemblySeenBefore(members, metadataName) is { } seen)
        {
            return seen;
        }

        foreach (var assembly in members)
        {
            if (assembly.GetTypeByMetadataName(metadataName) is not { } type)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = type;
        }

        Remember(metadataName, found);
        return found;
    }

    /// <summary>
    /// <see cref="Compilation.GetTypeByMetadataName"/> for a framework type (<c>System.Linq.Queryable</c>,
    /// <c>System.Threading.Tasks.Task`1</c>), with the same answer: the compilation's own declaration wins, then the
    /// core library's, then the one reference that declares it (null when several do). The assembly that declared it
    /// in an earlier compilation of this process is asked first; the others' type-name sets only say it is alone.
    /// </summary>
    public static INamedTypeSymbol? GetFrameworkType(Compilation compilation, string metadataName)
    {
        if (DeclaringAssemblyByMetadataName.ContainsKey(metadataName))
        {
            if (compilation.Assembly.GetTypeByMetadataName(metadataName) is { } inSource)
            {
                return inSource;
            }

            var coreLibrary = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
            if (FromDeclaringAssemblySeenBefore(compilation.SourceModule.ReferencedAssemblySymbols, metadataName, coreLibrary) is { } seen &&
                compilation.GetMetadataReference(seen.ContainingAssembly) is { Properties.Aliases.IsEmpty: true })
            {
                return seen;
            }
        }

        var found = compilation.GetTypeByMetadataName(metadataName);
        if (found is not null && !SymbolEqualityComparer.Default.Equals(found.ContainingAssembly, compilation.Assembly))
        {
            Remember(metadataName, found);
        }

        return found;
    }

    /// <summary>
    /// The type from the assembly among <paramref name="assemblies"/> that declared it before, when it still does and
    /// either it is <paramref name="winner"/> (the core library, which wins over any other declaration) or no other of
    /// them has a type of that simple name (<see cref="IAssemblySymbol.TypeNames"/>, read once per referenced file in a
    /// compiler server); null sends the caller to the full lookup.
    /// </summary>
    private static INamedTypeSymbol? FromDeclaringAssemblySeenBefore(
        IEnumerable<IAssemblySymbol> assemblies, string metadataName, IAssemblySymbol? winner = null)
    {
        if (!DeclaringAssemblyByMetadataName.TryGetValue(metadataName, out var assemblyName))
        {
            return null;
        }

        INamedTypeSymbol? found = null;
        foreach (var assembly in assemblies)
        {
            if (string.Equals(assembly.Identity.Name, assemblyName, StringComparison.Ordinal))
            {
                found = assembly.GetTypeByMetadataName(metadataName);
                break;
            }
        }

        if (found is null || SymbolEqualityComparer.Default.Equals(found.ContainingAssembly, winner))
        {
            return found;
        }

        var simpleName = SimpleName(metadataName);
        foreach (var assembly in assemblies)
        {
            if (!SymbolEqualityComparer.Default.Equals(assembly, found.ContainingAssembly) && assembly.TypeNames.Contains(simpleName))
            {
                return null;
            }
        }

        return found;
    }

    /// <summary><c>System.Threading.Tasks.Task`1</c> -> <c>Task</c>, as <see cref="IAssemblySymbol.TypeNames"/> lists it.</summary>
    private static string SimpleName(string metadataName)
    {
        var start = metadataName.LastIndexOf('.') + 1;
        var arity = metadataName.IndexOf('`', start);
        return arity < 0 ? metadataName.Substring(start) : metadataName.Substring(start, arity - start);
    }

    private static void Remember(string metadataName, INamedTypeSymbol? found)
    {
        if (found?.ContainingAssembly is { } assembly)
        {
            DeclaringAssemblyByMetadataName[metadataName] = assembly.Identity.Name;
        }
    }
}
