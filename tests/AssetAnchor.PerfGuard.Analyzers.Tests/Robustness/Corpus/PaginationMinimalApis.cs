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


// Minimal APIs: lambdas, method groups, local functions and route groups.
public static class AnchorEndpoints
{
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapAnchor(this IEndpointRouteBuilder app)
    {
        app.MapGet("/owners", async (AnchorContext db) => await db.Owners.ToListAsync());
        app.MapGet("/owners/page", (AnchorContext db, int page, int pageSize) =>
            db.Owners.OrderBy(o => o.Id).Skip((page - 1) * pageSize).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync());
        app.MapGet("/tenants", async (AnchorContext db) =>
        {
            var tenants = await db.Tenants.ToListAsync();
            return Results.Ok(tenants);
        });

        var leases = app.MapGroup("/leases");
        leases.MapGet("/", async (AnchorContext db) => TypedResults.Ok(await db.Leases.ToArrayAsync()));
        leases.MapGet("/{id:int}", async (int id, AnchorContext db) =>
            await db.Leases.FindAsync(id) is { } lease ? Results.Ok(lease) : Results.NotFound());
        leases.MapPost("/search", (AnchorContext db, int take) => db.Leases.Where(l => l.TenantId > 0).Take(take).ToListAsync());
        leases.MapDelete("/{id:int}", async (int id, AnchorContext db) => await db.Leases.Where(l => l.Id == id).ExecuteDeleteAsync());

        app.MapGet("/documents", GetDocuments);
        app.MapGet("/payments", ListPayments);
        app.MapMethods("/maintenance", new[] { "GET" }, (AnchorContext db) => db.MaintenanceRequests.AsAsyncEnumerable());

        return app;

        static Task<List<Payment>> ListPayments(AnchorContext db, [FromQuery] int pageSize) =>
            db.Payments.OrderBy(p => p.PaymentNumber).Take(pageSize).ToListAsync();
    }

    private static async Task<IResult> GetDocuments(AnchorContext db) => Results.Ok(await db.Documents.ToListAsync());
}
