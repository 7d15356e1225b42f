using AssetAnchor.PerfGuard.Cli.Load;
using AssetAnchor.PerfGuard.Engine.Load;

namespace AssetAnchor.PerfGuard.Cli.Tests;

/// <summary>`perfguard load ...` argument handling and the wrk script; the real load run is in AssetAnchor.PerfGuard.Load.Tests.</summary>
public sealed class LoadCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "perfguard-cli-load-" + Guid.NewGuid().ToString("N")[..10]);

    public LoadCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Err) Perfguard(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Endpoints()
    {
        var path = Path.Combine(_folder, "endpoints.json");
        File.WriteAllText(path, """{ "endpoints": [ { "name": "listing", "path": "/api/properties" } ] }""");
        return path;
    }

    [Fact]
    public void Load_run_needs_exactly_one_of_url_and_start()
    {
        var (exit, _, errors) = Perfguard("load", "run", "--endpoints", Endpoints(), "--out", Path.Combine(_folder, "r.json"));

        Assert.Equal(2, exit);
        Assert.Contains("exactly one of --url", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_run_without_wrk_says_what_to_install_and_writes_nothing()
    {
        var output = Path.Combine(_folder, "r.json");

        var (exit, _, errors) = Perfguard("load", "run", "--url", "http://127.0.0.1:9", "--endpoints", Endpoints(), "--out", output, "--wrk", Path.Combine(_folder, "no-wrk"));

        Assert.Equal(2, exit);
        Assert.Contains("wrk was not found", errors, StringComparison.Ordinal);
        Assert.Contains("apt-get install wrk", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Load_run_reports_a_broken_endpoint_list_as_PG1201()
    {
        var path = Path.Combine(_folder, "endpoints.json");
        File.WriteAllText(path, "{ \"endpoints\": [ { \"name\": \"x\", \"path\": \"api/no-slash\" } ] }");

        var (exit, _, errors) = Perfguard("load", "run", "--url", "http://127.0.0.1:9", "--endpoints", path, "--out", Path.Combine(_folder, "r.json"));

        Assert.Equal(2, exit);
        Assert.Contains("error PG1201", errors, StringComparison.Ordinal);
        Assert.Contains("must start with '/'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_run_start_reports_a_service_that_exits_before_it_is_healthy()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fakeWrk = Path.Combine(_folder, "wrk");
        File.WriteAllText(fakeWrk, string.Empty);
        var output = Path.Combine(_folder, "r.json");

        var (exit, _, errors) = Perfguard("load", "run", "--start", "echo starting; exit 3", "--startup-timeout", "60",
            "--endpoints", Endpoints(), "--out", output, "--wrk", fakeWrk);

        Assert.Equal(2, exit);
        Assert.Contains("the service exited with code 3 before answering /health", errors, StringComparison.Ordinal);
        Assert.Contains("starting", File.ReadAllText(Path.ChangeExtension(output, ".service.log")), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_unknown_load_subcommand_is_a_usage_error()
    {
        var (exit, _, errors) = Perfguard("load", "soak");

        Assert.Equal(2, exit);
        Assert.Contains("unknown load subcommand", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrk_script_carries_method_body_and_headers_as_escaped_lua_strings()
    {
        var endpoint = new EndpointPlanEntry("pay", "POST", "/api/payments", "Write", """{"note":"a \"quoted\" \\ value"}""", new Dictionary<string, string>());

        var script = WrkDriver.Script(endpoint, new Dictionary<string, string> { ["Authorization"] = "Bearer abc.def" });

        Assert.Contains("wrk.method = \"POST\"", script, StringComparison.Ordinal);
        Assert.Contains("wrk.headers[\"Authorization\"] = \"Bearer abc.def\"", script, StringComparison.Ordinal);
        Assert.Contains("wrk.body = \"{\\034note\\034:\\034a \\092\\034quoted\\092\\034 \\092\\092 value\\034}\"", script, StringComparison.Ordinal);
        Assert.Contains("wrk.thread:stop()", script, StringComparison.Ordinal);
        Assert.Contains("PERFGUARD-WRK", script, StringComparison.Ordinal);
    }
}
