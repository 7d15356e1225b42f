namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AssetAnchor.PerfGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The end-to-end tests run from inside the repository (AssetAnchor.PerfGuard.sln not found above the test output).");
    }
}
