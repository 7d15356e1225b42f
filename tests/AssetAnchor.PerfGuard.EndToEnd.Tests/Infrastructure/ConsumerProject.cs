using System.Text;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The one way the journeys write a consumer's project file: an SDK, a target framework and the package and project
/// references a user would add, nothing of ours beyond them. Each journey names only what makes its consumer
/// different (the framework, the EF Core version, which product packages).
/// </summary>
public sealed class ConsumerProject
{
    /// <summary>The EF Core 10 patch the net10.0 consumers use.</summary>
    public const string EfCore10 = "10.0.15";

    /// <summary>The Proxies package the registry serves for EF Core 10 (one patch behind the others).</summary>
    public const string EfCore10Proxies = "10.0.14";

    private readonly string sdk;
    private readonly List<(string Name, string Value)> properties = [];
    private readonly List<string> items = [];

    private ConsumerProject(string sdk, string? targetFramework)
    {
        this.sdk = sdk;
        if (targetFramework is not null)
        {
            properties.Add(("TargetFramework", targetFramework));
            properties.Add(("Nullable", "enable"));
            properties.Add(("ImplicitUsings", "enable"));
        }
    }

    /// <summary>An ASP.NET Core app (Microsoft.NET.Sdk.Web).</summary>
    public static ConsumerProject WebApp(string targetFramework) => new("Microsoft.NET.Sdk.Web", targetFramework);

    /// <summary>A console program, such as a benchmark suite.</summary>
    public static ConsumerProject ConsoleApp(string targetFramework) =>
        new ConsumerProject("Microsoft.NET.Sdk", targetFramework).WithProperty("OutputType", "Exe");

    /// <summary>A project whose framework and shared settings come from a Directory.Build.props of the workspace.</summary>
    public static ConsumerProject FromDirectoryProps(string sdk = "Microsoft.NET.Sdk") => new(sdk, targetFramework: null);

    public ConsumerProject WithProperty(string name, string value)
    {
        properties.Add((name, value));
        return this;
    }

    public ConsumerProject WithPackage(string id, string version, bool privateAssets = false)
    {
        items.Add($"""<PackageReference Include="{id}" Version="{version}"{(privateAssets ? " PrivateAssets=\"all\"" : string.Empty)} />""");
        return this;
    }

    /// <summary>A shared framework (Microsoft.AspNetCore.App) for a class library that declares endpoints.</summary>
    public ConsumerProject WithFrameworkReference(string name)
    {
        items.Add($"""<FrameworkReference Include="{name}" />""");
        return this;
    }

    public ConsumerProject WithProjectReference(string relativePath)
    {
        items.Add($"""<ProjectReference Include="{relativePath}" />""");
        return this;
    }

    /// <summary>The analyzer package, the way the README adds it (a development dependency).</summary>
    public ConsumerProject WithAnalyzers(PackagedProduct product) =>
        WithPackage(PackagedProduct.AnalyzersPackage, product.Version, privateAssets: true);

    /// <summary>The two packages docs/ci-gate.md step 1 adds to a benchmark suite: the BenchmarkDotNet extension and the gate.</summary>
    public ConsumerProject WithBenchmarkGate(PackagedProduct product) =>
        WithPackage(PackagedProduct.BenchmarkDotNetPackage, product.Version)
            .WithPackage(PackagedProduct.BuildPackage, product.Version, privateAssets: true);

    public string ToXml()
    {
        var xml = new StringBuilder();
        xml.AppendLine($"""<Project Sdk="{sdk}">""");
        if (properties.Count > 0)
        {
            xml.AppendLine("  <PropertyGroup>");
            foreach (var (name, value) in properties)
            {
                xml.AppendLine($"    <{name}>{value}</{name}>");
            }

            xml.AppendLine("  </PropertyGroup>");
        }

        if (items.Count > 0)
        {
            xml.AppendLine("  <ItemGroup>");
            foreach (var item in items)
            {
                xml.AppendLine("    " + item);
            }

            xml.AppendLine("  </ItemGroup>");
        }

        xml.AppendLine("</Project>");
        return xml.ToString();
    }

    /// <summary>Writes the project file at <paramref name="relativePath"/> of <paramref name="workspace"/>.</summary>
    public string WriteTo(TempWorkspace workspace, string relativePath) => workspace.Write(relativePath, ToXml());
}
