using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Services;

public sealed record MonthlyIncome(int Month, long RentCents, long FeesCents, long DepositsCents, long RefundsCents, int PaymentCount);

public sealed record PropertyIncome(int PropertyId, string PropertyName, string City, long IncomeCents);

public sealed record FinancialReport(int Year, long TotalIncomeCents, IReadOnlyList<MonthlyIncome> Months, IReadOnlyList<PropertyIncome> TopProperties);

public interface IFinancialReports
{
    Task<FinancialReport> GetYearlyReportAsync(int year, CancellationToken cancellationToken = default);
}

public sealed class FinancialReports(AssetAnchorDbContext db) : IFinancialReports
{
    private const int MonthsPerYear = 12;
    public const int TopPropertyCount = 10;

    /// <summary>Two round trips, both aggregated by the database: income per month, and the top-earning properties.</summary>
    public async Task<FinancialReport> GetYearlyReportAsync(int year, CancellationToken cancellationToken = default)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be between 1 and 9998.");
        }

        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var paymentsInYear = db.Payments.AsNoTracking().Where(p => p.PaidAtUtc >= from && p.PaidAtUtc < to);

        var monthRows = await paymentsInYear
            .GroupBy(p => p.PaidAtUtc.Month)
            .Select(g => new
            {
                Month = g.Key,
                Rent = g.Sum(p => p.Kind == PaymentKind.Rent ? p.AmountCents : 0),
                Fees = g.Sum(p => p.Kind == PaymentKind.LateFee ? p.AmountCents : 0),
                Deposits = g.Sum(p => p.Kind == PaymentKind.Deposit ? p.AmountCents : 0),
                Refunds = g.Sum(p => p.Kind == PaymentKind.Refund ? p.AmountCents : 0),
                Count = g.Count(),
            })
            .OrderBy(m => m.Month)
            .Take(MonthsPerYear)
            .ToListAsync(cancellationToken);
        var months = monthRows
            .Select(m => new MonthlyIncome(m.Month, m.Rent, m.Fees, m.Deposits, m.Refunds, m.Count))
            .ToList();

        var topRows = await paymentsInYear
            .Where(p => p.Kind != PaymentKind.Refund)
            .GroupBy(p => new { p.Lease!.PropertyId, p.Lease.Property!.Name, p.Lease.Property.City })
            .Select(g => new { g.Key.PropertyId, g.Key.Name, g.Key.City, Income = g.Sum(p => p.AmountCents) })
            .OrderByDescending(p => p.Income)
            .ThenBy(p => p.PropertyId)
            .Take(TopPropertyCount)
            .ToListAsync(cancellationToken);
        var topProperties = topRows.Select(p => new PropertyIncome(p.PropertyId, p.Name, p.City, p.Income)).ToList();

        var total = months.Sum(m => m.RentCents + m.FeesCents + m.DepositsCents - m.RefundsCents);
        return new FinancialReport(year, total, months, topProperties);
    }
}
