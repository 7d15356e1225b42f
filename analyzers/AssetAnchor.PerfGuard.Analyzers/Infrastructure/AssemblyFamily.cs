using System;
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

        return found;
    }
}
