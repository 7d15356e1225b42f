namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The source of a one-benchmark suite the gate journeys run: BenchmarkSwitcher as the entry point, and a benchmark
/// class over an in-memory SQLite database with PerfGuard's round-trip counter, seeded in [GlobalSetup]. The journeys
/// give the context, the seed rows and the measured body; the rest is what every such suite repeats.
/// </summary>
public sealed record SqliteBenchmarkSuite(string ClassName, string ContextType, string ConfigAttribute)
{
    /// <summary>Types the suite declares itself (entities, its DbContext), placed before the benchmark class.</summary>
    public string Declarations { get; init; } = "";

    /// <summary>Fields of the benchmark class besides the connection and the options.</summary>
    public string Fields { get; init; } = "";

    /// <summary>Statements that add the seed rows to <c>db</c> (SaveChanges follows).</summary>
    public required string Seed { get; init; }

    public required string BenchmarkMethod { get; init; }

    /// <summary>The statements of the benchmark method, with a fresh context in <c>db</c>; it returns an int.</summary>
    public required string BenchmarkBody { get; init; }

    public string Render() => $$"""
        using AssetAnchor.PerfGuard.BenchmarkDotNet;
        using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
        using BenchmarkDotNet.Attributes;
        using BenchmarkDotNet.Running;
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;

        BenchmarkSwitcher.FromAssembly(typeof({{ClassName}}).Assembly).Run(args);
        {{Declarations}}
        [{{ConfigAttribute}}]
        [BenchmarkCategory(PerfGuardCategories.Read)]
        public class {{ClassName}}
        {
            {{Fields}}
            private SqliteConnection connection = null!;
            private DbContextOptions<{{ContextType}}> options = null!;

            [GlobalSetup]
            public void Setup()
            {
                connection = new SqliteConnection("Data Source=:memory:");
                connection.Open();
                options = new DbContextOptionsBuilder<{{ContextType}}>().UseSqlite(connection).AddPerfGuardRoundTripCounter().Options;
                using var db = new {{ContextType}}(options);
                db.Database.EnsureCreated();
                {{Seed}}
                db.SaveChanges();
            }

            [GlobalCleanup]
            public void Cleanup() => connection.Dispose();

            [Benchmark]
            public int {{BenchmarkMethod}}()
            {
                using var db = new {{ContextType}}(options);
                {{BenchmarkBody}}
            }
        }
        """;
}
