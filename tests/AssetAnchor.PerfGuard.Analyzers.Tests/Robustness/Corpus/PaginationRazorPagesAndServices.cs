using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; public List<Property> Properties { get; set; } = new(); }
public class Property { public int Id { get; set; } public int OwnerId { get; set; } public string Name { get; set; } = ""; public string City { get; set; } = ""; public decimal Rent { get; set; } public List<Lease> Leases { get; set; } = new(); }
public class Tenant { public int TenantId { get; set; } public string FullName { get; set; } = ""; }
public class Lease { public int Id { get; set; } public int PropertyId { get; set; } public int TenantId { get; set; } public DateTime Start { get; set; } }
public class Payment { [Key] public int PaymentNumber { get; set; } public int LeaseId { get; set; } public decimal Amount { get; set; } }
public class Document { public int Id { get; set; } public string Title { get; set; } = ""; }
public class MaintenanceRequest { public int Id { get; set; } public int PropertyId { get; set; } public string Status { get; set; } = ""; }
public class PropertyType { public int Id { get; set; } public string Name { get; set; } = ""; }
public record PropertyDto(int Id, string Name);
public record PropertySummary(string Name, string City);

public class AnchorContext : DbContext
{
    public DbSet<Owner> Owners => Set<Owner>();
    public DbSet<Property> Properties => Set<Property>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<MaintenanceRequest> MaintenanceRequests => Set<MaintenanceRequest>();
    public DbSet<PropertyType> PropertyTypes => Set<PropertyType>();
}


// Razor Pages and services behind interfaces, with validation and guards.
public class PageQuery
{
    [Range(1, 100)] public int PageSize { get; set; } = 20;
    public int Page { get; set; } = 1;
}

public abstract class AbstractValidator<T> { }
public class TenantFilter { public int Take { get; set; } = 10; }
public class TenantFilterValidator : AbstractValidator<TenantFilter> { }

public interface IMaintenanceRepository { Task<IReadOnlyList<MaintenanceRequest>> GetOpenAsync(); }

public class MaintenanceRepository(AnchorContext db) : IMaintenanceRepository
{
    public async Task<IReadOnlyList<MaintenanceRequest>> GetOpenAsync() =>
        await db.MaintenanceRequests.Where(m => m.Status == "Open").ToListAsync();
}

public class IndexModel(AnchorContext db, IMaintenanceRepository maintenance) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageSize { get; set; } = 25;
    public IList<Property> Properties { get; set; } = new List<Property>();
    public IReadOnlyList<MaintenanceRequest> Open { get; set; } = Array.Empty<MaintenanceRequest>();
    public Property? Selected { get; set; }

    public async Task OnGetAsync()
    {
        Properties = await db.Properties.AsNoTracking().ToListAsync();
        Open = await maintenance.GetOpenAsync();
    }

    public async Task OnGetPageAsync(int page = 1) =>
        Properties = await db.Properties.OrderBy(p => p.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();

    public async Task<IActionResult> OnPostSelectAsync(int id)
    {
        Selected = await db.Properties.FindAsync(id);
        return Selected is null ? NotFound() : Page();
    }
}

[ApiController, Route("api/tenants")]
public class TenantsController(AnchorContext db) : ControllerBase
{
    [HttpGet]
    public Task<List<Tenant>> Get([FromQuery] PageQuery query) =>
        db.Tenants.OrderBy(t => t.TenantId).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync();

    [HttpGet("filtered")]
    public Task<List<Tenant>> Filtered([FromQuery] TenantFilter filter) => db.Tenants.OrderBy(t => t.TenantId).Take(filter.Take).ToListAsync();

    [HttpGet("guarded")]
    public Task<List<Tenant>> Guarded(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        if (pageSize is < 1) pageSize = 10;
        return db.Tenants.OrderBy(t => t.TenantId).Take(pageSize).ToListAsync();
    }
}
