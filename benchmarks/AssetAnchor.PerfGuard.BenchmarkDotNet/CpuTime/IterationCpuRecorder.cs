using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>
/// Runs inside the benchmark process (started by <see cref="PerfGuardStartupHook"/> in BenchmarkDotNet's child process,
/// or by the diagnoser itself with an in-process toolchain). BenchmarkDotNet 0.15.8's engine raises
/// WorkloadActualStart/WorkloadActualStop around every measured iteration, outside its timed region, with the
/// iteration's operation count; this listener reads the process CPU clock just inside them and the scheduler
/// statistics just outside the CPU readings, so warm-up, pilot, overhead and setup never count, and the reading of
/// /proc never counts as the benchmark's CPU time. Listener callbacks for in-process events run synchronously on the
/// benchmark thread. No allocation happens between the two events, and BenchmarkDotNet measures allocations in a
/// separate iteration that raises no events.
/// </summary>
internal sealed class IterationCpuRecorder : EventListener
{
    private const string EngineEventSourceName = "BenchmarkDotNet.EngineEventSource";
    private static readonly object Gate = new();
    private static IterationCpuRecorder? instance;

    // Static: EventListener may call OnEventSourceCreated before a derived constructor has run. One benchmark runs
    // at a time in a process, and its events come from one thread.
    private static readonly List<CpuIteration> Iterations = new(capacity: 256);
    private static long cpuAtStart = -1;
    private static long wallAtStart;
    private static MachineContention.SchedulerTotals? schedulerAtStart;
    private static double? loadAtFirstStart;
    private static long? pressureAtFirstStart;
    private static long wallAtFirstStart;
    private static long wallAtLastStop;
    private static int unreadableEvents;

    public static void EnsureStarted()
    {
        lock (Gate)
        {
            instance ??= new IterationCpuRecorder();
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
                Iterations.Clear();
                cpuAtStart = -1;
                unreadableEvents = 0;
                loadAtFirstStart = null;
                pressureAtFirstStart = null;
                break;
            case "WorkloadActualStart":
                if (Iterations.Count == 0)
                {
                    loadAtFirstStart = MachineContention.ReadLoadAverage();
                    pressureAtFirstStart = MachineContention.ReadCpuPressureMicroseconds();
                    wallAtFirstStart = Stopwatch.GetTimestamp();
                }

                schedulerAtStart = MachineContention.ReadProcessScheduler();
                wallAtStart = Stopwatch.GetTimestamp();
                cpuAtStart = ProcessCpuClock.NowNanoseconds();
                break;
            case "WorkloadActualStop":
                var cpuAtStop = ProcessCpuClock.NowNanoseconds();
                var wallAtStop = Stopwatch.GetTimestamp();
                var schedulerAtStop = MachineContention.ReadProcessScheduler();
                var operations = ReadTotalOperations(eventData);
                if (cpuAtStart < 0 || operations is null)
                {
                    unreadableEvents++;
                    break;
                }

                long run = -1, wait = -1;
                if (schedulerAtStart is { } before && schedulerAtStop is { } after)
                {
                    run = Math.Max(0, after.RunNanoseconds - before.RunNanoseconds);
                    wait = Math.Max(0, after.WaitNanoseconds - before.WaitNanoseconds);
                }

                Iterations.Add(new CpuIteration(
                    operations.Value,
                    cpuAtStop - cpuAtStart,
                    (long)Stopwatch.GetElapsedTime(wallAtStart, wallAtStop).TotalNanoseconds,
                    run,
                    wait));
                wallAtLastStop = wallAtStop;
                cpuAtStart = -1;
                break;
            case "BenchmarkStop":
                // No value rather than a wrong one when BenchmarkDotNet's events were not what this code expects.
                if (unreadableEvents == 0 && Iterations.Count > 0 && ProcessFileChannel.CpuTime.TryConsumeRequest(Environment.ProcessId))
                {
                    ProcessFileChannel.CpuTime.Write(Environment.ProcessId, Finish().Serialize());
                }

                break;
        }
    }

    private static CpuRecording Finish()
    {
        var loadAtStop = MachineContention.ReadLoadAverage();
        var pressureAtStop = MachineContention.ReadCpuPressureMicroseconds();
        double? load = (loadAtFirstStart, loadAtStop) switch
        {
            ({ } a, { } b) => Math.Max(a, b),
            ({ } a, null) => a,
            (null, var b) => b,
        };
        double? pressure = null;
        var measuredNanoseconds = Stopwatch.GetElapsedTime(wallAtFirstStart, wallAtLastStop).TotalNanoseconds;
        if (pressureAtFirstStart is { } p0 && pressureAtStop is { } p1 && measuredNanoseconds > 0)
        {
            pressure = Math.Clamp((p1 - p0) * 1000.0 / measuredNanoseconds, 0, 1);
        }

        return new CpuRecording(Iterations.ToList(), load, pressure);
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
