using System.IO.Compression;
using System.Xml.Linq;
using AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests;

/// <summary>Each package holds exactly the files a user needs: nothing missing, nothing leaked (STYLE: Meziantou checks the .nupkg list).</summary>
[Collection(PackagedProductCollection.Name)]
public sealed class PackageContentsTests(PackagedProduct product)
{
    [Fact]
    public void AnalyzersPackage_HasAnalyzerAndCodeFixUnderAnalyzersDotnetCs_ThePropsForIsTestProject_AndNothingElse()
    {
        AssertFiles("AssetAnchor.PerfGuard.Analyzers",
            "AnalyzerReleases.Shipped.md",
            "AnalyzerReleases.Unshipped.md",
            "AssetAnchor.PerfGuard.Analyzers.nuspec",
            "CHANGELOG.md",
            "README.md",
            "analyzers/dotnet/cs/AssetAnchor.PerfGuard.Analyzers.dll",
            "analyzers/dotnet/cs/AssetAnchor.PerfGuard.CodeFixes.dll",
            // CompilerVisibleProperty IsTestProject: test projects do not repeat cross-project PG0001 findings.
            "build/AssetAnchor.PerfGuard.Analyzers.props",
            "buildTransitive/AssetAnchor.PerfGuard.Analyzers.props");
    }

    [Fact]
    public void AnalyzersPackage_IsADevelopmentDependencyWithoutDependencies()
    {
        var nuspec = ReadNuspec("AssetAnchor.PerfGuard.Analyzers");
        Assert.Equal("true", Element(nuspec, "developmentDependency")?.Value);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
        Assert.Equal("README.md", Element(nuspec, "readme")?.Value);
    }

    [Fact]
    public void BuildPackage_ShipsTasksWithTheirDependencies_AndPropsTargetsForBuildAndBuildTransitive()
    {
        AssertFiles("AssetAnchor.PerfGuard.Build",
            "AssetAnchor.PerfGuard.Build.nuspec",
            "README.md",
            "build/AssetAnchor.PerfGuard.Build.props",
            "build/AssetAnchor.PerfGuard.Build.targets",
            "build/AssetAnchor.PerfGuard.props",
            "build/AssetAnchor.PerfGuard.targets",
            "buildTransitive/AssetAnchor.PerfGuard.Build.props",
            "buildTransitive/AssetAnchor.PerfGuard.Build.targets",
            // net8.0: the MSBuild of the oldest supported SDK (8.0.100, MSBuild 17.8) runs on .NET 8.
            "tasks/net8.0/AssetAnchor.PerfGuard.Engine.dll",
            "tasks/net8.0/AssetAnchor.PerfGuard.Tasks.deps.json",
            "tasks/net8.0/AssetAnchor.PerfGuard.Tasks.dll",
            "tasks/net8.0/Perfolizer.dll",
            "tasks/net8.0/Pragmastat.dll");
    }

    [Fact]
    public void BuildPackage_DoesNotShipMSBuildItself()
    {
        // MSBuild provides its own assemblies; a copy beside the task breaks type identity in the host.
        var entries = Entries("AssetAnchor.PerfGuard.Build");
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.Ordinal));
        Assert.DoesNotContain(ReadNuspec("AssetAnchor.PerfGuard.Build").Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void BenchmarkDotNetPackage_IsOneLibraryPerNetVersion_EachOnTheEfCoreOfThatVersion()
    {
        AssertFiles("AssetAnchor.PerfGuard.BenchmarkDotNet",
            "AssetAnchor.PerfGuard.BenchmarkDotNet.nuspec",
            "README.md",
            "lib/net10.0/AssetAnchor.PerfGuard.BenchmarkDotNet.dll",
            "lib/net8.0/AssetAnchor.PerfGuard.BenchmarkDotNet.dll",
            "lib/net9.0/AssetAnchor.PerfGuard.BenchmarkDotNet.dll");
        var groups = ReadNuspec("AssetAnchor.PerfGuard.BenchmarkDotNet").Descendants()
            .Where(e => e.Name.LocalName == "group")
            .ToDictionary(
                g => g.Attribute("targetFramework")!.Value,
                g => g.Elements().Where(e => e.Name.LocalName == "dependency")
                    .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value));
        Assert.Equal(["net10.0", "net8.0", "net9.0"], groups.Keys.Order(StringComparer.Ordinal));
        // An EF Core 8 app must be measured on EF Core 8, not pulled up to 10 by the extension (the lowest served
        // patch of each major, so the app's own patch wins). BenchmarkDotNet and Perfolizer are pinned together.
        foreach (var (framework, efCore) in new[] { ("net8.0", "8.0.30"), ("net9.0", "9.0.0"), ("net10.0", "10.0.15") })
        {
            Assert.Equal(
                new Dictionary<string, string>
                {
                    ["BenchmarkDotNet"] = "0.15.8",
                    ["Microsoft.EntityFrameworkCore.Relational"] = efCore,
                    ["Perfolizer"] = "0.6.1",
                },
                groups[framework]);
        }
    }

    [Fact]
    public void ToolPackage_IsADotnetToolNamedPerfguardForNet8AndNet10WithTheEngineBesideIt()
    {
        // A build for .NET 8 (a machine with only the LTS runtime) and one for .NET 10.
        AssertFiles("perfguard",
            "README.md",
            "perfguard.nuspec",
            "tools/net10.0/any/AssetAnchor.PerfGuard.Engine.dll",
            "tools/net10.0/any/DotnetToolSettings.xml",
            "tools/net10.0/any/Perfolizer.dll",
            "tools/net10.0/any/Pragmastat.dll",
            "tools/net10.0/any/perfguard.deps.json",
            "tools/net10.0/any/perfguard.dll",
            "tools/net10.0/any/perfguard.runtimeconfig.json",
            "tools/net8.0/any/AssetAnchor.PerfGuard.Engine.dll",
            "tools/net8.0/any/DotnetToolSettings.xml",
            "tools/net8.0/any/Perfolizer.dll",
            "tools/net8.0/any/Pragmastat.dll",
            "tools/net8.0/any/perfguard.deps.json",
            "tools/net8.0/any/perfguard.dll",
            "tools/net8.0/any/perfguard.runtimeconfig.json");
        var packageTypes = ReadNuspec("perfguard").Descendants().Where(e => e.Name.LocalName == "packageType");
        Assert.Contains(packageTypes, e => e.Attribute("name")?.Value == "DotnetTool");
    }

    private void AssertFiles(string packageId, params string[] expected)
    {
        Assert.Equal(expected.OrderBy(e => e, StringComparer.Ordinal), Entries(packageId));
    }

    private IEnumerable<string> Entries(string packageId)
    {
        using var archive = ZipFile.OpenRead(product.PackagePath(packageId));
        return archive.Entries
            .Select(e => e.FullName)
            // Packaging plumbing that every .nupkg has.
            .Where(name => name != "[Content_Types].xml" && !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal))
            .OrderBy(e => e, StringComparer.Ordinal)
            .ToList();
    }

    private XDocument ReadNuspec(string packageId)
    {
        using var archive = ZipFile.OpenRead(product.PackagePath(packageId));
        var entry = archive.GetEntry(packageId + ".nuspec") ?? throw new InvalidOperationException($"{packageId} has no nuspec.");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static XElement? Element(XDocument document, string localName) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);
}
