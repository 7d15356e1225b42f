using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Conditional;

public class Tenant { public int Id { get; set; } public Lease? Lease { get; set; } }
public class Lease { public int Id { get; set; } public Unit? Unit { get; set; } public List<Payment>? Payments { get; set; } }
public class Unit { public int Id { get; set; } public string? Number { get; set; } public Lease? Current { get; set; } }
public class Payment { public int Id { get; set; } public decimal? Amount { get; set; } }
public class Ctx : DbContext { public DbSet<Tenant> Tenants => Set<Tenant>(); public DbSet<Lease> Leases => Set<Lease>(); }

public class Reader(Ctx? db)
{
    public async Task<List<string?>> Read(List<int>? ids)
    {
        var result = new List<string?>();
        foreach (var id in ids ?? new List<int>())
        {
            var tenant = await db!.Tenants.FirstOrDefaultAsync(t => t.Id == id);
            result.Add(tenant?.Lease?.Unit?.Current?.Unit?.Number?.Trim()?.ToUpperInvariant());
            result.Add(tenant?.Lease?.Payments?.FirstOrDefault()?.Amount?.ToString());
            result.Add((await db?.Leases.FirstOrDefaultAsync()!)?.Unit?.Number);
        }

        var leases = db?.Leases?.ToList();
        result.AddRange(leases?.Select(l => l?.Unit?.Number) ?? Array.Empty<string?>());
        return result;
    }
}
