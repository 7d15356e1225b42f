namespace AssetAnchor.PerfGuard.Tasks.Tests;

internal static class TestFiles
{
    public static string Run(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "gate-fixture", name);
}
