using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>
/// CPU time consumed by the whole process (every thread), in nanoseconds. On Linux and macOS it is
/// <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, exact to the nanosecond; elsewhere
/// <see cref="Process.TotalProcessorTime"/>, which Windows updates at its timer tick (about 15.6 ms), so use
/// iterations of at least 250 ms there (the PerfGuard jobs do).
/// </summary>
/// <remarks>
/// Process rather than thread CPU time: an async benchmark runs its continuations on thread-pool threads, the GC
/// marks and compacts on its own threads, and the JIT compiles on a background thread; all of that is work the
/// operation costs and a regression can move it there. Thread CPU time of the benchmark thread would miss it and
/// report an async benchmark as nearly free. The price is that idle background threads of the process count too,
/// which is small next to iterations of 250 ms. (The PerfGuard jobs turn tiered compilation off, so no tier-1
/// recompilation happens during the measured iterations.)
/// </remarks>
internal static partial class ProcessCpuClock
{
    private const int LinuxProcessCpuTimeId = 2;   // CLOCK_PROCESS_CPUTIME_ID in <linux/time.h>
    private const int MacProcessCpuTimeId = 12;    // CLOCK_PROCESS_CPUTIME_ID in <time.h> on Darwin

    private static readonly int? ClockId =
        OperatingSystem.IsLinux() ? LinuxProcessCpuTimeId
        : OperatingSystem.IsMacOS() ? MacProcessCpuTimeId
        : null;

    /// <summary>Nanoseconds of CPU time the process has used since it started.</summary>
    public static long NowNanoseconds()
    {
        if (ClockId is { } id && clock_gettime(id, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.Ticks * 100;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // A blittable DllImport needs no generated marshalling (and no unsafe code in this assembly).
    [DllImport("libc", EntryPoint = "clock_gettime", ExactSpelling = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
