using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AssetAnchor.Sample.Auth;
using AssetAnchor.Sample.Domain;
using AssetAnchor.Sample.Services;

namespace AssetAnchor.Sample.Tests;

public sealed class EndpointTests(SampleServiceFixture service) : IClassFixture<SampleServiceFixture>
{
    [Fact]
    public async Task Health_answers_without_a_token()
    {
        using var client = service.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/properties")]
    [InlineData("/api/tenants")]
    [InlineData("/api/transactions")]
    [InlineData("/api/documents")]
    [InlineData("/api/reports/financial/2024")]
    public async Task Data_endpoints_refuse_requests_without_a_token(string path)
    {
        using var client = service.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_rejects_a_wrong_password()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "manager@assetanchor.example", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_issues_a_working_pair_and_refuses_access_tokens_and_tampering()
    {
        using var client = service.CreateClient();
        var first = await SampleServiceFixture.LoginAsync(client);

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenPair>())!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/properties?pageSize=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var withAccessToken = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.AccessToken });
        Assert.Equal(HttpStatusCode.Unauthorized, withAccessToken.StatusCode);

        var tampered = first.RefreshToken[..^2] + (first.RefreshToken[^2] == 'A' ? "B" : "A") + first.RefreshToken[^1];
        var withTampered = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tampered });
        Assert.Equal(HttpStatusCode.Unauthorized, withTampered.StatusCode);
    }

    [Fact]
    public async Task Listing_clamps_the_page_size_to_the_maximum()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var page = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?pageSize=5000", Json.Options);

        Assert.NotNull(page);
        Assert.Equal(PropertyQueries.MaxPageSize, page.PageSize);
        Assert.Equal(PropertyQueries.MaxPageSize, page.Items.Count);
        Assert.Equal(1_000, page.TotalCount);

        var tiny = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?pageSize=0&page=-3", Json.Options);
        Assert.Equal(1, tiny!.PageSize);
        Assert.Equal(1, tiny.Page);
        Assert.Single(tiny.Items);
    }

    [Fact]
    public async Task Listing_pages_are_stable_disjoint_and_sorted()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var first = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?sort=RentAscending&page=1&pageSize=30", Json.Options);
        var second = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?sort=RentAscending&page=2&pageSize=30", Json.Options);

        var rents = first!.Items.Concat(second!.Items).Select(p => p.MonthlyRentCents).ToList();
        Assert.Equal(rents.Order().ToList(), rents);
        Assert.Empty(first.Items.Select(p => p.Id).Intersect(second.Items.Select(p => p.Id)));
        Assert.Equal(34, first.TotalPages);
    }

    [Fact]
    public async Task Listing_filters_by_city_and_status()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var page = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?city=Austin&status=Leased&pageSize=100", Json.Options);

        Assert.NotEmpty(page!.Items);
        Assert.All(page.Items, p =>
        {
            Assert.Equal("Austin", p.City);
            Assert.Equal(PropertyStatus.Leased, p.Status);
        });
        Assert.True(page.TotalCount < 1_000);
    }

    [Fact]
    public async Task Detail_includes_owner_and_current_leases_and_404s_for_unknown_ids()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var leased = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?status=Leased&pageSize=1", Json.Options);
        var detail = await client.GetFromJsonAsync<PropertyDetail>($"/api/properties/{leased!.Items[0].Id}", Json.Options);

        Assert.False(string.IsNullOrEmpty(detail!.OwnerName));
        Assert.Equal(DateTimeKind.Utc, detail.ListedAtUtc.Kind);
        Assert.Contains(detail.CurrentLeases, l => l.Status == LeaseStatus.Active && !string.IsNullOrWhiteSpace(l.TenantName));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/properties/999999", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Tenant_search_matches_the_prefix_and_background_check_answers()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var page = await client.GetFromJsonAsync<PagedResult<TenantSummary>>("/api/tenants?q=Gar&pageSize=100", Json.Options);

        Assert.NotEmpty(page!.Items);
        Assert.All(page.Items, t => Assert.True(
            t.LastName.StartsWith("Gar", StringComparison.Ordinal) || t.FirstName.StartsWith("Gar", StringComparison.Ordinal)
            || t.Email.StartsWith("Gar", StringComparison.OrdinalIgnoreCase)));

        var check = await client.GetFromJsonAsync<BackgroundCheckResult>($"/api/tenants/{page.Items[0].Id}/background-check", Json.Options);
        Assert.Equal(page.Items[0].Id, check!.TenantId);
        Assert.Equal(page.Items[0].BackgroundCheckStatus, check.Status);
    }

    [Fact]
    public async Task Rent_payment_is_recorded_and_shows_first_in_the_history()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var leased = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?status=Leased&pageSize=1&page=3", Json.Options);
        var detail = await client.GetFromJsonAsync<PropertyDetail>($"/api/properties/{leased!.Items[0].Id}", Json.Options);
        var lease = detail!.CurrentLeases.First(l => l.Status == LeaseStatus.Active);
        var before = await client.GetFromJsonAsync<PagedResult<TransactionRow>>($"/api/transactions?leaseId={lease.LeaseId}", Json.Options);

        var paidAt = new DateTime(2030, 1, 5, 9, 30, 0, DateTimeKind.Utc);
        var response = await client.PostAsJsonAsync("/api/payments", new RentPaymentRequest(lease.LeaseId, 1_234_56, PaymentMethod.Card, paidAt), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<PaymentReceipt>(Json.Options))!;

        var after = await client.GetFromJsonAsync<PagedResult<TransactionRow>>($"/api/transactions?leaseId={lease.LeaseId}", Json.Options);
        Assert.Equal(before!.TotalCount + 1, after!.TotalCount);
        Assert.Equal(receipt.PaymentId, after.Items[0].Id);
        Assert.Equal(1_234_56, after.Items[0].AmountCents);
    }

    [Fact]
    public async Task Payment_errors_are_reported_without_writing()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var unknownLease = await client.PostAsJsonAsync("/api/payments", new RentPaymentRequest(999_999, 100, PaymentMethod.Card, DateTime.UtcNow), Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, unknownLease.StatusCode);

        var negative = await client.PostAsJsonAsync("/api/payments", new RentPaymentRequest(1, -5, PaymentMethod.Card, DateTime.UtcNow), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task Financial_report_adds_up_per_month()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var report = await client.GetFromJsonAsync<FinancialReport>("/api/reports/financial/2024", Json.Options);

        Assert.Equal(12, report!.Months.Count);
        Assert.Equal(Enumerable.Range(1, 12), report.Months.Select(m => m.Month));
        Assert.Equal(report.Months.Sum(m => m.RentCents + m.FeesCents + m.DepositsCents - m.RefundsCents), report.TotalIncomeCents);
        Assert.Equal(FinancialReports.TopPropertyCount, report.TopProperties.Count);
        Assert.Equal(report.TopProperties.Select(p => p.IncomeCents).OrderDescending(), report.TopProperties.Select(p => p.IncomeCents));
    }

    [Fact]
    public async Task Document_upload_download_and_search_round_trip_the_bytes()
    {
        using var client = await service.CreateAuthenticatedClientAsync();
        var bytes = new byte[3_000];
        new Random(5).NextBytes(bytes);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var upload = await client.PostAsync(new Uri("/api/properties/3/documents?fileName=roof-survey-unique.pdf", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var stored = (await upload.Content.ReadFromJsonAsync<DocumentInfo>(Json.Options))!;

        var downloaded = await client.GetByteArrayAsync(new Uri($"/api/documents/{stored.Id}", UriKind.Relative));
        Assert.Equal(bytes, downloaded);

        var found = await client.GetFromJsonAsync<PagedResult<DocumentInfo>>("/api/documents?q=roof-survey-unique", Json.Options);
        Assert.Equal(stored.Id, Assert.Single(found!.Items).Id);

        using var orphan = new ByteArrayContent(bytes);
        var missingProperty = await client.PostAsync(new Uri("/api/properties/999999/documents?fileName=x.pdf", UriKind.Relative), orphan);
        Assert.Equal(HttpStatusCode.NotFound, missingProperty.StatusCode);
    }
}
