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

// Rows that travel beyond locals (issue 10): fields, wrappers, ViewBag, iterators, lists filled row by row, dispatchers.
public record LeasesResponse(List<Lease> Items);
public class PagedResult<T> { public List<T> Items { get; set; } = new(); public int Total { get; set; } }
public interface IQuery<TResult> { }
public interface IQueryHandler<TQuery, TResult> where TQuery : IQuery<TResult> { Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken = default); }
public class Dispatcher { public Task<T> DispatchAsync<T>(IQuery<T> query) => throw new NotSupportedException(); }
public class GetLeasesQuery : IQuery<List<Lease>> { }
public class GetLeasesHandler(AnchorContext db) : IQueryHandler<GetLeasesQuery, List<Lease>>
{
    public Task<List<Lease>> HandleAsync(GetLeasesQuery query, CancellationToken cancellationToken = default) => db.Leases.ToListAsync(cancellationToken);
}

public class LedgerService(AnchorContext db)
{
    private List<Payment> _payments = new();
    public async Task LoadAsync() { _payments = await db.Payments.ToListAsync(); this._payments = _payments; }
    public List<Payment> Payments() => _payments;
    public IEnumerable<string> Titles() { foreach (var d in db.Documents) { if (d.Title == "") yield break; yield return d.Title; } }
}

public class RowsFlowController(AnchorContext db, LedgerService ledger, Dispatcher dispatcher) : Controller
{
    private List<Lease> Cached { get; set; } = new();

    public async Task<IActionResult> Index()
    {
        IQueryable<Lease> q = db.Leases;
        q = q.Where(l => l.Id > 0);
        ViewBag.Leases = await q.ToListAsync();
        ViewData["Docs"] = await db.Documents.ToListAsync();
        return View(new LeasesResponse(await q.ToListAsync()));
    }

    public async Task<IActionResult> Paged() => Ok(new PagedResult<Lease> { Items = await db.Leases.ToListAsync(), Total = 0 });

    public async Task<IActionResult> Ledger() { await ledger.LoadAsync(); return Ok(ledger.Payments()); }

    public async Task<IEnumerable<Lease>> Cache() { Cached = await db.Leases.ToListAsync(); return Cached; }

    public async IAsyncEnumerable<PropertyDto> Stream() { await foreach (var p in db.Properties.AsAsyncEnumerable()) yield return new PropertyDto(p.Id, p.Name); }

    public async Task<List<PropertyDto>> Filled()
    {
        var result = new List<PropertyDto>();
        foreach (var p in await db.Properties.ToListAsync()) { result.Add(new PropertyDto(p.Id, p.Name)); }
        result.AddRange(result);
        return result;
    }

    public async Task<IActionResult> Dispatched() => Ok(await dispatcher.DispatchAsync(new GetLeasesQuery()));
}

public class RowsFlowPage(AnchorContext db) : PageModel
{
    public List<PropertyDto> Items { get; } = new();
    public async Task OnGetAsync() { foreach (var p in await db.Properties.ToListAsync()) Items.Add(new PropertyDto(p.Id, p.Name)); Items.AddRange(Items); }
}
