using System.Diagnostics.Tracing;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// Runs inside the benchmark process. BenchmarkDotNet 0.15.8's engine raises WorkloadActualStart/WorkloadActualStop
/// around every measured iteration (outside the timed region, after IterationSetup, before IterationCleanup) with the
/// iteration's operation count; this listener reads the round-trip counter at both ends, so warm-up, pilot,
/// overhead, setup and cleanup commands never count. When the benchmark stops it hands the totals to the host through
/// <see cref="RoundTripChannel"/>, if the host asked for them.
/// </summary>
internal sealed class BenchmarkIterationRecorder : EventListener
{
    private const string EngineEventSourceName = "BenchmarkDotNet.EngineEventSource";
    private static readonly object Gate = new();
    private static BenchmarkIterationRecorder? instance;

    // Static: EventListener may call OnEventSourceCreated before a derived constructor has run.
    private static long commandsAtIterationStart = -1;
    private static long measuredCommands;
    private static long measuredOperations;
    private static int unreadableEvents;

    public static void EnsureStarted()
    {
        lock (Gate)
        {
            instance ??= new BenchmarkIterationRecorder();
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == EngineEventSourceName)
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name != EngineEventSourceName)
        {
            return;
        }

        switch (eventData.EventName)
        {
            case "BenchmarkStart":
                Interlocked.Exchange(ref measuredCommands, 0);
                Interlocked.Exchange(ref measuredOperations, 0);
                Interlocked.Exchange(ref commandsAtIterationStart, -1);
                Interlocked.Exchange(ref unreadableEvents, 0);
                break;
            case "WorkloadActualStart":
                Interlocked.Exchange(ref commandsAtIterationStart, DbRoundTripCounter.Total);
                break;
            case "WorkloadActualStop":
                var start = Interlocked.Exchange(ref commandsAtIterationStart, -1);
                var operations = ReadTotalOperations(eventData);
                if (start < 0 || operations is null)
                {
                    Interlocked.Increment(ref unreadableEvents);
                    break;
                }

                Interlocked.Add(ref measuredCommands, DbRoundTripCounter.Total - start);
                Interlocked.Add(ref measuredOperations, operations.Value);
                break;
            case "BenchmarkStop":
                // No value rather than a wrong one when BenchmarkDotNet's events were not what this code expects.
                if (Volatile.Read(ref unreadableEvents) == 0 && RoundTripChannel.TryConsumeRequest(Environment.ProcessId))
                {
                    RoundTripChannel.Write(Environment.ProcessId, Interlocked.Read(ref measuredCommands), Interlocked.Read(ref measuredOperations));
                }

                break;
        }
    }

    private static long? ReadTotalOperations(EventWrittenEventArgs eventData)
    {
        var index = eventData.PayloadNames?.IndexOf("totalOperations") ?? -1;
        if (index < 0 || eventData.Payload is null || index >= eventData.Payload.Count || eventData.Payload[index] is not long operations)
        {
            return null;
        }

        return operations;
    }
}
