using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using AssetAnchor.Sample.Services;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

/// <summary>
/// The two listing mistakes PerfGuard's analyzers exist for, kept here (never in the sample) so the suite can measure
/// them beside the fixed <see cref="PropertyQueries.ListAsync"/> and the rule pages can quote the difference.
/// Both return exactly what the fixed listing returns.
/// </summary>
public sealed class NaivePropertyQueries(AssetAnchorDbContext db)
{
    /// <summary>N+1: the page, then the owner and the open-maintenance count once per row (2 + 2 x page size round trips).</summary>
    public async Task<PagedResult<PropertySummary>> ListWithQueriesPerRowAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, PropertyQueries.MaxPageSize);
        var total = await db.Properties.CountAsync(cancellationToken);
        var rows = await db.Properties
            .AsNoTracking()
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);

        var items = new List<PropertySummary>(rows.Count);
        foreach (var property in rows)
        {
#pragma warning disable PG0001 // deliberate: measured naive variant (a query per row)
            var ownerName = await db.Owners
                .Where(o => o.Id == property.OwnerId)
                .Select(o => o.Name)
                .SingleAsync(cancellationToken);
            var openMaintenance = await db.MaintenanceRequests
                .CountAsync(m => m.PropertyId == property.Id && m.Status != MaintenanceStatus.Resolved, cancellationToken);
#pragma warning restore PG0001
            items.Add(new PropertySummary(
                property.Id, property.Name, property.City, property.Status, property.Type, property.Bedrooms,
                property.MonthlyRentCents, ownerName, openMaintenance));
        }

        return new PagedResult<PropertySummary>(items, page, pageSize, total);
    }

    /// <summary>Unpaginated: every property with its owner and maintenance rows, shaped in memory (1 round trip, all rows).</summary>
    public async Task<List<PropertySummary>> ListAllAsync(CancellationToken cancellationToken = default)
    {
#pragma warning disable PG0004 // deliberate: measured naive variant (no row limit)
        var all = await db.Properties
            .AsNoTracking()
            .Include(p => p.Owner)
            .Include(p => p.MaintenanceRequests)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
#pragma warning restore PG0004
        return all
            .Select(p => new PropertySummary(
                p.Id, p.Name, p.City, p.Status, p.Type, p.Bedrooms, p.MonthlyRentCents, p.Owner!.Name,
                p.MaintenanceRequests.Count(m => m.Status != MaintenanceStatus.Resolved)))
            .ToList();
    }
}
