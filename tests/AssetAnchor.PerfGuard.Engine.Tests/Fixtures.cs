using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>The real BenchmarkDotNet results under TestData (see TestData/README.md).</summary>
internal static class Fixtures
{
    public const string Prefix = "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks.";
    public const string FileName = "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks-report-full.json";

    public static string SumArray100 => Prefix + "SumArray(Length: 100)";
    public static string SumArray1000 => Prefix + "SumArray(Length: 1000)";
    public static string BuildKey100 => Prefix + "BuildKey(Length: 100)";
    public static string BuildKey1000 => Prefix + "BuildKey(Length: 1000)";
    public static string Lookup100 => Prefix + "Lookup(Length: 100)";
    public static string Lookup1000 => Prefix + "Lookup(Length: 1000)";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>The folder of one run, e.g. "repeat" or "derived/roundtrips-baseline".</summary>
    public static string Run(string name) => Path.Combine(Root, name.Contains('/') ? name : Path.Combine("gate-fixture", name));

    public static string File(string run) => Path.Combine(Run(run), FileName);

    public static ResultSet Read(string run) => BenchmarkDotNetReader.ReadRun([Run(run)]);

    public static Baseline BaselineFrom(params string[] runs) =>
        BaselineBuilder.Build(runs.Select(Read).ToList(), runs.Length);

    /// <summary>Writes a baseline from the runs to a temp file and reads it back, as the gate does.</summary>
    public static Baseline StoredBaseline(TempFolder folder, params string[] runs)
    {
        var path = Path.Combine(folder.Path, "baseline.json");
        BaselineStore.WriteAtomic(path, BaselineStore.Serialize(BaselineFrom(runs)));
        return BaselineStore.Read(path);
    }
}
