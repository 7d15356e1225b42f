using AssetAnchor.PerfGuard.Contract;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet;

/// <summary>
/// The budget categories of the performance-testing guide, used with <c>[BenchmarkCategory]</c>. PerfGuard's gate
/// maps each to its p50/p95/p99 budget (names compare case-insensitively); perfguard.json can override the numbers.
/// </summary>
public static class PerfGuardCategories
{
    /// <summary>Critical path: p50 200 ms, p95 500 ms, p99 1 s.</summary>
    public const string CriticalPath = PerfGuardContract.Categories.CriticalPath;

    /// <summary>Read operations: p50 300 ms, p95 700 ms, p99 1.2 s.</summary>
    public const string Read = PerfGuardContract.Categories.Read;

    /// <summary>Write operations: p50 500 ms, p95 1 s, p99 1.5 s.</summary>
    public const string Write = PerfGuardContract.Categories.Write;

    /// <summary>Reporting: p50 1 s, p95 3 s, p99 5 s.</summary>
    public const string Reporting = PerfGuardContract.Categories.Reporting;

    /// <summary>All four, in the order of the guide's table.</summary>
    public static IReadOnlyList<string> All { get; } = [CriticalPath, Read, Write, Reporting];
}
