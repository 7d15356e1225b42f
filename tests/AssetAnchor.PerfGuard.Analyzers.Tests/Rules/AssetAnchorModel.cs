namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// The Asset Anchor domain as an application declares it: entities, an owned type, a DbContext with an
/// AutoInclude, and (for lazy-loading cases) the same model with virtual navigations and proxies switched on.
/// </summary>
internal static class AssetAnchorModel
{
    private const string Entities = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        [Owned]
        public class Address { public string Street { get; set; } = ""; public string City { get; set; } = ""; }

        public class Owner
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public Address Address { get; set; } = new();
            public $V List<Property> Properties { get; set; } = new();
        }

        public class Property
        {
            public int Id { get; set; }
            public int OwnerId { get; set; }
            public $V Owner Owner { get; set; } = null!;
            public string Name { get; set; } = "";
            public $V List<Unit> Units { get; set; } = new();
            public $V List<Document> Documents { get; set; } = new();
        }

        public class Unit
        {
            public int Id { get; set; }
            public int PropertyId { get; set; }
            public $V Property Property { get; set; } = null!;
            public string Number { get; set; } = "";
            public $V List<Lease> Leases { get; set; } = new();
            public $V List<MaintenanceRequest> MaintenanceRequests { get; set; } = new();
        }

        public class Tenant
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public string Email { get; set; } = "";
            public $V List<Lease> Leases { get; set; } = new();
        }

        public class Lease
        {
            public int Id { get; set; }
            public int UnitId { get; set; }
            public $V Unit Unit { get; set; } = null!;
            public int TenantId { get; set; }
            public $V Tenant Tenant { get; set; } = null!;
            public decimal Rent { get; set; }
            public bool Active { get; set; }
            public $V List<Payment> Payments { get; set; } = new();
        }

        public class Payment
        {
            public int Id { get; set; }
            public int LeaseId { get; set; }
            public $V Lease Lease { get; set; } = null!;
            public decimal Amount { get; set; }
            public DateTime PaidOn { get; set; }
        }

        public class Document { public int Id { get; set; } public int PropertyId { get; set; } public $V Property Property { get; set; } = null!; public string Title { get; set; } = ""; }

        public class MaintenanceRequest { public int Id { get; set; } public int UnitId { get; set; } public $V Unit Unit { get; set; } = null!; public string Status { get; set; } = ""; }

        public class AnchorContext : DbContext
        {
            public AnchorContext(DbContextOptions<AnchorContext> options) : base(options) { }
            public DbSet<Owner> Owners => Set<Owner>();
            public DbSet<Property> Properties => Set<Property>();
            public DbSet<Unit> Units => Set<Unit>();
            public DbSet<Tenant> Tenants => Set<Tenant>();
            public DbSet<Lease> Leases => Set<Lease>();
            public DbSet<Payment> Payments => Set<Payment>();
            public DbSet<Document> Documents => Set<Document>();
            public DbSet<MaintenanceRequest> MaintenanceRequests => Set<MaintenanceRequest>();

            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            {
                $LAZY
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lease>().Navigation(l => l.Tenant).AutoInclude();
            }
        }

        """;

    /// <summary>
    /// The part of MediatR the cases use (requests and notifications; the package is not referenced by the tests),
    /// appended after <see cref="Eager"/> or <see cref="Lazy"/>, whose usings it needs.
    /// </summary>
    public const string MediatR = """

        namespace MediatR
        {
            public interface IRequest<out TResponse> { }

            public interface ISender
            {
                Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
            }

            public interface IMediator : ISender { }

            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }

            public interface INotification { }

            public interface IPublisher
            {
                Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification;
            }

            public interface INotificationHandler<in TNotification> where TNotification : INotification
            {
                Task Handle(TNotification notification, CancellationToken cancellationToken);
            }
        }
        """;

    /// <summary>The model without lazy loading: unloaded navigations are null or empty.</summary>
    public static string Eager { get; } = Entities.Replace("$V ", "").Replace("$LAZY", "");

    /// <summary>The model with lazy-loading proxies configured in OnConfiguring and virtual navigations.</summary>
    public static string Lazy { get; } = Entities.Replace("$V ", "virtual ").Replace("$LAZY", "optionsBuilder.UseLazyLoadingProxies();");
}
