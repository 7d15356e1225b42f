using System.Text.Json;
using System.Text.Json.Nodes;
using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>
/// A suite sharded over a CI matrix and gated once on the merged results (docs/ci-gate.md, "Sharding"). TestData/shards
/// holds two real shards of the detection suite, run locally with --filter: shard-1 has Instance 1 and 2, shard-2
/// Instance 3 and 4. A missing or failed shard must be a clear error, never a pass.
/// </summary>
public sealed class ShardTests
{
    private static string Shard(int n) => Path.Combine(Fixtures.Root, "shards", $"shard-{n}");

    private static string WriteBaseline(TempFolder folder)
    {
        var path = folder.File("perfguard-baseline.json");
        var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Shard(1), Shard(2)], Baseline = path, RecordCommit = false });
        Assert.Null(outcome.Error);
        return path;
    }

    private static CompareOutcome Gate(string baseline, IReadOnlyList<string> results, bool requireAll = true) =>
        PerfGuardGate.Compare(new CompareRequest { Results = results, Baseline = baseline, Settings = SettingLayer.FromHost(SettingSource.CommandLine, string.Empty, (Setting.RequireAllBenchmarks, requireAll ? "true" : null)) });

    [Fact]
    public void The_merged_shards_are_one_results_set_and_pass_against_their_own_baseline()
    {
        using var folder = new TempFolder();
        var baseline = WriteBaseline(folder);

        var outcome = Gate(baseline, [Shard(1), Shard(2)]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(4, outcome.Report!.Benchmarks.Count);
        Assert.All(outcome.Report.Benchmarks, b => Assert.NotNull(b.Cpu));
        Assert.Equal(4, BaselineStore.Read(baseline).Benchmarks.Count(b => b.CpuRunValues.Count == 1));
    }

    [Fact]
    public void A_missing_shard_fails_with_PG1103_errors_naming_its_benchmarks()
    {
        using var folder = new TempFolder();
        var baseline = WriteBaseline(folder);

        var outcome = Gate(baseline, [Shard(1)]);

        Assert.Equal(1, outcome.ExitCode);
        var missing = outcome.Findings.Where(f => f.Code == BuildCodes.NoCurrentResult).ToList();
        Assert.Equal(2, missing.Count);
        Assert.All(missing, f => Assert.Equal(FindingSeverity.Error, f.Severity));
        Assert.All(missing, f => Assert.Contains("shard", f.Message, StringComparison.Ordinal));
        Assert.Equal(["Instance: 3)", "Instance: 4)"], missing.Select(f => f.BenchmarkKey![^12..]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Without_require_all_a_missing_shard_is_only_a_warning()
    {
        using var folder = new TempFolder();
        var baseline = WriteBaseline(folder);

        var outcome = Gate(baseline, [Shard(2)], requireAll: false);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(2, outcome.Findings.Count(f => f.Code == BuildCodes.NoCurrentResult && f.Severity == FindingSeverity.Warning));
    }

    [Fact]
    public void A_shard_folder_that_was_never_uploaded_is_unusable_input()
    {
        using var folder = new TempFolder();
        var baseline = WriteBaseline(folder);

        var outcome = Gate(baseline, [Shard(1), folder.File("shard-2")]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(BuildCodes.UnreadableInput, Assert.Single(outcome.Findings).Code);
    }

    [Fact]
    public void A_shard_whose_benchmark_failed_is_unusable_input_with_the_file_named()
    {
        using var folder = new TempFolder();
        var baseline = WriteBaseline(folder);
        var failed = Path.Combine(folder.Path, "shard-2-failed");
        Directory.CreateDirectory(failed);
        var source = Directory.GetFiles(Shard(2), "*-report-full.json").Single();
        var json = JsonNode.Parse(File.ReadAllText(source))!;
        json["Benchmarks"]![1]!["Measurements"] = new JsonArray(); // what BenchmarkDotNet writes for a benchmark that threw
        var target = Path.Combine(failed, Path.GetFileName(source));
        File.WriteAllText(target, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var outcome = Gate(baseline, [Shard(1), failed]);

        Assert.Equal(2, outcome.ExitCode);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(BuildCodes.UnreadableInput, finding.Code);
        Assert.Equal(target, finding.File);
    }

    [Fact]
    public void The_same_benchmark_in_two_shards_is_unusable_input()
    {
        using var folder = new TempFolder();
        var baseline = WriteBaseline(folder);

        var outcome = Gate(baseline, [Shard(1), Shard(1) + Path.DirectorySeparatorChar + "."]);

        // The same folder twice resolves to the same files, which are read once: not a duplicate.
        Assert.Equal(1, outcome.ExitCode);

        var copy = Path.Combine(folder.Path, "shard-1-again");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Shard(1)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var duplicate = Gate(baseline, [Shard(1), copy, Shard(2)]);
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("also in", Assert.Single(duplicate.Findings).Message, StringComparison.Ordinal);
    }
}
