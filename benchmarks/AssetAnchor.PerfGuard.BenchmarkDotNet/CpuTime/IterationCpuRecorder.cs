using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>
/// The CPU-time side of <see cref="BenchmarkEngineListener"/>, inside the benchmark process (BenchmarkDotNet's child
/// process through <see cref="PerfGuardStartupHook"/>, or the host with an in-process toolchain). It reads the process
/// CPU clock just inside WorkloadActualStart/WorkloadActualStop and the scheduler statistics just outside the CPU
/// readings, so warm-up, pilot, overhead and setup never count, and the reading of /proc never counts as the
/// benchmark's CPU time. No allocation happens between the two events, and BenchmarkDotNet measures allocations in a
/// separate iteration that raises no events.
/// </summary>
internal static class IterationCpuRecorder
{
    // One benchmark runs at a time in a process, and its events come from one thread.
    private static readonly List<CpuIteration> Iterations = new(capacity: 256);
    private static long cpuAtStart = -1;
    private static long wallAtStart;
    private static MachineContention.SchedulerTotals? schedulerAtStart;
    private static double? loadAtFirstStart;
    private static long? pressureAtFirstStart;
    private static long wallAtFirstStart;
    private static long wallAtLastStop;
    private static int unreadableEvents;

    public static void BenchmarkStarted()
    {
        Iterations.Clear();
        cpuAtStart = -1;
        unreadableEvents = 0;
        loadAtFirstStart = null;
        pressureAtFirstStart = null;
    }

    public static void IterationStarted()
    {
        if (Iterations.Count == 0)
        {
            loadAtFirstStart = MachineContention.ReadLoadAverage();
            pressureAtFirstStart = MachineContention.ReadCpuPressureMicroseconds();
            wallAtFirstStart = Stopwatch.GetTimestamp();
        }

        schedulerAtStart = MachineContention.ReadProcessScheduler();
        wallAtStart = Stopwatch.GetTimestamp();
        cpuAtStart = ProcessCpuClock.NowNanoseconds();
    }

    public static void IterationStopped(EventWrittenEventArgs eventData)
    {
        var cpuAtStop = ProcessCpuClock.NowNanoseconds();
        var wallAtStop = Stopwatch.GetTimestamp();
        var schedulerAtStop = MachineContention.ReadProcessScheduler();
        var operations = BenchmarkEngineListener.ReadTotalOperations(eventData);
        if (cpuAtStart < 0 || operations is null)
        {
            unreadableEvents++;
            return;
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
    }

    public static void BenchmarkStopped()
    {
        // No value rather than a wrong one when BenchmarkDotNet's events were not what this code expects.
        if (unreadableEvents == 0 && Iterations.Count > 0 && ProcessFileChannel.CpuTime.TryConsumeRequest(Environment.ProcessId))
        {
            ProcessFileChannel.CpuTime.Write(Environment.ProcessId, Finish().Serialize());
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
}
