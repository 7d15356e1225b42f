using System.Text.Json;
using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialBenchmarkRuns
{
    // The benchmark process count is process-wide: nothing else may query a database while a run is measured.
    public const string Name = "Serial BenchmarkDotNet runs";
}

/// <summary>
/// Runs a tiny benchmark through BenchmarkDotNet with the PerfGuard config (in-process, three short iterations) once
/// per test class, leaving what a CI run leaves behind: the summary metric, the full JSON and the categories sidecar.
/// </summary>
public sealed class TinyBenchmarkRun : IDisposable
{
    public TinyBenchmarkRun()
    {
        var job = Job.Dry
            .WithIterationCount(3)
            .WithToolchain(InProcessNoEmitToolchain.Instance)
            .WithId("PerfGuardTest");
        var config = PerfGuardConfig.Create(job)
            .WithArtifactsPath(Artifacts)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        Summary = BenchmarkRunner.Run<TinyQueryBenchmarks>(config);
    }

    public string Artifacts { get; } = Path.Combine(Path.GetTempPath(), $"perfguard-bdn-tests-{Guid.NewGuid():N}");

    public Summary Summary { get; }

    public string FullJsonPath => Directory.GetFiles(Summary.ResultsDirectoryPath, "*-report-full.json").Single();

    public void Dispose()
    {
        if (Directory.Exists(Artifacts))
        {
            Directory.Delete(Artifacts, recursive: true);
        }
    }
}

[Collection(SerialBenchmarkRuns.Name)]
public sealed class InProcessBenchmarkRunTests(TinyBenchmarkRun run) : IClassFixture<TinyBenchmarkRun>
{
    [Fact]
    public void Every_benchmark_ran()
    {
        Assert.Equal(3, run.Summary.Reports.Length);
        Assert.All(run.Summary.Reports, r => Assert.True(r.Success, r.BenchmarkCase.DisplayInfo));
    }

    [Fact]
    public void The_summary_reports_exact_round_trips_per_operation()
    {
        Assert.Equal(3.0, RoundTrips(nameof(TinyQueryBenchmarks.ThreeQueries)));
        Assert.Equal(1.0, RoundTrips(nameof(TinyQueryBenchmarks.OneInsert)));

        // Without a DbContext there is either no value (nothing listened) or an honest zero; never a count.
        Assert.True(RoundTrips(nameof(TinyQueryBenchmarks.NoDatabase)) is null or 0.0);
    }

    [Fact]
    public void The_full_json_carries_the_metric_with_the_contract_id()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(run.FullJsonPath));
        var benchmark = document.RootElement.GetProperty("Benchmarks").EnumerateArray()
            .Single(b => b.GetProperty("Method").GetString() == nameof(TinyQueryBenchmarks.ThreeQueries));
        var metric = benchmark.GetProperty("Metrics").EnumerateArray()
            .Single(m => m.GetProperty("Descriptor").GetProperty("Id").GetString() == "PerfGuard.DbRoundTrips");
        Assert.Equal(3.0, metric.GetProperty("Value").GetDouble());
    }

    [Fact]
    public void The_sidecar_lists_every_benchmark_with_its_categories_by_full_name()
    {
        var sidecar = run.FullJsonPath.Replace("-report-full.json", "-perfguard.json", StringComparison.Ordinal);
        Assert.True(File.Exists(sidecar), $"missing {sidecar}");

        using var document = JsonDocument.Parse(File.ReadAllText(sidecar));
        Assert.Equal("perfguard-benchmarks/1", document.RootElement.GetProperty("schema").GetString());
        var entries = document.RootElement.GetProperty("benchmarks").EnumerateArray()
            .ToDictionary(
                b => b.GetProperty("fullName").GetString()!,
                b => b.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).Order().ToList());

        using var full = JsonDocument.Parse(File.ReadAllText(run.FullJsonPath));
        var fullNames = full.RootElement.GetProperty("Benchmarks").EnumerateArray().Select(b => b.GetProperty("FullName").GetString()!);
        Assert.Equal(fullNames.Order(), entries.Keys.Order());

        var prefix = typeof(TinyQueryBenchmarks).FullName + ".";
        Assert.Equal([PerfGuardCategories.Read], entries[prefix + nameof(TinyQueryBenchmarks.ThreeQueries)]);
        Assert.Equal([PerfGuardCategories.Read, PerfGuardCategories.Write], entries[prefix + nameof(TinyQueryBenchmarks.OneInsert)]);
    }

    [Fact]
    public void Every_benchmark_has_its_cpu_time_per_iteration_in_the_sidecar_matching_the_summary_metric()
    {
        var sidecar = run.FullJsonPath.Replace("-report-full.json", "-perfguard.json", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(sidecar));
        foreach (var entry in document.RootElement.GetProperty("benchmarks").EnumerateArray())
        {
            var name = entry.GetProperty("fullName").GetString()!;
            var values = entry.GetProperty("cpuNsPerOp").EnumerateArray().Select(v => v.GetDouble()).ToList();
            var report = run.Summary.Reports.Single(r => global::BenchmarkDotNet.Exporters.FullNameProvider.GetBenchmarkName(r.BenchmarkCase) == name);

            // One value per measured iteration, as many as BenchmarkDotNet's own workload-actual measurements.
            var actual = report.AllMeasurements.Count(m => m.IterationMode == global::BenchmarkDotNet.Engines.IterationMode.Workload && m.IterationStage == global::BenchmarkDotNet.Engines.IterationStage.Actual);
            Assert.Equal(actual, values.Count);
            Assert.All(values, v => Assert.True(v > 0, $"{name}: {v}"));
            var metric = report.Metrics.Values.Single(m => m.Descriptor.Id == AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime.CpuTimeMetricDescriptor.MetricId).Value;
            Assert.Equal(values.Order().ElementAt(values.Count / 2), metric, 3);
            if (OperatingSystem.IsLinux())
            {
                var wait = entry.GetProperty("contention").GetProperty("waitFraction").GetDouble();
                Assert.InRange(wait, 0, 1);
            }
        }
    }

    private double? RoundTrips(string method) =>
        run.Summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
            .Metrics.Values.SingleOrDefault(m => m.Descriptor.Id == DbRoundTripsMetricDescriptor.MetricId)?.Value;
}

public sealed class TinyEntity
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class TinyContext(DbContextOptions<TinyContext> options) : DbContext(options)
{
    public DbSet<TinyEntity> Entities => Set<TinyEntity>();
}

[BenchmarkCategory(PerfGuardCategories.Read)]
public class TinyQueryBenchmarks
{
    private SqliteConnection connection = null!;
    private DbContextOptions<TinyContext> options = null!;

    [GlobalSetup]
    public void Setup()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        options = new DbContextOptionsBuilder<TinyContext>().UseSqlite(connection).AddPerfGuardRoundTripCounter().Options;
        using var db = new TinyContext(options);
        db.Database.EnsureCreated();
        db.Entities.AddRange(new TinyEntity { Name = "a" }, new TinyEntity { Name = "b" });
        db.SaveChanges();
    }

    [GlobalCleanup]
    public void Cleanup() => connection.Dispose();

    [Benchmark]
    public int ThreeQueries()
    {
        using var db = new TinyContext(options);
        return db.Entities.Count() + db.Entities.Count(e => e.Name == "a") + db.Entities.OrderBy(e => e.Id).Select(e => e.Id).First();
    }

    /// <summary>One insert, rolled back (BEGIN and ROLLBACK are transaction calls, not commands).</summary>
    [Benchmark]
    [BenchmarkCategory(PerfGuardCategories.Write)]
    public int OneInsert()
    {
        using var db = new TinyContext(options);
        using var transaction = db.Database.BeginTransaction();
        db.Entities.Add(new TinyEntity { Name = "x" });
        var saved = db.SaveChanges();
        transaction.Rollback();
        return saved;
    }

    [Benchmark]
    public int NoDatabase() => Environment.ProcessorCount;
}
