namespace AssetAnchor.PerfGuard.Tasks.Tests;

internal static class TestFiles
{
    public static string Run(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "gate-fixture", name);

    /// <summary>The repository root (where build/ and buildtasks/ are), found above the test output folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "build", "AssetAnchor.PerfGuard.targets")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("build/AssetAnchor.PerfGuard.targets not found above " + AppContext.BaseDirectory);
        }
    }
}
