using System.Diagnostics.Tracing;
using AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;
using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

/// <summary>Stands in for BenchmarkDotNet's engine source (whose event methods are internal): same event names and payloads.</summary>
[EventSource(Name = SourceName)]
internal sealed class FakeEngineEvents : EventSource
{
    public const string SourceName = "AssetAnchor.PerfGuard.Tests.FakeEngineEvents";

    [Event(1, Level = EventLevel.Informational)]
    public void BenchmarkStart(string benchmarkName) => WriteEvent(1, benchmarkName);

    [Event(2, Level = EventLevel.Informational)]
    public void WorkloadActualStart(long totalOperations) => WriteEvent(2, totalOperations);

    [Event(3, Level = EventLevel.Informational)]
    public void WorkloadActualStop(long totalOperations) => WriteEvent(3, totalOperations);

    [Event(4, Level = EventLevel.Informational)]
    public void BenchmarkStop(string benchmarkName) => WriteEvent(4, benchmarkName);
}

/// <summary>
/// One listener on the engine's events feeds both recorders: round trips and CPU time of the same measured iterations.
/// Serial: the recorders are process-wide, like the engine they listen to.
/// </summary>
[Collection(SerialBenchmarkRuns.Name)]
public sealed class EngineListenerTests
{
    [Fact]
    public void Every_entry_point_starts_the_same_single_listener()
    {
        var listener = BenchmarkEngineListener.EnsureStarted();
        PerfGuardStartupHook.Start();
        _ = DbRoundTripInterceptor.Instance;
        _ = CpuTimeDiagnoser.Default;

        Assert.Same(listener, BenchmarkEngineListener.EnsureStarted());
    }

    [Fact]
    public void One_stream_of_engine_events_gives_both_the_round_trips_and_the_cpu_time_of_the_measured_iterations()
    {
        var processId = Environment.ProcessId;
        using var events = new FakeEngineEvents();
        using var listener = new BenchmarkEngineListener(FakeEngineEvents.SourceName);
        RoundTripChannel.Discard(processId);
        ProcessFileChannel.CpuTime.Discard(processId);
        RoundTripChannel.Request(processId);
        ProcessFileChannel.CpuTime.Request(processId);

        events.BenchmarkStart("Fake");
        DbRoundTripCounter.Record(); // setup before the first measured iteration: not counted
        long[] operations = [4, 8, 8];
        foreach (var count in operations)
        {
            events.WorkloadActualStart(count);
            for (var i = 0; i < count * 3; i++)
            {
                DbRoundTripCounter.Record();
            }

            Spin(TimeSpan.FromMilliseconds(5));
            events.WorkloadActualStop(count);
            DbRoundTripCounter.Record(); // cleanup between iterations: not counted
        }

        events.BenchmarkStop("Fake");

        Assert.Equal((60L, 20L), RoundTripChannel.TryTake(processId)); // 3 commands per operation, measured only
        var recording = CpuRecording.Parse(ProcessFileChannel.CpuTime.TryTake(processId) ?? string.Empty);
        Assert.NotNull(recording);
        // Exactly one recorded iteration per measured iteration: a second listener would record each one twice.
        Assert.Equal(operations, recording.Iterations.Select(i => i.Operations));
        Assert.All(recording.Iterations, i => Assert.True(i.CpuNanoseconds > 0 && i.WallNanoseconds > 0, i.ToString()));
    }

    private static void Spin(TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
        }
    }
}
