using System.Globalization;
using System.Text;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>One measured (workload, actual) iteration as the benchmark process saw it.</summary>
/// <param name="Operations">BenchmarkDotNet's operation count of the iteration (from its own event).</param>
/// <param name="CpuNanoseconds">Process CPU time spent in the iteration.</param>
/// <param name="WallNanoseconds">Stopwatch time between the two events (BenchmarkDotNet's own clock sits inside them).</param>
/// <param name="RunNanoseconds">Scheduler run time of all threads, or -1 when unknown.</param>
/// <param name="WaitNanoseconds">Scheduler run-queue wait of all threads, or -1 when unknown.</param>
internal readonly record struct CpuIteration(long Operations, long CpuNanoseconds, long WallNanoseconds, long RunNanoseconds, long WaitNanoseconds);

/// <summary>What one benchmark process measured: its iterations and the machine's load around them.</summary>
internal sealed record CpuRecording(IReadOnlyList<CpuIteration> Iterations, double? LoadAverage, double? CpuPressure)
{
    private const string Header = "perfguard-cpu/1";

    /// <summary>The share of runnable time the threads waited for a core over all iterations, or null when unknown.</summary>
    public double? WaitFraction
    {
        get
        {
            if (Iterations.Count == 0 || Iterations.Any(i => i.RunNanoseconds < 0 || i.WaitNanoseconds < 0))
            {
                return null;
            }

            double run = Iterations.Sum(i => i.RunNanoseconds), wait = Iterations.Sum(i => i.WaitNanoseconds);
            return run + wait > 0 ? wait / (run + wait) : null;
        }
    }

    public string Serialize()
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("load ").Append(Optional(LoadAverage)).Append('\n');
        text.Append("pressure ").Append(Optional(CpuPressure)).Append('\n');
        foreach (var i in Iterations)
        {
            text.Append(CultureInfo.InvariantCulture, $"it {i.Operations} {i.CpuNanoseconds} {i.WallNanoseconds} {i.RunNanoseconds} {i.WaitNanoseconds}\n");
        }

        return text.ToString();

        static string Optional(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "-";
    }

    /// <summary>Null when the text is not a recording of this version (a stale or foreign file): no value, not a wrong one.</summary>
    public static CpuRecording? Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 3 || lines[0] != Header || !TryOptional(lines[1], "load ", out var load) || !TryOptional(lines[2], "pressure ", out var pressure))
        {
            return null;
        }

        var iterations = new List<CpuIteration>();
        foreach (var line in lines.Skip(3))
        {
            var parts = line.Split(' ');
            if (parts.Length != 6 || parts[0] != "it")
            {
                return null;
            }

            var numbers = new long[5];
            for (var n = 0; n < 5; n++)
            {
                if (!long.TryParse(parts[n + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out numbers[n]))
                {
                    return null;
                }
            }

            iterations.Add(new CpuIteration(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]));
        }

        return new CpuRecording(iterations, load, pressure);

        static bool TryOptional(string line, string prefix, out double? value)
        {
            value = null;
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }

            var rest = line[prefix.Length..];
            if (rest == "-")
            {
                return true;
            }

            if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }

            return false;
        }
    }
}
