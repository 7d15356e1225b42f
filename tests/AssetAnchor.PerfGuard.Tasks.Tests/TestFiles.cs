namespace AssetAnchor.PerfGuard.Tasks.Tests;

internal static class TestFiles
{
    public static string Run(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "gate-fixture", name);

    /// <summary>Two real shards of the detection suite (see the engine tests' TestData/README.md).</summary>
    public static string Shard(int n) => Path.Combine(AppContext.BaseDirectory, "TestData", "shards", $"shard-{n}");
}
