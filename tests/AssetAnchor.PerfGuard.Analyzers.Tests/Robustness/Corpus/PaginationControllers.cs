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


// Controllers and MVC views: unpaginated, paged, paged in memory, through services and repositories.
public interface IPropertyRepository { Task<List<Property>> GetAllAsync(); IQueryable<Property> Query(); }

public class PropertyRepository(AnchorContext db) : IPropertyRepository
{
    public Task<List<Property>> GetAllAsync() => db.Properties.Include(p => p.Leases).ToListAsync();
    public IQueryable<Property> Query() => db.Properties;
}

public class PropertyService(IPropertyRepository repository, AnchorContext db)
{
    public Task<List<Property>> ListAsync() => repository.GetAllAsync();
    public Task<List<Property>> PageAsync(int page, int pageSize) =>
        repository.Query().OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
    public async Task<int> CountAsync() => await db.Properties.CountAsync();
}

[ApiController, Route("api/properties")]
public class PropertiesController(AnchorContext db, PropertyService service) : ControllerBase
{
    private const int MaxPageSize = 100;

    [HttpGet]
    public async Task<List<Property>> GetProperties() => await db.Properties.ToListAsync();

    [HttpGet("page")]
    public async Task<IActionResult> Page([FromQuery] int page = 1, [FromQuery] int pageSize = 20)
    {
        if (pageSize > MaxPageSize) return BadRequest();
        var rows = await db.Properties.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return Ok(rows);
    }

    [HttpGet("unordered")]
    public Task<List<Property>> Unordered(int pageSize) => db.Properties.Take(pageSize).ToListAsync();

    [HttpGet("in-memory")]
    public async Task<IEnumerable<Property>> InMemory(int page, int pageSize) =>
        (await db.Properties.ToListAsync()).Skip((page - 1) * pageSize).Take(pageSize);

    [HttpGet("service")]
    public async Task<ActionResult<IEnumerable<Property>>> ViaService() => Ok(await service.ListAsync());

    [HttpGet("count")]
    public Task<int> Count() => service.CountAsync();

    [HttpGet("search")]
    public async Task<List<PropertyDto>> Search(string? city, decimal? maxRent)
    {
        var query = db.Properties.AsQueryable();
        if (city is not null) query = query.Where(p => p.City == city);
        if (maxRent is { } rent) query = query.Where(p => p.Rent <= rent);
        return await query.Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();
    }
}

public class LeasesController : Controller
{
    private readonly AnchorContext _context;
    public LeasesController(AnchorContext context) => _context = context;

    public async Task<IActionResult> Index() => View(await _context.Leases.OrderBy(l => l.Start).ToListAsync());

    public async Task<IActionResult> Details(int? id)
    {
        if (id == null) return NotFound();
        var lease = await _context.Leases.FirstOrDefaultAsync(m => m.Id == id);
        return lease == null ? NotFound() : View(lease);
    }

    [NonAction]
    public Task<List<Lease>> All() => _context.Leases.ToListAsync();
}
