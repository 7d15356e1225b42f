using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// Counts every command EF Core sends to the database (queries, SaveChanges batches, ExecuteUpdate/Delete, raw SQL):
/// one command is one round trip. Add it with <see cref="DbContextOptionsBuilderExtensions.AddPerfGuardRoundTripCounter"/>.
/// </summary>
public sealed class DbRoundTripInterceptor : DbCommandInterceptor
{
    public static DbRoundTripInterceptor Instance { get; } = new();

    private DbRoundTripInterceptor()
    {
        // Inside a BenchmarkDotNet process this starts the per-operation bookkeeping the diagnoser reads.
        BenchmarkEngineListener.EnsureStarted();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        DbRoundTripCounter.Record();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        DbRoundTripCounter.Record();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        DbRoundTripCounter.Record();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        DbRoundTripCounter.Record();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        DbRoundTripCounter.Record();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        DbRoundTripCounter.Record();
        return ValueTask.FromResult(result);
    }
}

public static class DbContextOptionsBuilderExtensions
{
    /// <summary>Adds PerfGuard's round-trip counter to a DbContext, so benchmarks report round trips per operation.</summary>
    public static TBuilder AddPerfGuardRoundTripCounter<TBuilder>(this TBuilder optionsBuilder)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.AddInterceptors(DbRoundTripInterceptor.Instance);
        return optionsBuilder;
    }
}
