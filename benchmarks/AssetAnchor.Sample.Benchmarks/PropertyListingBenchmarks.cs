using AssetAnchor.PerfGuard.BenchmarkDotNet;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Services;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

/// <summary>The property listing (critical path), fixed and naive side by side: the Ratio column is naive / fixed.</summary>
[BenchmarkCategory(PerfGuardCategories.CriticalPath)]
public class PropertyListingBenchmarks
{
    public const int PageSize = 25;

    private DbContextOptions<AssetAnchorDbContext> options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        await Paged();
    }

    /// <summary>Filtered, sorted, second page of 25, projected: 2 round trips (count + page).</summary>
    [Benchmark(Baseline = true)]
    public async Task<PagedResult<PropertySummary>> Paged()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new PropertyQueries(db).ListAsync(new PropertyFilter(Sort: PropertySort.Name), page: 2, PageSize);
    }

    /// <summary>The same page with two queries per row.</summary>
    [Benchmark]
    public async Task<PagedResult<PropertySummary>> NPlusOne()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new NaivePropertyQueries(db).ListWithQueriesPerRowAsync(page: 2, PageSize);
    }

    /// <summary>All 1,000 properties with owners and maintenance rows.</summary>
    [Benchmark]
    public async Task<List<PropertySummary>> Unpaginated()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new NaivePropertyQueries(db).ListAllAsync();
    }
}
