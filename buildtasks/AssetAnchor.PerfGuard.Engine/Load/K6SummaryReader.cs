using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>
/// k6's <c>--summary-export</c> JSON (docs/endpoint-load.md lists the fields). Each tagged sub-metric
/// <c>http_req_duration{name:X}</c> is one endpoint "X" (k6 exports a sub-metric when a threshold names it);
/// without any, the whole test is one endpoint "http_req_duration". Trend values are milliseconds. A summary has
/// no per-request samples: its median is one value for the time comparison, so give several summaries (one per run).
/// </summary>
internal static class K6SummaryReader
{
    private const string Duration = "http_req_duration";

    public static LoadRun Read(JsonInput input)
    {
        var metrics = input.RequireProperty(input.Root, [], "metrics", JsonValueKind.Object);
        var suffixes = new List<string>();
        foreach (var metric in metrics.EnumerateObject())
        {
            if (metric.Name.StartsWith(Duration + "{", StringComparison.Ordinal) && metric.Name.EndsWith('}')
                && !metric.Name.Contains("expected_response", StringComparison.Ordinal))
            {
                suffixes.Add(metric.Name[Duration.Length..]);
            }
        }

        if (suffixes.Count == 0)
        {
            if (!metrics.TryGetProperty(Duration, out _))
            {
                throw input.Error(["metrics"], $"the k6 summary has no '{Duration}' metric (was any HTTP request made?)");
            }

            suffixes.Add(string.Empty);
        }

        double? runSeconds = input.Root.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
            && state.TryGetProperty("testRunDurationMs", out var runMs) && runMs.ValueKind == JsonValueKind.Number
            ? runMs.GetDouble() / 1000
            : null;

        var endpoints = new List<EndpointLoadResult>();
        foreach (var suffix in suffixes)
        {
            var name = Duration + suffix;
            object[] at = ["metrics", name];
            var duration = metrics.GetProperty(name);
            var median = Trend(input, duration, at, "med") ?? throw input.Error(at, "the trend has no 'med' (keep 'med' in --summary-trend-stats)");
            var requests = Counter(metrics, "http_reqs" + suffix, "count");
            var rate = Counter(metrics, "http_reqs" + suffix, "rate");
            var (failures, total) = Failures(input, metrics, "http_req_failed" + suffix);
            requests ??= total;
            var seconds = runSeconds ?? (requests is { } n && rate is > 0 ? n / rate.Value : 0);
            endpoints.Add(new EndpointLoadResult
            {
                Key = KeyOf(suffix),
                Method = string.Empty,
                Path = suffix.Length == 0 ? "(all requests)" : suffix,
                WindowMedians = [median],
                Requests = (long)(requests ?? 0),
                Errors = (long)Math.Round(failures ?? 0),
                Seconds = rate is > 0 && requests is { } count ? count / rate.Value : seconds,
                P50 = median,
                P95 = Trend(input, duration, at, "p(95)") ?? double.NaN,
                P99 = Trend(input, duration, at, "p(99)") ?? double.NaN,
                Mean = Trend(input, duration, at, "avg") ?? double.NaN,
                SourceFile = input.Path,
            });
        }

        return new LoadRun
        {
            Endpoints = endpoints,
            Environment = LoadEnvironment.Current("k6"),
            SourceFiles = [input.Path],
            Tool = "k6",
        };
    }

    /// <summary>"{name:PropertyList}" -> "PropertyList"; "{name:a,method:GET}" -> "name:a,method:GET"; "" -> "http_req_duration".</summary>
    private static string KeyOf(string suffix)
    {
        if (suffix.Length == 0)
        {
            return Duration;
        }

        var tags = suffix[1..^1];
        return tags.StartsWith("name:", StringComparison.Ordinal) && !tags.Contains(',', StringComparison.Ordinal) ? tags["name:".Length..] : tags;
    }

    private static double? Trend(JsonInput input, JsonElement trend, object[] at, string stat)
    {
        if (!trend.TryGetProperty(stat, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var ms = input.RequireFiniteNumber(value, [.. at, stat]);
        return ms >= 0 ? ms * 1e6 : throw input.Error([.. at, stat], "a time cannot be negative");
    }

    private static double? Counter(JsonElement metrics, string name, string field) =>
        metrics.TryGetProperty(name, out var metric) && metric.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    /// <summary>
    /// http_req_failed is a k6 Rate: "passes" counts the true values, i.e. the failed requests, "fails" the others,
    /// "value" their ratio. Returns (failed, total) or (null, null) when the metric is absent.
    /// </summary>
    private static (double? Failed, double? Total) Failures(JsonInput input, JsonElement metrics, string name)
    {
        if (!metrics.TryGetProperty(name, out var metric))
        {
            return (null, null);
        }

        object[] at = ["metrics", name];
        var failed = metric.TryGetProperty("passes", out var passes) ? input.RequireFiniteNumber(passes, [.. at, "passes"]) : (double?)null;
        var ok = metric.TryGetProperty("fails", out var fails) ? input.RequireFiniteNumber(fails, [.. at, "fails"]) : (double?)null;
        if (failed is { } f && ok is { } o)
        {
            return (f, f + o);
        }

        throw input.Error(at, "expected the Rate fields 'passes' (failed requests) and 'fails' (successful requests)");
    }
}
