using BenchmarkDotNet.Running;

namespace AssetAnchor.Sample.Benchmarks;

public static class SampleBenchmarksProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(SampleBenchmarksProgram).Assembly).Run(args);
}
