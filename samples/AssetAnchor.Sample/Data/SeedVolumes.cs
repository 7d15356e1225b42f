namespace AssetAnchor.Sample.Data;

/// <summary>How many rows the seeder generates. <see cref="Default"/> is the seed guide's "realistic data volume".</summary>
public sealed record SeedVolumes(int Owners, int Properties, int Tenants, int Leases, int Payments, int MaintenanceRequests, int Documents)
{
    /// <summary>The performance-testing guide's volumes: 1,000 properties, 5,000 tenants, 3,000 leases, 20,000 transactions.</summary>
    public static SeedVolumes Default { get; } = new(
        Owners: 100, Properties: 1_000, Tenants: 5_000, Leases: 3_000, Payments: 20_000, MaintenanceRequests: 2_000, Documents: 500);

    public void Validate()
    {
        if (Owners < 1 || Properties < 1 || Tenants < 1)
        {
            throw new ArgumentException("Seed volumes need at least one owner, property and tenant.");
        }

        if (Leases < 0 || Payments < 0 || MaintenanceRequests < 0 || Documents < 0)
        {
            throw new ArgumentException("Seed volumes cannot be negative.");
        }

        if (Payments > 0 && Leases == 0)
        {
            throw new ArgumentException("Payments need at least one lease.");
        }
    }
}
