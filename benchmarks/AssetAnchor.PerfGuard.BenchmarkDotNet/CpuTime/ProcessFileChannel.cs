using System.Globalization;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>
/// Carries one benchmark process's recording to the host: a file named by the process id in a folder of the temp
/// directory, read once and deleted. The host first leaves a request for the process it watches (BenchmarkDotNet
/// attaches diagnosers to the last launch only, and the process waits for the host to acknowledge each signal, so
/// the request is in place before the benchmark ends); a process writes only when asked. The same scheme as the
/// round-trip counter's channel.
/// </summary>
internal sealed class ProcessFileChannel(string folderName)
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), folderName);

    public static ProcessFileChannel CpuTime { get; } = new("perfguard-cputime");

    public string PathFor(int processId) => Path.Combine(Folder, processId.ToString(CultureInfo.InvariantCulture) + ".txt");

    private string RequestPathFor(int processId) => Path.Combine(Folder, processId.ToString(CultureInfo.InvariantCulture) + ".request");

    public void Request(int processId)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(RequestPathFor(processId), string.Empty);
    }

    public bool TryConsumeRequest(int processId)
    {
        var path = RequestPathFor(processId);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public void Write(int processId, string content)
    {
        Directory.CreateDirectory(Folder);
        var path = PathFor(processId);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    public string? TryTake(int processId)
    {
        var path = PathFor(processId);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        finally
        {
            Discard(processId);
        }
    }

    public void Discard(int processId)
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
