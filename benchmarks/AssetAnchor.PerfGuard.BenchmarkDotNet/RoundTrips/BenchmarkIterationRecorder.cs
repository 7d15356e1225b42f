using System.Diagnostics.Tracing;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// The round-trip side of <see cref="BenchmarkEngineListener"/>, inside the benchmark process: it reads the round-trip
/// counter at both ends of every measured iteration, so warm-up, pilot, overhead, setup and cleanup commands never
/// count. When the benchmark stops it hands the totals to the host through <see cref="RoundTripChannel"/>, if the host
/// asked for them.
/// </summary>
internal static class BenchmarkIterationRecorder
{
    private static long commandsAtIterationStart = -1;
    private static long measuredCommands;
    private static long measuredOperations;
    private static int unreadableEvents;

    public static void BenchmarkStarted()
    {
        Interlocked.Exchange(ref measuredCommands, 0);
        Interlocked.Exchange(ref measuredOperations, 0);
        Interlocked.Exchange(ref commandsAtIterationStart, -1);
        Interlocked.Exchange(ref unreadableEvents, 0);
    }

    public static void IterationStarted() => Interlocked.Exchange(ref commandsAtIterationStart, DbRoundTripCounter.Total);

    public static void IterationStopped(EventWrittenEventArgs eventData)
    {
        var start = Interlocked.Exchange(ref commandsAtIterationStart, -1);
        var operations = BenchmarkEngineListener.ReadTotalOperations(eventData);
        if (start < 0 || operations is null)
        {
            Interlocked.Increment(ref unreadableEvents);
            return;
        }

        Interlocked.Add(ref measuredCommands, DbRoundTripCounter.Total - start);
        Interlocked.Add(ref measuredOperations, operations.Value);
    }

    public static void BenchmarkStopped()
    {
        // No value rather than a wrong one when BenchmarkDotNet's events were not what this code expects.
        if (Volatile.Read(ref unreadableEvents) == 0 && RoundTripChannel.TryConsumeRequest(Environment.ProcessId))
        {
            RoundTripChannel.Write(Environment.ProcessId, Interlocked.Read(ref measuredCommands), Interlocked.Read(ref measuredOperations));
        }
    }
}
