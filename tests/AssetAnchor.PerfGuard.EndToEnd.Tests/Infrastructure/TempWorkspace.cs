namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>A consumer folder outside the repository, so nothing of ours (Directory.*.props, nuget.config) leaks in.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(string feed)
    {
        Root = Path.Combine(Path.GetTempPath(), "perfguard-e2e", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        // The consumer sees the freshly packed feed plus the machine's configured sources (no <clear/>).
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="perfguard-e2e" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // Stop MSBuild from walking up into whatever folder holds the temp directory.
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        Write("Directory.Packages.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public string Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        // Kept when PERFGUARD_E2E_KEEP is set, for looking at binlogs after a failure.
        if (Environment.GetEnvironmentVariable("PERFGUARD_E2E_KEEP") is null)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A process that still holds a file must not fail the test that already passed.
            }
        }
    }
}
