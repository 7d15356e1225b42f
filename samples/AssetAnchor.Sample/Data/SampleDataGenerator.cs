using System.Security.Cryptography;
using System.Text;
using AssetAnchor.Sample.Auth;
using AssetAnchor.Sample.Domain;

namespace AssetAnchor.Sample.Data;

/// <summary>The generated rows, linked by navigations (keys are assigned by the database on insert).</summary>
public sealed record SampleData(
    IReadOnlyList<Owner> Owners,
    IReadOnlyList<Property> Properties,
    IReadOnlyList<Tenant> Tenants,
    IReadOnlyList<Lease> Leases,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<MaintenanceRequest> MaintenanceRequests,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<AppUser> Users);

/// <summary>
/// Generates realistic Asset Anchor data from a seed number: the same seed and volumes always give the same rows
/// (System.Random with a seed is deterministic, and no clock or GUID is read).
/// </summary>
public static class SampleDataGenerator
{
    /// <summary>The fixed "today" of the generated data, so lease states and dates never depend on the clock.</summary>
    public static readonly DateTime AsOfUtc = new(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc);

    public const string DemoUserEmail = "manager@assetanchor.example";
    public const string DemoUserPassword = "anchor-demo-password";

    private static readonly DateTime EpochUtc = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Cities =
    [
        "Austin", "Boston", "Chicago", "Denver", "Miami", "Portland", "Seattle", "Atlanta", "Phoenix", "Nashville",
        "Raleigh", "San Diego",
    ];

    private static readonly string[] Streets =
    [
        "Oak", "Maple", "Cedar", "Pine", "Elm", "Willow", "Harbor", "Lake", "Hill", "River", "Sunset", "Park",
    ];

    private static readonly string[] StreetKinds = ["St", "Ave", "Blvd", "Ln", "Rd", "Way"];

    private static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas", "Mia", "Mateo",
        "Amelia", "Ethan", "Harper", "Aiden", "Evelyn", "Jackson", "Aria", "Leo", "Chloe", "Daniel", "Nora", "Samuel",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    ];

    private static readonly string[] PropertyWords = ["Residences", "Lofts", "Commons", "Villas", "Terrace", "Gardens", "Place"];

    private static readonly string[] MaintenanceTitles =
    [
        "Leaking faucet", "Broken heater", "Clogged drain", "AC not cooling", "Door lock jammed", "Window crack",
        "Mold in bathroom", "Dishwasher fault", "Light fixture out", "Pest inspection",
    ];

    private static readonly (string Name, string ContentType)[] DocumentKinds =
    [
        ("lease-agreement", "application/pdf"), ("inspection-report", "application/pdf"),
        ("insurance-certificate", "application/pdf"), ("floor-plan", "image/png"), ("move-in-photos", "image/jpeg"),
        ("utility-bill", "application/pdf"),
    ];

    public static SampleData Generate(int seed, SeedVolumes volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        volumes.Validate();
        var random = new Random(seed);

        var owners = new List<Owner>(volumes.Owners);
        for (var i = 0; i < volumes.Owners; i++)
        {
            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            owners.Add(new Owner
            {
                Name = $"{first} {last} Holdings",
                Email = $"{first}.{last}.{i}@owners.example".ToLowerInvariant(),
            });
        }

        var properties = new List<Property>(volumes.Properties);
        for (var i = 0; i < volumes.Properties; i++)
        {
            var city = Pick(random, Cities);
            var street = Pick(random, Streets);
            var type = (PropertyType)random.Next(Enum.GetValues<PropertyType>().Length);
            var bedrooms = type == PropertyType.Studio ? 0 : random.Next(1, 6);
            var owner = owners[random.Next(owners.Count)];
            var property = new Property
            {
                Owner = owner,
                Name = $"{street} {Pick(random, PropertyWords)} #{i + 1}",
                Address = $"{random.Next(1, 9999)} {street} {Pick(random, StreetKinds)}",
                City = city,
                Type = type,
                Bedrooms = bedrooms,
                MonthlyRentCents = (800 + (bedrooms * 350) + random.Next(0, 900)) * 100L,
                ListedAtUtc = EpochUtc.AddDays(-random.Next(0, 1_500)),
                Status = PropertyStatus.Available,
            };
            owner.Properties.Add(property);
            properties.Add(property);
        }

        var tenants = new List<Tenant>(volumes.Tenants);
        for (var i = 0; i < volumes.Tenants; i++)
        {
            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            var check = (BackgroundCheckStatus)random.Next(Enum.GetValues<BackgroundCheckStatus>().Length);
            tenants.Add(new Tenant
            {
                FirstName = first,
                LastName = last,
                Email = $"{first}.{last}.{i}@tenants.example".ToLowerInvariant(),
                Phone = $"+1-555-{random.Next(100, 999)}-{random.Next(1000, 9999)}",
                BackgroundCheckStatus = check,
                BackgroundCheckCompletedAtUtc = check is BackgroundCheckStatus.Passed or BackgroundCheckStatus.Failed
                    ? AsOfUtc.AddDays(-random.Next(1, 700))
                    : null,
            });
        }

        // Leases run in yearly generations per property: older ones ended, the newest is active or upcoming.
        var generations = Math.Max(1, (volumes.Leases + volumes.Properties - 1) / volumes.Properties);
        var leases = new List<Lease>(volumes.Leases);
        for (var i = 0; i < volumes.Leases; i++)
        {
            var property = properties[i % properties.Count];
            var generation = i / properties.Count;
            var tenant = tenants[random.Next(tenants.Count)];
            var startsOn = EpochUtc.AddMonths(generation * 12).AddDays(random.Next(0, 28));
            var isNewest = generation == generations - 1;
            var upcoming = isNewest && random.Next(5) == 0;
            if (upcoming)
            {
                startsOn = AsOfUtc.AddDays(random.Next(5, 60));
            }

            var status = upcoming ? LeaseStatus.Upcoming : isNewest ? LeaseStatus.Active : LeaseStatus.Ended;
            var lease = new Lease
            {
                Property = property,
                Tenant = tenant,
                StartsOnUtc = startsOn,
                EndsOnUtc = startsOn.AddMonths(12),
                MonthlyRentCents = property.MonthlyRentCents,
                Status = status,
            };
            property.Leases.Add(lease);
            tenant.Leases.Add(lease);
            if (status == LeaseStatus.Active)
            {
                property.Status = PropertyStatus.Leased;
            }

            leases.Add(lease);
        }

        var payments = new List<Payment>(volumes.Payments);
        if (leases.Count > 0)
        {
            // Spread the payments evenly: each lease gets floor or ceiling of the average, one per month.
            var perLease = volumes.Payments / leases.Count;
            var withExtra = volumes.Payments % leases.Count;
            for (var l = 0; l < leases.Count; l++)
            {
                var lease = leases[l];
                var count = perLease + (l < withExtra ? 1 : 0);

                // Ended leases keep a window of consecutive months somewhere in their year (so every month of a
                // past year has income); current leases have paid since their start.
                var firstMonth = lease.Status == LeaseStatus.Ended ? random.Next(0, Math.Max(1, 12 - count + 1)) : 0;
                for (var month = firstMonth; month < firstMonth + count; month++)
                {
                    var kind = month == firstMonth ? PaymentKind.Deposit : random.Next(12) == 0 ? PaymentKind.LateFee : PaymentKind.Rent;
                    var amount = kind == PaymentKind.LateFee ? 75_00L : lease.MonthlyRentCents;
                    var payment = new Payment
                    {
                        Lease = lease,
                        AmountCents = amount,
                        Kind = kind,
                        Method = (PaymentMethod)random.Next(Enum.GetValues<PaymentMethod>().Length),
                        PaidAtUtc = lease.StartsOnUtc.AddMonths(month).AddDays(random.Next(0, 5)).AddMinutes(random.Next(0, 1_440)),
                        Reference = $"TX-{seed:X4}-{payments.Count + 1:D6}",
                    };
                    lease.Payments.Add(payment);
                    payments.Add(payment);
                }
            }
        }

        var maintenance = new List<MaintenanceRequest>(volumes.MaintenanceRequests);
        for (var i = 0; i < volumes.MaintenanceRequests; i++)
        {
            var property = properties[random.Next(properties.Count)];
            var request = new MaintenanceRequest
            {
                Property = property,
                Title = Pick(random, MaintenanceTitles),
                Status = (MaintenanceStatus)random.Next(Enum.GetValues<MaintenanceStatus>().Length),
                Priority = (MaintenancePriority)random.Next(Enum.GetValues<MaintenancePriority>().Length),
                CreatedAtUtc = AsOfUtc.AddDays(-random.Next(0, 900)),
            };
            property.MaintenanceRequests.Add(request);
            maintenance.Add(request);
        }

        var documents = new List<Document>(volumes.Documents);
        for (var i = 0; i < volumes.Documents; i++)
        {
            var property = properties[random.Next(properties.Count)];
            var (name, contentType) = DocumentKinds[random.Next(DocumentKinds.Length)];
            var content = new byte[random.Next(512, 4_096)];
            random.NextBytes(content);
            var extension = contentType switch
            {
                "image/png" => "png",
                "image/jpeg" => "jpg",
                _ => "pdf",
            };
            var document = new Document
            {
                Property = property,
                FileName = $"{name}-{i + 1:D4}.{extension}",
                ContentType = contentType,
                SizeBytes = content.Length,
                UploadedAtUtc = AsOfUtc.AddDays(-random.Next(0, 700)),
                Content = content,
            };
            property.Documents.Add(document);
            documents.Add(document);
        }

        // The demo login; the salt comes from the seed so the whole data set stays reproducible.
        var salt = SHA256.HashData(Encoding.UTF8.GetBytes($"asset-anchor-demo-salt-{seed}"))[..16];
        var users = new List<AppUser>
        {
            new()
            {
                Email = DemoUserEmail,
                PasswordSalt = salt,
                PasswordHash = PasswordHasher.Hash(DemoUserPassword, salt),
                Role = "PropertyManager",
            },
        };

        return new SampleData(owners, properties, tenants, leases, payments, maintenance, documents, users);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
