using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

/// <summary>
/// The seeded SQLite file the suites measure: generated once per seed number and data version into the temp folder,
/// then reused by every benchmark process (BenchmarkDotNet runs each benchmark in a process of its own).
/// </summary>
public static class SeededSampleDatabase
{
    public const int DefaultSeed = 20_251_124;

    /// <summary>Bump when the generator or the schema changes, so stale cached files are not reused.</summary>
    private const int DataVersion = 2;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "assetanchor-perfguard-bench");

    public static string PathFor(int seed) => Path.Combine(CacheDirectory, $"sample-seed{seed}-v{DataVersion}.db");

    /// <summary>
    /// A PostgreSQL connection string: when set, the suite measures PostgreSQL instead of the SQLite file (the main job's
    /// load stage sets it for its throwaway server, docs/endpoint-load.md). The database is seeded once if empty.
    /// </summary>
    public const string PostgreSqlVariable = "PERFGUARD_SAMPLE_POSTGRESQL";

    private static string? PostgreSqlConnection => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The path of the seeded database for <paramref name="seed"/>, creating it when missing.</summary>
    public static async Task<string> GetOrCreateAsync(int seed = DefaultSeed)
    {
        if (PostgreSqlConnection is { } postgreSql)
        {
            await using var db = new AssetAnchorDbContext(new DbContextOptionsBuilder<AssetAnchorDbContext>().UseNpgsql(postgreSql).Options);
            await SampleSeeder.EnsureSeededAsync(db, seed, SeedVolumes.Default);
            return postgreSql;
        }

        var path = PathFor(seed);
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(path))
            {
                return path;
            }

            Directory.CreateDirectory(CacheDirectory);
            var building = Path.Combine(CacheDirectory, $"building-{Environment.ProcessId}-{seed}.db");
            DeleteDatabaseFiles(building);
            await using (var db = new AssetAnchorDbContext(DatabaseSetup.SqliteFileOptions(building)))
            {
                await SampleSeeder.EnsureSeededAsync(db, seed, SeedVolumes.Default);

                // Fold the write-ahead log into the file so the single file can be moved into place.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
            }

            SqliteConnection.ClearAllPools();
            try
            {
                File.Move(building, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process finished first; its file is identical.
                DeleteDatabaseFiles(building);
            }

            return path;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Options for the seeded file (or the PostgreSQL database) with PerfGuard's round-trip counter attached.</summary>
    public static DbContextOptions<AssetAnchorDbContext> CountingOptions(string path) =>
        PostgreSqlConnection is { } postgreSql
            ? new DbContextOptionsBuilder<AssetAnchorDbContext>().UseNpgsql(postgreSql).AddPerfGuardRoundTripCounter().Options
            : DatabaseSetup.SqliteFileOptions(path, builder => builder.AddPerfGuardRoundTripCounter());

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The first active lease of the seeded data: the fixed subject of the detail, history and payment benchmarks.</summary>
    public static async Task<ActiveLease> FirstActiveLeaseAsync(DbContextOptions<AssetAnchorDbContext> options)
    {
        await using var db = new AssetAnchorDbContext(options);
        return await db.Leases.AsNoTracking()
            .Where(l => l.Status == LeaseStatus.Active)
            .OrderBy(l => l.Id)
            .Select(l => new ActiveLease(l.Id, l.PropertyId, l.TenantId))
            .FirstAsync();
    }
}

public sealed record ActiveLease(int Id, int PropertyId, int TenantId);
