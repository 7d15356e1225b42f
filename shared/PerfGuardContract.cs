// Compiled into both the BenchmarkDotNet extension (which writes these names) and the engine (which reads them), so
// that the two sides of the file contract cannot drift apart. Linked with <Compile Include="...\shared\..." />.
namespace AssetAnchor.PerfGuard.Contract;

/// <summary>The names shared by the files the BenchmarkDotNet extension writes and the engine reads.</summary>
internal static class PerfGuardContract
{
    /// <summary>BenchmarkDotNet's full JSON report (<c>--exporters fulljson</c>).</summary>
    public const string FullJsonSuffix = "-report-full.json";

    /// <summary>The file caption of the PerfGuard sidecar: <c>&lt;title&gt;-perfguard.json</c>.</summary>
    public const string SidecarCaption = "perfguard";

    public const string SidecarSuffix = "-" + SidecarCaption + ".json";

    /// <summary>The sidecar's schema. Later fields are additive: a reader ignores what it does not know.</summary>
    public const string SidecarSchema = "perfguard-benchmarks/1";

    /// <summary>Metric id (full JSON <c>Metrics[].Descriptor.Id</c>): database round trips per operation.</summary>
    public const string RoundTripsMetricId = "PerfGuard.DbRoundTrips";

    /// <summary>Metric id: median process CPU time per operation, nanoseconds (the per-iteration values are in the sidecar).</summary>
    public const string CpuTimeMetricId = "PerfGuard.CpuTime";

    /// <summary>Metric id: the fraction of runnable time the benchmark's threads waited for a core (0..1).</summary>
    public const string CpuWaitMetricId = "PerfGuard.CpuWait";

    /// <summary>Sidecar property names, per benchmark.</summary>
    public static class Sidecar
    {
        public const string Benchmarks = "benchmarks";
        public const string FullName = "fullName";
        public const string Categories = "categories";

        /// <summary>Process CPU time per operation of each measured iteration, nanoseconds.</summary>
        public const string CpuNanosecondsPerOperation = "cpuNsPerOp";

        /// <summary>How busy the machine was while the benchmark was measured (an object of the three below).</summary>
        public const string Contention = "contention";

        /// <summary>Run-queue wait / (run-queue wait + running) of the benchmark process's threads (Linux schedstat).</summary>
        public const string WaitFraction = "waitFraction";

        /// <summary>The highest 1-minute load average seen at the start or end of the measured iterations.</summary>
        public const string LoadAverage = "loadAverage";

        /// <summary>Share of the measured time some task of the machine waited for a CPU (Linux PSI, /proc/pressure/cpu).</summary>
        public const string CpuPressure = "cpuPressure";

        /// <summary>Median of the per-iteration CPU time / wall time.</summary>
        public const string CpuToWall = "cpuToWall";
    }

    /// <summary>The budget categories of the performance-testing guide (compared case-insensitively).</summary>
    public static class Categories
    {
        public const string CriticalPath = "CriticalPath";
        public const string Read = "Read";
        public const string Write = "Write";
        public const string Reporting = "Reporting";
    }
}
