using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Services;

public enum PropertySort
{
    Name,
    RentAscending,
    RentDescending,
    Newest,
}

public sealed record PropertyFilter(
    string? City = null,
    PropertyStatus? Status = null,
    PropertyType? Type = null,
    long? MinRentCents = null,
    long? MaxRentCents = null,
    int? MinBedrooms = null,
    PropertySort Sort = PropertySort.Name);

public sealed record PropertySummary(
    int Id, string Name, string City, PropertyStatus Status, PropertyType Type, int Bedrooms, long MonthlyRentCents,
    string OwnerName, int OpenMaintenanceRequests);

public sealed record LeaseSummary(int LeaseId, int TenantId, string TenantName, DateTime StartsOnUtc, DateTime EndsOnUtc, long MonthlyRentCents, LeaseStatus Status);

public sealed record MaintenanceSummary(int Id, string Title, MaintenanceStatus Status, MaintenancePriority Priority, DateTime CreatedAtUtc);

public sealed record PropertyDetail(
    int Id, string Name, string Address, string City, PropertyStatus Status, PropertyType Type, int Bedrooms,
    long MonthlyRentCents, DateTime ListedAtUtc, int OwnerId, string OwnerName, string OwnerEmail,
    IReadOnlyList<LeaseSummary> CurrentLeases, int OpenMaintenanceCount, IReadOnlyList<MaintenanceSummary> RecentOpenMaintenance);

public interface IPropertyQueries
{
    Task<PagedResult<PropertySummary>> ListAsync(PropertyFilter filter, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<PropertyDetail?> GetDetailAsync(int propertyId, CancellationToken cancellationToken = default);
}

public sealed class PropertyQueries(AssetAnchorDbContext db) : IPropertyQueries
{
    public const int MaxPageSize = Paging.MaxPageSize;
    private const int RecentMaintenanceShown = 5;
    private const int MaxCurrentLeasesShown = 10;

    /// <summary>Two round trips: the count, then one page projected with its owner and counts in the same SQL.</summary>
    public async Task<PagedResult<PropertySummary>> ListAsync(
        PropertyFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);

        var query = db.Properties.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.City))
        {
            query = query.Where(p => p.City == filter.City);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(p => p.Type == type);
        }

        if (filter.MinRentCents is { } minRent)
        {
            query = query.Where(p => p.MonthlyRentCents >= minRent);
        }

        if (filter.MaxRentCents is { } maxRent)
        {
            query = query.Where(p => p.MonthlyRentCents <= maxRent);
        }

        if (filter.MinBedrooms is { } minBedrooms)
        {
            query = query.Where(p => p.Bedrooms >= minBedrooms);
        }

        var total = await query.CountAsync(cancellationToken);

        // Every sort ends on the key, so pages are stable and never overlap.
        var ordered = filter.Sort switch
        {
            PropertySort.RentAscending => query.OrderBy(p => p.MonthlyRentCents).ThenBy(p => p.Id),
            PropertySort.RentDescending => query.OrderByDescending(p => p.MonthlyRentCents).ThenBy(p => p.Id),
            PropertySort.Newest => query.OrderByDescending(p => p.ListedAtUtc).ThenBy(p => p.Id),
            _ => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
        };

        var items = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new PropertySummary(
                p.Id, p.Name, p.City, p.Status, p.Type, p.Bedrooms, p.MonthlyRentCents,
                p.Owner!.Name,
                p.MaintenanceRequests.Count(m => m.Status != MaintenanceStatus.Resolved)))
            .ToListAsync(cancellationToken);

        return new PagedResult<PropertySummary>(items, page, pageSize, total);
    }

    /// <summary>
    /// Three round trips, each a keyed lookup on an index: the property with its owner and open-maintenance count,
    /// the current leases with their tenants (Include), the latest open maintenance requests. (One statement with
    /// correlated collections is possible, but SQLite then scans every lease and maintenance row: measured slower.)
    /// </summary>
    public async Task<PropertyDetail?> GetDetailAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var property = await db.Properties
            .AsNoTracking()
            .Where(p => p.Id == propertyId)
            .Select(p => new
            {
                p.Id, p.Name, p.Address, p.City, p.Status, p.Type, p.Bedrooms, p.MonthlyRentCents, p.ListedAtUtc,
                p.OwnerId, OwnerName = p.Owner!.Name, OwnerEmail = p.Owner.Email,
                OpenMaintenance = p.MaintenanceRequests.Count(m => m.Status != MaintenanceStatus.Resolved),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (property is null)
        {
            return null;
        }

        var leases = await db.Leases
            .AsNoTracking()
            .Include(l => l.Tenant)
            .Where(l => l.PropertyId == propertyId && l.Status != LeaseStatus.Ended)
            .OrderBy(l => l.StartsOnUtc)
            .ThenBy(l => l.Id)
            .Take(MaxCurrentLeasesShown)
            .ToListAsync(cancellationToken);

        var recentMaintenance = await db.MaintenanceRequests
            .AsNoTracking()
            .Where(m => m.PropertyId == propertyId && m.Status != MaintenanceStatus.Resolved)
            .OrderByDescending(m => m.CreatedAtUtc)
            .ThenBy(m => m.Id)
            .Take(RecentMaintenanceShown)
            .Select(m => new MaintenanceSummary(m.Id, m.Title, m.Status, m.Priority, m.CreatedAtUtc))
            .ToListAsync(cancellationToken);

        var currentLeases = leases
            .Select(l => new LeaseSummary(
                l.Id, l.TenantId, $"{l.Tenant!.FirstName} {l.Tenant.LastName}", l.StartsOnUtc, l.EndsOnUtc, l.MonthlyRentCents, l.Status))
            .ToList();

        return new PropertyDetail(
            property.Id, property.Name, property.Address, property.City, property.Status, property.Type, property.Bedrooms,
            property.MonthlyRentCents, property.ListedAtUtc, property.OwnerId, property.OwnerName, property.OwnerEmail,
            currentLeases, property.OpenMaintenance, recentMaintenance);
    }
}
