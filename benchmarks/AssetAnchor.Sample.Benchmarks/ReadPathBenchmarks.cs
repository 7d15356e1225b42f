using AssetAnchor.PerfGuard.BenchmarkDotNet;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using AssetAnchor.Sample.Services;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

/// <summary>The read paths of the seed guide: detail, tenant search, background check, transaction history, document search.</summary>
[BenchmarkCategory(PerfGuardCategories.Read)]
public class ReadPathBenchmarks
{
    private DbContextOptions<AssetAnchorDbContext> options = null!;
    private int leasedPropertyId;
    private int tenantId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        var lease = await SeededSampleDatabase.FirstActiveLeaseAsync(options);
        leasedPropertyId = lease.PropertyId;
        tenantId = lease.TenantId;
        await PropertyDetail();
    }

    /// <summary>Property with owner and open count, current leases (Include), latest open maintenance: 3 round trips.</summary>
    [Benchmark]
    public async Task<PropertyDetail?> PropertyDetail()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new PropertyQueries(db).GetDetailAsync(leasedPropertyId);
    }

    /// <summary>Prefix search over 5,000 tenants, first page of 25: 2 round trips.</summary>
    [Benchmark]
    public async Task<PagedResult<TenantSummary>> TenantSearch()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new TenantQueries(db).SearchAsync("Mar", page: 1, pageSize: 25);
    }

    [Benchmark]
    public async Task<BackgroundCheckResult?> BackgroundCheckStatus()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new TenantQueries(db).GetBackgroundCheckAsync(tenantId);
    }

    /// <summary>A property's payments, newest first, first page of 25 out of 20,000 transactions: 2 round trips.</summary>
    [Benchmark]
    public async Task<PagedResult<TransactionRow>> TransactionHistory()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new TransactionQueries(db).GetHistoryAsync(new TransactionHistoryFilter(PropertyId: leasedPropertyId), page: 1, pageSize: 25);
    }

    [Benchmark]
    public async Task<PagedResult<DocumentInfo>> DocumentSearch()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new DocumentStore(db, TimeProvider.System).SearchAsync("inspection", propertyId: null, page: 1, pageSize: 25);
    }
}
