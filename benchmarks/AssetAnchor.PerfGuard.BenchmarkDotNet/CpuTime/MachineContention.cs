using System.Globalization;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>
/// How much the benchmark process waited for a core, read from Linux's scheduler statistics. Each thread's
/// <c>/proc/self/task/&lt;tid&gt;/schedstat</c> holds the nanoseconds it ran and the nanoseconds it sat runnable in a
/// run queue; summed over the threads, wait / (wait + run) is the share of the time the benchmark wanted a core and did
/// not have one. It does not depend on how many threads the benchmark uses or on how long it sleeps on I/O, which a
/// CPU/wall ratio would confuse with contention. Also read: the 1-minute load average and the CPU pressure (PSI).
/// Everything returns null where the file is missing (other systems, kernels without schedstats).
/// </summary>
internal static class MachineContention
{
    public readonly record struct SchedulerTotals(long RunNanoseconds, long WaitNanoseconds);

    public static SchedulerTotals? ReadProcessScheduler()
    {
        const string tasks = "/proc/self/task";
        if (!OperatingSystem.IsLinux() || !Directory.Exists(tasks))
        {
            return null;
        }

        long run = 0, wait = 0;
        var any = false;
        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                // A thread that ended since the listing has no file any more: it simply does not count.
                if (TryReadSchedstat(Path.Combine(task, "schedstat"), out var taskRun, out var taskWait))
                {
                    run += taskRun;
                    wait += taskWait;
                    any = true;
                }
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return any ? new SchedulerTotals(run, wait) : null;
    }

    /// <summary>"123 456 7": nanoseconds on a CPU, nanoseconds waiting in a run queue, time slices.</summary>
    internal static bool TryParseSchedstat(string text, out long run, out long wait)
    {
        run = wait = 0;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length >= 2
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out run)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out wait);
    }

    /// <summary>The 1-minute load average, the first field of /proc/loadavg.</summary>
    public static double? ReadLoadAverage()
    {
        var text = TryRead("/proc/loadavg");
        var first = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    /// <summary>Microseconds some task of the machine waited for a CPU since boot (the "some ... total=" of /proc/pressure/cpu).</summary>
    public static long? ReadCpuPressureMicroseconds() => ParseCpuPressureTotal(TryRead("/proc/pressure/cpu"));

    internal static long? ParseCpuPressureTotal(string? text)
    {
        var some = text?.Split('\n').FirstOrDefault(l => l.StartsWith("some ", StringComparison.Ordinal));
        var total = some?.Split(' ').FirstOrDefault(p => p.StartsWith("total=", StringComparison.Ordinal));
        return total is not null && long.TryParse(total["total=".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool TryReadSchedstat(string path, out long run, out long wait)
    {
        run = wait = 0;
        var text = TryRead(path);
        return text is not null && TryParseSchedstat(text, out run, out wait);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
