using System.Reflection;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Baselines;

/// <summary>Builds a baseline from one or more runs of the same suite.</summary>
public static class BaselineBuilder
{
    public static string ToolVersion { get; } = "perfguard " + (
        typeof(BaselineBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0");

    /// <summary>
    /// Pools runs per benchmark key. When <paramref name="expectedRuns"/> is given, every benchmark must appear
    /// in exactly that many runs (each results file is one run), so that a forgotten run cannot shrink the noise.
    /// Values are rounded as they will be written, so that a baseline read back equals the one built here.
    /// </summary>
    public static Baseline Build(IReadOnlyList<ResultSet> runs, int? expectedRuns = null, string? commit = null)
    {
        if (runs.Count == 0)
        {
            throw new PerfGuardInputException(string.Empty, 0, 0, "no results to build a baseline from");
        }

        var byKey = new SortedDictionary<string, List<BenchmarkResult>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var (key, result) in run.Benchmarks)
            {
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                list.Add(result);
            }
        }

        if (expectedRuns is { } k)
        {
            foreach (var (key, results) in byKey)
            {
                if (results.Count != k)
                {
                    throw new PerfGuardInputException(results[0].SourceFile, 0, 0,
                        $"--runs {k} expects each benchmark in {k} results files, but '{key}' is in {results.Count}: {string.Join(", ", results.Select(r => r.SourceFile))}");
                }
            }
        }

        var entries = new List<BaselineEntry>(byKey.Count);
        foreach (var (key, results) in byKey)
        {
            var runValues = results.Select(r => (IReadOnlyList<double>)r.NanosecondsPerOperation.Select(Round).ToList()).ToList();
            var pooled = runValues.SelectMany(v => v).ToList();
            var quantiles = Quantiles.Of(pooled);
            var bytes = results.Where(r => r.BytesAllocatedPerOperation is not null).Select(r => Round(r.BytesAllocatedPerOperation!.Value)).ToList();
            double? maxBytes = bytes.Count > 0 ? bytes.Max() : null;
            double? minBytes = bytes.Count > 0 ? bytes.Min() : null;
            var cpuRunValues = results.Where(r => r.CpuNanosecondsPerOperation.Count > 0)
                .Select(r => (IReadOnlyList<double>)r.CpuNanosecondsPerOperation.Select(Round).ToList()).ToList();
            entries.Add(new BaselineEntry
            {
                Key = key,
                Categories = results.SelectMany(r => r.Categories).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList(),
                Median = Round(quantiles.Median),
                P95 = Round(quantiles.P95),
                P99 = Round(quantiles.P99),
                // Allocations and round trips usually repeat exactly; if runs disagree, keep the largest so that noise
                // in the baseline can never turn into a failure later, and for bytes the smallest too: their spread
                // is this benchmark's allocation noise, which widens its tolerance.
                BytesPerOp = maxBytes,
                BytesPerOpMin = minBytes < maxBytes ? minBytes : null,
                RoundTripsPerOp = results.Any(r => r.RoundTripsPerOperation is not null) ? Round(results.Max(r => r.RoundTripsPerOperation ?? 0)) : null,
                Gen0PerThousandOps = Round(results.Max(r => r.Gen0PerThousandOperations)),
                RunMedians = runValues.Select(v => Round(Quantiles.MedianOf(v))).ToList(),
                RunValues = runValues,
                CpuMedian = cpuRunValues.Count > 0 ? Round(Quantiles.MedianOf(cpuRunValues.SelectMany(v => v).ToList())) : null,
                CpuRunMedians = cpuRunValues.Select(v => Round(Quantiles.MedianOf(v))).ToList(),
                CpuRunValues = cpuRunValues,
            });
        }

        var jobs = byKey.Values.SelectMany(r => r).Select(r => r.Job).Distinct(StringComparer.Ordinal).ToList();
        return new Baseline
        {
            Tool = ToolVersion,
            Commit = commit,
            Environment = runs[0].Environment,
            Job = jobs.Count == 1 ? jobs[0] : "mixed",
            Benchmarks = entries,
        };
    }

    private static double Round(double value) => Units.RoundSignificant(value, 4);
}
