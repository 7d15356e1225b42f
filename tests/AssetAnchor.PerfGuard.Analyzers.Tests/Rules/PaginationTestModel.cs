namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>The Asset Anchor domain the pagination rule tests are written against, as an application would declare it.</summary>
internal static class PaginationTestModel
{
    public const string Source = """
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

        """;
}
