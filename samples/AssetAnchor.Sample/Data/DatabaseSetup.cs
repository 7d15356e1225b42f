using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The "Database" configuration section (the connection string is ConnectionStrings:AssetAnchor).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "AssetAnchor";
    public const string DefaultConnectionString = "Data Source=assetanchor-sample.db";

    /// <summary>"Sqlite", "PostgreSql", or empty to infer from the connection string.</summary>
    public string? Provider { get; set; }

    public int Seed { get; set; } = 1;

    public bool SeedOnStartup { get; set; } = true;
}

public static class DatabaseSetup
{
    /// <summary>PostgreSQL when asked for, or when the connection string names a Host; SQLite otherwise.</summary>
    public static DatabaseProvider ResolveProvider(string? configuredProvider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (!string.IsNullOrWhiteSpace(configuredProvider))
        {
            return configuredProvider.Trim().ToUpperInvariant() switch
            {
                "SQLITE" => DatabaseProvider.Sqlite,
                "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
                _ => throw new InvalidOperationException(
                    $"Database:Provider '{configuredProvider}' is not supported; use 'Sqlite' or 'PostgreSql'."),
            };
        }

        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;
    }

    public static DbContextOptionsBuilder UseAssetAnchorDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString),
            _ => builder.UseSqlite(connectionString),
        };
    }

    /// <summary>Options for a SQLite file, as the benchmarks and tests use them.</summary>
    public static DbContextOptions<AssetAnchorDbContext> SqliteFileOptions(string path, Action<DbContextOptionsBuilder>? configure = null)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var builder = new DbContextOptionsBuilder<AssetAnchorDbContext>().UseSqlite(connectionString);
        configure?.Invoke(builder);
        return builder.Options;
    }
}
