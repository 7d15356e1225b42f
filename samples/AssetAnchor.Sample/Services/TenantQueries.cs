using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Services;

public sealed record TenantSummary(int Id, string FirstName, string LastName, string Email, BackgroundCheckStatus BackgroundCheckStatus, int ActiveLeases);

public sealed record BackgroundCheckResult(int TenantId, string TenantName, BackgroundCheckStatus Status, DateTime? CompletedAtUtc);

public interface ITenantQueries
{
    /// <summary>Tenants whose last name, first name or e-mail starts with <paramref name="term"/>.</summary>
    Task<PagedResult<TenantSummary>> SearchAsync(string? term, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<BackgroundCheckResult?> GetBackgroundCheckAsync(int tenantId, CancellationToken cancellationToken = default);
}

public sealed class TenantQueries(AssetAnchorDbContext db) : ITenantQueries
{
    public const int MaxPageSize = Paging.MaxPageSize;

    public async Task<PagedResult<TenantSummary>> SearchAsync(string? term, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);

        var query = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var prefix = term.Trim();
            query = query.Where(t => t.LastName.StartsWith(prefix) || t.FirstName.StartsWith(prefix) || t.Email.StartsWith(prefix));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(t => t.LastName)
            .ThenBy(t => t.FirstName)
            .ThenBy(t => t.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(t => new TenantSummary(
                t.Id, t.FirstName, t.LastName, t.Email, t.BackgroundCheckStatus,
                t.Leases.Count(l => l.Status == LeaseStatus.Active)))
            .ToListAsync(cancellationToken);

        return new PagedResult<TenantSummary>(items, page, pageSize, total);
    }

    public Task<BackgroundCheckResult?> GetBackgroundCheckAsync(int tenantId, CancellationToken cancellationToken = default) =>
        db.Tenants
            .AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => new BackgroundCheckResult(t.Id, t.FirstName + " " + t.LastName, t.BackgroundCheckStatus, t.BackgroundCheckCompletedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
}
