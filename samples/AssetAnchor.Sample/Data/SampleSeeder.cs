using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Data;

/// <param name="Generation">Time spent generating the rows in memory.</param>
/// <param name="Elapsed">Total time, schema creation and the insert transaction included.</param>
public sealed record SeedReport(bool Seeded, int Seed, SeedVolumes Volumes, TimeSpan Generation, TimeSpan Elapsed);

/// <summary>Creates the schema and fills an empty database with generated data in one transaction.</summary>
public static class SampleSeeder
{
    public static async Task<SeedReport> EnsureSeededAsync(
        AssetAnchorDbContext db, int seed, SeedVolumes volumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(volumes);
        var stopwatch = Stopwatch.StartNew();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (await db.Owners.AnyAsync(cancellationToken))
        {
            return new SeedReport(false, seed, volumes, TimeSpan.Zero, stopwatch.Elapsed);
        }

        var generationStarted = stopwatch.Elapsed;
        var data = SampleDataGenerator.Generate(seed, volumes);
        var generation = stopwatch.Elapsed - generationStarted;

        // One transaction and one SaveChanges: EF Core batches the inserts; change detection is not needed
        // because every entity is freshly added.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Owners.AddRange(data.Owners);
            db.Properties.AddRange(data.Properties);
            db.Tenants.AddRange(data.Tenants);
            db.Leases.AddRange(data.Leases);
            db.Payments.AddRange(data.Payments);
            db.MaintenanceRequests.AddRange(data.MaintenanceRequests);
            db.Documents.AddRange(data.Documents);
            db.Users.AddRange(data.Users);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        return new SeedReport(true, seed, volumes, generation, stopwatch.Elapsed);
    }
}
