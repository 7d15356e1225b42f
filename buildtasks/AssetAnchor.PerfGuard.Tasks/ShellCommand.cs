using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace AssetAnchor.PerfGuard.Tasks;

/// <summary>
/// Runs <c>PerfGuardRemeasureCommand</c> through the shell, the way MSBuild's Exec would, but treats its output as
/// plain text: a benchmark tool prints lines such as BenchmarkDotNet's legend
/// "Error : Half of 99.9% confidence interval", which Exec would read as a canonical error (EXEC : error, then
/// MSB3077). Only the exit code decides whether the command failed.
/// </summary>
internal static class ShellCommand
{
    /// <summary>How many of the command's last output lines a failure message quotes.</summary>
    private const int TailLines = 15;

    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Tail);

    public static Outcome Run(string command, string workingDirectory, TaskLoggingHelper log, CancellationToken cancellation)
    {
        var start = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/s", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.WorkingDirectory = workingDirectory;
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                // Normal importance: the whole run is in a detailed log, the minimal log keeps the verdict readable.
                log.LogMessage(MessageImportance.Normal, "{0}", line);
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellation.Register(() => Kill(process)))
        {
            process.WaitForExit();
        }

        lock (tail)
        {
            return new Outcome(cancellation.IsCancellationRequested ? -1 : process.ExitCode, tail.ToList());
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
