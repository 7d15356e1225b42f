using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.DotNetCli;
using Perfolizer.Horology;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet;

public enum PerfGuardJob
{
    /// <summary>For pull requests: 3 warm-ups, 15 measured iterations of about 250 ms, one launch, tiered compilation off.</summary>
    Quick,

    /// <summary>For nightly runs and baselines: 3 launches of 6 warm-ups and 30 iterations of about 500 ms, tiered compilation off.</summary>
    Thorough,
}

public static class PerfGuardJobs
{
    public const string QuickId = "PerfGuardQuick";
    public const string ThoroughId = "PerfGuardThorough";

    /// <summary>
    /// Tiered compilation is off in the benchmark process: with it on, the allocation measurement catches some of the
    /// code still at tier 0 (which, unlike optimized code, does not stack-allocate non-escaping objects), and the
    /// sample's N+1 listing measured 785,674 to 860,208 bytes/op across five runs; with it off, 786,959 to 791,931
    /// across three. Allocated bytes are a hard gate, so they must repeat. (Times then measure fully optimized code
    /// without dynamic PGO, like an application started with TieredCompilation=false.)
    /// </summary>
    public const string TieredCompilationVariable = "DOTNET_TieredCompilation";

    /// <summary>
    /// BenchmarkDotNet 0.15.8 builds its generated project with <c>/p:ArtifactsPath=...</c>, which switches every
    /// project of the suite's graph to the SDK's artifacts layout: new obj/ folders, so the child build restores and
    /// compiles the whole graph again from scratch (it hit the 120 s build timeout on a busy 2-core machine). With
    /// the artifacts layout off, the child build reuses the obj/ folders of the build that just ran and only copies
    /// the outputs into BenchmarkDotNet's folder. Measured in docs/benchmarks.md ("The child build").
    /// </summary>
    public static MsBuildArgument ReuseBuildOutput { get; } = new("/p:UseArtifactsOutput=false");

    /// <summary>
    /// The child build's time limit (BenchmarkDotNet's default is 120 s). A limit, not a cost: an incremental child
    /// build took 72 s at load 50 on 2 cores, and a slow CI runner must not lose its whole run to a fixed 120 s.
    /// </summary>
    public static TimeSpan BuildTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// 15 values per benchmark is enough for the gate's Mann-Whitney test at the 5% level to see a real shift, and
    /// short enough that a suite of a dozen benchmarks runs in a few minutes on a 2-core CI machine.
    /// </summary>
    public static Job Quick { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(15)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithEnvironmentVariable(TieredCompilationVariable, "0")
        .WithArguments([ReuseBuildOutput])
        .WithId(QuickId)
        .Freeze();

    public static Job Thorough { get; } = Job.Default
        .WithLaunchCount(3)
        .WithWarmupCount(6)
        .WithIterationCount(30)
        .WithIterationTime(TimeInterval.FromMilliseconds(500))
        .WithEnvironmentVariable(TieredCompilationVariable, "0")
        .WithArguments([ReuseBuildOutput])
        .WithId(ThoroughId)
        .Freeze();

    public static Job Get(PerfGuardJob job) => job switch
    {
        PerfGuardJob.Quick => Quick,
        PerfGuardJob.Thorough => Thorough,
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "Unknown PerfGuard job."),
    };
}
