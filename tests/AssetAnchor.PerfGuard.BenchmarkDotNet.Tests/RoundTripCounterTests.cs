using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
using AssetAnchor.Sample.Benchmarks;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Services;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

/// <summary>The counter on the sample suite's own listings, over the seeded database the suite measures.</summary>
public sealed class RoundTripCounterTests
{
    private const int PageSize = PropertyListingBenchmarks.PageSize;

    [Fact]
    public async Task Naive_listing_makes_two_round_trips_plus_two_per_row()
    {
        var options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        await using var db = new AssetAnchorDbContext(options);

        using var scope = DbRoundTripCounter.BeginScope();
        var page = await new NaivePropertyQueries(db).ListWithQueriesPerRowAsync(page: 2, PageSize);

        Assert.Equal(PageSize, page.Items.Count);
        Assert.Equal(2 + (2 * PageSize), scope.Count);
    }

    [Fact]
    public async Task Fixed_listing_makes_two_round_trips_whatever_the_page_size()
    {
        var options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        foreach (var pageSize in new[] { 1, PageSize, PropertyQueries.MaxPageSize })
        {
            await using var db = new AssetAnchorDbContext(options);
            using var scope = DbRoundTripCounter.BeginScope();
            var page = await new PropertyQueries(db).ListAsync(new PropertyFilter(), page: 2, pageSize);

            Assert.Equal(pageSize, page.Items.Count);
            Assert.Equal(2, scope.Count);
        }
    }

    [Fact]
    public async Task Naive_and_fixed_listings_return_the_same_rows()
    {
        var options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        await using var db = new AssetAnchorDbContext(options);

        var naive = await new NaivePropertyQueries(db).ListWithQueriesPerRowAsync(page: 2, PageSize);
        var fixedPage = await new PropertyQueries(db).ListAsync(new PropertyFilter(), page: 2, PageSize);
        var all = await new NaivePropertyQueries(db).ListAllAsync();

        Assert.Equal(fixedPage.Items, naive.Items);
        Assert.Equal(fixedPage.Items, all.Skip(PageSize).Take(PageSize));
        Assert.Equal(fixedPage.TotalCount, all.Count);
    }

    [Fact]
    public async Task Scopes_nest_and_count_their_own_flow_and_the_flows_it_starts()
    {
        var options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        await using var db = new AssetAnchorDbContext(options);

        using var outer = DbRoundTripCounter.BeginScope();
        await db.Owners.CountAsync();
        long innerCount;
        using (var inner = DbRoundTripCounter.BeginScope())
        {
            await db.Tenants.CountAsync();
            await db.Leases.CountAsync();
            innerCount = inner.Count;
        }

        // Work this flow starts (Task.Run captures the flow) counts; a flow that does not inherit it does not.
        await Task.Run(() => CountOwnersAsync(options));
        Task<int> unrelated;
        using (ExecutionContext.SuppressFlow())
        {
            unrelated = Task.Run(() => CountOwnersAsync(options));
        }

        await unrelated;
        Assert.Equal(2, innerCount);
        Assert.Equal(4, outer.Count);
    }

    private static async Task<int> CountOwnersAsync(DbContextOptions<AssetAnchorDbContext> options)
    {
        await using var other = new AssetAnchorDbContext(options);
        return await other.Owners.CountAsync();
    }
}
