using BenchmarkDotNet.Running;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

public static class SelfBenchmarksProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(SelfBenchmarksProgram).Assembly).Run(args);
}
