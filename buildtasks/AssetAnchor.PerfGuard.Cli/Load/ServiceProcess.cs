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

    private ServiceProcess(Process process, Uri baseUrl, string logPath)
    {
        _process = process;
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
        // exec: the shell becomes the service, so stopping the process stops the service.
        start.ArgumentList.Add(OperatingSystem.IsWindows() ? command : "exec " + command);
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["PERFGUARD_LOAD_URL"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["PERFGUARD_LOAD_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var process = Process.Start(start) ?? throw new LoadRunException($"could not start '{command}'");
        var writer = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var sync = TextWriter.Synchronized(writer);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { sync.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { sync.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, baseUrl, logPath);
        log.WriteLine($"load: started '{command}' on {baseUrl} (pid {process.Id}, log {logPath}); waiting for {healthPath}");

        var stopwatch = Stopwatch.StartNew();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (stopwatch.Elapsed < startupLimit)
        {
            if (process.HasExited)
            {
                service.Dispose();
                throw new LoadRunException($"the service exited with code {process.ExitCode} before answering {healthPath}; see {logPath}");
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
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
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
