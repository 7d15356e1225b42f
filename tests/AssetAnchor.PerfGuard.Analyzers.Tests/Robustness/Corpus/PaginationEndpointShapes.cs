using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

// Issue 10 shapes: handlers by method group, route groups, a seeded reference table, parent with children,
// categorical Distinct, group summaries, a paging helper and its callers, random picks and batched deletes.
public enum InvoiceStatus { Draft, Sent, Paid }
public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }
public class Invoice { public int Id { get; set; } public int CustomerId { get; set; } public InvoiceStatus Status { get; set; } public List<InvoiceLine> Lines { get; set; } = new(); }
public class InvoiceLine { public int Id { get; set; } public int InvoiceId { get; set; } public Invoice Invoice { get; set; } = null!; public decimal Amount { get; set; } }
public class InvoiceDto { public int Id { get; set; } public List<InvoiceLine> Lines { get; set; } = new(); }

public class BillingContext : DbContext
{
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Country>().HasData(new Country { Id = 1, Code = "NL" });
}

public class PagedList<T>
{
    public List<T> Items { get; } = new();

    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> source, int page, int size)
    {
        var items = await source.Skip((page - 1) * size).Take(size).ToListAsync();
        return new PagedList<T>();
    }
}

public static class BillingEndpoints
{
    public static void MapBilling(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/countries", (BillingContext db) => db.Countries.ToListAsync());
        api.MapGet("/invoices", ListInvoices);
        api.MapMethods("/invoices/all", new[] { "GET" }, ListInvoices);
        api.MapGet("/invoices/{id}", async (int id, BillingContext db) =>
        {
            var invoice = await db.Invoices.FindAsync(id);
            var lines = await db.InvoiceLines.Where(l => l.InvoiceId == id).ToListAsync();
            return Results.Ok(new { invoice, lines });
        });
        api.MapGet("/stats", async (BillingContext db) =>
            Results.Ok(await db.Invoices.GroupBy(i => i.Status).OrderBy(g => g.Key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()));
        api.MapGet("/statuses", (BillingContext db) => db.Invoices.OrderBy(i => i.Id).Select(i => i.Status).Distinct().Skip(1).Take(5).ToListAsync());
        app.MapGet("/local", Local);

        static Task<List<InvoiceLine>> Local(BillingContext db) => db.InvoiceLines.ToListAsync();
    }

    private static Task<List<Invoice>> ListInvoices(BillingContext db) => db.Invoices.ToListAsync();
}

public class BillingQueries(BillingContext db)
{
    public Task<PagedList<Invoice>> Page(int page) => PagedList<Invoice>.CreateAsync(db.Invoices.Where(i => i.CustomerId > 0), page, 20);

    public async Task<Invoice?> Random() => await db.Invoices.Skip(new Random().Next(10)).Take(1).FirstOrDefaultAsync();

    public Task<int> Purge(int batch) => db.InvoiceLines.Where(l => l.Amount == 0).Take(batch).ExecuteDeleteAsync();

    public async Task<InvoiceDto> One(int id) => new InvoiceDto { Id = id, Lines = await db.InvoiceLines.Where(l => l.Invoice.Id == id).ToListAsync() };
}
