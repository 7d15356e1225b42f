using AssetAnchor.Sample.Services;
using Microsoft.AspNetCore.Mvc;

namespace AssetAnchor.Sample.Endpoints;

public static class FinanceEndpoints
{
    public static IEndpointRouteBuilder MapFinanceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapPost("/payments", async (RentPaymentRequest request, IPaymentService payments, CancellationToken cancellationToken) =>
        {
            var result = await payments.RecordRentPaymentAsync(request, cancellationToken);
            return result.Outcome switch
            {
                PaymentOutcome.Recorded => Results.Created($"/api/transactions?leaseId={request.LeaseId}", result.Receipt),
                PaymentOutcome.LeaseNotFound => Results.NotFound(),
                PaymentOutcome.LeaseNotActive => Results.Conflict(new { error = "The lease is not active." }),
                _ => Results.BadRequest(new { error = "The amount must be positive." }),
            };
        });

        api.MapGet("/transactions", async (
            [FromQuery] int? propertyId,
            [FromQuery] int? leaseId,
            [FromQuery] DateTime? fromUtc,
            [FromQuery] DateTime? toUtc,
            ITransactionQueries transactions,
            CancellationToken cancellationToken,
            [FromQuery] int page = 1,
            [FromQuery] int pageSize = Paging.DefaultPageSize) =>
            Results.Ok(await transactions.GetHistoryAsync(
                new TransactionHistoryFilter(propertyId, leaseId, fromUtc, toUtc), page, pageSize, cancellationToken)));

        api.MapGet("/reports/financial/{year:int}", async (int year, IFinancialReports reports, CancellationToken cancellationToken) =>
            year is < 1 or > 9998
                ? Results.BadRequest(new { error = "The year must be between 1 and 9998." })
                : Results.Ok(await reports.GetYearlyReportAsync(year, cancellationToken)));

        return app;
    }
}
