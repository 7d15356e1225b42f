using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Services;

public sealed record RentPaymentRequest(int LeaseId, long AmountCents, PaymentMethod Method, DateTime PaidAtUtc);

public sealed record PaymentReceipt(long PaymentId, int LeaseId, long AmountCents, string Reference, DateTime PaidAtUtc);

public sealed record TransactionRow(long Id, int LeaseId, string TenantName, long AmountCents, PaymentKind Kind, PaymentMethod Method, DateTime PaidAtUtc, string Reference);

public sealed record TransactionHistoryFilter(int? PropertyId = null, int? LeaseId = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

public enum PaymentOutcome
{
    Recorded,
    LeaseNotFound,
    LeaseNotActive,
    InvalidAmount,
}

public sealed record PaymentResult(PaymentOutcome Outcome, PaymentReceipt? Receipt);

public interface IPaymentService
{
    Task<PaymentResult> RecordRentPaymentAsync(RentPaymentRequest request, CancellationToken cancellationToken = default);
}

public interface ITransactionQueries
{
    Task<PagedResult<TransactionRow>> GetHistoryAsync(TransactionHistoryFilter filter, int page, int pageSize, CancellationToken cancellationToken = default);
}

public sealed class PaymentService(AssetAnchorDbContext db) : IPaymentService
{
    /// <summary>Two round trips: read the lease state, insert the payment.</summary>
    public async Task<PaymentResult> RecordRentPaymentAsync(RentPaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AmountCents <= 0)
        {
            return new PaymentResult(PaymentOutcome.InvalidAmount, null);
        }

        var lease = await db.Leases
            .AsNoTracking()
            .Where(l => l.Id == request.LeaseId)
            .Select(l => new { l.Id, l.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (lease is null)
        {
            return new PaymentResult(PaymentOutcome.LeaseNotFound, null);
        }

        if (lease.Status != LeaseStatus.Active)
        {
            return new PaymentResult(PaymentOutcome.LeaseNotActive, null);
        }

        var payment = new Payment
        {
            LeaseId = lease.Id,
            AmountCents = request.AmountCents,
            Kind = PaymentKind.Rent,
            Method = request.Method,
            PaidAtUtc = DateTime.SpecifyKind(request.PaidAtUtc, DateTimeKind.Utc),
            Reference = $"RP-{lease.Id}-{request.PaidAtUtc:yyyyMMddHHmmss}",
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);

        return new PaymentResult(
            PaymentOutcome.Recorded,
            new PaymentReceipt(payment.Id, payment.LeaseId, payment.AmountCents, payment.Reference, payment.PaidAtUtc));
    }
}

public sealed class TransactionQueries(AssetAnchorDbContext db) : ITransactionQueries
{
    public const int MaxPageSize = Paging.MaxPageSize;

    /// <summary>Two round trips: the count, then one page, newest first, with the tenant name joined in.</summary>
    public async Task<PagedResult<TransactionRow>> GetHistoryAsync(
        TransactionHistoryFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);

        var query = db.Payments.AsNoTracking();
        if (filter.PropertyId is { } propertyId)
        {
            query = query.Where(p => p.Lease!.PropertyId == propertyId);
        }

        if (filter.LeaseId is { } leaseId)
        {
            query = query.Where(p => p.LeaseId == leaseId);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(p => p.PaidAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(p => p.PaidAtUtc < to);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(p => p.PaidAtUtc)
            .ThenByDescending(p => p.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new TransactionRow(
                p.Id, p.LeaseId, p.Lease!.Tenant!.FirstName + " " + p.Lease.Tenant.LastName,
                p.AmountCents, p.Kind, p.Method, p.PaidAtUtc, p.Reference))
            .ToListAsync(cancellationToken);

        return new PagedResult<TransactionRow>(items, page, pageSize, total);
    }
}
