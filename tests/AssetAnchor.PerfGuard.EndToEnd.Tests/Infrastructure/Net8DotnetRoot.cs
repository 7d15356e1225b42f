using System.Runtime.InteropServices;
using System.Text.Json;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A private dotnet root that can run net8.0 programs on a machine whose SDK ships only a newer runtime: the machine's
/// own root (SDK, host, newer runtimes) linked in, plus the .NET 8 and ASP.NET Core 8 shared runtimes taken from the
/// runtime packs that a self-contained restore downloads as NuGet packages. The SDK picks the packs' version; nothing
/// here names one.
/// Unix only (symbolic links, the muxer without .exe), like the rest of the end-to-end tests' shell use.
/// </summary>
public sealed class Net8DotnetRoot
{
    private Net8DotnetRoot(string root, string runtimeVersion)
    {
        Root = root;
        RuntimeVersion = runtimeVersion;
    }

    /// <summary>The folder to use as DOTNET_ROOT and first on PATH.</summary>
    public string Root { get; }

    public string Muxer => Path.Combine(Root, "dotnet");

    /// <summary>The .NET 8 runtime in this root, for example 8.0.31.</summary>
    public string RuntimeVersion { get; }

    /// <summary>Builds the root under <paramref name="folder"/>; the restore runs in <paramref name="workspace"/>.</summary>
    public static Net8DotnetRoot Create(TempWorkspace workspace, string folder)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        workspace.Write("runtime-pack/RuntimePack.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <RuntimeIdentifier>{rid}</RuntimeIdentifier>
                <SelfContained>true</SelfContained>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
              </ItemGroup>
            </Project>
            """);
        var restore = DotnetCli.Dotnet(workspace.PathOf("runtime-pack"), "restore", "RuntimePack.csproj", "-nodeReuse:false");
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"the .NET 8 runtime pack did not restore:\n{restore}");
        }

        var runtimePacks = FindRuntimePacks(workspace.PathOf("runtime-pack/obj/project.assets.json"), rid);

        // The machine's root: its dotnet runtime folder is <root>/shared/Microsoft.NETCore.App/<version>/.
        var machineRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var root = Directory.CreateDirectory(folder).FullName;
        // A copy, not a link: the muxer finds its root next to its own path.
        File.Copy(Path.Combine(machineRoot, "dotnet"), Path.Combine(root, "dotnet"));
        foreach (var entry in Directory.EnumerateFileSystemEntries(machineRoot))
        {
            var name = Path.GetFileName(entry);
            if (name is not ("dotnet" or "shared") && Directory.Exists(entry))
            {
                Directory.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }

        foreach (var framework in Directory.EnumerateDirectories(Path.Combine(machineRoot, "shared")))
        {
            var target = Directory.CreateDirectory(Path.Combine(root, "shared", Path.GetFileName(framework)));
            foreach (var installed in Directory.EnumerateDirectories(framework))
            {
                Directory.CreateSymbolicLink(Path.Combine(target.FullName, Path.GetFileName(installed)), installed);
            }
        }

        foreach (var (framework, packFolder, packVersion) in runtimePacks)
        {
            var shared = Path.Combine(root, "shared", framework, packVersion);
            if (Directory.Exists(shared))
            {
                continue;
            }

            // A runtime pack holds what a shared framework folder holds: managed assemblies, the framework's
            // deps.json and runtimeconfig.json, and (for Microsoft.NETCore.App) the native runtime and host policy.
            Directory.CreateDirectory(shared);
            var packRuntime = Path.Combine(packFolder, "runtimes", rid);
            var native = Path.Combine(packRuntime, "native");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(packRuntime, "lib", "net8.0"))
                         .Concat(Directory.Exists(native) ? Directory.EnumerateFiles(native) : []))
            {
                File.CreateSymbolicLink(Path.Combine(shared, Path.GetFileName(file)), file);
            }
        }

        var version = runtimePacks.Single(p => p.Framework == "Microsoft.NETCore.App").Version;
        return new Net8DotnetRoot(root, version);
    }

    /// <summary>Runs <paramref name="arguments"/> with this root's muxer, DOTNET_ROOT and PATH.</summary>
    public ProcessResult Dotnet(string workingDirectory, params string[] arguments) =>
        DotnetCli.Run("env", workingDirectory,
        [
            "DOTNET_ROOT=" + Root,
            "PATH=" + Root + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            Muxer,
            .. arguments,
        ]);

    /// <summary>Every runtime pack the restore downloads: its shared framework's name, folder and version.</summary>
    private static List<(string Framework, string Folder, string Version)> FindRuntimePacks(string assetsFile, string rid)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var packageFolder = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        var suffix = ".Runtime." + rid;
        var packs = new List<(string, string, string)>();
        foreach (var framework in assets.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject())
        {
            if (!framework.Value.TryGetProperty("downloadDependencies", out var downloads))
            {
                continue;
            }

            foreach (var download in downloads.EnumerateArray())
            {
                var name = download.GetProperty("name").GetString()!;
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    // An exact version range such as "[8.0.31, 8.0.31]".
                    var version = download.GetProperty("version").GetString()!.Trim('[', ']', ' ').Split(',')[0].Trim();
                    packs.Add((name[..^suffix.Length], Path.Combine(packageFolder, name.ToLowerInvariant(), version), version));
                }
            }
        }

        return packs.Count > 0 ? packs : throw new InvalidOperationException($"{assetsFile} downloads no *{suffix} runtime pack.");
    }
}
