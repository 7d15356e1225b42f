using AssetAnchor.PerfGuard.BenchmarkDotNet;
using BenchmarkDotNet.Running;

namespace AssetAnchor.Sample.Benchmarks;

public static class SampleBenchmarksProgram
{
    private const string JobSwitch = "--perfguard-job";

    /// <summary>
    /// BenchmarkDotNet's own arguments, plus <c>--perfguard-job Quick|Thorough</c> (default Quick), e.g.
    /// <c>dotnet run -c Release -- --filter '*' --artifacts artifacts/perfguard --perfguard-job Quick</c>.
    /// </summary>
    public static int Main(string[] args)
    {
        var job = PerfGuardJob.Quick;
        var benchmarkArgs = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (string.Equals(args[i], JobSwitch, StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 >= args.Length || !Enum.TryParse(args[i + 1], ignoreCase: true, out job))
                {
                    Console.Error.WriteLine($"{JobSwitch} takes {string.Join(" or ", Enum.GetNames<PerfGuardJob>())}.");
                    return 2;
                }

                i++;
                continue;
            }

            benchmarkArgs.Add(args[i]);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(SampleBenchmarksProgram).Assembly)
            .Run([.. benchmarkArgs], PerfGuardConfig.Create(job));
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
