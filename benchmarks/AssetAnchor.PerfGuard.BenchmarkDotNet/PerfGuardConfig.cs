using AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;
using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet;

/// <summary>
/// The BenchmarkDotNet configuration PerfGuard's gate reads: the full JSON exporter, the memory diagnoser
/// (allocated bytes/op), the database round-trip diagnoser, the CPU-time diagnoser (CPU time/op and contention), the categories sidecar, and median/p95/categories columns.
/// </summary>
public static class PerfGuardConfig
{
    public static ManualConfig Create(PerfGuardJob job = PerfGuardJob.Quick) => Create(PerfGuardJobs.Get(job));

    /// <summary>The PerfGuard configuration around a job of your own (give it an id: the baseline records it).</summary>
    public static ManualConfig Create(Job job) => AddPerfGuard(ManualConfig.Create(DefaultConfig.Instance), job);

    /// <summary>
    /// Only PerfGuard's additions, for an attribute: BenchmarkDotNet merges an attribute's config into the runner's
    /// (default or command-line) config, where a second copy of the default config would override the command line's
    /// <c>--artifacts</c> and duplicate the default exporters.
    /// </summary>
    internal static ManualConfig CreateAdditions(Job job) => AddPerfGuard(ManualConfig.CreateEmpty(), job);

    private static ManualConfig AddPerfGuard(ManualConfig config, Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        config.AddJob(WithCpuTimeRecorder(job));
        config.AddExporter(JsonExporter.Full, PerfGuardCategoriesExporter.Default);
        config.AddDiagnoser(MemoryDiagnoser.Default, DbRoundTripsDiagnoser.Default, CpuTimeDiagnoser.Default);
        config.AddColumn(StatisticColumn.Median, StatisticColumn.P95, CategoriesColumn.Default);
        config.WithBuildTimeout(PerfGuardJobs.BuildTimeout);
        return config;
    }

    /// <summary>
    /// The job with the CPU-time recorder loaded into its benchmark process as a startup hook (appended to any hook the
    /// job already names). Only the benchmark process gets the variable: set in the host, it would reach the child's
    /// build too, where the hook's assembly cannot be found.
    /// </summary>
    internal static Job WithCpuTimeRecorder(Job job)
    {
        var hook = PerfGuardStartupHook.AssemblyName;
        var existing = job.Environment.EnvironmentVariables?.FirstOrDefault(v => v.Key == PerfGuardStartupHook.Variable)?.Value;
        if (existing is not null && existing.Split(Path.PathSeparator).Contains(hook, StringComparer.Ordinal))
        {
            return job;
        }

        var value = string.IsNullOrEmpty(existing) ? hook : existing + Path.PathSeparator + hook;
        return job.WithEnvironmentVariable(PerfGuardStartupHook.Variable, value);
    }
}

/// <summary>
/// <c>[PerfGuardConfig]</c> or <c>[PerfGuardConfig(PerfGuardJob.Thorough)]</c> on a benchmark class (or assembly).
/// Do not also pass a config with a job to the runner, or each benchmark runs once per job.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class PerfGuardConfigAttribute : Attribute, IConfigSource
{
    public PerfGuardConfigAttribute()
        : this(PerfGuardJob.Quick)
    {
    }

    public PerfGuardConfigAttribute(PerfGuardJob job)
    {
        Job = job;
        Config = PerfGuardConfig.CreateAdditions(PerfGuardJobs.Get(job));
    }

    public PerfGuardJob Job { get; }

    public IConfig Config { get; }
}
