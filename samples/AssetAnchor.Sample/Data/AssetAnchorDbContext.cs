using AssetAnchor.Sample.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AssetAnchor.Sample.Data;

/// <summary>The Asset Anchor database. No lazy loading: every navigation a query needs is included or projected.</summary>
public sealed class AssetAnchorDbContext(DbContextOptions<AssetAnchorDbContext> options) : DbContext(options)
{
    public DbSet<Owner> Owners => Set<Owner>();
    public DbSet<Property> Properties => Set<Property>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<MaintenanceRequest> MaintenanceRequests => Set<MaintenanceRequest>();
    public DbSet<AppUser> Users => Set<AppUser>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every date is UTC; SQLite stores text and would hand back DateTimeKind.Unspecified (no "Z" in the JSON).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Owner>(owner =>
        {
            owner.Property(o => o.Name).HasMaxLength(200);
            owner.Property(o => o.Email).HasMaxLength(200);
        });

        modelBuilder.Entity<Property>(property =>
        {
            property.Property(p => p.Name).HasMaxLength(200);
            property.Property(p => p.Address).HasMaxLength(300);
            property.Property(p => p.City).HasMaxLength(100);
            // The listing filters on status and city together (the seed guide's idx_properties_status_city).
            property.HasIndex(p => new { p.Status, p.City });
            property.HasIndex(p => p.MonthlyRentCents);
            property.HasOne(p => p.Owner).WithMany(o => o.Properties).HasForeignKey(p => p.OwnerId);
        });

        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.Property(t => t.FirstName).HasMaxLength(100);
            tenant.Property(t => t.LastName).HasMaxLength(100);
            tenant.Property(t => t.Email).HasMaxLength(200);
            tenant.Property(t => t.Phone).HasMaxLength(40);
            tenant.HasIndex(t => new { t.LastName, t.FirstName });
            tenant.HasIndex(t => t.Email);
        });

        modelBuilder.Entity<Lease>(lease =>
        {
            lease.HasOne(l => l.Property).WithMany(p => p.Leases).HasForeignKey(l => l.PropertyId);
            lease.HasOne(l => l.Tenant).WithMany(t => t.Leases).HasForeignKey(l => l.TenantId);
            lease.HasIndex(l => new { l.PropertyId, l.Status });
        });

        modelBuilder.Entity<Payment>(payment =>
        {
            payment.Property(p => p.Reference).HasMaxLength(64);
            payment.HasOne(p => p.Lease).WithMany(l => l.Payments).HasForeignKey(p => p.LeaseId);
            payment.HasIndex(p => new { p.LeaseId, p.PaidAtUtc });
            payment.HasIndex(p => p.PaidAtUtc);
        });

        modelBuilder.Entity<Document>(document =>
        {
            document.Property(d => d.FileName).HasMaxLength(260);
            document.Property(d => d.ContentType).HasMaxLength(100);
            document.HasOne(d => d.Property).WithMany(p => p.Documents).HasForeignKey(d => d.PropertyId);
            document.HasIndex(d => d.FileName);
        });

        modelBuilder.Entity<MaintenanceRequest>(request =>
        {
            request.Property(m => m.Title).HasMaxLength(200);
            request.HasOne(m => m.Property).WithMany(p => p.MaintenanceRequests).HasForeignKey(m => m.PropertyId);
            request.HasIndex(m => new { m.PropertyId, m.Status });
        });

        modelBuilder.Entity<AppUser>(user =>
        {
            user.Property(u => u.Email).HasMaxLength(200);
            user.Property(u => u.Role).HasMaxLength(40);
            user.HasIndex(u => u.Email).IsUnique();
        });
    }
}

/// <summary>Stores dates as they are and reads them back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
