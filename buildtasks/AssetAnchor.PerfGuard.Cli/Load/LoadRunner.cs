using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Load;

namespace AssetAnchor.PerfGuard.Cli.Load;

/// <summary>
/// Runs an endpoint plan against a service: logs in (when the plan says how), then drives each endpoint in turn
/// through the plan's stages (ramp-up steps, steady windows, one spike), each a separate wrk run bounded in time
/// and request count.
/// </summary>
internal sealed class LoadRunner(WrkDriver wrk, TextWriter log)
{
    public async Task<LoadRun> RunAsync(EndpointPlan plan, Uri baseUrl, string? label)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (plan.Auth is { } auth)
        {
            headers[auth.Header] = await LoginAsync(baseUrl, auth);
        }

        var scratch = Directory.CreateTempSubdirectory("perfguard-load-");
        var tool = wrk.Version();
        var stages = plan.Stages;
        log.WriteLine($"load: {plan.Endpoints.Count} endpoints x {stages.SecondsPerEndpoint} s ({tool}; ramp {string.Join("/", stages.RampConnections)} connections x {stages.RampSeconds} s, steady {stages.SteadyConnections} x {stages.SteadyWindows} windows of {stages.WindowSeconds} s, spike {stages.SpikeConnections} x {stages.SpikeSeconds} s)");
        try
        {
            var endpoints = new List<EndpointLoadResult>();
            foreach (var endpoint in plan.Endpoints)
            {
                endpoints.Add(Drive(endpoint, baseUrl, headers, plan, scratch.FullName));
            }

            return new LoadRun
            {
                Endpoints = endpoints,
                Environment = LoadEnvironment.Current(tool),
                SourceFiles = [],
                Tool = tool,
                Label = label,
                Target = baseUrl.ToString().TrimEnd('/'),
            };
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private EndpointLoadResult Drive(EndpointPlanEntry endpoint, Uri baseUrl, IReadOnlyDictionary<string, string> headers, EndpointPlan plan, string scratch)
    {
        var stopwatch = Stopwatch.StartNew();
        var stages = new List<LoadStageResult>();
        var all = new LatencyHistogram();
        long requests = 0, errors = 0;
        double seconds = 0;
        var plans = plan.Stages;

        WrkRun Measure(int connections, int duration)
        {
            var run = wrk.Run(baseUrl, endpoint, headers, connections, duration, plan.MaxRequestsPerRun, scratch);
            all.Add(run.Latency);
            requests += run.Requests;
            errors += run.Errors;
            seconds += run.Seconds;
            return run;
        }

        foreach (var connections in plans.RampConnections)
        {
            stages.Add(Stage("ramp", connections, [Measure(connections, plans.RampSeconds)]));
        }

        var windows = new List<WrkRun>();
        for (var i = 0; i < plans.SteadyWindows; i++)
        {
            windows.Add(Measure(plans.SteadyConnections, plans.WindowSeconds));
        }

        stages.Add(Stage("steady", plans.SteadyConnections, windows));
        if (plans.SpikeConnections > 0)
        {
            stages.Add(Stage("spike", plans.SpikeConnections, [Measure(plans.SpikeConnections, plans.SpikeSeconds)]));
        }

        var result = new EndpointLoadResult
        {
            Key = endpoint.Name,
            Method = endpoint.Method,
            Path = endpoint.Path,
            Type = endpoint.Type,
            WindowMedians = windows.Where(w => w.Latency.Count > 0).Select(w => w.Latency.QuantileNanoseconds(0.5)).ToList(),
            Requests = requests,
            Errors = errors,
            Seconds = seconds,
            P50 = all.QuantileNanoseconds(0.50),
            P95 = all.QuantileNanoseconds(0.95),
            P99 = all.QuantileNanoseconds(0.99),
            Mean = all.MeanNanoseconds,
            Stages = stages,
            SourceFile = string.Empty,
        };
        log.WriteLine($"load: {endpoint.Name,-24} {requests,7} requests, {Units.Format(result.RequestsPerSecond),7}/s, p50 {Units.FormatTime(result.P50)}, p95 {Units.FormatTime(result.P95)}, p99 {Units.FormatTime(result.P99)}, errors {Units.FormatPercent(result.ErrorRate)} ({stopwatch.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }

    private static LoadStageResult Stage(string name, int connections, IReadOnlyList<WrkRun> runs)
    {
        var latency = new LatencyHistogram();
        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            latency.Add(run.Latency);
            foreach (var (status, count) in run.Statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }
        }

        return new LoadStageResult(name, connections, runs.Sum(r => r.Seconds), runs.Sum(r => r.Requests), runs.Sum(r => r.Errors),
            latency.QuantileNanoseconds(0.50), latency.QuantileNanoseconds(0.95), latency.QuantileNanoseconds(0.99), latency.MeanNanoseconds, statuses);
    }

    /// <summary>POSTs the plan's JSON body and reads the token at <see cref="AuthPlan.TokenField"/> (dots for nesting: "data.access_token").</summary>
    private async Task<string> LoginAsync(Uri baseUrl, AuthPlan auth)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent(auth.Body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(baseUrl, auth.Path), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadRunException($"login at {auth.Path} answered {(int)response.StatusCode} {response.ReasonPhrase}; check the auth section of the endpoint list");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var part in auth.TokenField.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                {
                    throw new LoadRunException($"the login response has no '{auth.TokenField}'; set auth.tokenField to the token's property");
                }
            }

            var token = element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new LoadRunException($"'{auth.TokenField}' in the login response is not a string");
            log.WriteLine($"load: logged in at {auth.Path}; requests carry the {auth.Header} header");
            return string.IsNullOrEmpty(auth.Scheme) ? token : new AuthenticationHeaderValue(auth.Scheme, token).ToString();
        }
        catch (JsonException)
        {
            throw new LoadRunException($"the login response of {auth.Path} is not JSON");
        }
    }
}
