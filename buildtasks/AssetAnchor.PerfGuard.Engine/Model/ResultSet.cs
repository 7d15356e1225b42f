namespace AssetAnchor.PerfGuard.Engine.Model;

/// <summary>The benchmarks of one run (one or several BenchmarkDotNet full JSON files), keyed by FullName.</summary>
public sealed class ResultSet
{
    public ResultSet(IReadOnlyDictionary<string, BenchmarkResult> benchmarks, EnvironmentInfo environment, IReadOnlyList<string> sourceFiles)
    {
        Benchmarks = benchmarks;
        Environment = environment;
        SourceFiles = sourceFiles;
    }

    public IReadOnlyDictionary<string, BenchmarkResult> Benchmarks { get; }

    public EnvironmentInfo Environment { get; }

    public IReadOnlyList<string> SourceFiles { get; }

    /// <summary>The job every benchmark ran with, or "mixed" when they differ.</summary>
    public string Job
    {
        get
        {
            var jobs = Benchmarks.Values.Select(b => b.Job).Distinct(StringComparer.Ordinal).ToList();
            return jobs.Count switch
            {
                0 => "none",
                1 => jobs[0],
                _ => "mixed",
            };
        }
    }

    /// <summary>A short description of where the results came from, for messages.</summary>
    public string DisplayPath => SourceFiles.Count == 1 ? SourceFiles[0] : $"{SourceFiles.Count} files";
}
