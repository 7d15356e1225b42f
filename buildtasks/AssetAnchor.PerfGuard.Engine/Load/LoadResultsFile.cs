using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>
/// Reads endpoint load results: PerfGuard's own file (<c>perfguard load run</c>, schema
/// <see cref="SchemaId"/>) and k6's <c>--summary-export</c> JSON. Several files of one run are merged per endpoint:
/// their window values are pooled, requests and errors summed, and the highest of their percentiles kept.
/// </summary>
public static class LoadResultsFile
{
    public const string SchemaId = "perfguard-load-results/1";

    public static LoadRun Read(IReadOnlyList<string> paths)
    {
        var files = ExpandPaths(paths);
        var runs = files.Select(ReadOne).ToList();
        var merged = new List<EndpointLoadResult>();
        foreach (var endpoint in runs.SelectMany(r => r.Endpoints))
        {
            var index = merged.FindIndex(e => string.Equals(e.Key, endpoint.Key, StringComparison.Ordinal));
            if (index < 0)
            {
                merged.Add(endpoint);
                continue;
            }

            var first = merged[index];
            merged[index] = new EndpointLoadResult
            {
                Key = first.Key,
                Method = first.Method,
                Path = first.Path,
                Type = first.Type ?? endpoint.Type,
                WindowMedians = [.. first.WindowMedians, .. endpoint.WindowMedians],
                Requests = first.Requests + endpoint.Requests,
                Errors = first.Errors + endpoint.Errors,
                Seconds = first.Seconds + endpoint.Seconds,
                P50 = Math.Max(first.P50, endpoint.P50),
                P95 = Math.Max(first.P95, endpoint.P95),
                P99 = Math.Max(first.P99, endpoint.P99),
                Mean = first.Requests + endpoint.Requests > 0
                    ? ((first.Mean * first.Requests) + (endpoint.Mean * endpoint.Requests)) / (first.Requests + endpoint.Requests)
                    : first.Mean,
                Stages = [.. first.Stages, .. endpoint.Stages],
                SourceFile = first.SourceFile,
            };
        }

        var primary = runs[0];
        return new LoadRun
        {
            Endpoints = merged,
            Environment = primary.Environment,
            SourceFiles = files,
            Tool = string.Join(", ", runs.Select(r => r.Tool).Distinct(StringComparer.Ordinal)),
            Label = primary.Label,
            Target = primary.Target,
        };
    }

    /// <summary>Each file on its own (one file per run), for a baseline pooled from several runs.</summary>
    public static IReadOnlyList<LoadRun> ReadRuns(IReadOnlyList<string> paths) => ExpandPaths(paths).Select(ReadOne).ToList();

    /// <summary>A folder stands for its *.json files (sorted); a missing path is PG1201.</summary>
    internal static IReadOnlyList<string> ExpandPaths(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new PerfGuardInputException(path, 0, 0, "the folder holds no *.json load results");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new PerfGuardInputException(path, 0, 0, "no such load results file or folder");
            }
        }

        if (files.Count == 0)
        {
            throw new PerfGuardInputException(string.Empty, 0, 0, "no load results were given");
        }

        return files;
    }

    private static LoadRun ReadOne(string path)
    {
        using var input = JsonInput.Open(path);
        var root = input.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw input.Error([], "expected an object: PerfGuard load results or a k6 --summary-export file");
        }

        if (root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String)
        {
            return schema.GetString() == SchemaId
                ? ReadPerfGuard(input)
                : throw input.Error(["schema"], $"unknown schema '{schema.GetString()}' (expected '{SchemaId}')");
        }

        if (root.TryGetProperty("metrics", out _))
        {
            return K6SummaryReader.Read(input);
        }

        throw input.Error([], $"neither PerfGuard load results (\"schema\": \"{SchemaId}\") nor a k6 --summary-export file (\"metrics\")");
    }

    private static LoadRun ReadPerfGuard(JsonInput input)
    {
        var root = input.Root;
        var environment = EnvironmentInfo.Unknown;
        if (root.TryGetProperty("environment", out var env))
        {
            object[] at = ["environment"];
            environment = new EnvironmentInfo(
                Text(input, env, at, "os"), Text(input, env, at, "cpu"),
                (int)Number(input, env, at, "logicalCores"), Text(input, env, at, "runtime"),
                Text(input, env, at, "architecture"), Text(input, root, [], "tool"));
        }

        var endpoints = new List<EndpointLoadResult>();
        var list = input.RequireProperty(root, [], "endpoints", JsonValueKind.Array);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            object[] at = ["endpoints", index++];
            var key = Text(input, item, at, "name");
            if (endpoints.Any(e => e.Key == key))
            {
                throw input.Error([.. at, "name"], $"the endpoint '{key}' appears twice");
            }

            var stages = new List<LoadStageResult>();
            if (item.TryGetProperty("stages", out var stageList) && stageList.ValueKind == JsonValueKind.Array)
            {
                var s = 0;
                foreach (var stage in stageList.EnumerateArray())
                {
                    object[] stageAt = [.. at, "stages", s++];
                    var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
                    if (stage.TryGetProperty("statusCounts", out var counts) && counts.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var count in counts.EnumerateObject())
                        {
                            statuses[count.Name] = (long)input.RequireFiniteNumber(count.Value, [.. stageAt, "statusCounts", count.Name]);
                        }
                    }

                    stages.Add(new LoadStageResult(
                        Text(input, stage, stageAt, "stage"), (int)Number(input, stage, stageAt, "connections"), Number(input, stage, stageAt, "seconds"),
                        (long)Number(input, stage, stageAt, "requests"), (long)Number(input, stage, stageAt, "errors"),
                        Milliseconds(input, stage, stageAt, "p50Ms"), Milliseconds(input, stage, stageAt, "p95Ms"), Milliseconds(input, stage, stageAt, "p99Ms"),
                        Milliseconds(input, stage, stageAt, "meanMs"), statuses));
                }
            }

            var windows = input.RequireProperty(item, at, "windowMediansMs", JsonValueKind.Array);
            var windowValues = new List<double>();
            var w = 0;
            foreach (var value in windows.EnumerateArray())
            {
                var ms = input.RequireFiniteNumber(value, [.. at, "windowMediansMs", w++]);
                windowValues.Add(ms * 1e6);
            }

            var requests = (long)Number(input, item, at, "requests");
            var errors = (long)Number(input, item, at, "errors");
            if (requests < 0 || errors < 0 || errors > requests)
            {
                throw input.Error([.. at, "errors"], $"errors ({errors}) must be between 0 and the request count ({requests})");
            }

            endpoints.Add(new EndpointLoadResult
            {
                Key = key,
                Method = item.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String ? method.GetString()! : "GET",
                Path = item.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty,
                Type = item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
                WindowMedians = windowValues,
                Requests = requests,
                Errors = errors,
                Seconds = Number(input, item, at, "seconds"),
                P50 = Milliseconds(input, item, at, "p50Ms"),
                P95 = Milliseconds(input, item, at, "p95Ms"),
                P99 = Milliseconds(input, item, at, "p99Ms"),
                Mean = Milliseconds(input, item, at, "meanMs"),
                Stages = stages,
                SourceFile = input.Path,
            });
        }

        if (endpoints.Count == 0)
        {
            throw input.Error(["endpoints"], "the results hold no endpoint");
        }

        return new LoadRun
        {
            Endpoints = endpoints,
            Environment = environment,
            SourceFiles = [input.Path],
            Tool = root.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.String ? tool.GetString()! : "unknown",
            Label = root.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null,
            Target = root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String ? target.GetString() : null,
        };
    }

    /// <summary>The results file of one run, with a fixed key order and times in milliseconds (4 significant digits).</summary>
    public static string Serialize(LoadRun run)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", SchemaId);
            json.WriteString("tool", run.Tool);
            if (run.Label is not null)
            {
                json.WriteString("label", run.Label);
            }

            if (run.Target is not null)
            {
                json.WriteString("target", run.Target);
            }

            json.WriteStartObject("environment");
            json.WriteString("os", run.Environment.Os);
            json.WriteString("cpu", run.Environment.Cpu);
            json.WriteNumber("logicalCores", run.Environment.LogicalCores);
            json.WriteString("runtime", run.Environment.Runtime);
            json.WriteString("architecture", run.Environment.Architecture);
            json.WriteEndObject();
            json.WriteStartArray("endpoints");
            foreach (var endpoint in run.Endpoints)
            {
                json.WriteStartObject();
                json.WriteString("name", endpoint.Key);
                json.WriteString("method", endpoint.Method);
                json.WriteString("path", endpoint.Path);
                if (endpoint.Type is not null)
                {
                    json.WriteString("type", endpoint.Type);
                }

                json.WriteNumber("requests", endpoint.Requests);
                json.WriteNumber("errors", endpoint.Errors);
                json.WriteNumber("seconds", Round(endpoint.Seconds));
                WriteTimes(json, endpoint.P50, endpoint.P95, endpoint.P99, endpoint.Mean);
                json.WriteStartArray("windowMediansMs");
                foreach (var value in endpoint.WindowMedians)
                {
                    json.WriteNumberValue(Round(value / 1e6));
                }

                json.WriteEndArray();
                json.WriteStartArray("stages");
                foreach (var stage in endpoint.Stages)
                {
                    json.WriteStartObject();
                    json.WriteString("stage", stage.Stage);
                    json.WriteNumber("connections", stage.Connections);
                    json.WriteNumber("seconds", Round(stage.Seconds));
                    json.WriteNumber("requests", stage.Requests);
                    json.WriteNumber("errors", stage.Errors);
                    WriteTimes(json, stage.P50, stage.P95, stage.P99, stage.Mean);
                    json.WriteStartObject("statusCounts");
                    foreach (var (status, count) in stage.StatusCounts.OrderBy(s => s.Key, StringComparer.Ordinal))
                    {
                        json.WriteNumber(status, count);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteTimes(Utf8JsonWriter json, double p50, double p95, double p99, double mean)
    {
        json.WriteNumber("p50Ms", Round(p50 / 1e6));
        json.WriteNumber("p95Ms", Round(p95 / 1e6));
        json.WriteNumber("p99Ms", Round(p99 / 1e6));
        json.WriteNumber("meanMs", Round(mean / 1e6));
    }

    private static double Round(double value) => double.IsFinite(value) ? Units.RoundSignificant(value, 4) : 0;

    private static string Text(JsonInput input, JsonElement element, object[] at, string name) =>
        input.RequireProperty(element, at, name, JsonValueKind.String).GetString()!;

    private static double Number(JsonInput input, JsonElement element, object[] at, string name) =>
        input.RequireFiniteNumber(input.RequireProperty(element, at, name, JsonValueKind.Number), [.. at, name]);

    private static double Milliseconds(JsonInput input, JsonElement element, object[] at, string name)
    {
        var ms = Number(input, element, at, name);
        return ms >= 0 ? ms * 1e6 : throw input.Error([.. at, name], "a time cannot be negative");
    }
}
