namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules.Endpoints;

/// <summary>
/// PG0004 on the shapes real code returns that are not "every row": one parent with its children, the distinct
/// values of one column, group summaries. And their near neighbours that still are.
/// </summary>
public sealed class EndpointRowsShapesTests
{
    /// <summary>A billing model beside the Asset Anchor one: an invoice with line items, a status enum.</summary>
    private const string Billing = """
        public enum InvoiceStatus { Draft, Sent, Paid }
        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Invoice { public int Id { get; set; } public int CustomerId { get; set; } public InvoiceStatus Status { get; set; } public string Currency { get; set; } = ""; public List<InvoiceLine> Lines { get; set; } = new(); }
        public class InvoiceLine { public int Id { get; set; } public int InvoiceId { get; set; } public Invoice Invoice { get; set; } = null!; public int ProductId { get; set; } public decimal Amount { get; set; } }
        public class InvoiceDto { public int Id { get; set; } public List<InvoiceLine> Lines { get; set; } = new(); }
        public class BillingContext : DbContext
        {
            public DbSet<Customer> Customers => Set<Customer>();
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
        }

        """;

    private static Task Verify(string code) => UnpaginatedCollectionEndpointAnalyzerTests.Verify(Billing + code);

    // ------------------------------------------------------------- one parent with its children

    [Fact]
    public Task SingleInvoiceWithItsLines_InAnAnonymousResponse_IsNotReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            [HttpGet("{id}")]
            public async Task<IActionResult> GetInvoice(int id)
            {
                var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id);
                var lines = await db.InvoiceLines.Where(l => l.InvoiceId == id).ToListAsync();
                return Ok(new { invoice, lines });
            }
        }
        """);

    [Fact]
    public Task SingleInvoiceDtoCarryingItsLines_IsNotReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            [HttpGet("{id}")]
            public async Task<ActionResult<InvoiceDto>> GetInvoice(int id) => new InvoiceDto
            {
                Id = id,
                Lines = await db.InvoiceLines.Where(l => l.Invoice.Id == id && l.Amount > 0).ToListAsync(),
            };

            [HttpGet("{id}/full")]
            public Task<Invoice?> GetInvoiceWithLines(int id) => db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == id);

            [HttpGet("{id}/items")]
            public async Task<IActionResult> GetItems(int id) => Ok((await db.Invoices.Include(i => i.Lines).FirstAsync(i => i.Id == id)).Lines);
        }
        """);

    [Fact]
    public Task ListOfInvoices_IsReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:GetInvoices|}() => Ok(await db.Invoices.Include(i => i.Lines).ToListAsync());
        }
        """);

    [Fact]
    public Task PerParentListOnItsOwn_IsStillReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            // A customer's invoices: one parent, but the list is the response and it grows with the customer.
            [HttpGet("/api/customers/{customerId}/invoices")]
            public Task<List<Invoice>> {|PG0004:ForCustomer|}(int customerId) => db.Invoices.Where(i => i.CustomerId == customerId).ToListAsync();
        }
        """);

    [Fact]
    public Task SingleRowBesideRowsOfAnotherParentOrOfEveryParent_IsReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            [HttpGet("{id}/product/{productId}")]
            public async Task<IActionResult> {|PG0004:SameProduct|}(int id, int productId)
            {
                var invoice = await db.Invoices.FindAsync(id);
                var lines = await db.InvoiceLines.Where(l => l.ProductId == productId).ToListAsync();
                return Ok(new { invoice, lines });
            }

            [HttpGet("{id}/everything")]
            public async Task<IActionResult> {|PG0004:Everything|}(int id) =>
                Ok(new { invoice = await db.Invoices.FindAsync(id), lines = await db.InvoiceLines.ToListAsync() });
        }
        """);

    // ------------------------------------------------------------- distinct values, group summaries

    [Fact]
    public Task DistinctOfOneScalarColumn_IsNotReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            [HttpGet("statuses")]
            public Task<List<InvoiceStatus>> Statuses() => db.Invoices.Select(i => i.Status).Distinct().ToListAsync();

            [HttpGet("currencies")]
            public async Task<IActionResult> Currencies() =>
                Ok(await db.Invoices.Where(i => i.CustomerId > 0).Select(i => i.Currency).Distinct().Select(c => new { Code = c }).ToListAsync());
        }
        """);

    [Fact]
    public Task DistinctRows_AreReported() => Verify("""
        [ApiController, Route("api/invoices")]
        public class InvoicesController(BillingContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Invoice>> {|PG0004:All|}() => db.Invoices.Distinct().ToListAsync();

            [HttpGet("pairs")]
            public async Task<IActionResult> {|PG0004:Pairs|}() => Ok(await db.InvoiceLines.Select(l => new { l.InvoiceId, l.ProductId }).Distinct().ToListAsync());
        }
        """);

    [Fact]
    public Task GroupedAggregates_AreNotReported() => Verify("""
        [ApiController, Route("api/stats")]
        public class StatsController(BillingContext db) : ControllerBase
        {
            [HttpGet("by-status")]
            public async Task<IActionResult> ByStatus() =>
                Ok(await db.Invoices.GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync());

            [HttpGet("totals")]
            public async Task<IActionResult> Totals() =>
                Ok(await db.InvoiceLines.GroupBy(l => l.ProductId, (product, lines) => new { product, Total = lines.Sum(l => l.Amount) }).ToListAsync());

            [HttpGet("top-customers")]
            public async Task<IActionResult> TopCustomers() =>
                Ok((await db.Invoices.ToListAsync()).GroupBy(i => i.CustomerId)
                    .Select(g => new { g.Key, Paid = g.Where(i => i.Status == InvoiceStatus.Paid).Count() })
                    .OrderByDescending(x => x.Paid).Take(5));
        }
        """);

    [Fact]
    public Task GroupsThatCarryTheirRows_AreReported() => Verify("""
        [ApiController, Route("api/stats")]
        public class StatsController(BillingContext db) : ControllerBase
        {
            [HttpGet("by-customer")]
            public async Task<IActionResult> {|PG0004:ByCustomer|}() =>
                Ok(await db.Invoices.GroupBy(i => i.CustomerId).Select(g => new { g.Key, Invoices = g.ToList() }).ToListAsync());

            [HttpGet("groups")]
            public async Task<IActionResult> {|PG0004:Groups|}() => Ok((await db.Invoices.ToListAsync()).GroupBy(i => i.CustomerId).ToList());
        }
        """);
}
