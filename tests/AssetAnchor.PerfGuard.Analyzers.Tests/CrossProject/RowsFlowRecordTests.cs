using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The rows shapes of issue 10 (iterators, fields, lists filled row by row) are part of the shared rows summaries,
/// so a referenced project records them and its dependents report the endpoints that return them.
/// </summary>
public sealed class RowsFlowRecordTests
{
    private const string Feeds = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Feeds;

        public class Lease { public int Id { get; set; } public decimal Rent { get; set; } }
        public class FeedContext(DbContextOptions<FeedContext> options) : DbContext(options)
        {
            public DbSet<Lease> Leases => Set<Lease>();
        }

        public class LeaseFeed(FeedContext db)
        {
            private List<Lease> _all = new();
            private List<Lease> _recent = new();

            public IEnumerable<decimal> Rents()
            {
                foreach (var lease in db.Leases)
                {
                    yield return lease.Rent;
                }
            }

            public IEnumerable<decimal> FirstRents()
            {
                foreach (var lease in db.Leases.OrderBy(l => l.Id).Take(20))
                {
                    yield return lease.Rent;
                }
            }

            public async Task LoadAsync()
            {
                _all = await db.Leases.ToListAsync();
                _recent = await db.Leases.OrderByDescending(l => l.Id).Take(10).ToListAsync();
            }

            public List<Lease> All() => _all;

            public List<Lease> Recent() => _recent;

            public async Task<List<int>> Ids()
            {
                var ids = new List<int>();
                foreach (var lease in await db.Leases.ToListAsync())
                {
                    ids.Add(lease.Id);
                }

                return ids;
            }
        }
        """;

    private static readonly Lazy<ReferencedProject> FeedsProject = new(() => ReferencedProject.Build("Anchor.Feeds", Feeds));

    [Fact]
    public void TheReferencedProjectRecordsIteratorsFieldsAndListsFilledRowByRow()
    {
        var summary = FeedsProject.Value.Summary;
        Assert.NotNull(summary);
        var records = summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();
        Assert.Contains(records, static r => r.Contains("LeaseFeed.Rents\\t", StringComparison.Ordinal) && r.Contains("\\tU\\t", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("LeaseFeed.All\\t", StringComparison.Ordinal) && r.Contains("\\tU\\t", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("LeaseFeed.Ids\\t", StringComparison.Ordinal) && r.Contains("\\tU\\t", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("LeaseFeed.FirstRents\\t", StringComparison.Ordinal) && r.Contains("\\tB\\t", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("LeaseFeed.Recent\\t", StringComparison.Ordinal) && r.Contains("\\tB\\t", StringComparison.Ordinal));
    }

    [Fact]
    public Task EndpointsOverRecordedShapes_AreReportedOnlyWhenUnbounded()
    {
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Anchor.Feeds;
                using Microsoft.AspNetCore.Mvc;

                [ApiController, Route("leases")]
                public class LeasesController(LeaseFeed feed) : ControllerBase
                {
                    [HttpGet("rents")]
                    public IActionResult {|PG0004:Rents|}() => Ok(feed.Rents().ToList());

                    [HttpGet("all")]
                    public async Task<IActionResult> {|PG0004:All|}()
                    {
                        await feed.LoadAsync();
                        return Ok(feed.All());
                    }

                    [HttpGet("ids")]
                    public async Task<List<int>> {|PG0004:Ids|}() => await feed.Ids();

                    [HttpGet("first")]
                    public IActionResult First() => Ok(feed.FirstRents().ToList());

                    [HttpGet("recent")]
                    public async Task<IActionResult> Recent()
                    {
                        await feed.LoadAsync();
                        return Ok(feed.Recent());
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(FeedsProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
