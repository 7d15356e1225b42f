namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// Counts the database commands that EF Core executes through <see cref="DbRoundTripInterceptor"/>: a process-wide
/// total (what a benchmark reports) and nested scopes that follow the async flow (what a test asserts on).
/// </summary>
public static class DbRoundTripCounter
{
    private static readonly AsyncLocal<DbRoundTripScope?> CurrentScope = new();
    private static long total;

    /// <summary>Commands executed in this process since it started.</summary>
    public static long Total => Interlocked.Read(ref total);

    /// <summary>Starts counting the commands executed by this async flow (and the flows it starts) until disposed.</summary>
    public static DbRoundTripScope BeginScope()
    {
        var scope = new DbRoundTripScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    internal static void Record()
    {
        Interlocked.Increment(ref total);
        for (var scope = CurrentScope.Value; scope is not null; scope = scope.Parent)
        {
            scope.Increment();
        }
    }

    internal static void EndScope(DbRoundTripScope scope)
    {
        if (ReferenceEquals(CurrentScope.Value, scope))
        {
            CurrentScope.Value = scope.Parent;
        }
    }
}

/// <summary>The commands counted since <see cref="DbRoundTripCounter.BeginScope"/>.</summary>
public sealed class DbRoundTripScope : IDisposable
{
    private long count;

    internal DbRoundTripScope(DbRoundTripScope? parent) => Parent = parent;

    internal DbRoundTripScope? Parent { get; }

    public long Count => Interlocked.Read(ref count);

    internal void Increment() => Interlocked.Increment(ref count);

    public void Dispose() => DbRoundTripCounter.EndScope(this);
}
