namespace AssetAnchor.Sample.Domain;

// Money is stored as whole cents (long): exact, and ordered/summed by every provider (SQLite has no decimal type).

public sealed class Owner
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public List<Property> Properties { get; set; } = [];
}

public enum PropertyStatus
{
    Available,
    Leased,
    Maintenance,
    Inactive,
}

public enum PropertyType
{
    Apartment,
    House,
    Townhouse,
    Condo,
    Studio,
}

public sealed class Property
{
    public int Id { get; set; }
    public int OwnerId { get; set; }
    public Owner? Owner { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public required string City { get; set; }
    public PropertyStatus Status { get; set; }
    public PropertyType Type { get; set; }
    public int Bedrooms { get; set; }
    public long MonthlyRentCents { get; set; }
    public DateTime ListedAtUtc { get; set; }
    public List<Lease> Leases { get; set; } = [];
    public List<MaintenanceRequest> MaintenanceRequests { get; set; } = [];
    public List<Document> Documents { get; set; } = [];
}

public enum BackgroundCheckStatus
{
    NotStarted,
    Pending,
    Passed,
    Failed,
}

public sealed class Tenant
{
    public int Id { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }
    public required string Phone { get; set; }
    public BackgroundCheckStatus BackgroundCheckStatus { get; set; }
    public DateTime? BackgroundCheckCompletedAtUtc { get; set; }
    public List<Lease> Leases { get; set; } = [];
}

public enum LeaseStatus
{
    Active,
    Ended,
    Upcoming,
}

public sealed class Lease
{
    public int Id { get; set; }
    public int PropertyId { get; set; }
    public Property? Property { get; set; }
    public int TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public DateTime StartsOnUtc { get; set; }
    public DateTime EndsOnUtc { get; set; }
    public long MonthlyRentCents { get; set; }
    public LeaseStatus Status { get; set; }
    public List<Payment> Payments { get; set; } = [];
}

public enum PaymentKind
{
    Rent,
    Deposit,
    LateFee,
    Refund,
}

public enum PaymentMethod
{
    BankTransfer,
    Card,
    Check,
}

/// <summary>A money transaction on a lease (the seed guide's "transactions").</summary>
public sealed class Payment
{
    public long Id { get; set; }
    public int LeaseId { get; set; }
    public Lease? Lease { get; set; }
    public long AmountCents { get; set; }
    public PaymentKind Kind { get; set; }
    public PaymentMethod Method { get; set; }
    public DateTime PaidAtUtc { get; set; }
    public required string Reference { get; set; }
}

public sealed class Document
{
    public int Id { get; set; }
    public int PropertyId { get; set; }
    public Property? Property { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public required byte[] Content { get; set; }
}

public enum MaintenanceStatus
{
    Open,
    InProgress,
    Resolved,
}

public enum MaintenancePriority
{
    Low,
    Normal,
    Urgent,
}

public sealed class MaintenanceRequest
{
    public int Id { get; set; }
    public int PropertyId { get; set; }
    public Property? Property { get; set; }
    public required string Title { get; set; }
    public MaintenanceStatus Status { get; set; }
    public MaintenancePriority Priority { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

public sealed class AppUser
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required byte[] PasswordSalt { get; set; }
    public required byte[] PasswordHash { get; set; }
    public required string Role { get; set; }
}
