namespace AssetAnchor.PerfGuard.Tests.Shared;

/// <summary>The repository root (where AssetAnchor.PerfGuard.sln is), found above the test output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AssetAnchor.PerfGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository: AssetAnchor.PerfGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
