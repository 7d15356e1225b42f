using AssetAnchor.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using PerfGuardCli = AssetAnchor.PerfGuard.Cli.Program;

namespace AssetAnchor.PerfGuard.Load.Tests;

/// <summary>
/// A short load stage against the real sample on loopback, gated like the main job gates it: a baseline run, an
/// unchanged run that must pass, and a run with the sample's test-only LoadTestFaults switch (a 400 ms delay on the
/// property detail, every 4th tenant search answering 500) that must fail with PG1001/PG1004 on the first and PG1006
/// on the second. The injected changes are 13-130x the measured latency (3-30 ms under a load average of 50) and 25x
/// the error budget, so machine load cannot decide the outcome; the comparison also allows 300% between-run noise.
/// The delay stays well under the 1 s steady window: a request slower than its window never completes inside it, and
/// (measured with a 1 s delay) windows without a completed request leave too few values for PG1001 (PG1104 instead).
/// </summary>
public sealed class EndpointLoadJourneyTests
{
    private const string EndpointList = """
        {
          "auth": {
            "path": "/api/auth/login",
            "body": { "email": "manager@assetanchor.example", "password": "anchor-demo-password" },
            "tokenField": "accessToken"
          },
          "stages": {
            "ramp": { "connections": [2], "seconds": 1 },
            "steady": { "connections": 4, "windows": 5, "seconds": 1 },
            "spike": { "connections": 8, "seconds": 1 }
          },
          "maxRequestsPerRun": 50000,
          "endpoints": [
            { "name": "property detail", "type": "Read", "path": "/api/properties/7" },
            { "name": "tenant search", "type": "Read", "path": "/api/tenants?q=smi&page=1&pageSize=25" }
          ]
        }
        """;

    [Fact]
    public async Task A_short_load_stage_passes_unchanged_and_fails_on_a_slow_endpoint_and_on_errors()
    {
        Assert.True(WrkIsInstalled(), "wrk is not on the PATH: install it (apt-get install wrk); .ci/run does so when it runs as root");
        using var folder = new TempFolder();
        var database = folder.File("sample.db");
        var endpoints = folder.File("endpoints.json");
        File.WriteAllText(endpoints, EndpointList);
        var baseline = folder.File("load-baseline.sqlite.json");
        try
        {
            var first = await RunLoadAsync(database, endpoints, folder.File("run-1.json"));
            var update = Capture(out var updateOut, out var updateErr, (o, e) => PerfGuardCli.Run(["load", "baseline", "update", "--results", first, "--baseline", baseline], o, e));
            Assert.True(update == 0, updateOut + updateErr);

            var unchanged = await RunLoadAsync(database, endpoints, folder.File("run-2.json"));
            var pass = Capture(out var passOut, out var passErr, (o, e) => PerfGuardCli.Run(
                ["load", "compare", "--results", unchanged, "--baseline", baseline, "--min-run-noise", "300%", "--report", folder.File("report-pass")], o, e));
            Assert.True(pass == 0, passOut + passErr);
            var report = File.ReadAllText(Path.Combine(folder.File("report-pass"), "perfguard-load-report.md"));
            Assert.Contains("## Test Results by Endpoint", report, StringComparison.Ordinal);
            Assert.Contains("| property detail | `GET /api/properties/7` | Read |", report, StringComparison.Ordinal);

            var faulty = await RunLoadAsync(database, endpoints, folder.File("run-3.json"),
                "--LoadTestFaults:SlowPath=/api/properties/7", "--LoadTestFaults:DelayMilliseconds=400",
                "--LoadTestFaults:FailPath=/api/tenants", "--LoadTestFaults:FailEvery=4");
            var fail = Capture(out var failOut, out var failErr, (o, e) => PerfGuardCli.Run(
                ["load", "compare", "--results", faulty, "--baseline", baseline, "--min-run-noise", "300%"], o, e));
            Assert.True(fail == 1, failOut + failErr);
            var errors = failErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var all = failOut + failErr;
            Assert.True(errors.Any(l => l.Contains("error PG1001", StringComparison.Ordinal) && l.Contains("'property detail'", StringComparison.Ordinal)), all);
            Assert.True(errors.Any(l => l.Contains("error PG1004", StringComparison.Ordinal) && l.Contains("'property detail' (GET /api/properties/7) p50", StringComparison.Ordinal)), all);
            Assert.True(errors.Any(l => l.Contains("error PG1006", StringComparison.Ordinal) && l.Contains("'tenant search'", StringComparison.Ordinal) && l.Contains("500 x", StringComparison.Ordinal)), all);
            Assert.False(errors.Any(l => l.Contains("PG1006", StringComparison.Ordinal) && l.Contains("'property detail'", StringComparison.Ordinal)), all);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Starts the sample on 127.0.0.1 (a free port) over the shared database file, runs the load, stops it.</summary>
    private static async Task<string> RunLoadAsync(string database, string endpoints, string output, params string[] extraSettings)
    {
        await using var app = await SampleApplication.CreateAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:AssetAnchor=Data Source={database}",
            "--Logging:LogLevel:Default=Warning",
            .. extraSettings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);

        // perfguard's load run blocks while wrk runs: keep it off the test's synchronization context.
        var (exit, log) = await Task.Run(() =>
        {
            var code = Capture(out var stdout, out var stderr, (o, e) => PerfGuardCli.Run(
                ["load", "run", "--url", address, "--endpoints", endpoints, "--out", output, "--label", "sqlite"], o, e));
            return (code, stdout + stderr);
        });
        Assert.True(exit == 0, log);
        await app.StopAsync();
        return output;
    }

    private static int Capture(out string stdout, out string stderr, Func<TextWriter, TextWriter, int> run)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = run(o, e);
        stdout = o.ToString();
        stderr = e.ToString();
        return code;
    }

    private static bool WrkIsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "wrk")));
}
