using AssetAnchor.PerfGuard.BenchmarkDotNet;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Services;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

[BenchmarkCategory(PerfGuardCategories.Reporting)]
public class FinancialReportBenchmarks
{
    private DbContextOptions<AssetAnchorDbContext> options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        await YearlyReport();
    }

    /// <summary>A year of transactions aggregated per month plus the top 10 properties: 2 round trips.</summary>
    [Benchmark]
    public async Task<FinancialReport> YearlyReport()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new FinancialReports(db).GetYearlyReportAsync(2024);
    }
}
