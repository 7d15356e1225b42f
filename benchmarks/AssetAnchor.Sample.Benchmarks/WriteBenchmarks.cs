using AssetAnchor.PerfGuard.BenchmarkDotNet;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using AssetAnchor.Sample.Services;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

/// <summary>
/// The write paths. Each operation runs in a transaction that is rolled back, so the seeded file never grows and
/// every operation sees the same data (BEGIN and ROLLBACK are not commands, so they are not counted as round trips).
/// </summary>
[BenchmarkCategory(PerfGuardCategories.Write)]
public class WriteBenchmarks
{
    private static readonly byte[] InspectionReport = new byte[2_048];

    private DbContextOptions<AssetAnchorDbContext> options = null!;
    private int activeLeaseId;
    private int propertyId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        var lease = await SeededSampleDatabase.FirstActiveLeaseAsync(options);
        activeLeaseId = lease.Id;
        propertyId = lease.PropertyId;
        await RentPayment();
    }

    /// <summary>Check the lease, insert the payment: 2 round trips.</summary>
    [Benchmark]
    public async Task<PaymentResult> RentPayment()
    {
        await using var db = new AssetAnchorDbContext(options);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await new PaymentService(db).RecordRentPaymentAsync(
            new RentPaymentRequest(activeLeaseId, 1_450_00, PaymentMethod.BankTransfer, SampleDataGenerator.AsOfUtc));
        await transaction.RollbackAsync();
        return result;
    }

    /// <summary>Check the property, insert a 2 KB document: 2 round trips.</summary>
    [Benchmark]
    public async Task<DocumentInfo?> DocumentUpload()
    {
        await using var db = new AssetAnchorDbContext(options);
        await using var transaction = await db.Database.BeginTransactionAsync();
        using var content = new MemoryStream(InspectionReport, writable: false);
        var stored = await new DocumentStore(db, TimeProvider.System).UploadAsync(propertyId, "inspection-report.pdf", "application/pdf", content);
        await transaction.RollbackAsync();
        return stored;
    }
}
