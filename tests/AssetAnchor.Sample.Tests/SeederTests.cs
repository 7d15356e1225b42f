using System.Text.Json;
using AssetAnchor.Sample.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Tests;

public sealed class SeederTests
{
    [Fact]
    public void The_same_seed_generates_the_same_rows_and_another_seed_does_not()
    {
        var first = Fingerprint(SampleDataGenerator.Generate(11, SeedVolumes.Default));
        var again = Fingerprint(SampleDataGenerator.Generate(11, SeedVolumes.Default));
        var other = Fingerprint(SampleDataGenerator.Generate(12, SeedVolumes.Default));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generated_data_has_the_guides_volumes_and_consistent_links()
    {
        var data = SampleDataGenerator.Generate(11, SeedVolumes.Default);

        Assert.Equal(1_000, data.Properties.Count);
        Assert.Equal(5_000, data.Tenants.Count);
        Assert.Equal(3_000, data.Leases.Count);
        Assert.Equal(20_000, data.Payments.Count);
        Assert.All(data.Payments, p => Assert.InRange(p.PaidAtUtc, p.Lease!.StartsOnUtc, p.Lease.EndsOnUtc));
        Assert.All(data.Properties.Where(p => p.Status == Domain.PropertyStatus.Leased),
            p => Assert.Contains(p.Leases, l => l.Status == Domain.LeaseStatus.Active));
    }

    [Fact]
    public async Task Seeding_an_empty_database_stores_every_row_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"assetanchor-seed-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new AssetAnchorDbContext(DatabaseSetup.SqliteFileOptions(path));
            var report = await SampleSeeder.EnsureSeededAsync(db, 11, SeedVolumes.Default);
            var again = await SampleSeeder.EnsureSeededAsync(db, 11, SeedVolumes.Default);

            Assert.True(report.Seeded);
            Assert.False(again.Seeded);
            Assert.Equal(1_000, await db.Properties.CountAsync());
            Assert.Equal(5_000, await db.Tenants.CountAsync());
            Assert.Equal(3_000, await db.Leases.CountAsync());
            Assert.Equal(20_000, await db.Payments.CountAsync());
            Assert.Equal(1, await db.Users.CountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Theory]
    [InlineData(null, "Data Source=x.db", DatabaseProvider.Sqlite)]
    [InlineData("", "Host=db;Database=anchor;Username=u", DatabaseProvider.PostgreSql)]
    [InlineData("Sqlite", "Host=ignored", DatabaseProvider.Sqlite)]
    [InlineData("postgresql", "Server=x", DatabaseProvider.PostgreSql)]
    public void The_provider_follows_configuration_then_the_connection_string(string? configured, string connectionString, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseSetup.ResolveProvider(configured, connectionString));

    [Fact]
    public void An_unknown_provider_is_a_clear_error() =>
        Assert.Contains("'Oracle'", Assert.Throws<InvalidOperationException>(() => DatabaseSetup.ResolveProvider("Oracle", "x")).Message, StringComparison.Ordinal);

    // Every scalar of every row, in generation order (navigations are followed by position, not by object).
    private static string Fingerprint(SampleData data) => JsonSerializer.Serialize(new
    {
        Owners = data.Owners.Select(o => new { o.Name, o.Email }),
        Properties = data.Properties.Select(p => new { Owner = p.Owner!.Email, p.Name, p.Address, p.City, p.Status, p.Type, p.Bedrooms, p.MonthlyRentCents, p.ListedAtUtc }),
        Tenants = data.Tenants.Select(t => new { t.FirstName, t.LastName, t.Email, t.Phone, t.BackgroundCheckStatus, t.BackgroundCheckCompletedAtUtc }),
        Leases = data.Leases.Select(l => new { Property = l.Property!.Name, Tenant = l.Tenant!.Email, l.StartsOnUtc, l.EndsOnUtc, l.MonthlyRentCents, l.Status }),
        Payments = data.Payments.Select(p => new { p.AmountCents, p.Kind, p.Method, p.PaidAtUtc, p.Reference }),
        Maintenance = data.MaintenanceRequests.Select(m => new { Property = m.Property!.Name, m.Title, m.Status, m.Priority, m.CreatedAtUtc }),
        Documents = data.Documents.Select(d => new { Property = d.Property!.Name, d.FileName, d.ContentType, d.SizeBytes, d.UploadedAtUtc, d.Content }),
        Users = data.Users.Select(u => new { u.Email, u.PasswordSalt, u.PasswordHash }),
    });
}
