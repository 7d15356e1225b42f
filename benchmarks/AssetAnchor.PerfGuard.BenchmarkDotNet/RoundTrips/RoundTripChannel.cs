using System.Globalization;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// Carries the measured totals from the benchmark process to the host: one small file per benchmark process, named
/// by its process id (which the host learns from BenchmarkDotNet's diagnoser signals), read once and deleted.
/// BenchmarkDotNet attaches the diagnoser to the last launch of a benchmark only, so the host first leaves a request
/// file for the process it watches (the process waits for the host to acknowledge each signal, so the request is
/// there before the benchmark ends), and a process writes its totals only when asked: earlier launches leave nothing.
/// </summary>
internal static class RoundTripChannel
{
    internal static string Directory { get; } = Path.Combine(Path.GetTempPath(), "perfguard-dbroundtrips");

    internal static string PathFor(int processId) =>
        Path.Combine(Directory, processId.ToString(CultureInfo.InvariantCulture) + ".txt");

    private static string RequestPathFor(int processId) =>
        Path.Combine(Directory, processId.ToString(CultureInfo.InvariantCulture) + ".request");

    /// <summary>Host side: ask the benchmark process <paramref name="processId"/> for its totals.</summary>
    internal static void Request(int processId)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(RequestPathFor(processId), string.Empty);
    }

    /// <summary>Benchmark side: true (once) when the host asked this process for its totals.</summary>
    internal static bool TryConsumeRequest(int processId)
    {
        var path = RequestPathFor(processId);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    internal static void Write(int processId, long commands, long operations)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(processId);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"{commands} {operations}"));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The totals a benchmark process wrote, or null when it wrote none (no EF Core context used the counter).</summary>
    internal static (long Commands, long Operations)? TryTake(int processId)
    {
        var path = PathFor(processId);
        if (!File.Exists(path))
        {
            Discard(processId);
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        finally
        {
            Discard(processId);
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var commands)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var operations))
        {
            return (commands, operations);
        }

        return null;
    }

    internal static void Discard(int processId)
    {
        try
        {
            File.Delete(PathFor(processId));
            File.Delete(RequestPathFor(processId));
        }
        catch (IOException)
        {
            // A stale file that cannot be deleted is overwritten by the next benchmark that uses this process id.
        }
    }
}
