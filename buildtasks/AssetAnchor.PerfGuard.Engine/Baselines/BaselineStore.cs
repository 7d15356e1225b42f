using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reading;

namespace AssetAnchor.PerfGuard.Engine.Baselines;

/// <summary>
/// Reads and writes the committed baseline. The text form has a fixed key order, sorted benchmarks, one line
/// per run of values and LF line endings, so that a reviewer sees exactly which benchmarks moved.
/// </summary>
public static class BaselineStore
{
    public static string Serialize(Baseline baseline)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        Property(text, 1, "schema", Baseline.SchemaId);
        Property(text, 1, "tool", baseline.Tool);
        if (baseline.Commit is not null)
        {
            Property(text, 1, "commit", baseline.Commit);
        }

        text.Append("  \"environment\": {\n");
        var env = baseline.Environment;
        Property(text, 2, "os", env.Os);
        Property(text, 2, "cpu", env.Cpu);
        RawProperty(text, 2, "logicalCores", env.LogicalCores.ToString(CultureInfo.InvariantCulture));
        Property(text, 2, "runtime", env.Runtime);
        Property(text, 2, "architecture", env.Architecture);
        Property(text, 2, "benchmarkDotNet", env.BenchmarkDotNetVersion, last: true);
        text.Append("  },\n");
        Property(text, 1, "job", baseline.Job);
        RawProperty(text, 1, "runs", baseline.Runs.ToString(CultureInfo.InvariantCulture));
        text.Append("  \"benchmarks\": [");
        for (var i = 0; i < baseline.Benchmarks.Count; i++)
        {
            var entry = baseline.Benchmarks[i];
            text.Append(i == 0 ? "\n" : ",\n");
            text.Append("    {\n");
            Property(text, 3, "key", entry.Key);
            if (entry.Categories.Count > 0)
            {
                RawProperty(text, 3, "categories", "[" + string.Join(", ", entry.Categories.Select(Quote)) + "]");
            }

            RawProperty(text, 3, "medianNs", Units.Format(entry.Median));
            RawProperty(text, 3, "p95Ns", Units.Format(entry.P95));
            RawProperty(text, 3, "p99Ns", Units.Format(entry.P99));
            if (entry.BytesPerOp is { } bytes)
            {
                RawProperty(text, 3, "bytesPerOp", Units.Format(bytes));
            }

            if (entry.BytesPerOpMin is { } bytesMin)
            {
                RawProperty(text, 3, "bytesPerOpMin", Units.Format(bytesMin));
            }

            if (entry.RoundTripsPerOp is { } roundTrips)
            {
                RawProperty(text, 3, "roundTripsPerOp", Units.Format(roundTrips));
            }

            RawProperty(text, 3, "gen0Per1000Ops", Units.Format(entry.Gen0PerThousandOps));
            if (entry.CpuMedian is { } cpuMedian)
            {
                RawProperty(text, 3, "cpuMedianNs", Units.Format(cpuMedian));
            }

            RawProperty(text, 3, "runMediansNs", Numbers(entry.RunMedians));
            text.Append("      \"valuesNs\": [\n");
            for (var run = 0; run < entry.RunValues.Count; run++)
            {
                text.Append("        ").Append(Numbers(entry.RunValues[run])).Append(run + 1 < entry.RunValues.Count ? ",\n" : "\n");
            }

            if (entry.CpuRunValues.Count > 0)
            {
                text.Append("      ],\n");
                RawProperty(text, 3, "cpuRunMediansNs", Numbers(entry.CpuRunMedians));
                text.Append("      \"cpuValuesNs\": [\n");
                for (var run = 0; run < entry.CpuRunValues.Count; run++)
                {
                    text.Append("        ").Append(Numbers(entry.CpuRunValues[run])).Append(run + 1 < entry.CpuRunValues.Count ? ",\n" : "\n");
                }
            }

            text.Append("      ]\n");
            text.Append("    }");
        }

        text.Append(baseline.Benchmarks.Count == 0 ? "]\n" : "\n  ]\n");
        text.Append("}\n");
        return text.ToString();
    }

    public static Baseline Read(string path)
    {
        using var input = JsonInput.Open(path);
        var root = input.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw input.Error([], "expected a PerfGuard baseline object");
        }

        var schema = input.RequireProperty(root, [], "schema", JsonValueKind.String).GetString();
        if (schema != Baseline.SchemaId)
        {
            throw input.Error(["schema"], $"unsupported baseline schema '{schema}' (expected '{Baseline.SchemaId}')");
        }

        var env = input.RequireProperty(root, [], "environment", JsonValueKind.Object);
        object[] envAt = ["environment"];
        var environment = new EnvironmentInfo(
            input.RequireProperty(env, envAt, "os", JsonValueKind.String).GetString()!,
            input.RequireProperty(env, envAt, "cpu", JsonValueKind.String).GetString()!,
            (int)input.RequireFiniteNumber(input.RequireProperty(env, envAt, "logicalCores", JsonValueKind.Number), [.. envAt, "logicalCores"]),
            input.RequireProperty(env, envAt, "runtime", JsonValueKind.String).GetString()!,
            input.RequireProperty(env, envAt, "architecture", JsonValueKind.String).GetString()!,
            input.RequireProperty(env, envAt, "benchmarkDotNet", JsonValueKind.String).GetString()!);

        var entries = new List<BaselineEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in input.RequireProperty(root, [], "benchmarks", JsonValueKind.Array).EnumerateArray())
        {
            object[] at = ["benchmarks", index++];
            var key = input.RequireProperty(element, at, "key", JsonValueKind.String).GetString()!;
            if (!seen.Add(key))
            {
                throw input.Error([.. at, "key"], $"duplicate benchmark '{key}'");
            }

            var runValues = new List<IReadOnlyList<double>>();
            var run = 0;
            foreach (var values in input.RequireProperty(element, at, "valuesNs", JsonValueKind.Array).EnumerateArray())
            {
                object[] runAt = [.. at, "valuesNs", run++];
                if (values.ValueKind != JsonValueKind.Array)
                {
                    throw input.Error(runAt, "expected an array of ns/op values per run");
                }

                var list = values.EnumerateArray().Select((v, i) => input.RequireFiniteNumber(v, [.. runAt, i])).ToList();
                if (list.Count == 0)
                {
                    throw input.Error(runAt, "a run without values");
                }

                runValues.Add(list);
            }

            if (runValues.Count == 0)
            {
                throw input.Error([.. at, "valuesNs"], $"benchmark '{key}' has no values");
            }

            entries.Add(new BaselineEntry
            {
                Key = key,
                Categories = element.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Array
                    ? categories.EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToList()
                    : [],
                Median = Number(input, element, at, "medianNs"),
                P95 = Number(input, element, at, "p95Ns"),
                P99 = Number(input, element, at, "p99Ns"),
                BytesPerOp = OptionalNumber(input, element, at, "bytesPerOp"),
                BytesPerOpMin = OptionalNumber(input, element, at, "bytesPerOpMin"),
                RoundTripsPerOp = OptionalNumber(input, element, at, "roundTripsPerOp"),
                Gen0PerThousandOps = OptionalNumber(input, element, at, "gen0Per1000Ops") ?? 0,
                RunMedians = input.RequireProperty(element, at, "runMediansNs", JsonValueKind.Array).EnumerateArray()
                    .Select((v, i) => input.RequireFiniteNumber(v, [.. at, "runMediansNs", i])).ToList(),
                RunValues = runValues,
                CpuMedian = OptionalNumber(input, element, at, "cpuMedianNs"),
                CpuRunMedians = OptionalNumbers(input, element, at, "cpuRunMediansNs"),
                CpuRunValues = OptionalRuns(input, element, at, "cpuValuesNs"),
            });
        }

        return new Baseline
        {
            Tool = root.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.String ? tool.GetString()! : "unknown",
            Commit = root.TryGetProperty("commit", out var commit) && commit.ValueKind == JsonValueKind.String ? commit.GetString() : null,
            Environment = environment,
            Job = root.TryGetProperty("job", out var job) && job.ValueKind == JsonValueKind.String ? job.GetString()! : "unknown",
            Benchmarks = entries,
            Path = Path.GetFullPath(path),
            Lines = KeyLines(File.ReadAllLines(path)),
        };
    }

    /// <summary>
    /// Writes atomically: the new text goes to a temporary file in the same folder, is flushed to disk and then
    /// renamed over the old file, so a crash leaves either the old baseline or the new one, never half of one.
    /// Returns false (and touches nothing) when the file already holds exactly this text.
    /// </summary>
    public static bool WriteAtomic(string path, string content) => WriteAtomic(path, content, static (stream, bytes) => stream.Write(bytes));

    internal static bool WriteAtomic(string path, string content, Action<Stream, byte[]> write)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath) && File.ReadAllBytes(fullPath).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream, bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The commit checked out in <paramref name="folder"/>, or null when git is not there.</summary>
    public static string? CurrentCommit(string folder)
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(10_000) && git.ExitCode == 0 && output.Length >= 7 ? output : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static Dictionary<string, int> KeyLines(string[] lines)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (line.StartsWith("\"key\":", StringComparison.Ordinal))
            {
                try
                {
                    var key = JsonSerializer.Deserialize<string>(line["\"key\":".Length..].Trim().TrimEnd(','));
                    if (key is not null)
                    {
                        map.TryAdd(key, i + 1);
                    }
                }
                catch (JsonException)
                {
                    // A hand-edited line we cannot map: the message simply has no line number.
                }
            }
        }

        return map;
    }

    private static double Number(JsonInput input, JsonElement element, object[] at, string name) =>
        input.RequireFiniteNumber(input.RequireProperty(element, at, name, JsonValueKind.Number), [.. at, name]);

    private static double? OptionalNumber(JsonInput input, JsonElement element, object[] at, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? input.RequireFiniteNumber(value, [.. at, name]) : null;

    private static IReadOnlyList<double> OptionalNumbers(JsonInput input, JsonElement element, object[] at, string name)
    {
        if (!element.TryGetProperty(name, out var values))
        {
            return [];
        }

        if (values.ValueKind != JsonValueKind.Array)
        {
            throw input.Error([.. at, name], "expected an array of numbers");
        }

        return values.EnumerateArray().Select((v, i) => input.RequireFiniteNumber(v, [.. at, name, i])).ToList();
    }

    /// <summary>An optional array of per-run arrays (the CPU values): absent in baselines written before CPU time was recorded.</summary>
    private static IReadOnlyList<IReadOnlyList<double>> OptionalRuns(JsonInput input, JsonElement element, object[] at, string name)
    {
        if (!element.TryGetProperty(name, out var runs))
        {
            return [];
        }

        if (runs.ValueKind != JsonValueKind.Array)
        {
            throw input.Error([.. at, name], "expected an array of per-run arrays");
        }

        var list = new List<IReadOnlyList<double>>();
        var run = 0;
        foreach (var values in runs.EnumerateArray())
        {
            object[] runAt = [.. at, name, run++];
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw input.Error(runAt, "expected a non-empty array of ns/op values per run");
            }

            list.Add(values.EnumerateArray().Select((v, i) => input.RequireFiniteNumber(v, [.. runAt, i])).ToList());
        }

        return list;
    }

    private static void Property(StringBuilder text, int depth, string name, string value, bool last = false) =>
        RawProperty(text, depth, name, Quote(value), last);

    private static void RawProperty(StringBuilder text, int depth, string name, string rawValue, bool last = false) =>
        text.Append(' ', depth * 2).Append(Quote(name)).Append(": ").Append(rawValue).Append(last ? "\n" : ",\n");

    private static string Numbers(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Units.Format)) + "]";

    // Relaxed escaping: FullNames hold '<', '>' and quotes that should stay readable in a diff.
    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Quote(string value) => JsonSerializer.Serialize(value, QuoteOptions);
}
