using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Tests;

public sealed class BudgetTests
{
    private static BudgetFile Load(TempFolder folder, string json)
    {
        var path = folder.File("perfguard.json");
        File.WriteAllText(path, json);
        return BudgetFile.Load(path);
    }

    [Fact]
    public void A_benchmark_budget_by_glob_is_checked_and_points_at_its_line()
    {
        using var folder = new TempFolder();
        var budgets = Load(folder, """
            {
              "benchmarks": {
                "*.SumArray(Length: 1000)": { "p50": "100ns" },
                "*.BuildKey*": { "bytesPerOp": 64 }
              }
            }
            """);

        var report = Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("repeat"), budgets);

        var broken = report.Findings.Where(f => f.Code == BuildCodes.BudgetExceeded).ToList();
        // SumArray(1000) takes ~450 ns > 100 ns; BuildKey(1000) allocates 96 B > 64 B; BuildKey(100) 56 B is within.
        Assert.Equal([Fixtures.BuildKey1000, Fixtures.SumArray1000], broken.Select(f => f.BenchmarkKey!).Order(StringComparer.Ordinal));
        var time = broken.Single(f => f.BenchmarkKey == Fixtures.SumArray1000);
        Assert.Equal(budgets.Path, time.File);
        Assert.Equal(3, time.Line);
        Assert.Contains("p50", time.Message, StringComparison.Ordinal);
        Assert.Contains("100 ns", time.Message, StringComparison.Ordinal);
        Assert.True(time.IsError);
    }

    [Fact]
    public void Category_budgets_come_from_the_sidecar_and_custom_values_override_the_seed_defaults()
    {
        using var folder = new TempFolder();
        // Sidecar: Lookup is Read, the others CriticalPath. Read p95 tightened to 1 ns; CriticalPath keeps 500 ms.
        var budgets = Load(folder, """{ "categories": { "Read": { "p95": "1ns" } } }""");

        var report = Comparer.Compare(Fixtures.BaselineFrom("derived/roundtrips-baseline"), Fixtures.Read("derived/roundtrips-baseline"), budgets);

        var broken = report.Findings.Where(f => f.Code == BuildCodes.BudgetExceeded).ToList();
        Assert.Equal([Fixtures.Lookup100, Fixtures.Lookup1000], broken.Select(f => f.BenchmarkKey!).Order(StringComparer.Ordinal));
        Assert.All(broken, f => Assert.Contains("the Read budget", f.Message, StringComparison.Ordinal));
        Assert.Equal(["Read"], report.Benchmarks.Single(b => b.Key == Fixtures.Lookup100).Categories);
    }

    [Fact]
    public void Category_assignments_by_glob_apply_the_seed_defaults()
    {
        using var folder = new TempFolder();
        var budgets = Load(folder, """{ "categoryAssignments": { "*.SumArray*": "CriticalPath" } }""");

        Assert.Equal(["CriticalPath"], budgets.CategoriesOf(Fixtures.SumArray100, []));
        var critical = budgets.BudgetsFor(Fixtures.SumArray100, ["CriticalPath"]).Single();
        // Shared contract 2: CriticalPath p50 200 ms, p95 500 ms, p99 1 s.
        Assert.Equal(new Budget(P50: 200e6, P95: 500e6, P99: 1e9), critical.Budget);
        // Nanosecond benchmarks are far inside millisecond budgets.
        Assert.True(Comparer.Compare(Fixtures.BaselineFrom("baseline-run1"), Fixtures.Read("repeat"), budgets).Passed);
    }

    [Fact]
    public void A_round_trips_budget_is_checked()
    {
        using var folder = new TempFolder();
        var budgets = Load(folder, """{ "benchmarks": { "*.Lookup*": { "roundTripsPerOp": 2 } } }""");

        var report = Comparer.Compare(Fixtures.BaselineFrom("derived/roundtrips-regressed"), Fixtures.Read("derived/roundtrips-regressed"), budgets);

        Assert.Equal(2, report.Findings.Count(f => f.Code == BuildCodes.BudgetExceeded && f.Message.Contains("round trips/op 3 exceeds", StringComparison.Ordinal)));
    }

    [Fact]
    public void Seed_defaults_apply_without_a_file()
    {
        Assert.Equal(new Budget(P50: 1e9, P95: 3e9, P99: 5e9), BudgetFile.Defaults.BudgetsFor("x", ["reporting"]).Single().Budget);
        Assert.Equal(new Budget(P50: 500e6, P95: 1e9, P99: 1.5e9), BudgetFile.Defaults.BudgetsFor("x", ["Write"]).Single().Budget);
        Assert.Empty(BudgetFile.Defaults.BudgetsFor("x", ["Unknown"]));
    }

    [Theory]
    [InlineData("""{ "benchmarks": { "*": { "p59": "1ms" } } }""", "unknown limit 'p59'")]
    [InlineData("""{ "categories": { "Read": { "p50": 200 } } }""", "expected a time with unit")]
    [InlineData("""{ "threshold": "five percent" }""", "neither a percentage")]
    [InlineData("""{ "tresholds": "5%" }""", "unknown property 'tresholds'")]
    [InlineData("""{ "significance": 2 }""", "between 0 and 0.5")]
    public void A_mistake_in_perfguard_json_is_PG1201_with_its_line(string json, string reason)
    {
        using var folder = new TempFolder();
        var path = folder.File("perfguard.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<PerfGuardInputException>(() => BudgetFile.Load(path));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(BuildCodes.UnreadableInput, error.ToFinding().Code);
    }

    [Fact]
    public void The_threshold_from_perfguard_json_is_used_when_none_is_given()
    {
        using var folder = new TempFolder();
        var baseline = Fixtures.StoredBaseline(folder, "baseline-run1");
        File.WriteAllText(folder.File("perfguard.json"), """{ "threshold": "5%|500ns", "runNoise": "10%" }""");

        var outcome = PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.Run("slower")], Baseline = baseline.Path! });

        // 500 ns floor: SumArray(100) (+90 ns) passes, SumArray(1000) (+900 ns) fails.
        Assert.Equal(ThresholdSpec.Parse("5%|500ns"), outcome.Report!.Settings.Threshold);
        Assert.Equal(0.10, outcome.Report.Settings.RunNoise);
        Assert.Equal([Fixtures.SumArray1000], outcome.Findings.Where(f => f.IsError).Select(f => f.BenchmarkKey));
    }
}
