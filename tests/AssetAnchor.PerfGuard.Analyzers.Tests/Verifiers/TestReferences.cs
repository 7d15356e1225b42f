using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;

/// <summary>
/// The references every analyzer test compiles against, in one place: the running .NET and ASP.NET Core
/// shared frameworks plus EF Core, taken from this test process's trusted platform assemblies. The registry
/// here does not serve the reference packs that ReferenceAssemblies.Net.* would download.
/// </summary>
internal static class TestReferences
{
    private static readonly string[] IncludedPrefixes =
    {
        "System.", "Microsoft.AspNetCore.", "Microsoft.Extensions.", "Microsoft.EntityFrameworkCore",
        "Microsoft.Net.Http.Headers", "Microsoft.Win32.", "Castle.Core",
    };

    private static readonly string[] IncludedNames = { "System", "mscorlib", "netstandard", "Microsoft.CSharp" };

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    /// <summary>No package to resolve: the references come from <see cref="All"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0-perfguard");

    private static ImmutableArray<MetadataReference> Load()
    {
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The test host exposes no trusted platform assemblies.");
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in trusted.Split(Path.PathSeparator))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (Array.IndexOf(IncludedNames, name) >= 0 || Array.Exists(IncludedPrefixes, name.StartsWith))
            {
                builder.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return builder.ToImmutable();
    }
}
