namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The Asset Anchor domain split the way layered solutions split it: Domain + Infrastructure (the context, the
/// repositories) in one referenced project, services in another, the endpoints and loops in the project under test.
/// </summary>
internal static class LayeredSolution
{
    public const string Infrastructure = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Infrastructure;

        public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Property { public int Id { get; set; } public int OwnerId { get; set; } public string Name { get; set; } = ""; public string City { get; set; } = ""; }
        public class Lease { public int Id { get; set; } public int PropertyId { get; set; } public decimal Rent { get; set; } }
        public record PropertyDto(int Id, string Name);

        public class AnchorContext(DbContextOptions<AnchorContext> options) : DbContext(options)
        {
            public DbSet<Owner> Owners => Set<Owner>();
            public DbSet<Property> Properties => Set<Property>();
            public DbSet<Lease> Leases => Set<Lease>();
        }

        public interface IPropertyRepository
        {
            Task<int> CountLeasesAsync(int propertyId);
            Task<Property?> FindCachedAsync(int id);
            Task<List<PropertyDto>> GetPagedAsync(int page);
            Task<List<PropertyDto>> ListAllAsync();
            Task<List<PropertyDto>> ListRecentAsync();
        }

        public class PropertyRepository(AnchorContext db) : IPropertyRepository
        {
            private static readonly Dictionary<int, Property> Cache = new();

            public Task<int> CountLeasesAsync(int propertyId) => db.Leases.CountAsync(l => l.PropertyId == propertyId);

            // Looks like a repository read (Task<entity>), reads a dictionary: no round trip.
            public Task<Property?> FindCachedAsync(int id) => Task.FromResult(Cache.TryGetValue(id, out var p) ? p : null);

            // Named like paging; returns every row.
            public Task<List<PropertyDto>> GetPagedAsync(int page) => db.Properties.Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();

            public Task<List<PropertyDto>> ListAllAsync() => db.Properties.OrderBy(p => p.Name).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();

            public Task<List<PropertyDto>> ListRecentAsync() => db.Properties.OrderByDescending(p => p.Id).Take(20).Select(p => new PropertyDto(p.Id, p.Name)).ToListAsync();
        }

        // Not callable from another project: not summarised (cost).
        internal class LeaseAudit(AnchorContext db)
        {
            public Task<int> CountAsync() => db.Leases.CountAsync();
        }

        public static class LeaseQueries
        {
            public static decimal TotalRent(AnchorContext db, int propertyId) => db.Leases.Where(l => l.PropertyId == propertyId).Sum(l => l.Rent);
        }
        """;

    /// <summary>A service layer over the repository, in its own project (Web -> Application -> Infrastructure).</summary>
    public const string Application = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Anchor.Infrastructure;

        namespace Anchor.Application;

        public class RentService(IPropertyRepository properties)
        {
            public async Task<bool> IsLetAsync(int propertyId) => await properties.CountLeasesAsync(propertyId) > 0;

            public Task<List<PropertyDto>> CatalogueAsync() => properties.ListAllAsync();

            public int Double(int value) => value * 2;
        }
        """;
}
