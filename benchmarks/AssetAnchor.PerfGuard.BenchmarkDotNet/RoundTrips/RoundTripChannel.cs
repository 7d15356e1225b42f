using System.Globalization;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// Carries the measured totals from the benchmark process to the host: one small file per benchmark process,
/// named by its process id (which the host learns from BenchmarkDotNet's diagnoser signals), read once and deleted.
/// </summary>
internal static class RoundTripChannel
{
    internal static string Directory { get; } = Path.Combine(Path.GetTempPath(), "perfguard-dbroundtrips");

    internal static string PathFor(int processId) =>
        Path.Combine(Directory, processId.ToString(CultureInfo.InvariantCulture) + ".txt");

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
        }
        catch (IOException)
        {
            // A stale file that cannot be deleted is overwritten by the next benchmark that uses this process id.
        }
    }
}
