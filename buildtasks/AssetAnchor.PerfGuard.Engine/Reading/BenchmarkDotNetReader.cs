using AssetAnchor.PerfGuard.Contract;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Reading;

/// <summary>
/// Reads BenchmarkDotNet's full JSON (<c>--exporters fulljson</c>, <c>*-report-full.json</c>) and the PerfGuard
/// categories sidecar (<c>*-perfguard.json</c>, shared contract 3) beside it.
/// </summary>
public static class BenchmarkDotNetReader
{
    public const string FullJsonSuffix = PerfGuardContract.FullJsonSuffix;

    /// <summary>What BenchmarkDotNet's plain <c>json</c> exporter writes: the same full report without whitespace.</summary>
    public const string CompressedFullJsonSuffix = "-report-full-compressed.json";
    public const string SidecarSuffix = PerfGuardContract.SidecarSuffix;

    /// <summary>Shared contract 1: round trips per operation as a BenchmarkDotNet metric.</summary>
    public const string RoundTripsMetricId = PerfGuardContract.RoundTripsMetricId;

    private const string AllocatedMetricId = "Allocated Memory";

    /// <summary>
    /// The full JSON files behind the given paths: a file is taken as is, a folder contributes every
    /// <c>*-report-full.json</c> below it (sorted, so that the result does not depend on the file system).
    /// </summary>
    public static IReadOnlyList<string> ResolveFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var full = Directory.EnumerateFiles(path, "*" + FullJsonSuffix, SearchOption.AllDirectories).Select(Path.GetFullPath).ToList();
                // A compressed full report counts only when the same run has no indented one (both exporters on).
                var compressed = Directory.EnumerateFiles(path, "*" + CompressedFullJsonSuffix, SearchOption.AllDirectories)
                    .Select(Path.GetFullPath)
                    .Where(c => !full.Contains(c[..^CompressedFullJsonSuffix.Length] + FullJsonSuffix, StringComparer.Ordinal));
                var found = full.Concat(compressed).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new PerfGuardInputException(path, 0, 0,
                        $"the folder holds no BenchmarkDotNet full JSON (*{FullJsonSuffix} or *{CompressedFullJsonSuffix}); run the benchmarks with '--exporters fulljson'");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else
            {
                throw new PerfGuardInputException(path, 0, 0, "no such file or folder");
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>One run: every benchmark of every file, merged. A key found twice is an error (PG1201).</summary>
    public static ResultSet ReadRun(IEnumerable<string> paths)
    {
        var files = ResolveFiles(paths);
        var merged = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        EnvironmentInfo? environment = null;
        foreach (var file in files)
        {
            var single = ReadFile(file);
            environment ??= single.Environment;
            foreach (var (key, result) in single.Benchmarks)
            {
                if (!merged.TryAdd(key, result))
                {
                    throw new PerfGuardInputException(file, 0, 0,
                        $"benchmark '{key}' is also in '{merged[key].SourceFile}'; one results set must name each benchmark once (pass separate runs to 'baseline update --runs k')");
                }
            }
        }

        return new ResultSet(merged, environment ?? EnvironmentInfo.Unknown, files);
    }

    /// <summary>Several runs: each file is one run of the benchmarks it holds (used to pool a baseline).</summary>
    public static IReadOnlyList<ResultSet> ReadRuns(IEnumerable<string> paths) =>
        ResolveFiles(paths).Select(ReadFile).ToList();

    public static ResultSet ReadFile(string path)
    {
        using var input = JsonInput.Open(path);
        return Read(input);
    }

    public static ResultSet ReadText(string path, string json)
    {
        using var input = JsonInput.Parse(path, System.Text.Encoding.UTF8.GetBytes(json));
        return Read(input);
    }

    private static ResultSet Read(JsonInput input)
    {
        var root = input.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw input.Error([], $"expected BenchmarkDotNet full JSON (an object with 'Benchmarks'), found {JsonInput.Describe(root.ValueKind)}");
        }

        var environment = ReadEnvironment(input, root);
        var benchmarksElement = input.RequireProperty(root, [], "Benchmarks", JsonValueKind.Array);
        var benchmarks = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in benchmarksElement.EnumerateArray())
        {
            object[] at = ["Benchmarks", index];
            var result = ReadBenchmark(input, element, at);
            if (!benchmarks.TryAdd(result.Key, result))
            {
                throw input.Error([.. at, "FullName"], $"duplicate benchmark '{result.Key}'");
            }

            index++;
        }

        if (benchmarks.Count == 0)
        {
            throw input.Error(["Benchmarks"], "the file has no benchmarks");
        }

        AttachSidecarCategories(input.Path, benchmarks);
        return new ResultSet(benchmarks, environment, [input.Path]);
    }

    private static BenchmarkResult ReadBenchmark(JsonInput input, JsonElement element, object[] at)
    {
        var key = input.RequireProperty(element, at, "FullName", JsonValueKind.String).GetString() ?? string.Empty;
        if (key.Length == 0)
        {
            throw input.Error([.. at, "FullName"], "the benchmark's FullName is empty");
        }

        var measurements = input.RequireProperty(element, at, "Measurements", JsonValueKind.Array);
        var values = new List<double>();
        var m = 0;
        foreach (var measurement in measurements.EnumerateArray())
        {
            object[] mAt = [.. at, "Measurements", m++];
            if (measurement.ValueKind != JsonValueKind.Object)
            {
                throw input.Error(mAt, "expected a measurement object");
            }

            if (!IsWorkloadResult(measurement))
            {
                continue;
            }

            var nanoseconds = input.RequireFiniteNumber(input.RequireProperty(measurement, mAt, "Nanoseconds", JsonValueKind.Number), [.. mAt, "Nanoseconds"]);
            var operations = input.RequireFiniteNumber(input.RequireProperty(measurement, mAt, "Operations", JsonValueKind.Number), [.. mAt, "Operations"]);
            if (operations <= 0)
            {
                throw input.Error([.. mAt, "Operations"], "operations must be positive");
            }

            values.Add(nanoseconds / operations);
        }

        if (values.Count == 0)
        {
            throw input.Error([.. at, "Measurements"],
                $"benchmark '{key}' has no Workload/Result measurements (did it fail, or was the JSON trimmed?)");
        }

        double? bytes = null;
        double? roundTrips = null;
        double gen0 = 0, gen1 = 0, gen2 = 0;
        if (element.TryGetProperty("Metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var metric in metrics.EnumerateArray())
            {
                object[] metricAt = [.. at, "Metrics", i++];
                if (metric.ValueKind != JsonValueKind.Object
                    || !metric.TryGetProperty("Descriptor", out var descriptor)
                    || descriptor.ValueKind != JsonValueKind.Object
                    || !descriptor.TryGetProperty("Id", out var idElement)
                    || idElement.ValueKind != JsonValueKind.String)
                {
                    continue; // metrics we do not understand are someone else's business
                }

                var id = idElement.GetString();
                if (id is not (AllocatedMetricId or RoundTripsMetricId or "Gen0Collects" or "Gen1Collects" or "Gen2Collects"))
                {
                    continue;
                }

                var value = input.RequireFiniteNumber(input.RequireProperty(metric, metricAt, "Value", JsonValueKind.Number), [.. metricAt, "Value"]);
                if (value < 0)
                {
                    throw input.Error([.. metricAt, "Value"], $"metric '{id}' is negative");
                }

                switch (id)
                {
                    case AllocatedMetricId: bytes = value; break;
                    case RoundTripsMetricId: roundTrips = value; break;
                    case "Gen0Collects": gen0 = value; break;
                    case "Gen1Collects": gen1 = value; break;
                    default: gen2 = value; break;
                }
            }
        }

        return new BenchmarkResult(key, values, input.Path)
        {
            BytesAllocatedPerOperation = bytes,
            RoundTripsPerOperation = roundTrips,
            Gen0PerThousandOperations = gen0,
            Gen1PerThousandOperations = gen1,
            Gen2PerThousandOperations = gen2,
            Job = JobOf(element),
        };
    }

    private static bool IsWorkloadResult(JsonElement measurement) =>
        measurement.TryGetProperty("IterationMode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.ValueEquals("Workload")
        && measurement.TryGetProperty("IterationStage", out var stage) && stage.ValueKind == JsonValueKind.String && stage.ValueEquals("Result");

    /// <summary>
    /// The job's characteristics from DisplayInfo ("Type.Method: Job-ABCDEF(IterationCount=25, ...) [P=1]"):
    /// BenchmarkDotNet's random job id is dropped so that the same job reads the same every run.
    /// </summary>
    internal static string JobOf(JsonElement benchmark)
    {
        if (!benchmark.TryGetProperty("DisplayInfo", out var display) || display.ValueKind != JsonValueKind.String)
        {
            return "unknown";
        }

        var text = display.GetString() ?? string.Empty;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var job = colon < 0 ? text : text[(colon + 2)..];
        var parameters = job.LastIndexOf(" [", StringComparison.Ordinal);
        if (parameters > 0)
        {
            job = job[..parameters];
        }

        var open = job.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && job.StartsWith("Job-", StringComparison.Ordinal) && job.EndsWith(')'))
        {
            job = job[(open + 1)..^1];
        }

        return job.Trim();
    }

    private static EnvironmentInfo ReadEnvironment(JsonInput input, JsonElement root)
    {
        if (!root.TryGetProperty("HostEnvironmentInfo", out var host) || host.ValueKind != JsonValueKind.Object)
        {
            return EnvironmentInfo.Unknown;
        }

        return new EnvironmentInfo(
            Text(host, "OsVersion"),
            Text(host, "ProcessorName"),
            host.TryGetProperty("LogicalCoreCount", out var cores) && cores.ValueKind == JsonValueKind.Number && cores.TryGetInt32(out var c) ? c : 0,
            Text(host, "RuntimeVersion"),
            Text(host, "Architecture"),
            Text(host, "BenchmarkDotNetVersion"));

        static string Text(JsonElement host, string name) =>
            host.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "unknown" : "unknown";
    }

    /// <summary>The sidecar's per-iteration CPU time per operation (optional; absent for results of older extensions).</summary>
    private static IReadOnlyList<double> ReadCpuValues(JsonInput input, JsonElement entry, object[] at)
    {
        if (!entry.TryGetProperty(PerfGuardContract.Sidecar.CpuNanosecondsPerOperation, out var values))
        {
            return [];
        }

        object[] valuesAt = [.. at, PerfGuardContract.Sidecar.CpuNanosecondsPerOperation];
        if (values.ValueKind != JsonValueKind.Array)
        {
            throw input.Error(valuesAt, "expected an array of CPU nanoseconds per operation");
        }

        return values.EnumerateArray().Select((v, i) =>
        {
            var value = input.RequireFiniteNumber(v, [.. valuesAt, i]);
            return value >= 0 ? value : throw input.Error([.. valuesAt, i], "CPU time cannot be negative");
        }).ToList();
    }

    private static Contention? ReadContention(JsonInput input, JsonElement entry, object[] at)
    {
        if (!entry.TryGetProperty(PerfGuardContract.Sidecar.Contention, out var contention))
        {
            return null;
        }

        object[] contentionAt = [.. at, PerfGuardContract.Sidecar.Contention];
        if (contention.ValueKind != JsonValueKind.Object)
        {
            throw input.Error(contentionAt, "expected an object");
        }

        return new Contention(
            Optional(PerfGuardContract.Sidecar.WaitFraction),
            Optional(PerfGuardContract.Sidecar.LoadAverage),
            Optional(PerfGuardContract.Sidecar.CpuPressure),
            Optional(PerfGuardContract.Sidecar.CpuToWall));

        double? Optional(string name) =>
            contention.TryGetProperty(name, out var value) ? input.RequireFiniteNumber(value, [.. contentionAt, name]) : null;
    }

    private static void AttachSidecarCategories(string fullJsonPath, Dictionary<string, BenchmarkResult> benchmarks)
    {
        var suffix = fullJsonPath.EndsWith(FullJsonSuffix, StringComparison.OrdinalIgnoreCase) ? FullJsonSuffix
            : fullJsonPath.EndsWith(CompressedFullJsonSuffix, StringComparison.OrdinalIgnoreCase) ? CompressedFullJsonSuffix
            : null;
        if (suffix is null)
        {
            return;
        }

        var sidecar = fullJsonPath[..^suffix.Length] + SidecarSuffix;
        if (!File.Exists(sidecar))
        {
            return;
        }

        using var input = JsonInput.Open(sidecar);
        var list = input.RequireProperty(input.Root, [], "benchmarks", JsonValueKind.Array);
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            object[] at = ["benchmarks", i++];
            var name = input.RequireProperty(entry, at, "fullName", JsonValueKind.String).GetString() ?? string.Empty;
            var categories = input.RequireProperty(entry, at, "categories", JsonValueKind.Array)
                .EnumerateArray()
                .Select((c, ci) => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw input.Error([.. at, "categories", ci], "expected a category name"))
                .ToList();
            if (benchmarks.TryGetValue(name, out var result))
            {
                result.Categories = categories;
                result.CpuNanosecondsPerOperation = ReadCpuValues(input, entry, at);
                result.Contention = ReadContention(input, entry, at);
            }
        }
    }
}
