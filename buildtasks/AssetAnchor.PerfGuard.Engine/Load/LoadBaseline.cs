using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>One endpoint's committed load baseline: each pooled run's window medians and the run's per-request numbers.</summary>
public sealed class LoadBaselineEntry
{
    public required string Key { get; init; }

    public string Method { get; init; } = "GET";

    public string Path { get; init; } = string.Empty;

    public string? Type { get; init; }

    /// <summary>Per run, the steady stage's window medians (ns).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> RunWindowMedians { get; init; }

    /// <summary>Median over the runs of each run's per-request p50, p95, p99 and mean (ns).</summary>
    public double P50 { get; init; }

    public double P95 { get; init; }

    public double P99 { get; init; }

    public double Mean { get; init; }

    public double RequestsPerSecond { get; init; }

    public double ErrorRate { get; init; }

    /// <summary>The same numbers in the shape the benchmark comparison uses, so endpoints get the same time rules.</summary>
    internal BaselineEntry ToTimeEntry()
    {
        var runMedians = RunWindowMedians.Select(values => Quantiles.MedianOf(values)).ToList();
        var pooled = RunWindowMedians.SelectMany(v => v).ToList();
        return new BaselineEntry
        {
            Key = Key,
            Median = Quantiles.MedianOf(pooled),
            P95 = P95,
            P99 = P99,
            RunMedians = runMedians,
            RunValues = RunWindowMedians,
        };
    }
}

/// <summary>The committed endpoint load baseline: sorted endpoints, rounded numbers, no timestamp (same results, same file).</summary>
public sealed class LoadBaseline
{
    public const string SchemaId = "perfguard-load-baseline/1";

    public required string Tool { get; init; }

    public string? Label { get; init; }

    public string? Commit { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required IReadOnlyList<LoadBaselineEntry> Endpoints { get; init; }

    public int Runs => Endpoints.Count == 0 ? 0 : Endpoints.Max(e => e.RunWindowMedians.Count);

    public string? Path { get; init; }

    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public LoadBaselineEntry? Find(string key) => Endpoints.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));

    /// <summary>Pools runs (one results file each) into a baseline.</summary>
    public static LoadBaseline Build(IReadOnlyList<LoadRun> runs, string? commit)
    {
        if (runs.Count == 0)
        {
            throw new PerfGuardInputException(string.Empty, 0, 0, "no load results were given");
        }

        var keys = runs.SelectMany(r => r.Endpoints.Select(e => e.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var entries = new List<LoadBaselineEntry>();
        foreach (var key in keys)
        {
            var results = runs.Select(r => r.Find(key)).OfType<EndpointLoadResult>().ToList();
            var first = results[0];
            entries.Add(new LoadBaselineEntry
            {
                Key = key,
                Method = first.Method,
                Path = first.Path,
                Type = first.Type,
                RunWindowMedians = results.Select(r => (IReadOnlyList<double>)r.WindowMedians.Select(v => Units.RoundSignificant(v, 4)).ToList()).ToList(),
                P50 = MedianOf(results, r => r.P50),
                P95 = MedianOf(results, r => r.P95),
                P99 = MedianOf(results, r => r.P99),
                Mean = MedianOf(results, r => r.Mean),
                RequestsPerSecond = MedianOf(results, r => r.RequestsPerSecond),
                ErrorRate = MedianOf(results, r => r.ErrorRate),
            });
        }

        return new LoadBaseline
        {
            Tool = runs[0].Tool,
            Label = runs[0].Label,
            Commit = commit,
            Environment = runs[0].Environment,
            Endpoints = entries,
        };
    }

    private static double MedianOf(IReadOnlyList<EndpointLoadResult> results, Func<EndpointLoadResult, double> select)
    {
        var values = results.Select(select).Where(double.IsFinite).Order().ToList();
        return values.Count == 0 ? double.NaN
            : values.Count % 2 == 1 ? values[values.Count / 2]
            : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    public string Serialize()
    {
        var text = new StringBuilder();
        text.Append("{\n");
        Property(text, 1, "schema", Quote(SchemaId));
        Property(text, 1, "tool", Quote(Tool));
        if (Label is not null)
        {
            Property(text, 1, "label", Quote(Label));
        }

        if (Commit is not null)
        {
            Property(text, 1, "commit", Quote(Commit));
        }

        text.Append("  \"environment\": {\n");
        Property(text, 2, "os", Quote(Environment.Os));
        Property(text, 2, "cpu", Quote(Environment.Cpu));
        Property(text, 2, "logicalCores", Environment.LogicalCores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Property(text, 2, "runtime", Quote(Environment.Runtime));
        Property(text, 2, "architecture", Quote(Environment.Architecture), last: true);
        text.Append("  },\n");
        Property(text, 1, "runs", Runs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        text.Append("  \"endpoints\": [");
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var entry = Endpoints[i];
            text.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
            Property(text, 3, "key", Quote(entry.Key));
            Property(text, 3, "method", Quote(entry.Method));
            Property(text, 3, "path", Quote(entry.Path));
            if (entry.Type is not null)
            {
                Property(text, 3, "type", Quote(entry.Type));
            }

            Property(text, 3, "p50Ms", Ms(entry.P50));
            Property(text, 3, "p95Ms", Ms(entry.P95));
            Property(text, 3, "p99Ms", Ms(entry.P99));
            Property(text, 3, "meanMs", Ms(entry.Mean));
            Property(text, 3, "requestsPerSecond", Number(entry.RequestsPerSecond));
            Property(text, 3, "errorRate", Number(entry.ErrorRate));
            text.Append("      \"windowMediansMs\": [\n");
            for (var run = 0; run < entry.RunWindowMedians.Count; run++)
            {
                text.Append("        [").Append(string.Join(", ", entry.RunWindowMedians[run].Select(Ms))).Append(run + 1 < entry.RunWindowMedians.Count ? "],\n" : "]\n");
            }

            text.Append("      ]\n    }");
        }

        text.Append(Endpoints.Count == 0 ? "]\n" : "\n  ]\n").Append("}\n");
        return text.ToString();
    }

    public static LoadBaseline Read(string path)
    {
        using var input = JsonInput.Open(path);
        var root = input.Root;
        var schema = input.RequireProperty(root, [], "schema", JsonValueKind.String).GetString();
        if (schema != SchemaId)
        {
            throw input.Error(["schema"], $"unknown schema '{schema}' (expected '{SchemaId}'; is this a benchmark baseline?)");
        }

        var env = input.RequireProperty(root, [], "environment", JsonValueKind.Object);
        object[] envAt = ["environment"];
        var tool = Text(input, root, [], "tool");
        var environment = new EnvironmentInfo(Text(input, env, envAt, "os"), Text(input, env, envAt, "cpu"),
            (int)Num(input, env, envAt, "logicalCores"), Text(input, env, envAt, "runtime"), Text(input, env, envAt, "architecture"), tool);
        var entries = new List<LoadBaselineEntry>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in input.RequireProperty(root, [], "endpoints", JsonValueKind.Array).EnumerateArray())
        {
            object[] at = ["endpoints", index++];
            var key = Text(input, item, at, "key");
            var runs = new List<IReadOnlyList<double>>();
            var r = 0;
            foreach (var run in input.RequireProperty(item, at, "windowMediansMs", JsonValueKind.Array).EnumerateArray())
            {
                object[] runAt = [.. at, "windowMediansMs", r++];
                if (run.ValueKind != JsonValueKind.Array)
                {
                    throw input.Error(runAt, "expected an array of window medians (ms), one array per run");
                }

                var v = 0;
                var values = new List<double>();
                foreach (var value in run.EnumerateArray())
                {
                    values.Add(input.RequireFiniteNumber(value, [.. runAt, v++]) * 1e6);
                }

                runs.Add(values);
            }

            if (runs.Count == 0 || runs.Any(run => run.Count == 0))
            {
                throw input.Error([.. at, "windowMediansMs"], "every run needs at least one window median");
            }

            entries.Add(new LoadBaselineEntry
            {
                Key = key,
                Method = item.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "GET",
                Path = item.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty,
                Type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
                RunWindowMedians = runs,
                P50 = Num(input, item, at, "p50Ms") * 1e6,
                P95 = Num(input, item, at, "p95Ms") * 1e6,
                P99 = Num(input, item, at, "p99Ms") * 1e6,
                Mean = Num(input, item, at, "meanMs") * 1e6,
                RequestsPerSecond = Num(input, item, at, "requestsPerSecond"),
                ErrorRate = Num(input, item, at, "errorRate"),
            });
            lines[key] = (int)input.PositionOf([.. at, "key"]).Line;
        }

        return new LoadBaseline
        {
            Tool = tool,
            Label = root.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null,
            Commit = root.TryGetProperty("commit", out var commit) && commit.ValueKind == JsonValueKind.String ? commit.GetString() : null,
            Environment = environment,
            Endpoints = entries,
            Path = System.IO.Path.GetFullPath(path),
            Lines = lines,
        };
    }

    /// <summary>Writes atomically (temp file + rename, like the benchmark baseline); false when nothing changed.</summary>
    public bool WriteAtomic(string path) => BaselineStore.WriteAtomic(path, Serialize());

    private static string Text(JsonInput input, JsonElement element, object[] at, string name) =>
        input.RequireProperty(element, at, name, JsonValueKind.String).GetString()!;

    private static double Num(JsonInput input, JsonElement element, object[] at, string name) =>
        input.RequireFiniteNumber(input.RequireProperty(element, at, name, JsonValueKind.Number), [.. at, name]);

    private static string Ms(double nanoseconds) => Number(nanoseconds / 1e6);

    private static string Number(double value) => double.IsFinite(value) ? Units.Format(value) : "0";

    private static void Property(StringBuilder text, int depth, string name, string raw, bool last = false) =>
        text.Append(' ', depth * 2).Append('"').Append(name).Append("\": ").Append(raw).Append(last ? "\n" : ",\n");

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Quote(string value) => JsonSerializer.Serialize(value, QuoteOptions);
}
