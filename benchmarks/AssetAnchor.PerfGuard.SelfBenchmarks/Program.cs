using AssetAnchor.PerfGuard.BenchmarkDotNet;
using AssetAnchor.PerfGuard.SelfBenchmarks.Detection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

public static class SelfBenchmarksProgram
{
    /// <summary>
    /// <c>--detection</c> runs the detection harness's suite with the PerfGuard Quick job in this process (no child
    /// build, which under load can exceed BenchmarkDotNet's build timeout); start the process with
    /// <c>DOTNET_TieredCompilation=0</c>, as the Quick job's child process would be. Other arguments go to BenchmarkDotNet.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["--judge-detection", var folder])
        {
            Environment.Exit(DetectionJudge.Run(folder));
        }

        if (args.Contains("--detection"))
        {
            var job = PerfGuardJobs.Quick.WithToolchain(InProcessEmitToolchain.Instance).WithId(PerfGuardJobs.QuickId);
            var config = PerfGuardConfig.Create(job).WithOptions(ConfigOptions.DisableLogFile);
            BenchmarkSwitcher.FromTypes([typeof(DetectionBenchmarks)]).Run([.. args.Where(a => a != "--detection")], config);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(SelfBenchmarksProgram).Assembly).Run(args);
    }
}
