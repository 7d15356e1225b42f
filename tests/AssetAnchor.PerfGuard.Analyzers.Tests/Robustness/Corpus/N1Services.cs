using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Corpus.N1;

[Owned]
public class Address { public string City { get; set; } = ""; }

public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; public Address Address { get; set; } = new(); public virtual List<Property> Properties { get; set; } = new(); }
public class Property { public int Id { get; set; } public int OwnerId { get; set; } public virtual Owner Owner { get; set; } = null!; public virtual List<Unit> Units { get; set; } = new(); }
public class Unit { public int Id { get; set; } public int PropertyId { get; set; } public virtual Property Property { get; set; } = null!; public virtual List<Lease> Leases { get; set; } = new(); }
public class Lease { public int Id { get; set; } public int UnitId { get; set; } public virtual Unit Unit { get; set; } = null!; public decimal Rent { get; set; } public virtual List<Payment> Payments { get; set; } = new(); }
public class Payment { public int Id { get; set; } public int LeaseId { get; set; } public decimal Amount { get; set; } }

public class AnchorContext : DbContext
{
    public DbSet<Owner> Owners => Set<Owner>();
    public DbSet<Property> Properties => Set<Property>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<Payment> Payments => Set<Payment>();
    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseLazyLoadingProxies();
    protected override void OnModelCreating(ModelBuilder b) => b.Entity<Unit>().Navigation(u => u.Property).AutoInclude();
}

public interface IRepository<T> where T : class { IQueryable<T> Query(); ValueTask<T?> FindAsync(int id); }
public class Repository<T>(AnchorContext db) : IRepository<T> where T : class
{
    public IQueryable<T> Query() => db.Set<T>();
    public ValueTask<T?> FindAsync(int id) => db.Set<T>().FindAsync(id);
}

public class LeaseService(AnchorContext db, IRepository<Lease> leases)
{
    public async Task<decimal> Balance(List<int> ids)
    {
        decimal total = 0;
        foreach (var id in ids)
        {
            var lease = await leases.FindAsync(id);
            total += lease?.Rent ?? 0;
            total += await db.Payments.Where(p => p.LeaseId == id).SumAsync(p => p.Amount);
        }

        var units = await db.Units.Include(u => u.Leases).ThenInclude(l => l.Payments).ToListAsync();
        total += units.Sum(u => u.Leases.Sum(l => l.Payments.Count) + u.Property.Owner.Name.Length);
        await Task.WhenAll(ids.Select(id => db.Leases.FirstOrDefaultAsync(l => l.Id == id)));
        ids.ForEach(id => db.SaveChanges());
        Parallel.ForEach(ids, id => db.Leases.Find(id));
        for (var i = 0; i < ids.Count; i++) await db.Entry(units[i]).Collection(u => u.Leases).LoadAsync();
        while (total > 0) { total -= await leases.Query().CountAsync(); }
        return total;
    }

    public async Task Batches()
    {
        for (var page = 0; ; page++)
        {
            var batch = await db.Payments.OrderBy(p => p.Id).Skip(page * 100).Take(100).ToListAsync();
            if (batch.Count == 0) break;
        }

        foreach (var chunk in Enumerable.Range(0, 1000).Chunk(100))
        {
            await db.Leases.Where(l => chunk.Contains(l.Id)).ExecuteDeleteAsync();
        }
    }
}
