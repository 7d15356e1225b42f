using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Load;

namespace AssetAnchor.PerfGuard.Cli.Load;

/// <summary>What one bounded wrk run measured.</summary>
internal sealed record WrkRun(long Requests, long Errors, double Seconds, LatencyHistogram Latency, IReadOnlyDictionary<string, long> Statuses);

/// <summary>
/// Drives one endpoint with wrk (a Debian package; ASP.NET Core's own benchmarks use it). A generated Lua script sets
/// the method, body and headers, counts responses per status code, stops each thread after its share of the request
/// cap, and prints wrk's full latency histogram (1 us resolution) and counters as one JSON line.
/// </summary>
internal sealed class WrkDriver(string executable)
{
    private const string Marker = "PERFGUARD-WRK ";

    /// <summary>A stage run gets this much time beyond its duration before it is killed.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public string Executable { get; } = executable;

    /// <summary>wrk on the PATH (or the given path), or null.</summary>
    public static string? Locate(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? "wrk.exe" : "wrk");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>"wrk 4.1.0" from "wrk debian/4.1.0-3+b2 [epoll] Copyright ...".</summary>
    public string Version()
    {
        var (_, output) = Execute(["-v"], TimeSpan.FromSeconds(10));
        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.StartsWith("wrk", StringComparison.Ordinal)) ?? "wrk";
        var parts = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return "wrk";
        }

        var version = parts[1];
        version = version[(version.LastIndexOf('/') + 1)..];
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return "wrk " + (dash > 0 ? version[..dash] : version);
    }

    public WrkRun Run(Uri baseUrl, EndpointPlanEntry endpoint, IReadOnlyDictionary<string, string> headers, int connections, int seconds, long maxRequests, string scratchFolder)
    {
        var threads = Math.Min(connections, 2);
        var script = Path.Combine(scratchFolder, $"wrk-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, Script(endpoint, headers));
        try
        {
            var url = new Uri(baseUrl, endpoint.Path).ToString();
            var perThread = Math.Max(1, maxRequests / threads);
            var (exit, output) = Execute(
                ["-t", Invariant(threads), "-c", Invariant(connections), "-d", Invariant(seconds) + "s", "--timeout", "10s", "-s", script, url, "--", Invariant(perThread)],
                TimeSpan.FromSeconds(seconds) + Grace);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
                ?? throw new LoadRunException($"wrk gave no results for '{endpoint.Name}' ({url}, exit code {exit}): {Tail(output)}");
            return Parse(line[Marker.Length..]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static WrkRun Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var latency = new LatencyHistogram();
        foreach (var pair in root.GetProperty("histogram").EnumerateArray())
        {
            latency.Add(pair[0].GetInt64(), pair[1].GetInt64());
        }

        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var status in root.GetProperty("statuses").EnumerateObject())
        {
            statuses[status.Name] = status.Value.GetInt64();
        }

        var socket = root.GetProperty("socketErrors");
        long socketErrors = 0;
        foreach (var kind in socket.EnumerateObject())
        {
            var count = kind.Value.GetInt64();
            if (count > 0)
            {
                statuses[kind.Name] = count;
                socketErrors += count;
            }
        }

        var statusErrors = statuses.Where(s => int.TryParse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 400).Sum(s => s.Value);
        var requests = root.GetProperty("requests").GetInt64();
        var attempts = requests + root.GetProperty("socketErrors").GetProperty("timeout").GetInt64() + root.GetProperty("socketErrors").GetProperty("connect").GetInt64();
        return new WrkRun(attempts, statusErrors + socketErrors, root.GetProperty("durationUs").GetInt64() / 1e6, latency, statuses);
    }

    /// <summary>The Lua script for one endpoint. Only text we control or JSON-escaped text goes into it.</summary>
    internal static string Script(EndpointPlanEntry endpoint, IReadOnlyDictionary<string, string> headers)
    {
        var lua = new StringBuilder();
        lua.Append("-- generated by perfguard load run: one endpoint, bounded request count\n");
        lua.Append("wrk.method = ").Append(LuaString(endpoint.Method)).Append('\n');
        if (endpoint.Body is not null)
        {
            lua.Append("wrk.body = ").Append(LuaString(endpoint.Body)).Append('\n');
            lua.Append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        }

        foreach (var (name, value) in headers.Concat(endpoint.Headers))
        {
            lua.Append("wrk.headers[").Append(LuaString(name)).Append("] = ").Append(LuaString(value)).Append('\n');
        }

        lua.Append("""
            local threads = {}
            function setup(thread) table.insert(threads, thread) end
            count = 0
            statuses = {}
            max_requests = 1000000000
            function init(args) if args[1] then max_requests = tonumber(args[1]) end end
            function response(status, headers, body)
              count = count + 1
              local key = tostring(status)
              statuses[key] = (statuses[key] or 0) + 1
              if count >= max_requests then wrk.thread:stop() end
            end
            function done(summary, latency, requests)
              local pairs_out = {}
              for i = 1, #latency do
                local value, n = latency(i)
                pairs_out[#pairs_out + 1] = string.format("[%d,%d]", value, n)
              end
              local merged = {}
              for _, thread in ipairs(threads) do
                local counts = thread:get("statuses")
                for status, n in pairs(counts) do merged[status] = (merged[status] or 0) + n end
              end
              local status_out = {}
              for status, n in pairs(merged) do status_out[#status_out + 1] = string.format("\"%s\":%d", status, n) end
              local e = summary.errors
              io.write(string.format("PERFGUARD-WRK {\"durationUs\":%d,\"requests\":%d,\"statuses\":{%s},\"socketErrors\":{\"connect\":%d,\"read\":%d,\"write\":%d,\"timeout\":%d},\"histogram\":[%s]}\n",
                summary.duration, summary.requests, table.concat(status_out, ","), e.connect, e.read, e.write, e.timeout, table.concat(pairs_out, ",")))
            end

            """);
        return lua.ToString();
    }

    /// <summary>A Lua string literal: a JSON string is a valid Lua string once '\/' and '\u' escapes are avoided, so build it byte-safe.</summary>
    private static string LuaString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            text.Append(b is >= 0x20 and < 0x7F && b != '"' && b != '\\' ? ((char)b).ToString() : "\\" + b.ToString("000", CultureInfo.InvariantCulture));
        }

        return text.Append('"').ToString();
    }

    private (int ExitCode, string Output) Execute(IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new LoadRunException($"could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new LoadRunException($"{Executable} did not finish within {limit.TotalSeconds:0} s and was stopped");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Tail(string output) => output.Length <= 400 ? output.Trim() : "..." + output[^400..].Trim();
}

/// <summary>The load run cannot continue (tool missing, service down, login refused): exit code 2 with this message.</summary>
internal sealed class LoadRunException(string message) : Exception(message);
