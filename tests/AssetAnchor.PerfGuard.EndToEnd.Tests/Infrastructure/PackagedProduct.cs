using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs every product package once per test run into a temp feed, and hands the journeys their workspaces on it.
/// Each run gets its own prerelease version so the machine's NuGet cache can never serve a stale package of the
/// same version. Every test class shares this one instance through <see cref="PackagedProductCollection"/>.
/// </summary>
public sealed class PackagedProduct : IDisposable
{
    public const string AnalyzersPackage = "AssetAnchor.PerfGuard.Analyzers";
    public const string BuildPackage = "AssetAnchor.PerfGuard.Build";
    public const string BenchmarkDotNetPackage = "AssetAnchor.PerfGuard.BenchmarkDotNet";
    public const string ToolPackage = "perfguard";

    public static readonly string[] PackageProjects =
    {
        "analyzers/AssetAnchor.PerfGuard.Analyzers.Package/AssetAnchor.PerfGuard.Analyzers.Package.csproj",
        "buildtasks/AssetAnchor.PerfGuard.Build.Package/AssetAnchor.PerfGuard.Build.Package.csproj",
        "benchmarks/AssetAnchor.PerfGuard.BenchmarkDotNet/AssetAnchor.PerfGuard.BenchmarkDotNet.csproj",
        "buildtasks/AssetAnchor.PerfGuard.Cli/AssetAnchor.PerfGuard.Cli.csproj",
    };

    private static int instances;

    private readonly Lazy<string> toolFolder;

    public PackagedProduct(IMessageSink diagnostics)
    {
        // Packing is the slowest set-up of the assembly: a second pack in one run means a class took this as its own
        // fixture instead of joining the shared collection.
        if (Interlocked.Increment(ref instances) > 1)
        {
            throw new InvalidOperationException(
                "The product was packed twice in one test run: put the test class in [Collection(PackagedProductCollection.Name)].");
        }

        var stopwatch = Stopwatch.StartNew();
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
        Feed = Path.Combine(Path.GetTempPath(), "perfguard-e2e", "feed-" + Version);
        Directory.CreateDirectory(Feed);
        // One MSBuild run for the four packages (a solution filter of them), not one per package: the projects they
        // share (the engine) are evaluated and checked once, and restore runs once.
        var filter = Path.Combine(Path.GetDirectoryName(Feed)!, "pack-" + Version + ".slnf");
        File.WriteAllText(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = RepositoryRoot.Combine("AssetAnchor.PerfGuard.sln"), projects = PackageProjects },
        }));
        var result = DotnetCli.Dotnet(
            RepositoryRoot.Path,
            "pack", filter, "-c", "Release", "-p:PackageOutputPath=" + Feed + Path.DirectorySeparatorChar,
            "-p:PackageVersion=" + Version, "-nodeReuse:false", "-m:2");
        File.Delete(filter);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of {string.Join(", ", PackageProjects)} failed:\n{result}");
        }

        diagnostics.OnMessage(new DiagnosticMessage($"PerfGuard end-to-end: packed {PackageProjects.Length} packages once for this run in {stopwatch.Elapsed.TotalSeconds:F0} s"));
        toolFolder = new Lazy<string>(InstallTool, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Version { get; }

    public string Feed { get; }

    /// <summary>
    /// The perfguard tool installed from the feed with `dotnet tool install --tool-path`, once per run: the journeys
    /// only run it, so one install serves them all.
    /// </summary>
    public string ToolFolder => toolFolder.Value;

    /// <summary>The installed tool's command (the app host).</summary>
    public string ToolCommand => Path.Combine(ToolFolder, OperatingSystem.IsWindows() ? "perfguard.exe" : "perfguard");

    public string PackagePath(string packageId) => Path.Combine(Feed, $"{packageId}.{Version}.nupkg");

    /// <summary>An empty consumer folder whose only package source beside the machine's is this run's feed.</summary>
    public TempWorkspace CreateWorkspace() => new(Feed);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("PERFGUARD_E2E_KEEP") is null)
        {
            foreach (var folder in new[] { Feed, Feed + "-tools" })
            {
                try
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                catch (IOException)
                {
                    // Best effort: the folders are in the temp folder.
                }
            }
        }
    }

    private string InstallTool()
    {
        var folder = Feed + "-tools";
        var install = DotnetCli.Dotnet(Path.GetDirectoryName(Feed)!, "tool", "install", ToolPackage, "--tool-path", folder,
            "--add-source", Feed, "--version", Version);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool install {ToolPackage} failed:\n{install}");
        }

        return folder;
    }
}

[CollectionDefinition(Name)]
public sealed class PackagedProductCollection : ICollectionFixture<PackagedProduct>
{
    public const string Name = "Packaged product";
}
