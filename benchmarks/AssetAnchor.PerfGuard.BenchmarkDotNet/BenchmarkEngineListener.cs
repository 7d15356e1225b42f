using System.Diagnostics.Tracing;
using AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;
using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet;

/// <summary>
/// The one listener in the benchmark process for BenchmarkDotNet 0.15.8's engine events. The engine raises
/// BenchmarkStart/BenchmarkStop around a benchmark and WorkloadActualStart/WorkloadActualStop around every measured
/// iteration (outside the timed region, after IterationSetup, before IterationCleanup) with the iteration's operation
/// count. Both recorders are fed from here: the round trips (<see cref="BenchmarkIterationRecorder"/>) and the CPU time
/// (<see cref="IterationCpuRecorder"/>). The CPU recorder is called last at a start and first at a stop, so its clock
/// readings are the ones nearest to the workload and the round-trip bookkeeping never counts as benchmark CPU time.
/// Started by the startup hook (BenchmarkDotNet's child process), by the CPU-time diagnoser (in-process toolchains) or
/// by the round-trip interceptor, whichever comes first; one instance per process. Callbacks for in-process events run
/// synchronously on the benchmark thread.
/// </summary>
internal sealed class BenchmarkEngineListener : EventListener
{
    internal const string EngineEventSourceName = "BenchmarkDotNet.EngineEventSource";
    private static readonly object Gate = new();
    private static BenchmarkEngineListener? instance;

    // Set after the base constructor, which already calls OnEventSourceCreated for every existing source: those are
    // enabled by the constructor body instead.
    private readonly string? sourceName;

    /// <param name="sourceName">BenchmarkDotNet's engine source; a test passes an event source of its own.</param>
    internal BenchmarkEngineListener(string sourceName)
    {
        this.sourceName = sourceName;
        foreach (var source in EventSource.GetSources())
        {
            OnEventSourceCreated(source);
        }
    }

    /// <summary>The process's listener on BenchmarkDotNet's engine events, created by whichever caller comes first.</summary>
    public static BenchmarkEngineListener EnsureStarted()
    {
        lock (Gate)
        {
            return instance ??= new BenchmarkEngineListener(EngineEventSourceName);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (sourceName is not null && eventSource.Name == sourceName)
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name != sourceName)
        {
            return;
        }

        switch (eventData.EventName)
        {
            case "BenchmarkStart":
                BenchmarkIterationRecorder.BenchmarkStarted();
                IterationCpuRecorder.BenchmarkStarted();
                break;
            case "WorkloadActualStart":
                BenchmarkIterationRecorder.IterationStarted();
                IterationCpuRecorder.IterationStarted();
                break;
            case "WorkloadActualStop":
                IterationCpuRecorder.IterationStopped(eventData);
                BenchmarkIterationRecorder.IterationStopped(eventData);
                break;
            case "BenchmarkStop":
                IterationCpuRecorder.BenchmarkStopped();
                BenchmarkIterationRecorder.BenchmarkStopped();
                break;
        }
    }

    /// <summary>The iteration's operation count from a WorkloadActualStart/Stop event, or null when it has none.</summary>
    internal static long? ReadTotalOperations(EventWrittenEventArgs eventData)
    {
        var index = eventData.PayloadNames?.IndexOf("totalOperations") ?? -1;
        if (index < 0 || eventData.Payload is null || index >= eventData.Payload.Count || eventData.Payload[index] is not long operations)
        {
            return null;
        }

        return operations;
    }
}
