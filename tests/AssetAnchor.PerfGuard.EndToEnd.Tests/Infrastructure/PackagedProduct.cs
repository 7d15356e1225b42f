namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs every product package once per test run into a temp feed. Each run gets its own prerelease version so
/// the machine's NuGet cache can never serve a stale package of the same version.
/// </summary>
public sealed class PackagedProduct : IDisposable
{
    public static readonly string[] PackageProjects =
    {
        "analyzers/AssetAnchor.PerfGuard.Analyzers.Package/AssetAnchor.PerfGuard.Analyzers.Package.csproj",
        "buildtasks/AssetAnchor.PerfGuard.Build.Package/AssetAnchor.PerfGuard.Build.Package.csproj",
        "benchmarks/AssetAnchor.PerfGuard.BenchmarkDotNet/AssetAnchor.PerfGuard.BenchmarkDotNet.csproj",
        "buildtasks/AssetAnchor.PerfGuard.Cli/AssetAnchor.PerfGuard.Cli.csproj",
    };

    public PackagedProduct()
    {
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
        Feed = Path.Combine(Path.GetTempPath(), "perfguard-e2e", "feed-" + Version);
        Directory.CreateDirectory(Feed);
        foreach (var project in PackageProjects)
        {
            var result = DotnetCli.Dotnet(
                RepositoryRoot.Path,
                "pack", RepositoryRoot.Combine(project), "-c", "Release", "-o", Feed,
                "-p:PackageVersion=" + Version, "-nodeReuse:false", "-m:1");
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{result}");
            }
        }
    }

    public string Version { get; }

    public string Feed { get; }

    public string PackagePath(string packageId) => Path.Combine(Feed, $"{packageId}.{Version}.nupkg");

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("PERFGUARD_E2E_KEEP") is null)
        {
            try
            {
                Directory.Delete(Feed, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the feed is in the temp folder.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackagedProductCollection : ICollectionFixture<PackagedProduct>
{
    public const string Name = "Packaged product";
}
