using System.Text.Json;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>How to log in before the load: a JSON POST whose response carries a token that goes into a header.</summary>
public sealed record AuthPlan(string Path, string Body, string TokenField, string Header, string Scheme);

/// <summary>One endpoint to drive. <see cref="Body"/> is sent as JSON with every request (POST/PUT).</summary>
public sealed record EndpointPlanEntry(string Name, string Method, string Path, string? Type, string? Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The guide's stages (ramp-up, steady load, spike), scaled to seconds: every stage is one or more separate, bounded
/// load-generator runs. The steady stage's windows give the values the baseline comparison uses.
/// </summary>
public sealed record StagePlan(IReadOnlyList<int> RampConnections, int RampSeconds, int SteadyConnections, int SteadyWindows, int WindowSeconds, int SpikeConnections, int SpikeSeconds)
{
    /// <summary>Two cores, CI: 2 s of ramp, 6 one-second steady windows at 4 connections, 2 s of spike at 16: 10 s per endpoint.</summary>
    public static StagePlan Default { get; } = new([1, 2], 1, 4, 6, 1, 16, 2);

    public int SecondsPerEndpoint => (RampConnections.Count * RampSeconds) + (SteadyWindows * WindowSeconds) + (SpikeConnections > 0 ? SpikeSeconds : 0);
}

/// <summary>The endpoint list file of <c>perfguard load run --endpoints</c> (docs/endpoint-load.md).</summary>
public sealed record EndpointPlan(AuthPlan? Auth, StagePlan Stages, long MaxRequestsPerRun, IReadOnlyList<EndpointPlanEntry> Endpoints)
{
    public const long DefaultMaxRequestsPerRun = 200_000;

    private static readonly Regex EnvironmentReference = new(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant);

    public static EndpointPlan Load(string path)
    {
        using var input = JsonInput.Open(path);
        var root = input.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw input.Error([], "expected an object with \"endpoints\" (see docs/endpoint-load.md)");
        }

        AuthPlan? auth = null;
        var stages = StagePlan.Default;
        var maxRequests = DefaultMaxRequestsPerRun;
        var endpoints = new List<EndpointPlanEntry>();
        foreach (var property in root.EnumerateObject())
        {
            object[] at = [property.Name];
            switch (property.Name)
            {
                case "$schema":
                    break;
                case "auth":
                    auth = ReadAuth(input, property.Value, at);
                    break;
                case "stages":
                    stages = ReadStages(input, property.Value, at);
                    break;
                case "maxRequestsPerRun":
                    var max = input.RequireFiniteNumber(property.Value, at);
                    maxRequests = max >= 1 && max == Math.Floor(max) ? (long)max : throw input.Error(at, "expected a whole number of at least 1");
                    break;
                case "endpoints":
                    if (property.Value.ValueKind != JsonValueKind.Array)
                    {
                        throw input.Error(at, "expected an array of endpoints");
                    }

                    var i = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        var entry = ReadEndpoint(input, item, [.. at, i++]);
                        if (endpoints.Any(e => e.Name == entry.Name))
                        {
                            throw input.Error([.. at, i - 1, "name"], $"the endpoint name '{entry.Name}' appears twice (names are the baseline keys)");
                        }

                        endpoints.Add(entry);
                    }

                    break;
                default:
                    throw input.Error(at, $"unknown property '{property.Name}' (expected auth, stages, maxRequestsPerRun, endpoints)");
            }
        }

        if (endpoints.Count == 0)
        {
            throw input.Error([], "the file lists no endpoints (\"endpoints\": [{ \"name\": ..., \"path\": ... }])");
        }

        return new EndpointPlan(auth, stages, maxRequests, endpoints);
    }

    private static AuthPlan ReadAuth(JsonInput input, JsonElement element, object[] at)
    {
        RequireObject(input, element, at, ["path", "body", "tokenField", "header", "scheme"]);
        var body = input.RequireProperty(element, at, "body", JsonValueKind.Object);
        return new AuthPlan(
            RequirePath(input, element, at),
            ExpandEnvironment(input, body.GetRawText(), [.. at, "body"], jsonEscape: true),
            OptionalText(element, "tokenField") ?? "accessToken",
            OptionalText(element, "header") ?? "Authorization",
            OptionalText(element, "scheme") ?? "Bearer");
    }

    private static StagePlan ReadStages(JsonInput input, JsonElement element, object[] at)
    {
        RequireObject(input, element, at, ["ramp", "steady", "spike"]);
        var plan = StagePlan.Default;
        if (element.TryGetProperty("ramp", out var ramp))
        {
            object[] rampAt = [.. at, "ramp"];
            RequireObject(input, ramp, rampAt, ["connections", "seconds"]);
            var connections = new List<int>();
            if (ramp.TryGetProperty("connections", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw input.Error([.. rampAt, "connections"], "expected an array of connection counts, e.g. [1, 2] (empty: no ramp)");
                }

                var i = 0;
                foreach (var value in list.EnumerateArray())
                {
                    connections.Add(WholeNumber(input, value, [.. rampAt, "connections", i++], 1, 1000));
                }

                plan = plan with { RampConnections = connections };
            }

            plan = plan with { RampSeconds = Optional(input, ramp, rampAt, "seconds", plan.RampSeconds, 1, 600) };
        }

        if (element.TryGetProperty("steady", out var steady))
        {
            object[] steadyAt = [.. at, "steady"];
            RequireObject(input, steady, steadyAt, ["connections", "windows", "seconds"]);
            plan = plan with
            {
                SteadyConnections = Optional(input, steady, steadyAt, "connections", plan.SteadyConnections, 1, 1000),
                SteadyWindows = Optional(input, steady, steadyAt, "windows", plan.SteadyWindows, 1, 1000),
                WindowSeconds = Optional(input, steady, steadyAt, "seconds", plan.WindowSeconds, 1, 600),
            };
        }

        if (element.TryGetProperty("spike", out var spike))
        {
            object[] spikeAt = [.. at, "spike"];
            RequireObject(input, spike, spikeAt, ["connections", "seconds"]);
            plan = plan with
            {
                SpikeConnections = Optional(input, spike, spikeAt, "connections", plan.SpikeConnections, 0, 1000),
                SpikeSeconds = Optional(input, spike, spikeAt, "seconds", plan.SpikeSeconds, 1, 600),
            };
        }

        return plan;
    }

    private static EndpointPlanEntry ReadEndpoint(JsonInput input, JsonElement element, object[] at)
    {
        RequireObject(input, element, at, ["name", "method", "path", "type", "body", "headers"]);
        var name = input.RequireProperty(element, at, "name", JsonValueKind.String).GetString()!;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw input.Error([.. at, "name"], "the name cannot be empty");
        }

        var method = (OptionalText(element, "method") ?? "GET").ToUpperInvariant();
        if (method.Any(c => !char.IsAsciiLetterUpper(c)))
        {
            throw input.Error([.. at, "method"], $"'{method}' is not an HTTP method");
        }

        string? body = null;
        if (element.TryGetProperty("body", out var bodyElement))
        {
            body = bodyElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? bodyElement.GetRawText()
                : throw input.Error([.. at, "body"], "expected a JSON object or array (sent as application/json)");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element.TryGetProperty("headers", out var headerElement))
        {
            RequireObject(input, headerElement, [.. at, "headers"], null);
            foreach (var header in headerElement.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind == JsonValueKind.String
                    ? ExpandEnvironment(input, header.Value.GetString()!, [.. at, "headers", header.Name], jsonEscape: false)
                    : throw input.Error([.. at, "headers", header.Name], "expected a string");
            }
        }

        return new EndpointPlanEntry(name, method, RequirePath(input, element, at), OptionalText(element, "type"), body, headers);
    }

    private static string RequirePath(JsonInput input, JsonElement element, object[] at)
    {
        var path = input.RequireProperty(element, at, "path", JsonValueKind.String).GetString()!;
        return path.StartsWith('/') && !path.Any(char.IsWhiteSpace) ? path : throw input.Error([.. at, "path"], $"'{path}' must start with '/' and hold no spaces (a path relative to --url)");
    }

    private static void RequireObject(JsonInput input, JsonElement element, object[] at, string[]? known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw input.Error(at, $"expected an object, found {JsonInput.Describe(element.ValueKind)}");
        }

        if (known is null)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw input.Error([.. at, property.Name], $"unknown property '{property.Name}' (expected {string.Join(", ", known)})");
            }
        }
    }

    private static string? OptionalText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Optional(JsonInput input, JsonElement element, object[] at, string name, int fallback, int min, int max) =>
        element.TryGetProperty(name, out var value) ? WholeNumber(input, value, [.. at, name], min, max) : fallback;

    private static int WholeNumber(JsonInput input, JsonElement value, object[] at, int min, int max)
    {
        var number = input.RequireFiniteNumber(value, at);
        return number >= min && number <= max && number == Math.Floor(number) ? (int)number : throw input.Error(at, $"expected a whole number from {min} to {max}");
    }

    /// <summary>"${NAME}" is replaced by the environment variable, so that credentials stay out of the file.</summary>
    private static string ExpandEnvironment(JsonInput input, string text, object[] at, bool jsonEscape) =>
        EnvironmentReference.Replace(text, match => Environment.GetEnvironmentVariable(match.Groups[1].Value) is { } value
            ? jsonEscape ? JsonEncodedText.Encode(value).ToString() : value
            : throw input.Error(at, $"the environment variable '{match.Groups[1].Value}' is not set"));
}
