using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AssetAnchor.PerfGuard.Cli.Load;

/// <summary>
/// The service under test, started by <c>perfguard load run --start "command"</c> on a free loopback port
/// (ASPNETCORE_URLS=http://127.0.0.1:port, also in PERFGUARD_LOAD_URL), ready once its health path answers 2xx,
/// stopped (with its child processes) when disposed. Its output goes to a log file, not to a pipe that could fill.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(Process process, StreamWriter log, Uri baseUrl, string logPath)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        LogPath = logPath;
    }

    public Uri BaseUrl { get; }

    public string LogPath { get; }

    public static async Task<ServiceProcess> StartAsync(string command, string healthPath, TimeSpan startupLimit, string logPath, TextWriter log)
    {
        var port = FreeLoopbackPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var shell = OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh";
        var start = new ProcessStartInfo(shell)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(OperatingSystem.IsWindows() ? "/c" : "-c");
        // Not "exec": the command may start with VAR=value assignments. Dispose stops the whole process tree.
        start.ArgumentList.Add(command);
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["PERFGUARD_LOAD_URL"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["PERFGUARD_LOAD_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var process = Process.Start(start) ?? throw new LoadRunException($"could not start '{command}'");
        var writer = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var sync = TextWriter.Synchronized(writer);
        process.OutputDataReceived += (_, e) => Append(sync, e.Data);
        process.ErrorDataReceived += (_, e) => Append(sync, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, writer, baseUrl, logPath);
        log.WriteLine($"load: started '{command}' on {baseUrl} (pid {process.Id}, log {logPath}); waiting for {healthPath}");

        var stopwatch = Stopwatch.StartNew();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (stopwatch.Elapsed < startupLimit)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // lets the last output lines reach the log
                var exitCode = process.ExitCode;
                service.Dispose();
                throw new LoadRunException($"the service exited with code {exitCode} before answering {healthPath}; see {logPath}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseUrl, healthPath));
                if (response.IsSuccessStatusCode)
                {
                    log.WriteLine($"load: the service answered {healthPath} after {stopwatch.Elapsed.TotalSeconds:0.0} s");
                    return service;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet (seeding, JIT): try again shortly.
            }

            await Task.Delay(250);
        }

        service.Dispose();
        throw new LoadRunException($"the service did not answer {healthPath} within {startupLimit.TotalSeconds:0} s; see {logPath}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            if (_process.HasExited)
            {
                _process.WaitForExit(); // the output reaches the log before it is closed
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _log.Dispose();
    }

    private static void Append(TextWriter log, string? line)
    {
        try
        {
            if (line is not null)
            {
                log.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // A last line after the service was stopped and its log closed.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
